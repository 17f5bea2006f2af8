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
import { createQrDialog } from './dialog.mjs';

export { IntegrationError };

// Injected by scripts/build (esbuild --define): the package version and the
// SHA-256 (hex) of dist/setupflow.wasm, for pinning and integrity checks.
export const version = __SETUPFLOW_VERSION__;
export const wasmSha256 = __SETUPFLOW_WASM_SHA256__;

const DEFAULT_API_BASE = 'https://api.stripe.com';
const OPTIONS = {
  apiBase: (v) => typeof v === 'string',
  locale: (v) => typeof v === 'string',
  wasmUrl: (v) => typeof v === 'string' || v instanceof URL,
  device: (v) => v === 'auto' || v === 'desktop' || v === 'mobile',
  // Advanced and test hooks (see setupflow.d.ts).
  fetch: (v) => typeof v === 'function',
  wasmBinary: (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v),
  presenter: (v) => !!v && typeof v.show === 'function' && typeof v.hide === 'function',
  navigate: (v) => typeof v === 'function',
};
const OPTION_EXPECTED = {
  apiBase: 'an absolute URL string',
  locale: 'a string such as "auto", "en" or "fr-CA"',
  wasmUrl: 'a string or URL',
  device: '"auto", "desktop" or "mobile"',
  fetch: 'a function',
  wasmBinary: 'an ArrayBuffer or typed array',
  presenter: 'an object with show() and hide()',
  navigate: 'a function',
};

// What withOptions() may change: how the flow meets the shopper, never which
// key, server, fetch or wasm it uses.
const SIBLING_OPTIONS = ['presenter', 'navigate', 'device', 'locale'];

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

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
  for (const [name, value] of Object.entries(opts)) {
    if (value === undefined) continue;
    expect(Object.prototype.hasOwnProperty.call(OPTIONS, name), `loadSetupFlow: "${name}" is not an option; expected one of ${Object.keys(OPTIONS).join(', ')}.`);
    expect(OPTIONS[name](value), `loadSetupFlow: option ${name} expects ${OPTION_EXPECTED[name]}; it was given ${describe(value)}.`);
  }
  if (typeof window === 'undefined') return Promise.resolve(null);
  return loadCore(opts).then((core) => {
    const keyError = core.checkPublishableKey(publishableKey);
    throwIfIntegration(keyError);
    return createSetupFlow(core, publishableKey, opts);
  });
}

function randomKey() {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function detectDevice() {
  if (typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches) return 'mobile';
  const ua = (typeof navigator !== 'undefined' && navigator.userAgent) || '';
  return /Android|iPhone|iPad|iPod|Mobile/i.test(ua) ? 'mobile' : 'desktop';
}

function createSetupFlow(core, publishableKey, opts) {
  const config = { publishableKey, apiBase: opts.apiBase === undefined ? DEFAULT_API_BASE : opts.apiBase };
  const requestedLocale =
    !opts.locale || opts.locale === 'auto' ? (typeof navigator !== 'undefined' && navigator.language) || 'en' : opts.locale;
  let dialog = null;
  // One QR dialog per instance: a second confirm or handleNextAction while one
  // runs rejects with IntegrationError (it would fight over the dialog and the
  // shopper's attention). Retrieves may run at any time.
  let busy = null;

  // The built-in dialog is made when a desktop confirm first prepares or shows
  // a QR, never before (no DOM at load time; none at all on mobile or in
  // manual mode).
  const builtIn = () => (dialog = dialog || createQrDialog(document, requestedLocale.toLowerCase()));
  const builtInDialog = {
    prepare() {
      builtIn().prepare();
    },
    show(qr, controls) {
      builtIn().show(qr, controls);
    },
    hide() {
      if (dialog) dialog.hide();
    },
  };

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

  async function exclusive(method, task) {
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
  }

  function checkSecret(method, clientSecret) {
    expect(
      typeof clientSecret === 'string',
      `${method} expects the intent's client_secret string ("…_secret_…") as its first argument; it was given ${describe(clientSecret)}.`,
    );
  }

  function confirm(kind, method, clientSecret, data, options) {
    checkSecret(method, clientSecret);
    expect(
      data === undefined || isObject(data),
      `${method}(clientSecret, data) expects data to be an object such as {payment_method: {type: 'cashapp'}, return_url: 'https://…'}; it was given ${describe(data)}.`,
    );
    const d = data || {};
    const pm = d.payment_method;
    expect(
      pm === undefined || typeof pm === 'string' || (isObject(pm) && pm.type === 'cashapp'),
      `${method}: data.payment_method expects {type: 'cashapp'} or a PaymentMethod id ("pm_…"); it was given ${describe(pm)}.`,
    );
    expect(
      d.return_url === undefined || typeof d.return_url === 'string',
      `${method}: data.return_url expects an absolute URL string; it was given ${describe(d.return_url)}.`,
    );
    expect(
      d.mandate_data === undefined || isObject(d.mandate_data),
      `${method}: data.mandate_data expects an object; it was given ${describe(d.mandate_data)}.`,
    );
    expect(
      options === undefined || (isObject(options) && ['undefined', 'boolean'].includes(typeof options.handleActions)),
      `${method}(clientSecret, data, options) expects options to be {handleActions?: boolean}; it was given ${describe(options)}.`,
    );
    return exclusive(method, () =>
      run({
        operation: 'confirm',
        kind,
        clientSecret,
        returnUrl: d.return_url || '',
        paymentMethod: typeof pm === 'string' ? pm : '',
        handleActions: !options || options.handleActions !== false,
        device: !opts.device || opts.device === 'auto' ? detectDevice() : opts.device,
        // One key per user action, reused by the core on every retry.
        idempotencyKey: randomKey(),
      }),
    );
  }

  function retrieve(kind, method, clientSecret) {
    checkSecret(method, clientSecret);
    return run({ operation: 'retrieve', kind, clientSecret });
  }

  // Methods are async so misuse rejects with IntegrationError, as Stripe.js's do.
  return Object.freeze({
    confirmCashappSetup: async (clientSecret, data, options) =>
      confirm('setup', 'confirmCashappSetup', clientSecret, data, options),
    confirmCashappPayment: async (clientSecret, data, options) =>
      confirm('payment', 'confirmCashappPayment', clientSecret, data, options),
    retrieveSetupIntent: async (clientSecret) => retrieve('setup', 'retrieveSetupIntent', clientSecret),
    retrievePaymentIntent: async (clientSecret) => retrieve('payment', 'retrievePaymentIntent', clientSecret),

    async handleNextAction(args) {
      expect(
        isObject(args) && typeof args.clientSecret === 'string',
        `handleNextAction expects {clientSecret: string}; it was given ${describe(args && args.clientSecret)} as clientSecret.`,
      );
      const secret = core.parseClientSecret(args.clientSecret, '');
      if (secret.error) return { error: throwIfIntegration(secret.error) };
      return exclusive('handleNextAction', () =>
        run({
          operation: 'handle_next_action',
          kind: secret.kind,
          clientSecret: args.clientSecret,
          device: !opts.device || opts.device === 'auto' ? detectDevice() : opts.device,
        }),
      );
    },

    /**
     * The Cash App Pay authorisation text from the core (src/consent.cpp), the
     * wording and version the mandate records: {locale, version, text}. Sync.
     */
    consentText(locale, merchantName, mode) {
      expect(
        locale === undefined || typeof locale === 'string',
        `consentText(locale) expects a locale string such as "en" or "fr-CA" (or undefined for the instance's); it was given ${describe(locale)}.`,
      );
      expect(
        merchantName === undefined || typeof merchantName === 'string',
        `consentText(locale, merchantName) expects the merchant's name as a string; it was given ${describe(merchantName)}.`,
      );
      expect(
        mode === undefined || mode === 'setup' || mode === 'payment',
        `consentText(locale, merchantName, mode) expects "setup" or "payment"; it was given ${describe(mode)}.`,
      );
      const l = !locale || locale === 'auto' ? requestedLocale : locale;
      return core.consentText(l, merchantName || '', mode || 'setup');
    },

    /**
     * A sibling instance (same core, key and API base) with some options
     * replaced: how <setupflow-cashapp> shows a page's instance's QR in itself.
     */
    withOptions(overrides) {
      expect(isObject(overrides), `withOptions(options) expects an object; it was given ${describe(overrides)}.`);
      for (const [name, value] of Object.entries(overrides)) {
        if (value === undefined) continue;
        expect(
          SIBLING_OPTIONS.includes(name),
          `withOptions: "${name}" cannot differ between siblings; expected one of ${SIBLING_OPTIONS.join(', ')}.`,
        );
        expect(OPTIONS[name](value), `withOptions: option ${name} expects ${OPTION_EXPECTED[name]}; it was given ${describe(value)}.`);
      }
      return createSetupFlow(core, publishableKey, { ...opts, ...overrides });
    },

    // Reads the return parameters Cash App added to return_url and retrieves
    // the intent: its status, not redirect_status, is the outcome.
    async handleReturn(url) {
      const href = url === undefined ? window.location.href : url;
      expect(
        typeof href === 'string' || href instanceof URL,
        `handleReturn(url) expects the URL string the shopper came back to (default: location.href); it was given ${describe(href)}.`,
      );
      const params = core.parseReturnUrl(String(href));
      if (params.error) return { error: throwIfIntegration(params.error) };
      const result = await retrieve(
        params.kind,
        params.kind === 'payment' ? 'retrievePaymentIntent' : 'retrieveSetupIntent',
        params.clientSecret,
      );
      return params.redirectStatus ? { ...result, redirectStatus: params.redirectStatus } : result;
    },
  });
}
