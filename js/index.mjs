// setupflow: a Stripe.js-like API for Cash App Pay confirmation, driven by a
// C++ state machine compiled to WebAssembly (ARCHITECTURE.md).
//
//   const flow = await loadSetupFlow('pk_test_…', { apiBase: 'http://127.0.0.1:4242' });
//   const { setupIntent, error } = await flow.confirmCashappSetup(clientSecret, {
//     payment_method: { type: 'cashapp' }, return_url: 'https://shop.example/return' });
//
// Promises resolve with {setupIntent} | {paymentIntent} | {error} for anything
// the API or the network did; misuse throws (or rejects with) IntegrationError
// before any request is sent. Importing this module touches no DOM and loads
// nothing: that happens on the first loadSetupFlow() call in a browser.
import { IntegrationError, describe, expect, throwIfIntegration } from './errors.mjs';
import { loadCore } from './loader.mjs';
import { runFlow, withOutcome } from './runner.mjs';
import { builtInPresenter } from './dialog.mjs';
import { checkOptions, checkSiblingOptions, isObject } from './options.mjs';
import { coreDevice, deviceOf, localeOf } from './platform.mjs';
import { cashappMethods } from './flows/cashapp.mjs';
import { randomKey } from './random-key.mjs';

export { IntegrationError };

// Injected by scripts/build (esbuild --define): the package version and the
// SHA-256 (hex) of dist/setupflow.wasm, for pinning and integrity checks.
export const version = __SETUPFLOW_VERSION__;
export const wasmSha256 = __SETUPFLOW_WASM_SHA256__;

const DEFAULT_API_BASE = 'https://api.stripe.com';

/**
 * Loads the wasm core (once per page) and makes a SetupFlow instance.
 * Throws IntegrationError at once for a secret or restricted key, or for
 * options of the wrong type; resolves null where there is no window (server
 * rendering).
 */
export function loadSetupFlow(publishableKey, options) {
  expect(
    typeof publishableKey === 'string',
    `loadSetupFlow(publishableKey) expects a publishable key string ("pk_test_…" or "pk_live_…"); it was given ${describe(publishableKey)}.`,
  );
  if (/^(sk|rk)_/.test(publishableKey)) {
    throw new IntegrationError(
      `loadSetupFlow(publishableKey) expects a publishable key ("pk_test_…" or "pk_live_…"); it was given a ${publishableKey.startsWith('sk_') ? 'secret' : 'restricted'} key. Never use a secret or restricted key in a browser; roll it if it was published.`,
      { code: 'secret_key_in_browser', param: 'publishableKey' },
    );
  }
  expect(
    options === undefined || isObject(options),
    `loadSetupFlow(publishableKey, options) expects options to be an object or undefined; it was given ${describe(options)}.`,
  );
  const opts = { ...options };
  checkOptions(opts);
  if (typeof window === 'undefined') return Promise.resolve(null);
  return loadCore(opts).then((core) => {
    const keyError = core.checkPublishableKey(publishableKey);
    throwIfIntegration(keyError);
    return createSetupFlow(core, publishableKey, opts);
  });
}

// exclusive(method, task): runs task, unless another is still running
// (IntegrationError, naming both methods).
function oneAtATime() {
  let busy = null;
  return async function exclusive(method, task) {
    expect(
      !busy,
      `${method} was called while ${busy} is still running on this SetupFlow; wait for its promise to settle first.`,
    );
    busy = method;
    try {
      return await task();
    } finally {
      busy = null;
    }
  };
}

function checkSecret(method, clientSecret) {
  expect(
    typeof clientSecret === 'string',
    `${method} expects the intent's client_secret string ("…_secret_…") as its first argument; it was given ${describe(clientSecret)}.`,
  );
}

function createSetupFlow(core, publishableKey, opts) {
  const config = { publishableKey, apiBase: opts.apiBase === undefined ? DEFAULT_API_BASE : opts.apiBase };
  const locale = localeOf(opts.locale, typeof navigator === 'undefined' ? undefined : navigator);
  // One QR dialog per instance: a second confirm or handleNextAction while one
  // runs rejects with IntegrationError (it would fight over the dialog and the
  // shopper's attention). Retrieves may run at any time.
  const exclusive = oneAtATime();
  const builtInDialog = builtInPresenter(locale);

  const env = () => ({
    fetch: opts.fetch || ((...args) => globalThis.fetch(...args)),
    document: typeof document === 'undefined' ? undefined : document,
    presenter: opts.presenter || builtInDialog,
    navigate: opts.navigate || ((url) => window.location.assign(url)),
  });

  async function run(params) {
    const made = core.flowCreate('cashapp_confirm', config, params);
    if (made.error) return { error: throwIfIntegration(made.error) };
    // A desktop confirm (or handleNextAction) that handles its actions will
    // most likely show a QR: the runner prepares the presenter while the
    // first request is in flight.
    const prepareQr = params.operation !== 'retrieve' && params.handleActions !== false && params.device === 'desktop';
    const end = await runFlow(core, made.flowId, { ...env(), prepareQr });
    // The page is leaving for Cash App: like Stripe.js, never settle.
    if (end.navigated) return new Promise(() => {});
    // The core's final object is the API's own body (every field Stripe sent).
    const intent = end.object;
    const payment = params.kind === 'payment';
    let result;
    if (end.error) {
      const error = { ...end.error };
      if (intent) error[payment ? 'payment_intent' : 'setup_intent'] = intent;
      result = { error };
    } else {
      result = payment ? { paymentIntent: intent } : { setupIntent: intent };
    }
    return withOutcome(result, end.outcome);
  }

  function retrieve(kind, method, clientSecret) {
    checkSecret(method, clientSecret);
    return run({ operation: 'retrieve', kind, clientSecret });
  }

  const ctx = {
    core,
    run,
    exclusive,
    checkSecret,
    retrieve,
    randomKey,
    locale,
    device: () => coreDevice(deviceOf(opts.device, window)),
  };

  // Methods are async so misuse rejects with IntegrationError, as Stripe.js's do.
  return Object.freeze({
    ...cashappMethods(ctx),
    retrieveSetupIntent: async (clientSecret) => retrieve('setup', 'retrieveSetupIntent', clientSecret),
    retrievePaymentIntent: async (clientSecret) => retrieve('payment', 'retrievePaymentIntent', clientSecret),

    /**
     * A sibling instance (same core, key and API base) with some options
     * replaced: how a flow element shows a page's instance's QR in itself.
     */
    withOptions(overrides) {
      checkSiblingOptions(overrides);
      return createSetupFlow(core, publishableKey, { ...opts, ...overrides });
    },
  });
}
