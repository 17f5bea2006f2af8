// The demo checkout: the merchant's server (the sandbox's /demo/api) creates a
// Customer and a SetupIntent (or a PaymentIntent with setup_future_usage), the
// page confirms it with the package, exactly as an integrator would.
import { loadSetupFlow } from '/dist/setupflow.mjs';
import { applyTexts, merchant, pageLocale } from './i18n.mjs';
import { createQrPanel } from './qr-panel.mjs';

const locale = pageLocale();
const t = applyTexts(locale);
const mode = new URLSearchParams(location.search).get('mode') === 'payment' ? 'payment' : 'setup';
const button = document.getElementById('start');
const status = document.getElementById('status');
button.textContent = mode === 'payment' ? t.pay : t.save;
if (mode === 'payment') document.getElementById('title').textContent = t.nav.payment;

// The authorisation text comes from the C++ core (the same wording and version
// the mandate records), shown before the shopper saves anything, and is the
// button's accessible description (aria-describedby in checkout.html), so a
// keyboard or screen-reader user hears it on reaching the button.
const config = await merchant('config');
const flow = await loadSetupFlow(config.publishable_key, { apiBase: location.origin, locale });
const consent = flow.consentText(locale, config.merchant_name, mode);
document.getElementById('consent').textContent = consent.text;

function say(text) {
  status.textContent = text;
}

// While a request runs the button says so with aria-disabled rather than
// `disabled`, which would drop its focus and leave the dialog nowhere to
// return focus to.
let busy = false;
button.addEventListener('click', async () => {
  if (busy) return;
  busy = true;
  button.setAttribute('aria-disabled', 'true');
  say(t.starting);
  try {
    const email = document.getElementById('email').value;
    const created = await merchant('checkout', { mode, email });
    const intentId = created.client_secret.split('_secret_')[0];
    const shop = flow.withOptions({ presenter: createQrPanel({ t, phoneUrl: `/demo/phone/${intentId}` }) });
    const returnUrl = new URL(`/return.html?lang=${locale}`, location.href).href;
    const data = { payment_method: { type: 'cashapp' }, return_url: returnUrl };
    // The QR dialog says "waiting" in its own live region; saying it here too
    // would announce it twice.
    say('');
    const result = mode === 'payment'
      ? await shop.confirmCashappPayment(created.client_secret, data)
      : await shop.confirmCashappSetup(created.client_secret, data);
    const intent = result.setupIntent || result.paymentIntent;
    if (result.error) say(t.failed + result.error.message);
    else if (intent.status === 'succeeded') say(t.succeeded);
    else if (intent.status === 'requires_action') say(t.canceled);
    else say(`${intent.status}`);
  } catch (error) {
    say(t.failed + error.message);
  } finally {
    busy = false;
    button.removeAttribute('aria-disabled');
  }
});
