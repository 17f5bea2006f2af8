// loadMoto: the agent's console API for saving a card keyed in on a Terminal
// reader (mail or telephone orders), over the merchant's own server (the
// contract of docs/moto.md; js/server/moto.mjs is a reference server). The
// secret key never comes here: every call goes to `endpoint`, with the
// agent's session cookie, and the C++ core (wasm, js/moto/loader.mjs) runs
// the reader's action on the shared runner.
//
//   const moto = await loadMoto({ endpoint: '/moto' });
//   const { text, version } = moto.terms({ merchantName: 'Acme', schedule: 'on the 1st of each month' });
//   const { readers } = await moto.listReaders();
//   const { outcome, card, error } = await moto.saveCard(
//     { reader: readers[0].id, customer: 'cus_…', agent: 'Sam', agreed: true },
//     { onProgress: (p) => …, signal });
import { describe, expect, throwIfIntegration } from '../errors.mjs';
import { checkOptionTable, isObject } from '../options.mjs';
import { localeOf } from '../platform.mjs';
import { runFlow } from '../runner.mjs';
import { randomKey } from '../random-key.mjs';
import { loadMotoCore } from './loader.mjs';

const isString = (v) => typeof v === 'string';

const OPTIONS = {
  endpoint: { accepts: (v) => isString(v) && v !== '', expected: "the URL of your server's MOTO routes, e.g. '/moto'" },
  locale: { accepts: isString, expected: 'a string such as "auto", "en" or "fr-CA"' },
  transport: { accepts: (v) => typeof v === 'function', expected: 'a function with the signature of fetch' },
  wasmUrl: { accepts: (v) => isString(v) || v instanceof URL, expected: 'a string or URL' },
  wasmBinary: { accepts: (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v), expected: 'an ArrayBuffer or typed array' },
};

const TERMS_PARTS = ['merchantName', 'schedule', 'amounts', 'cancellation'];

/**
 * Loads the MOTO core (once per page) and makes a console. Throws
 * IntegrationError at once for options of the wrong type; resolves null where
 * there is no window (server rendering).
 */
export function loadMoto(options) {
  expect(isObject(options), `loadMoto(options) expects an object such as {endpoint: '/moto'}; it was given ${describe(options)}.`);
  checkOptionTable('loadMoto', OPTIONS, options);
  expect(options.endpoint !== undefined, "loadMoto: option endpoint is required (the URL of your server's MOTO routes, e.g. '/moto').");
  if (typeof window === 'undefined') return Promise.resolve(null);
  const config = endpointConfig(options.endpoint, window.location);
  return loadMotoCore(options).then((core) => createConsole(core, config, options));
}

// The endpoint, absolute and without a trailing slash. Plain http is for the
// page's own origin (an office intranet) or loopback: the core refuses it
// elsewhere, so the agent's session and the customer's card details never
// cross the network in clear to a third party.
function endpointConfig(endpoint, location) {
  let url;
  try {
    url = new URL(endpoint, location.href);
  } catch {
    url = null;
  }
  expect(url && /^https?:$/.test(url.protocol), `loadMoto: option endpoint expects an http(s) URL; it was given ${describe(endpoint)}.`);
  return { endpoint: url.href.replace(/\/+$/, ''), allowHttp: url.origin === location.origin };
}

function termsParts(parts) {
  expect(parts === undefined || isObject(parts), `terms(parts) expects an object such as {merchantName, schedule, amounts, cancellation}; it was given ${describe(parts)}.`);
  const out = {};
  for (const name of TERMS_PARTS) {
    const v = parts ? parts[name] : undefined;
    expect(v === undefined || v === null || isString(v), `terms: ${name} expects a string; it was given ${describe(v)}.`);
    out[name] = v || '';
  }
  return out;
}

function checkSaveCard(request, options) {
  expect(isObject(request), `saveCard(request) expects an object such as {reader, customer, agent, agreed}; it was given ${describe(request)}.`);
  for (const name of ['reader', 'customer', 'agent']) {
    expect(isString(request[name]), `saveCard: request.${name} expects a string; it was given ${describe(request[name])}.`);
  }
  expect(request.agreed === true || request.agreed === false, `saveCard: request.agreed expects a boolean (did the customer agree to the terms?); it was given ${describe(request.agreed)}.`);
  const offer = request.offerAtFutureCheckouts;
  expect(offer === undefined || typeof offer === 'boolean', `saveCard: request.offerAtFutureCheckouts expects a boolean; it was given ${describe(offer)}.`);
  expect(request.locale === undefined || isString(request.locale), `saveCard: request.locale expects a locale string; it was given ${describe(request.locale)}.`);
  const channel = request.channel;
  expect(channel === undefined || channel === 'telephone' || channel === 'mail', `saveCard: request.channel expects "telephone" or "mail"; it was given ${describe(channel)}.`);
  expect(options === undefined || isObject(options), `saveCard(request, options) expects options to be {onProgress?, signal?}; it was given ${describe(options)}.`);
  const o = options || {};
  expect(o.onProgress === undefined || typeof o.onProgress === 'function', `saveCard: options.onProgress expects a function; it was given ${describe(o.onProgress)}.`);
  expect(o.signal === undefined || (isObject(o.signal) && typeof o.signal.addEventListener === 'function'), `saveCard: options.signal expects an AbortSignal; it was given ${describe(o.signal)}.`);
}

// What a saveCard's run ends with: the core's outcome, and the objects of the
// merchant's last answer (null when there was none).
function saveResult(end) {
  const body = end.object || {};
  return {
    outcome: end.outcome,
    setupIntent: body.setup_intent || null,
    reader: body.reader || null,
    card: body.card || null,
    error: end.error || null,
  };
}

function createConsole(core, config, options) {
  const locale = localeOf(options.locale, window.navigator);
  const env = (presenter) => ({
    fetch: options.transport || ((...args) => globalThis.fetch(...args)),
    document,
    presenter,
    navigate: () => {}, // MOTO never leaves the page
    credentials: 'same-origin', // the agent's session with the merchant's server
  });
  // A presenter that hands the core's progress to the caller and keeps the
  // run's cancel for the caller's signal.
  const progressPresenter = (onProgress, keepCancel) => ({
    show(progress, { cancel }) {
      keepCancel(cancel);
      if (onProgress) onProgress({ phase: progress.phase, readerId: progress.readerId, readerStatus: progress.readerStatus, setupIntentId: progress.setupIntentId || null });
    },
    hide() {},
  });

  function run(kind, params, presenter) {
    const made = core.flowCreate(kind, config, params);
    if (made.error) return Promise.resolve({ outcome: 'error', object: null, error: throwIfIntegration(made.error) });
    return runFlow(core, made.flowId, env(presenter));
  }

  return Object.freeze({
    locale,

    /** The terms the agent reads to the caller: {locale, version, text}. */
    terms(parts, termsLocale) {
      expect(termsLocale === undefined || isString(termsLocale), `terms(parts, locale) expects a locale string; it was given ${describe(termsLocale)}.`);
      return core.motoTerms(termsLocale ? localeOf(termsLocale) : locale, termsParts(parts));
    },

    /** The merchant's readers: {readers: [{id, label, status, device_type, location, action}]} or {error}. */
    async listReaders() {
      const end = await run('moto_readers', {}, progressPresenter(null, () => {}));
      return end.error ? { error: end.error } : { readers: end.object.readers };
    },

    /**
     * Saves the card the agent keys on `request.reader` for `request.customer`.
     * Resolves {outcome, setupIntent, reader, card, error}; rejects with
     * IntegrationError (nothing sent) for misuse, and for a consent not
     * collected (code consent_not_collected).
     */
    async saveCard(request, saveOptions) {
      checkSaveCard(request, saveOptions);
      const { onProgress, signal } = saveOptions || {};
      // Aborted already: nothing is sent.
      if (signal && signal.aborted) return { outcome: 'canceled', setupIntent: null, reader: null, card: null, error: null };
      const termsLocale = request.locale === undefined ? locale : localeOf(request.locale);
      let cancel = null;
      let canceled = false;
      const onAbort = () => {
        canceled = true;
        if (cancel) cancel();
      };
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
      try {
        const params = {
          reader: request.reader,
          customer: request.customer,
          agent: request.agent,
          channel: request.channel || 'telephone',
          locale: termsLocale,
          terms: termsParts(request.terms),
          agreed: request.agreed,
          offerAtFutureCheckouts: !!request.offerAtFutureCheckouts,
          acceptedAtMs: Date.now(),
          idempotencyKey: randomKey(),
        };
        const presenter = progressPresenter(onProgress, (c) => {
          cancel = c;
          if (canceled || (signal && signal.aborted)) c();
        });
        return saveResult(await run('moto_setup', params, presenter));
      } finally {
        if (signal) signal.removeEventListener('abort', onAbort);
      }
    },
  });
}
