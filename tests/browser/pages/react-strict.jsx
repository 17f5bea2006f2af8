// The React test shop: setupflow/react under StrictMode (effects run twice in
// development), bundled by esbuild as an integrator's bundler would
// (scripts/build-dropin --pages → build/pages/react-strict.mjs) and served
// under the strict CSP. Hooks for the Playwright spec:
//   window.calls      → {success: [ids], error: [codes], cancel: [statuses], ready}
//   window.violations → Content-Security-Policy violations
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSetupFlow } from 'setupflow';
import { CashAppSetup, SetupFlowProvider, useSetupFlow } from 'setupflow/react';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
window.violations = violations;
window.calls = { success: [], error: [], cancel: [], ready: 0 };

const params = new URLSearchParams(location.search);
// Outside render, as with Stripe's loadStripe: one instance for the page.
const flowPromise = loadSetupFlow('pk_test_setupflowsandbox', { apiBase: location.origin });

function Checkout() {
  const flow = useSetupFlow();
  const [outcome, setOutcome] = useState('');
  const [renders, setRenders] = useState(0);
  // New callback closures on every render: the wrapper must keep the latest
  // without re-creating the element or calling twice.
  return (
    <>
      <p id="instance">{flow ? 'instance: loaded' : 'instance: loading'}</p>
      <CashAppSetup
        clientSecret={params.get('secret') || ''}
        merchantName="Rocket Rides"
        locale="en"
        device="desktop"
        onReady={() => {
          window.calls.ready += 1;
        }}
        onSuccess={(intent) => {
          window.calls.success.push(intent.id);
          setOutcome(`succeeded (render ${renders})`);
        }}
        onError={(error) => {
          window.calls.error.push(error.code || error.type);
          setOutcome(`error: ${error.code || error.type}`);
        }}
        onCancel={(detail) => {
          window.calls.cancel.push(detail.intent.status);
          setOutcome('canceled');
        }}
      />
      <button type="button" id="rerender" onClick={() => setRenders((n) => n + 1)}>
        Re-render ({renders})
      </button>
      <output id="outcome">{outcome}</output>
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <SetupFlowProvider setupFlow={flowPromise}>
      <Checkout />
    </SetupFlowProvider>
  </StrictMode>,
);
