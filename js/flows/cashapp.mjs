// The Cash App Pay flow's public methods (confirmCashappSetup,
// confirmCashappPayment, handleNextAction, handleReturn, consentText), over
// the shared runner that js/index.mjs's instance gives them as `ctx`:
//
//   ctx.core          the loaded wasm core
//   ctx.run(params)   makes a flow in the core and runs it to its result
//   ctx.exclusive(method, task)  one confirm at a time per instance
//   ctx.checkSecret(method, clientSecret), ctx.retrieve(kind, method, clientSecret)
//   ctx.device()      'desktop' or 'mobile', what the core is told
//   ctx.locale        the instance's locale (js/platform.mjs's localeOf)
//   ctx.randomKey()   an Idempotency-Key for one user action
import { describe, expect, throwIfIntegration } from '../errors.mjs';
import { isObject } from '../options.mjs';

function checkConfirm(method, data, options) {
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
}

function checkConsentArguments(locale, merchantName, mode) {
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
}

/** The Cash App methods of an instance; `ctx` as described above. */
export function cashappMethods(ctx) {
  function confirm(kind, method, clientSecret, data, options) {
    ctx.checkSecret(method, clientSecret);
    checkConfirm(method, data, options);
    const d = data || {};
    const pm = d.payment_method;
    return ctx.exclusive(method, () =>
      ctx.run({
        operation: 'confirm',
        kind,
        clientSecret,
        returnUrl: d.return_url || '',
        paymentMethod: typeof pm === 'string' ? pm : '',
        handleActions: !options || options.handleActions !== false,
        device: ctx.device(),
        // One key per user action, reused by the core on every retry.
        idempotencyKey: ctx.randomKey(),
      }),
    );
  }

  // Methods are async so misuse rejects with IntegrationError, as Stripe.js's do.
  return {
    confirmCashappSetup: async (clientSecret, data, options) =>
      confirm('setup', 'confirmCashappSetup', clientSecret, data, options),
    confirmCashappPayment: async (clientSecret, data, options) =>
      confirm('payment', 'confirmCashappPayment', clientSecret, data, options),

    async handleNextAction(args) {
      expect(
        isObject(args) && typeof args.clientSecret === 'string',
        `handleNextAction expects {clientSecret: string}; it was given ${describe(args && args.clientSecret)} as clientSecret.`,
      );
      const secret = ctx.core.parseClientSecret(args.clientSecret, '');
      if (secret.error) return { error: throwIfIntegration(secret.error) };
      return ctx.exclusive('handleNextAction', () =>
        ctx.run({
          operation: 'handle_next_action',
          kind: secret.kind,
          clientSecret: args.clientSecret,
          device: ctx.device(),
        }),
      );
    },

    /**
     * The Cash App Pay authorisation text from the core (src/consent.cpp), the
     * wording and version the mandate records: {locale, version, text}. Sync.
     */
    consentText(locale, merchantName, mode) {
      checkConsentArguments(locale, merchantName, mode);
      const l = !locale || locale === 'auto' ? ctx.locale : locale;
      return ctx.core.consentText(l, merchantName || '', mode || 'setup');
    },

    // Reads the return parameters Cash App added to return_url and retrieves
    // the intent: its status, not redirect_status, is the outcome.
    async handleReturn(url) {
      const href = url === undefined ? window.location.href : url;
      expect(
        typeof href === 'string' || href instanceof URL,
        `handleReturn(url) expects the URL string the shopper came back to (default: location.href); it was given ${describe(href)}.`,
      );
      const params = ctx.core.parseReturnUrl(String(href));
      if (params.error) return { error: throwIfIntegration(params.error) };
      const result = await ctx.retrieve(
        params.kind,
        params.kind === 'payment' ? 'retrievePaymentIntent' : 'retrieveSetupIntent',
        params.clientSecret,
      );
      return params.redirectStatus ? { ...result, redirectStatus: params.redirectStatus } : result;
    },
  };
}
