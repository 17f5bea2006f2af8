// The return page: the package reads the return parameters and retrieves the
// intent; redirect_status is never trusted on its own.
//
// The client secret leaves the address bar before anything else happens: it
// must not stay in the history, a bookmark or a shared link, nor go into the
// language switch. The outcome this tab verified is kept for the intent in
// sessionStorage, so switching the language (which reloads the page without
// the secret) shows it again instead of failing.
import { loadSetupFlow } from '/dist/setupflow.mjs';
import { applyTexts, merchant, pageLocale } from './i18n.mjs';

const SECRET_PARAMS = ['setup_intent_client_secret', 'payment_intent_client_secret'];

const returned = location.href;
const clean = new URL(returned);
const hadSecret = SECRET_PARAMS.some((name) => clean.searchParams.has(name));
for (const name of SECRET_PARAMS) clean.searchParams.delete(name);
history.replaceState(history.state, '', clean);
const intentId = clean.searchParams.get('setup_intent') || clean.searchParams.get('payment_intent');
const storageKey = `setupflow-demo-return:${intentId}`;

const locale = pageLocale();
const t = applyTexts(locale);
const status = document.getElementById('status');

// outcome: {saved: true} | {failed: message} | {status}
function show(outcome) {
  if (outcome.saved) status.textContent = t.succeeded;
  else if (outcome.failed !== undefined) status.textContent = t.failed + outcome.failed;
  else status.textContent = outcome.status;
}

async function verify() {
  const config = await merchant('config');
  const flow = await loadSetupFlow(config.publishable_key, { apiBase: location.origin, locale });
  const result = await flow.handleReturn(returned);
  if (result.error) return { failed: result.error.message };
  const intent = result.setupIntent || result.paymentIntent;
  if (intent.status === 'succeeded') return { saved: true };
  const error = intent.last_setup_error || intent.last_payment_error;
  return error ? { failed: error.message } : { status: intent.status };
}

const known = hadSecret ? null : JSON.parse(sessionStorage.getItem(storageKey) || 'null');
if (known) {
  show(known);
} else {
  status.textContent = t.checking;
  try {
    const outcome = await verify();
    if (intentId) sessionStorage.setItem(storageKey, JSON.stringify(outcome));
    show(outcome);
  } catch (error) {
    show({ failed: error.message });
  }
}
