// The embind surface itself, below the shim: the glue scripts/build bundles
// into dist/setupflow.mjs (build/wasm/wasm/esm/setupflow.mjs, from the same
// link as dist/setupflow.wasm). The bindings run on embind with the builtin
// types of wasm/runtime/embind_types.cpp and the narrowed functions of
// wasm/runtime/embind_narrow.js; these tests pin what that runtime must keep doing:
// every binding callable, UTF-8 both ways, whole strings, and a loud
// BindingError (never a silent coercion) for what it does not support.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, distWasm, PK, SETUP_SECRET } from './helpers.mjs';

const glue = path.join(root, 'build/wasm/wasm/esm/setupflow.mjs');

async function core() {
  if (typeof globalThis.window === 'undefined') globalThis.window = globalThis;
  const { default: create } = await import(pathToFileURL(glue).href);
  return create({ wasm: fs.readFileSync(distWasm) });
}

test('every binding the shim calls is a function on the module', async () => {
  const m = await core();
  for (const name of [
    'flowCreate', 'flowInput', 'flowDestroy', 'flowCount', 'prepareQr',
    'checkPublishableKey', 'parseClientSecret', 'parseReturnUrl', 'consentText',
  ]) {
    assert.equal(typeof m[name], 'function', name);
  }
});

test('strings cross as UTF-8 in both directions', async () => {
  const m = await core();
  const merchant = 'Café Ünïcode — 日本 😀';
  const c = JSON.parse(m.consentText('fr', merchant, 'setup'));
  assert.equal(c.locale, 'fr');
  assert.ok(c.text.includes(merchant), c.text);
  const s = JSON.parse(m.parseClientSecret(SETUP_SECRET, 'setup'));
  assert.deepEqual(s, { kind: 'setup', intentId: SETUP_SECRET.split('_secret_')[0] });
});

test('a string longer than the first allocation and a NUL inside it arrive whole', async () => {
  const m = await core();
  // A NUL after a valid secret must not truncate it to the valid part.
  const r = JSON.parse(m.parseClientSecret(`${SETUP_SECRET}\u0000tail`, 'setup'));
  assert.equal(r.error.type, 'integration_error', JSON.stringify(r));
  const long = 'x'.repeat(100_000);
  assert.equal(JSON.parse(m.consentText('en', long, 'setup')).text.includes(long), true);
});

test('flowCount counts live flows; destroying an unknown id changes nothing', async () => {
  const m = await core();
  assert.equal(m.flowCount(), 0);
  m.flowDestroy(0xffffffff); // an id that was never made: no effect, no throw
  assert.equal(m.flowCount(), 0);
});

test('a non-string for a std::string, or a wrong argument count, throws BindingError', async () => {
  const m = await core();
  assert.throws(() => m.checkPublishableKey(42), (e) => e.name === 'BindingError' && /non-string/.test(e.message));
  assert.throws(() => m.checkPublishableKey(new Uint8Array([112, 107])), (e) => e.name === 'BindingError');
  assert.throws(() => m.checkPublishableKey(), (e) => e.name === 'BindingError' && /expected 1 args/.test(e.message));
  assert.ok(new m.BindingError('x') instanceof Error);
});

test('prepareQr draws a throwaway QR (a path, not empty) and leaves no flow behind', async () => {
  const m = await core();
  const before = m.flowCount();
  const length = m.prepareQr();
  assert.ok(Number.isInteger(length) && length > 100, `path length ${length}`);
  assert.equal(m.prepareQr(), length, 'the same QR each time');
  assert.equal(m.flowCount(), before);
});

// ---- flows by name: flowCreate(kind, config, params), flowInput(id, input, now) ----

const CONFIG = { publishableKey: PK, apiBase: 'https://api.example.test' };
const retrieveParams = () => ({ operation: 'retrieve', kind: 'setup', clientSecret: SETUP_SECRET });

test('a flow made and driven by name hands out the very body the API sent as its final object', async () => {
  const m = await core();
  const made = m.flowCreate('cashapp_confirm', CONFIG, retrieveParams());
  assert.equal(typeof made.flowId, 'number', JSON.stringify(made));
  const { effects } = m.flowInput(made.flowId, { type: 'start' }, 1000);
  assert.equal(effects.length, 1);
  assert.equal(effects[0].type, 'send');
  assert.equal(effects[0].method, 'GET');
  const body = { id: SETUP_SECRET.split('_secret_')[0], object: 'setup_intent', status: 'succeeded', extra: { kept: true } };
  const done = m.flowInput(made.flowId, { type: 'response', requestId: effects[0].requestId, status: 200, body }, 1001);
  assert.equal(done.effects.length, 1);
  const finish = done.effects[0];
  assert.equal(finish.type, 'finish');
  assert.equal(finish.outcome, 'retrieved');
  assert.equal(finish.object, body, 'the same object, not a copy');
  assert.equal(finish.error, null);
  assert.equal(m.flowCount(), 0, 'a finished flow is forgotten');
  assert.deepEqual(m.flowInput(made.flowId, { type: 'start' }, 1002), { effects: [] });
});

test('flowCreate refuses an unknown flow kind and every ill-typed config or param, naming it', async () => {
  const m = await core();
  const cases = [
    [['terminal', CONFIG, retrieveParams()], 'kind', /must be "cashapp_confirm"; it was given "terminal"/],
    [['cashapp_confirm', { publishableKey: PK }, retrieveParams()], 'apiBase', /config\.apiBase must be a string; it was given nothing/],
    [['cashapp_confirm', CONFIG, { ...retrieveParams(), operation: 'confirmm' }], 'operation', /it was given "confirmm"/],
    [['cashapp_confirm', CONFIG, { ...retrieveParams(), kind: 'refund' }], 'kind', /"setup" or "payment"/],
    [['cashapp_confirm', CONFIG, { ...retrieveParams(), handleActions: 'no' }], 'handleActions', /a boolean; it was given a string/],
    [['cashapp_confirm', CONFIG, { ...retrieveParams(), device: 3 }], 'device', /it was given a number/],
    [['cashapp_confirm', CONFIG, { operation: 'retrieve', kind: 'setup' }], 'clientSecret', /a string; it was given nothing/],
  ];
  for (const [args, param, message] of cases) {
    const r = m.flowCreate(...args);
    assert.equal(r.error?.type, 'integration_error', JSON.stringify(r));
    assert.equal(r.error.code, 'invalid_flow_argument');
    assert.equal(r.error.param, param);
    assert.match(r.error.message, message);
  }
  assert.equal(m.flowCount(), 0, 'no flow was made');
});

test('flowInput refuses an unknown or ill-typed input with a typed error, and the flow lives on', async () => {
  const m = await core();
  const { flowId } = m.flowCreate('cashapp_confirm', CONFIG, retrieveParams());
  for (const [input, param] of [
    [{ type: 'tick' }, 'type'],
    [{ type: 2 }, 'type'],
    [{ type: 'timer' }, 'timerId'],
    [{ type: 'timer', timerId: -1 }, 'timerId'],
    [{ type: 'visibility', visible: 'yes' }, 'visible'],
    [{ type: 'response', requestId: 1 }, 'status'],
  ]) {
    const r = m.flowInput(flowId, input, 0);
    assert.equal(r.error?.type, 'integration_error', JSON.stringify(input));
    assert.equal(r.error.param, param);
  }
  assert.equal(m.flowInput(flowId, { type: 'start' }, 0).effects[0].type, 'send');
  m.flowDestroy(flowId);
  assert.equal(m.flowCount(), 0);
});
