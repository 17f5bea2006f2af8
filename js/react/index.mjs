// setupflow/react: a provider for a SetupFlow instance and <CashAppSetup>,
// which wraps <setupflow-cashapp> (STYLE.md: the react-stripe-js pattern).
//
//   const flowPromise = loadSetupFlow('pk_test_…', { apiBase });  // outside render
//   <SetupFlowProvider setupFlow={flowPromise}>
//     <CashAppSetup clientSecret={secret} returnUrl={url} merchantName="Rocket Rides"
//       onSuccess={(intent) => …} onError={(error) => …} onCancel={() => …} />
//   </SetupFlowProvider>
//
// Safe under StrictMode: React renders the element itself (its children
// become the element's light DOM, e.g. slot="dialog-aside" content for the QR
// dialog) and StrictMode's simulated unmount/remount of effects never
// removes it from the DOM, so it keeps its state, and its one click listener
// sends one confirm per click. Callbacks are read from refs, so new closures
// on every render neither re-create anything nor miss an event. On the server
// (and in the hydration render) it renders an empty <div>, and nothing here
// touches window at import.
import { createContext, createElement, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { TAG, defineSetupFlowCashapp } from '../element/index.mjs';

const SetupFlowContext = createContext(null);

// useLayoutEffect warns on the server in older Reacts; it never runs there.
const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

// true in the browser, false on the server and while hydrating its HTML (so
// the first client render matches the server's), without an extra render
// for a client-only root.
const subscribeNever = () => () => {};
const useOnClient = () => useSyncExternalStore(subscribeNever, () => true, () => false);

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

// Props that become attributes of <setupflow-cashapp>.
const ATTRIBUTE_PROPS = {
  clientSecret: 'client-secret',
  returnUrl: 'return-url',
  merchantName: 'merchant-name',
  locale: 'locale',
  mode: 'mode',
  terms: 'terms',
  device: 'device',
  publishableKey: 'publishable-key',
  apiBase: 'api-base',
};

// Event → callback prop (each called with the event's detail).
const EVENT_PROPS = {
  'setupflow:ready': 'onReady',
  'setupflow:confirm': 'onConfirm',
  'setupflow:qr': 'onQr',
  'setupflow:succeeded': 'onSuccess',
  'setupflow:failed': 'onError',
  'setupflow:expired': 'onError',
  'setupflow:canceled': 'onCancel',
};

/**
 * <setupflow-cashapp> for React. Confirms with the provider's instance; without
 * a provider, pass publishableKey (and apiBase). onSuccess(intent, detail),
 * onError(error, detail) (declined, expired, API or network error), onCancel(detail),
 * onReady(detail), onConfirm(detail), onQr(detail). `children` become the
 * element's light-DOM children: give them slot="dialog-aside" to show them in
 * the QR dialog (client only; nothing of them is rendered on the server).
 */
export function CashAppSetup(props) {
  const context = useContext(SetupFlowContext);
  const setupFlow = context ? context.setupFlow : null;
  const onClient = useOnClient();
  const elementRef = useRef(null);
  const listening = useRef(null); // the element the event listeners are on
  const propsRef = useRef(props);
  propsRef.current = props;

  // Registers the element; one React created before this is upgraded here.
  useIsomorphicLayoutEffect(() => {
    defineSetupFlowCashapp();
  }, []);

  // Listeners once per element, then attributes and the instance, before
  // paint; unchanged values are skipped (the element warns about immutable
  // ones changed after a confirm started).
  useIsomorphicLayoutEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    if (listening.current !== element) {
      listening.current = element;
      for (const [type, prop] of Object.entries(EVENT_PROPS)) {
        element.addEventListener(type, (event) => {
          const callback = propsRef.current[prop];
          if (typeof callback !== 'function') return;
          const detail = event.detail;
          if (prop === 'onSuccess') callback(detail.intent, detail);
          else if (prop === 'onError') callback(detail.error, detail);
          else callback(detail);
        });
      }
    }
    for (const [prop, attribute] of Object.entries(ATTRIBUTE_PROPS)) {
      const value = props[prop];
      const text = value === undefined || value === null ? null : String(value);
      if (element.getAttribute(attribute) === text) continue;
      if (text === null) element.removeAttribute(attribute);
      else element.setAttribute(attribute, text);
    }
    if (setupFlow && element.setupFlow !== setupFlow) element.setupFlow = setupFlow;
  });

  return createElement(
    'div',
    { className: props.className, id: props.id },
    onClient ? createElement(TAG, { ref: elementRef }, props.children) : null,
  );
}
