// The return page: the package reads the return parameters and retrieves the
// intent; redirect_status is never trusted on its own.
import { loadSetupFlow } from '/dist/setupflow.mjs';
import { applyTexts, merchant, pageLocale } from './i18n.mjs';

const locale = pageLocale();
const t = applyTexts(locale);
const status = document.getElementById('status');
status.textContent = t.checking;

try {
  const config = await merchant('config');
  const flow = await loadSetupFlow(config.publishable_key, { apiBase: location.origin, locale });
  const result = await flow.handleReturn(location.href);
  const intent = result.setupIntent || result.paymentIntent;
  if (result.error) status.textContent = t.failed + result.error.message;
  else if (intent.status === 'succeeded') status.textContent = t.succeeded;
  else if (intent.last_setup_error || intent.last_payment_error) {
    status.textContent = t.failed + (intent.last_setup_error || intent.last_payment_error).message;
  } else status.textContent = intent.status;
} catch (error) {
  status.textContent = t.failed + error.message;
}
