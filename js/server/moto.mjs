// The merchant's side of the MOTO contract: the routes an agent's console
// (<setupflow-moto>) calls on the merchant's own server, built on the official
// `stripe` package. The secret key stays here; the console only ever sees
// readers, the SetupIntent's status and the saved card's brand, last four
// digits and expiry. docs/moto.md describes the contract.
//
//   import Stripe from 'stripe';
//   import { createMotoServer, nodeListener } from 'setupflow/moto-server';
//   const moto = createMotoServer({
//     stripe: new Stripe(process.env.STRIPE_SECRET_KEY),
//     authorize: async (request) => agentFromSession(request.headers.cookie), // {agent} or null
//     // Called again when the console retries a start: keep one record per key.
//     recordConsent: async (record, { idempotencyKey }) => db.consents.upsert(idempotencyKey, record),
//   });
//   http.createServer(nodeListener(moto, '/moto')).listen(3000);
//
// handle() takes a plain request {method, path, query, headers, body} and
// resolves {status, body}: any framework can adapt it in a few lines.

const READER_ID = /^tmr_[A-Za-z0-9_]{1,250}$/;
const CUSTOMER_ID = /^cus_[A-Za-z0-9_]{1,250}$/;
const SETUP_INTENT_ID = /^seti_[A-Za-z0-9_]{1,250}$/;
const MAX_CLOCK_SKEW_S = 600;

class MotoError extends Error {
  constructor(status, code, message, param) {
    super(message);
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

const refuse = (code, message, param) => new MotoError(400, code, message, param);

function publicReader(reader) {
  const action = reader.action;
  return {
    id: reader.id,
    label: reader.label,
    status: reader.status,
    device_type: reader.device_type,
    location: typeof reader.location === 'string' ? reader.location : reader.location?.id ?? null,
    action: action
      ? {
          type: action.type,
          status: action.status,
          failure_code: action.failure_code ?? null,
          failure_message: action.failure_message ?? null,
          setup_intent: action.process_setup_intent?.setup_intent ?? null,
        }
      : null,
  };
}

function publicSetupIntent(si) {
  const error = si.last_setup_error;
  return {
    id: si.id,
    status: si.status,
    last_setup_error: error
      ? { code: error.code ?? null, decline_code: error.decline_code ?? null, message: error.message ?? null }
      : null,
  };
}

function publicCard(pm) {
  if (!pm || typeof pm !== 'object' || !pm.card) return null;
  const { brand, last4, exp_month, exp_year } = pm.card;
  return { id: pm.id, brand, last4, exp_month, exp_year, allow_redisplay: pm.allow_redisplay ?? null };
}

// The consent record as <setupflow-moto> sends it (the core's
// record_moto_consent, moto_terms.hpp), checked field by field.
function checkConsent(consent, { customer, agent, now }) {
  if (!consent || typeof consent !== 'object') throw refuse('consent_missing', 'The consent record is required.', 'consent');
  const text = (name) => {
    const v = consent[name];
    if (typeof v !== 'string' || v === '') throw refuse('consent_invalid', `consent.${name} must be a non-empty string.`, `consent[${name}]`);
    return v;
  };
  const record = {
    terms_version: text('terms_version'),
    locale: text('locale'),
    text: text('text'),
    customer: text('customer'),
    agent: text('agent'),
    channel: text('channel'),
    allow_redisplay: text('allow_redisplay'),
    accepted_at: consent.accepted_at,
  };
  if (record.customer !== customer) throw refuse('consent_invalid', 'The consent record names another customer.', 'consent[customer]');
  if (record.agent !== agent) throw refuse('consent_invalid', 'The consent record names another agent than the one signed in.', 'consent[agent]');
  if (!['telephone', 'mail'].includes(record.channel)) throw refuse('consent_invalid', 'consent.channel must be "telephone" or "mail".', 'consent[channel]');
  if (!['always', 'limited'].includes(record.allow_redisplay)) throw refuse('consent_invalid', 'consent.allow_redisplay must be "always" or "limited".', 'consent[allow_redisplay]');
  if (!Number.isInteger(record.accepted_at) || Math.abs(now - record.accepted_at) > MAX_CLOCK_SKEW_S) {
    throw refuse('consent_invalid', 'consent.accepted_at must be the time of the agreement (Unix seconds, within ten minutes of now).', 'consent[accepted_at]');
  }
  return record;
}

// The same keys as the core's moto_consent_metadata().
function consentMetadata(record) {
  return {
    consent_terms_version: record.terms_version,
    consent_locale: record.locale,
    consent_channel: record.channel,
    consent_agent: record.agent,
    consent_accepted_at: String(record.accepted_at),
    consent_allow_redisplay: record.allow_redisplay,
  };
}

function idOrRefuse(value, pattern, param, what) {
  if (typeof value !== 'string' || !pattern.test(value)) throw refuse('parameter_invalid', `${param} must be ${what}.`, param);
  return value;
}

async function ownReader({ stripe, location }, id) {
  const reader = await stripe.terminal.readers.retrieve(idOrRefuse(id, READER_ID, 'reader', 'a reader id ("tmr_…")'));
  const readerLocation = typeof reader.location === 'string' ? reader.location : reader.location?.id;
  if (reader.deleted || (location && readerLocation !== location)) throw new MotoError(404, 'resource_missing', 'No such reader.', 'reader');
  return reader;
}

// Only SetupIntents this server made for a MOTO setup (they carry the
// consent metadata) can be watched or canceled through it.
async function ownSetupIntent({ stripe }, id) {
  const si = await stripe.setupIntents.retrieve(idOrRefuse(id, SETUP_INTENT_ID, 'setup_intent', 'a SetupIntent id ("seti_…")'), {
    expand: ['payment_method'],
  });
  if (!si.metadata || !si.metadata.consent_terms_version) throw new MotoError(404, 'resource_missing', 'No such MOTO setup.', 'setup_intent');
  return si;
}

async function listReaders({ stripe, location }) {
  const readers = await stripe.terminal.readers.list({ limit: 100, ...(location ? { location } : {}) });
  return { readers: readers.data.map(publicReader) };
}

async function startSetup(server, request, agent) {
  const { stripe, recordConsent } = server;
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
    throw refuse('idempotency_key_missing', 'POST /setups needs an Idempotency-Key header (1–200 characters), the same on every retry of one start.', 'Idempotency-Key');
  }
  const body = request.body || {};
  const customer = idOrRefuse(body.customer, CUSTOMER_ID, 'customer', 'a Customer id ("cus_…")');
  const reader = await ownReader(server, body.reader);
  const record = checkConsent(body.consent, { customer, agent, now: Math.floor(Date.now() / 1000) });
  const si = await stripe.setupIntents.create(
    { customer, payment_method_types: ['card'], usage: 'off_session', metadata: consentMetadata(record) },
    { idempotencyKey: `${key}:setup_intent` },
  );
  let processing;
  try {
    // Recorded once Stripe has taken the start (the SetupIntent made, or the
    // same one replayed), still before the reader asks for a card: a retry
    // under the key with another customer or consent is refused above by
    // Stripe (idempotency_key_in_use) and cannot replace the start's record.
    await recordConsent(record, { idempotencyKey: key, setupIntent: si.id });
    processing = await stripe.terminal.readers.processSetupIntent(
      reader.id,
      { setup_intent: si.id, allow_redisplay: record.allow_redisplay, process_config: { moto: true } },
      { idempotencyKey: `${key}:process` },
    );
  } catch (err) {
    // Busy, offline, the record not stored…: no card will come for this
    // SetupIntent, so none is left waiting. The next Start is a new action
    // with a new key.
    await stripe.setupIntents.cancel(si.id, {}, { idempotencyKey: `${key}:cancel` }).catch(() => {});
    throw err;
  }
  return { setup_intent: publicSetupIntent(si), reader: publicReader(processing), card: null };
}

async function watchSetup(server, siId, readerId) {
  // The reader first, then the SetupIntent: a card saved between two reads
  // made at once could show the action succeeded beside a SetupIntent still
  // without its card. Read in this order, the SetupIntent is never older
  // than the reader's action.
  const reader = await ownReader(server, readerId);
  const si = await ownSetupIntent(server, siId);
  return { setup_intent: publicSetupIntent(si), reader: publicReader(reader), card: publicCard(si.payment_method) };
}

async function cancelSetup(server, siId, readerId) {
  const { stripe } = server;
  const si = await ownSetupIntent(server, siId);
  let reader = await ownReader(server, readerId);
  if (reader.action && reader.action.process_setup_intent?.setup_intent === si.id && reader.action.status === 'in_progress') {
    reader = await stripe.terminal.readers.cancelAction(reader.id);
  }
  const canceled = si.status === 'succeeded' || si.status === 'canceled' ? si : await stripe.setupIntents.cancel(si.id);
  return { setup_intent: publicSetupIntent(canceled), reader: publicReader(reader), card: publicCard(si.payment_method) };
}

async function route(server, request) {
  const who = await server.authorize(request);
  if (!who || typeof who.agent !== 'string' || who.agent === '') throw new MotoError(401, 'not_signed_in', 'Sign in as an agent first.');
  if (request.method === 'POST' && !/^application\/json\b/i.test(request.headers['content-type'] || '')) {
    throw new MotoError(415, 'json_required', 'POST bodies must be JSON (Content-Type: application/json).');
  }
  const parts = request.path.split('/').filter(Boolean);
  const query = request.query || new URLSearchParams();
  if (request.method === 'GET' && parts.length === 1 && parts[0] === 'readers') return listReaders(server);
  if (request.method === 'POST' && parts.length === 1 && parts[0] === 'setups') return startSetup(server, request, who.agent);
  if (request.method === 'GET' && parts.length === 2 && parts[0] === 'setups') return watchSetup(server, parts[1], query.get('reader'));
  if (request.method === 'POST' && parts.length === 3 && parts[0] === 'setups' && parts[2] === 'cancel') {
    return cancelSetup(server, parts[1], (request.body || {}).reader);
  }
  throw new MotoError(404, 'route_unknown', `No route ${request.method} ${request.path}.`);
}

// A refusal of ours, or Stripe's own error passed on; anything else is a bug
// here or in a hook, for the framework to report.
function errorAnswer(err) {
  if (err instanceof MotoError) {
    return { status: err.status, body: { error: { type: 'invalid_request_error', code: err.code, message: err.message, param: err.param } } };
  }
  if (err && typeof err.type === 'string' && err.type.startsWith('Stripe')) {
    return {
      status: err.statusCode && err.statusCode < 500 ? err.statusCode : 502,
      body: { error: { type: err.rawType || 'api_error', code: err.code ?? null, decline_code: err.decline_code ?? null, message: err.message, param: err.param ?? null } },
    };
  }
  throw err;
}

/**
 * @param {object} options
 * @param {object} options.stripe an instance of the official `stripe` package
 * @param {(request: object) => Promise<{agent: string} | null> | {agent: string} | null} options.authorize
 *   the merchant's own session check: the signed-in agent, or null (401)
 * @param {(record: object, start: {idempotencyKey: string, setupIntent: string}) => Promise<void> | void} options.recordConsent
 *   stores the consent record once the start's SetupIntent is made and before
 *   any card is taken; a throw cancels the SetupIntent and stops the setup.
 *   A retried start (same Idempotency-Key) calls it again: keep one record per key
 * @param {string} [options.location] only readers of this Terminal location
 */
export function createMotoServer(options) {
  const { stripe, authorize, recordConsent, location } = options || {};
  if (!stripe || !stripe.terminal || !stripe.setupIntents) throw new TypeError('createMotoServer: options.stripe must be a Stripe client (the `stripe` package).');
  if (typeof authorize !== 'function') throw new TypeError('createMotoServer: options.authorize must be a function returning the signed-in agent or null.');
  if (typeof recordConsent !== 'function') throw new TypeError('createMotoServer: options.recordConsent must be a function that stores the consent record.');
  if (location !== undefined && typeof location !== 'string') throw new TypeError('createMotoServer: options.location must be a Terminal location id string.');
  const server = { stripe, authorize, recordConsent, location };
  return {
    /** Resolves {status, body}; never rejects for anything the request or Stripe did. */
    async handle(request) {
      try {
        return { status: 200, body: await route(server, request) };
      } catch (err) {
        return errorAnswer(err);
      }
    },
  };
}

/**
 * A Node `http` listener serving the routes under `prefix` (e.g. '/moto');
 * other paths get 404. Bodies are limited to 64 KB.
 */
export function nodeListener(server, prefix = '') {
  return (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"type":"invalid_request_error","code":"route_unknown"}}');
      return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 65536) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', async () => {
      let body;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"type":"invalid_request_error","code":"json_invalid","message":"The body is not JSON."}}');
        return;
      }
      const request = { method: req.method, path: url.pathname.slice(prefix.length), query: url.searchParams, headers: req.headers, body };
      try {
        const { status, body: answer } = await server.handle(request);
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(answer));
      } catch {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"type":"api_error","code":"internal"}}');
      }
    });
  };
}
