// The MOTO module's embind surface (build/wasm/wasm/esm/setupflow-moto.mjs
// with dist/setupflow-moto.wasm), driven against the real merchant server
// (js/server/moto.mjs over a fake Stripe): the start body the core writes is
// what the server's consent check accepts, and each effect has the shape the
// console reads.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers.mjs';
import { createMotoServer } from '../../js/server/moto.mjs';

const glue = path.join(root, 'build/wasm/wasm/esm/setupflow-moto.mjs');
const wasm = path.join(root, 'dist/setupflow-moto.wasm');

async function core() {
  if (typeof globalThis.window === 'undefined') globalThis.window = globalThis;
  const { default: create } = await import(pathToFileURL(glue).href);
  return create({ wasm: fs.readFileSync(wasm) });
}

const ENDPOINT = 'https://shop.example/moto';
const TERMS = { merchantName: 'Acme', schedule: 'monthly', amounts: 'each order', cancellation: 'calling us' };
const setupParams = (over = {}) => ({
  reader: 'tmr_1', customer: 'cus_A1', agent: 'Ada', channel: 'telephone', locale: 'en', terms: TERMS,
  agreed: true, offerAtFutureCheckouts: false, acceptedAtMs: Date.now(), idempotencyKey: 'start-1', ...over,
});

// A Stripe double: the reader processes seti_1; `card` saves it on the next retrieve.
function fakeStripe(state) {
  const reader = () => ({
    id: 'tmr_1', label: 'Desk', status: 'online', device_type: 'simulated_wisepos_e', location: 'tml_1',
    action: { type: 'process_setup_intent', status: state.card ? 'succeeded' : 'in_progress', process_setup_intent: { setup_intent: 'seti_1' } },
  });
  const si = () => ({
    id: 'seti_1', status: state.card ? 'succeeded' : 'requires_payment_method', metadata: { consent_terms_version: 'v' },
    last_setup_error: null,
    payment_method: state.card ? { id: 'pm_1', card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 }, allow_redisplay: 'limited' } : null,
  });
  return {
    terminal: { readers: { list: async () => ({ data: [reader()] }), retrieve: async () => reader(), processSetupIntent: async () => reader(), cancelAction: async () => reader() } },
    setupIntents: { create: async () => si(), retrieve: async () => si(), cancel: async () => ({ ...si(), status: 'canceled' }) },
  };
}

// Performs a send effect on the server, as the console's fetch would.
async function perform(moto, send) {
  const url = new URL(send.url);
  const headers = Object.fromEntries(Object.entries(send.headers).map(([k, v]) => [k.toLowerCase(), v]));
  headers.cookie = 'agent=ok';
  const answer = await moto.handle({
    method: send.method, path: url.pathname.replace(/^\/moto/, ''), query: url.searchParams, headers,
    body: send.body ? JSON.parse(send.body) : undefined,
  });
  return { type: 'response', requestId: send.requestId, status: answer.status, body: answer.body };
}

test('the MOTO module binds what the console calls', async () => {
  const m = await core();
  for (const name of ['flowCreate', 'flowInput', 'flowDestroy', 'flowCount', 'motoTerms']) assert.equal(typeof m[name], 'function', name);
  const t = m.motoTerms('fr', TERMS);
  assert.equal(t.locale, 'fr');
  assert.match(t.version, /^moto-/);
  assert.ok(t.text.includes('Acme'));
  assert.equal(m.motoTerms('en', 3).error.type, 'integration_error');
});

test('flowCreate refuses before anything is sent', async () => {
  const m = await core();
  assert.equal(m.flowCreate('moto_setup', { endpoint: ENDPOINT }, setupParams({ agreed: false })).error.code, 'consent_not_collected');
  assert.equal(m.flowCreate('cashapp_confirm', { endpoint: ENDPOINT }, {}).error.code, 'invalid_flow_argument');
  assert.equal(m.flowCreate('moto_setup', { endpoint: 'http://shop.example' }, setupParams()).error.code, 'insecure_endpoint');
  assert.ok(m.flowCreate('moto_setup', { endpoint: 'http://shop.example', allowHttp: true }, setupParams()).flowId);
  assert.equal(m.flowCreate('moto_setup', { endpoint: ENDPOINT }, setupParams({ acceptedAtMs: '1' })).error.param, 'acceptedAtMs');
});

test('a setup against the merchant server: start accepted, waiting, then the saved card', async () => {
  const m = await core();
  const state = { card: false };
  const records = [];
  const moto = createMotoServer({ stripe: fakeStripe(state), authorize: () => ({ agent: 'Ada' }), recordConsent: (r) => records.push(r) });
  const before = m.flowCount();
  const { flowId } = m.flowCreate('moto_setup', { endpoint: ENDPOINT }, setupParams());
  let { effects } = m.flowInput(flowId, { type: 'start' }, Date.now());
  assert.deepEqual(effects.find((e) => e.type === 'present'),
    { type: 'present', kind: 'reader_action', phase: 'starting', readerId: 'tmr_1', readerStatus: null, setupIntentId: null });
  const send = effects.find((e) => e.type === 'send');
  assert.equal(send.headers['Content-Type'], 'application/json');
  assert.equal(send.headers['Idempotency-Key'], 'start-1');
  assert.equal(send.idempotencyKey, 'start-1');
  const started = await perform(moto, send);
  assert.equal(started.status, 200, JSON.stringify(started.body));
  assert.equal(records.length, 1, 'the consent record was accepted and kept');
  ({ effects } = m.flowInput(flowId, started, Date.now()));
  assert.deepEqual(effects.find((e) => e.type === 'present'),
    { type: 'present', kind: 'reader_action', phase: 'waiting', readerId: 'tmr_1', readerStatus: 'online', setupIntentId: 'seti_1' });
  const wake = effects.find((e) => e.type === 'wake');
  assert.equal(wake.delayMs, 1000);
  ({ effects } = m.flowInput(flowId, { type: 'timer', timerId: wake.timerId }, Date.now()));
  const poll = effects.find((e) => e.type === 'send');
  assert.equal(poll.url, `${ENDPOINT}/setups/seti_1?reader=tmr_1`);
  state.card = true;
  ({ effects } = m.flowInput(flowId, await perform(moto, poll), Date.now()));
  const finish = effects.at(-1);
  assert.equal(finish.type, 'finish');
  assert.equal(finish.outcome, 'succeeded');
  assert.equal(finish.error, null);
  assert.equal(finish.object.card.last4, '4242');
  assert.equal(m.flowCount(), before, 'a finished flow is forgotten');
});

test('moto_readers lists the readers; the agent cancel while watching sends the cancel', async () => {
  const m = await core();
  const moto = createMotoServer({ stripe: fakeStripe({ card: false }), authorize: () => ({ agent: 'Ada' }), recordConsent() {} });
  const { flowId } = m.flowCreate('moto_readers', { endpoint: ENDPOINT }, {});
  let { effects } = m.flowInput(flowId, { type: 'start' }, 0);
  ({ effects } = m.flowInput(flowId, await perform(moto, effects[0]), 0));
  assert.equal(effects[0].outcome, 'retrieved');
  assert.equal(effects[0].object.readers[0].id, 'tmr_1');

  const setup = m.flowCreate('moto_setup', { endpoint: ENDPOINT }, setupParams()).flowId;
  ({ effects } = m.flowInput(setup, { type: 'start' }, Date.now()));
  ({ effects } = m.flowInput(setup, await perform(moto, effects.find((e) => e.type === 'send')), Date.now()));
  ({ effects } = m.flowInput(setup, { type: 'cancel' }, Date.now()));
  assert.equal(effects.find((e) => e.type === 'present').phase, 'canceling');
  const cancel = effects.find((e) => e.type === 'send');
  assert.equal(cancel.url, `${ENDPOINT}/setups/seti_1/cancel`);
  assert.equal(cancel.idempotencyKey, 'start-1:cancel-1');
  ({ effects } = m.flowInput(setup, await perform(moto, cancel), Date.now()));
  assert.equal(effects.at(-1).outcome, 'canceled');
  assert.equal(effects.at(-1).error, null);
});
