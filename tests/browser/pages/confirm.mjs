// The test shop's checkout page (served under a strict CSP: no inline script
// or style). It uses the built package exactly as an integrator would and
// exposes a few hooks for the Playwright specs:
//   window.shop.confirm(clientSecret, {kind, handleActions})  → starts a confirm
//   window.shop.handleNextAction(clientSecret)
//   window.shop.result()      → the last settled result (or null)
//   window.shop.violations    → Content-Security-Policy violations seen
// The "Pay with Cash App" button starts the confirm too, so focus return can
// be checked.
import { loadSetupFlow } from '/dist/setupflow.mjs';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

const params = new URLSearchParams(location.search);
const flowPromise = loadSetupFlow(params.get('pk') || 'pk_test_setupflowsandbox', {
  apiBase: location.origin,
  device: params.get('device') || 'auto',
});

let last = null;
let pendingSecret = null;
const output = document.getElementById('result');

function settle(promise) {
  last = null;
  output.textContent = 'pending';
  return promise.then(
    (result) => {
      last = JSON.parse(JSON.stringify(result));
      const intent = result.setupIntent || result.paymentIntent || (result.error && (result.error.setup_intent || result.error.payment_intent));
      output.textContent = result.error ? `error: ${result.error.code || result.error.type}` : `status: ${intent.status}`;
      return last;
    },
    (error) => {
      last = { thrown: error.name, message: error.message };
      output.textContent = `thrown: ${error.name}`;
      return last;
    },
  );
}

function returnUrl() {
  return new URL('./return.html?order=42#/done', location.href).href;
}

async function confirm(clientSecret, { kind = 'setup', handleActions = true } = {}) {
  const flow = await flowPromise;
  const data = { payment_method: { type: 'cashapp' }, return_url: returnUrl() };
  const call = kind === 'payment' ? flow.confirmCashappPayment(clientSecret, data, { handleActions }) : flow.confirmCashappSetup(clientSecret, data, { handleActions });
  return settle(call);
}

async function handleNextAction(clientSecret) {
  const flow = await flowPromise;
  return settle(flow.handleNextAction({ clientSecret }));
}

document.getElementById('pay').addEventListener('click', () => {
  if (pendingSecret) confirm(pendingSecret);
});

window.shop = {
  confirm: (secret, options) => {
    confirm(secret, options);
    return true;
  },
  handleNextAction: (secret) => {
    handleNextAction(secret);
    return true;
  },
  armButton: (secret) => {
    pendingSecret = secret;
    return true;
  },
  result: () => last,
  ready: () => flowPromise.then(() => true),
  violations,
};
