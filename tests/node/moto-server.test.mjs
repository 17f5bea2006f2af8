// The MOTO reference server's guards, with a recording stand-in for the
// `stripe` client: every refused request reaches neither Stripe nor the
// merchant's consent store, and a start that Stripe refuses leaves no
// SetupIntent waiting for a card. tests/sandbox/moto_server.test.mjs runs the
// same server against the sandbox with the real `stripe` package.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createMotoServer } from '../../js/server/moto.mjs';

const AGENT = 'Dana (agent 17)';
const NOW = () => Math.floor(Date.now() / 1000);

function consent(overrides = {}) {
  return {
    terms_version: 'moto-2026-12-en',
    locale: 'en',
    text: 'You authorize Acme to keep the card…',
    customer: 'cus_A1',
    agent: AGENT,
    channel: 'telephone',
    allow_redisplay: 'limited',
    accepted_at: NOW(),
    ...overrides,
  };
}

class FakeStripeError extends Error {
  constructor(statusCode, code) {
    super(`stripe says ${code}`);
    this.type = 'StripeInvalidRequestError';
    this.rawType = 'invalid_request_error';
    this.statusCode = statusCode;
    this.code = code;
  }
}

// Records every call; `fail` makes one method throw a Stripe error.
function fakeStripe({ fail, readerLocation = 'tml_1', siMetadata = { consent_terms_version: 'moto-2026-12-en' } } = {}) {
  const calls = [];
  const call = (name, result) => (...args) => {
    calls.push({ name, args });
    if (fail && fail.name === name) return Promise.reject(new FakeStripeError(fail.status, fail.code));
    return Promise.resolve(typeof result === 'function' ? result(...args) : result);
  };
  const reader = (id) => ({ id, label: 'Desk 1', status: 'online', device_type: 'simulated_wisepos_e', location: readerLocation, action: null });
  return {
    calls,
    terminal: {
      readers: {
        list: call('readers.list', { data: [reader('tmr_1')] }),
        retrieve: call('readers.retrieve', reader),
        processSetupIntent: call('readers.processSetupIntent', (id, params) => ({
          ...reader(id),
          action: { type: 'process_setup_intent', status: 'in_progress', process_setup_intent: { setup_intent: params.setup_intent } },
        })),
        cancelAction: call('readers.cancelAction', reader),
      },
    },
    setupIntents: {
      create: call('setupIntents.create', { id: 'seti_1', status: 'requires_payment_method', metadata: {} }),
      retrieve: call('setupIntents.retrieve', (id) => ({ id, status: 'requires_payment_method', metadata: siMetadata, payment_method: null })),
      cancel: call('setupIntents.cancel', (id) => ({ id, status: 'canceled' })),
    },
  };
}

function server(stripe, extra = {}) {
  const records = [];
  const moto = createMotoServer({
    stripe,
    authorize: (request) => (request.headers.cookie === 'agent=ok' ? { agent: AGENT } : null),
    recordConsent: (record, start) => {
      stripe.calls.push({ name: 'recordConsent', args: [record, start] });
      records.push({ ...record, key: start.idempotencyKey, setupIntent: start.setupIntent });
    },
    location: 'tml_1',
    ...extra,
  });
  return { moto, records };
}

const post = (path, body, headers = {}) => ({
  method: 'POST',
  path,
  query: new URLSearchParams(),
  headers: { cookie: 'agent=ok', 'content-type': 'application/json', 'idempotency-key': 'k-1', ...headers },
  body,
});
const get = (path, query = '') => ({ method: 'GET', path, query: new URLSearchParams(query), headers: { cookie: 'agent=ok' } });
const start = (overrides = {}) => post('/setups', { reader: 'tmr_1', customer: 'cus_A1', consent: consent(), ...overrides });

test('options are checked when the server is made', () => {
  const stripe = fakeStripe();
  assert.throws(() => createMotoServer({ authorize() {}, recordConsent() {} }), TypeError);
  assert.throws(() => createMotoServer({ stripe, recordConsent() {} }), /authorize/);
  assert.throws(() => createMotoServer({ stripe, authorize() {} }), /recordConsent/);
  assert.throws(() => createMotoServer({ stripe, authorize() {}, recordConsent() {}, location: 7 }), /location/);
});

test('a start creates the SetupIntent, saves the consent, then processes it with moto under derived keys', async () => {
  const stripe = fakeStripe();
  const { moto, records } = server(stripe);
  const answer = await moto.handle(start());
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(records.length, 1);
  assert.equal(records[0].customer, 'cus_A1');
  assert.equal(records[0].key, 'k-1');
  assert.equal(records[0].setupIntent, 'seti_1');
  const names = stripe.calls.map((c) => c.name);
  assert.deepEqual(names, ['readers.retrieve', 'setupIntents.create', 'recordConsent', 'readers.processSetupIntent']);
  const [params, opts] = stripe.calls[1].args;
  assert.deepEqual(params.payment_method_types, ['card']);
  assert.equal(params.usage, 'off_session');
  assert.equal(params.metadata.consent_terms_version, 'moto-2026-12-en');
  assert.equal(params.metadata.consent_agent, AGENT);
  assert.equal(opts.idempotencyKey, 'k-1:setup_intent');
  const [readerId, processParams, processOpts] = stripe.calls[3].args;
  assert.equal(readerId, 'tmr_1');
  assert.deepEqual(processParams, { setup_intent: 'seti_1', allow_redisplay: 'limited', process_config: { moto: true } });
  assert.equal(processOpts.idempotencyKey, 'k-1:process');
  assert.deepEqual(answer.body.reader.action, {
    type: 'process_setup_intent', status: 'in_progress', failure_code: null, failure_message: null, setup_intent: 'seti_1',
  });
});

test('refused requests reach neither Stripe nor the consent store', async () => {
  const cases = [
    ['not signed in', start(), { cookie: '' }, 401, 'not_signed_in'],
    ['not JSON', start(), { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'json_required'],
    ['no idempotency key', start(), { 'idempotency-key': '' }, 400, 'idempotency_key_missing'],
    ['bad customer', start({ customer: 'cus_A1/../x' }), {}, 400, 'parameter_invalid'],
    ['bad reader', start({ reader: 'tmr_1?x' }), {}, 400, 'parameter_invalid'],
    ['no consent', start({ consent: undefined }), {}, 400, 'consent_missing'],
    ['consent for another customer', start({ consent: consent({ customer: 'cus_B2' }) }), {}, 400, 'consent_invalid'],
    ['consent by another agent', start({ consent: consent({ agent: 'Eve' }) }), {}, 400, 'consent_invalid'],
    ['unknown channel', start({ consent: consent({ channel: 'email' }) }), {}, 400, 'consent_invalid'],
    ['allow_redisplay unspecified', start({ consent: consent({ allow_redisplay: 'unspecified' }) }), {}, 400, 'consent_invalid'],
    ['agreement an hour old', start({ consent: consent({ accepted_at: NOW() - 3600 }) }), {}, 400, 'consent_invalid'],
    ['no text', start({ consent: consent({ text: '' }) }), {}, 400, 'consent_invalid'],
  ];
  for (const [name, request, headers, status, code] of cases) {
    const stripe = fakeStripe();
    const { moto, records } = server(stripe);
    Object.assign(request.headers, headers);
    const answer = await moto.handle(request);
    assert.equal(answer.status, status, name);
    assert.equal(answer.body.error.code, code, name);
    assert.equal(records.length, 0, `${name}: consent stored`);
    const created = stripe.calls.filter((c) => !c.name.endsWith('retrieve'));
    assert.deepEqual(created, [], `${name}: Stripe was asked to act`);
  }
});

test("a reader outside the server's location does not exist for it", async () => {
  const stripe = fakeStripe({ readerLocation: 'tml_other' });
  const { moto, records } = server(stripe);
  const answer = await moto.handle(start());
  assert.equal(answer.status, 404);
  assert.equal(answer.body.error.param, 'reader');
  assert.equal(records.length, 0);
  assert.deepEqual(stripe.calls.map((c) => c.name), ['readers.retrieve']);
});

test('a start the reader refuses (busy) cancels the SetupIntent it made and passes the error on', async () => {
  const stripe = fakeStripe({ fail: { name: 'readers.processSetupIntent', status: 400, code: 'terminal_reader_busy' } });
  const { moto } = server(stripe);
  const answer = await moto.handle(start());
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error.code, 'terminal_reader_busy');
  assert.equal(answer.body.error.type, 'invalid_request_error');
  const cancel = stripe.calls.find((c) => c.name === 'setupIntents.cancel');
  assert.ok(cancel, 'the SetupIntent must be canceled');
  assert.equal(cancel.args[0], 'seti_1');
  assert.equal(cancel.args[2].idempotencyKey, 'k-1:cancel');
});

test('a consent store that fails stops the start: no card is asked for and the SetupIntent is canceled', async () => {
  const stripe = fakeStripe();
  const { moto } = server(stripe, { recordConsent: () => { throw new Error('the database is down'); } });
  // The merchant's own error is theirs to answer (nodeListener makes it a 500).
  await assert.rejects(moto.handle(start()), /the database is down/);
  const names = stripe.calls.map((c) => c.name);
  assert.ok(!names.includes('readers.processSetupIntent'), names.join());
  const cancel = stripe.calls.find((c) => c.name === 'setupIntents.cancel');
  assert.ok(cancel, 'the SetupIntent must be canceled');
  assert.equal(cancel.args[2].idempotencyKey, 'k-1:cancel');
});

test('only SetupIntents made for a MOTO setup can be watched or canceled', async () => {
  const stripe = fakeStripe({ siMetadata: {} });
  const { moto } = server(stripe);
  const watched = await moto.handle(get('/setups/seti_9', 'reader=tmr_1'));
  assert.equal(watched.status, 404);
  const canceled = await moto.handle(post('/setups/seti_9/cancel', { reader: 'tmr_1' }));
  assert.equal(canceled.status, 404);
  assert.ok(!stripe.calls.some((c) => c.name === 'setupIntents.cancel' || c.name === 'readers.cancelAction'));
});

test('readers are listed with their status, without what the console must not see', async () => {
  const stripe = fakeStripe();
  const { moto } = server(stripe);
  const answer = await moto.handle(get('/readers'));
  assert.equal(answer.status, 200);
  assert.deepEqual(stripe.calls[0].args[0], { limit: 100, location: 'tml_1' });
  assert.deepEqual(answer.body.readers, [
    { id: 'tmr_1', label: 'Desk 1', status: 'online', device_type: 'simulated_wisepos_e', location: 'tml_1', action: null },
  ]);
  const unknown = await moto.handle(get('/nothing'));
  assert.equal(unknown.status, 404);
});
