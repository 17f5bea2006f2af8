// window.SetupFlow, the global of the script-tag builds (dist/setupflow.js,
// entry index.mjs; dist/setupflow-element.js, entry element.mjs): the same
// shim as the ES module, exposed as a global that returns an instance
// synchronously, as Stripe.js's Stripe(pk) does:
//
//   <script src="/dist/setupflow.js"></script>
//   const flow = SetupFlow('pk_test_…', { apiBase: 'http://127.0.0.1:4242' });
//   const { setupIntent, error } = await flow.confirmCashappSetup(secret, data);
//
// SetupFlow() checks its arguments at once (a secret key or a bad option throws
// IntegrationError, exactly as loadSetupFlow does, before anything is fetched),
// then starts loading the wasm. Every method waits for that load and then
// calls the ES module's instance, so results and errors keep their shapes;
// misuse that the instance detects rejects with IntegrationError. withOptions
// returns a sibling instance at once, so calls chain before the wasm is here.
//
// scripts/build-script-tag bundles this with the Emscripten glue and runs
// Closure ADVANCED over it; externs.js keeps every name a page or the API
// server sees.
import { IntegrationError, loadSetupFlow, version } from '../index.mjs';
import { wasmUrlNextToScript } from './script-url.mjs';

const METHODS = [
  'confirmCashappSetup',
  'confirmCashappPayment',
  'retrieveSetupIntent',
  'retrievePaymentIntent',
  'handleNextAction',
  'handleReturn',
  'consentText',
];

/**
 * @param {string} publishableKey
 * @param {object=} options as loadSetupFlow's
 * @returns {object} the instance; its methods return promises
 */
function SetupFlow(publishableKey, options) {
  let opts = options === undefined ? {} : options;
  // Anything but a plain object goes to loadSetupFlow as given, which rejects it.
  if (typeof opts === 'object' && opts !== null && !Array.isArray(opts) && !opts.wasmUrl && !opts.wasmBinary) {
    if (!wasmUrlNextToScript) {
      throw new IntegrationError('SetupFlow: setupflow.js did not run from a <script src>; pass options.wasmUrl.', {
        param: 'wasmUrl',
      });
    }
    opts = { ...opts, wasmUrl: wasmUrlNextToScript };
  }
  // Throws IntegrationError synchronously for a secret key or bad options,
  // before any request; then starts loading the wasm.
  return wrap(() => loadSetupFlow(publishableKey, opts));
}

// An instance over load(), a promise of the ES module's instance, made now.
// A failed load (the wasm could not be fetched) rejects the calls made
// meanwhile; the next call loads again (the loader forgets a failed load).
function wrap(load) {
  let ready = null;
  const instance = () =>
    ready ||
    (ready = load().catch((cause) => {
      ready = null;
      throw cause;
    }));
  instance().catch(() => {}); // the calls report it
  const api = {};
  for (const name of METHODS) {
    api[name] = (...args) => instance().then((flow) => flow[name](...args));
  }
  api['withOptions'] = (overrides) => wrap(() => instance().then((flow) => flow.withOptions(overrides)));
  return Object.freeze(api);
}

SetupFlow['version'] = version;
SetupFlow['IntegrationError'] = IntegrationError;

/** Sets window.SetupFlow (an entry point calls it: importing this module does nothing). */
export function installSetupFlowGlobal() {
  if (typeof window !== 'undefined') window['SetupFlow'] = SetupFlow;
}
