// setupflow/react: a provider for a SetupFlow instance and <CashAppSetup>,
// which wraps <setupflow-cashapp> (STYLE.md: the react-stripe-js pattern).
//
//   const flowPromise = loadSetupFlow('pk_test_…', { apiBase });  // outside render
//   <SetupFlowProvider setupFlow={flowPromise}>
//     <CashAppSetup clientSecret={secret} returnUrl={url} merchantName="Rocket Rides"
//       onSuccess={(intent) => …} onError={(error) => …} onCancel={() => …} />
//   </SetupFlowProvider>
//
// Every element component comes from createElementComponent
// (element-component.mjs); a new flow's is one call below.
import { createElement, useContext, useEffect, useRef, useState } from 'react';
import { TAG, defineSetupFlowCashapp } from '../element/index.mjs';
import { SetupFlowContext } from './context.mjs';
import { createElementComponent } from './element-component.mjs';

const isPromise = (v) => v !== null && typeof v === 'object' && typeof v.then === 'function';

function check(setupFlow) {
  if (setupFlow === null || isPromise(setupFlow)) return;
  if (typeof setupFlow !== 'object' || typeof setupFlow.confirmCashappSetup !== 'function') {
    throw new Error(
      'SetupFlowProvider: the setupFlow prop expects a SetupFlow instance, a promise of one (from loadSetupFlow), or null.',
    );
  }
}

/**
 * Makes a SetupFlow instance available to useSetupFlow() and <CashAppSetup>.
 * `setupFlow`: an instance, a promise of one, or null (not yet known). Once an
 * instance is set it cannot be changed (a warning, as react-stripe-js does).
 */
export function SetupFlowProvider({ setupFlow = null, children }) {
  check(setupFlow);
  const [flow, setFlow] = useState(() => (setupFlow && !isPromise(setupFlow) ? setupFlow : null));
  const given = useRef(setupFlow);

  useEffect(() => {
    let active = true;
    if (given.current !== setupFlow && flow) {
      console.warn('SetupFlowProvider: the setupFlow prop cannot change once an instance is set; the new value is ignored.');
      return undefined;
    }
    given.current = setupFlow;
    if (isPromise(setupFlow)) {
      setupFlow.then((resolved) => {
        if (active && resolved) setFlow((current) => current || resolved);
      });
    } else if (setupFlow) {
      setFlow((current) => current || setupFlow);
    }
    return () => {
      active = false;
    };
  }, [setupFlow, flow]);

  return createElement(SetupFlowContext.Provider, { value: { setupFlow: flow } }, children);
}

/** The provider's SetupFlow instance, or null until its promise resolves. */
export function useSetupFlow() {
  const context = useContext(SetupFlowContext);
  if (!context) throw new Error('useSetupFlow() must be called inside a <SetupFlowProvider>.');
  return context.setupFlow;
}

/**
 * <setupflow-cashapp> for React. Confirms with the provider's instance; without
 * a provider, pass publishableKey (and apiBase). onSuccess(intent, detail),
 * onError(error, detail) (declined, expired, API or network error), onCancel(detail),
 * onReady(detail), onConfirm(detail), onQr(detail). `children` become the
 * element's light-DOM children: give them slot="dialog-aside" to show them in
 * the QR dialog (client only; nothing of them is rendered on the server).
 */
export const CashAppSetup = createElementComponent(TAG, {
  displayName: 'CashAppSetup',
  define: () => defineSetupFlowCashapp(),
  props: {
    clientSecret: 'client-secret',
    returnUrl: 'return-url',
    merchantName: 'merchant-name',
    locale: 'locale',
    mode: 'mode',
    terms: 'terms',
    device: 'device',
    publishableKey: 'publishable-key',
    apiBase: 'api-base',
  },
  events: {
    'setupflow:ready': { prop: 'onReady' },
    'setupflow:confirm': { prop: 'onConfirm' },
    'setupflow:qr': { prop: 'onQr' },
    'setupflow:succeeded': { prop: 'onSuccess', lead: 'intent' },
    'setupflow:failed': { prop: 'onError', lead: 'error' },
    'setupflow:expired': { prop: 'onError', lead: 'error' },
    'setupflow:canceled': { prop: 'onCancel' },
  },
});
