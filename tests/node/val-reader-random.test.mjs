// The wasm value reader (wasm/val_reader.*) on arbitrary plain data, through
// the two bindings that read with it: flowCreate(kind, config, params) and
// flowInput(id, input, now). Seeded and bounded (a few thousand cases, in
// seconds): every value is a JSON.parse-like tree (objects, arrays, strings
// with lone surrogates and NULs, numbers including NaN, ±Infinity, -0 and
// huge ones, booleans, null) with keys such as "__proto__" and "constructor"
// made own properties, as JSON.parse makes them. Every answer must be
// {flowId} | {effects} | {error: {type: "integration_error", message}},
// never a throw or a hang, and no flow may outlive its destroy.
//
// SETUPFLOW_FUZZ_SEED=<n> replays one seed; a failure prints the seed and case.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, distWasm, fixture, PK, SETUP_SECRET, PAY_SECRET, RETURN_URL } from './helpers.mjs';
import { prng } from '../prng.mjs';

const glue = path.join(root, 'build/wasm/wasm/esm/setupflow.mjs');
const SEED = Number(process.env.SETUPFLOW_FUZZ_SEED ?? 0x5e7f10);
const CASES = 4000;
const INPUTS_PER_FLOW = 6;

async function core() {
  if (typeof globalThis.window === 'undefined') globalThis.window = globalThis;
  const { default: create } = await import(pathToFileURL(glue).href);
  return create({ wasm: fs.readFileSync(distWasm) });
}


const NUMBERS = [0, -0, 1, -1, 0.5, 200, 402, 500, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308,
  Number.MIN_VALUE, NaN, Infinity, -Infinity, 4294967295, 9.0e15, -9.0e15];
const STRINGS = ['', 'setup', 'payment', 'retrieve', 'confirm', 'handle_next_action', 'cashapp_confirm', 'desktop',
  'mobile', 'start', 'response', 'timer', 'visibility', 'cancel', 'network_failure', 'requires_action',
  'succeeded', 'setup_intent', 'payment_intent', 'cashapp', PK, SETUP_SECRET, PAY_SECRET, RETURN_URL,
  'https://api.example.test', 'http://127.0.0.1:4242', '\uD800', '\uDC00x', 'a\u0000b', '\u0000', '😀',
  'Café', 'x'.repeat(3000), '{"a":1}', 'null', 'true', '-0', 'NaN'];
const KEYS = ['publishableKey', 'apiBase', 'operation', 'kind', 'clientSecret', 'returnUrl', 'paymentMethod',
  'handleActions', 'device', 'idempotencyKey', 'type', 'requestId', 'status', 'body', 'timerId', 'visible',
  'id', 'object', 'status', 'client_secret', 'next_action', 'cashapp_handle_redirect_or_display_qr_code',
  'qr_code', 'data', 'image_url_svg', 'image_url_png', 'expires_at', 'mobile_auth_url', 'hosted_instructions_url',
  'redirect_to_url', 'url', 'error', 'message', 'code', 'last_setup_error', 'last_payment_error',
  'payment_method', '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '',
  '\uD800', 'a\u0000b'];

// An own data property, as JSON.parse makes it ("__proto__" included).
function setOwn(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomValue(r, depth = 0) {
  const roll = r.int(depth > 3 ? 4 : 7);
  switch (roll) {
    case 0: return null;
    case 1: return r.chance(0.5);
    case 2: return r.chance(0.7) ? r.pick(NUMBERS) : (r.next() - 0.5) * 10 ** r.int(20);
    case 3: return r.chance(0.8) ? r.pick(STRINGS) : String.fromCharCode(...Array.from({ length: r.int(8) }, () => r.int(0x10000)));
    case 4: return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
    default: {
      const obj = {};
      for (let n = r.int(6); n > 0; n--) setOwn(obj, r.pick(KEYS), randomValue(r, depth + 1));
      return obj;
    }
  }
}

// A copy of `base` with some members replaced, added or deleted.
function mutate(r, base) {
  const obj = {};
  for (const [k, v] of Object.entries(base)) if (!r.chance(0.15)) setOwn(obj, k, v);
  for (let n = r.int(3); n > 0; n--) {
    const keys = Object.keys(obj);
    const key = keys.length && r.chance(0.6) ? r.pick(keys) : r.pick(KEYS);
    setOwn(obj, key, randomValue(r, 1));
  }
  return obj;
}

const CONFIG = { publishableKey: PK, apiBase: 'https://api.example.test' };
const PARAMS = [
  { operation: 'retrieve', kind: 'setup', clientSecret: SETUP_SECRET },
  { operation: 'confirm', kind: 'setup', clientSecret: SETUP_SECRET, returnUrl: RETURN_URL, device: 'desktop' },
  { operation: 'confirm', kind: 'payment', clientSecret: PAY_SECRET, returnUrl: RETURN_URL, device: 'mobile',
    idempotencyKey: 'k1' },
  { operation: 'handle_next_action', kind: 'payment', clientSecret: PAY_SECRET },
];

const SETUP_BODIES = ['setup_intent_requires_action.json', 'setup_intent_succeeded.json',
  'setup_intent_requires_payment_method_error.json'].map(fixture);
const PAY_BODIES = [fixture('payment_intent_requires_action.json')];

// An answer for the flow's intent: a real Stripe shape, often mutated (the
// fixtures' ids are the helpers' secrets' intents).
function intentBody(r, secret) {
  const body = structuredClone(r.pick(secret === PAY_SECRET ? PAY_BODIES : SETUP_BODIES));
  if (!r.chance(0.5)) return body;
  const mutated = mutate(r, body);
  const qr = body.next_action?.cashapp_handle_redirect_or_display_qr_code;
  if (qr && r.chance(0.5)) setOwn(mutated, 'next_action', { ...body.next_action,
    cashapp_handle_redirect_or_display_qr_code: mutate(r, qr) });
  return mutated;
}

// One input for a live flow: usually a mutated well-formed event that answers
// its last request, sometimes anything at all.
function randomInput(r, lastSend, secret) {
  if (r.chance(0.1)) return randomValue(r);
  const requestId = lastSend && r.chance(0.8) ? lastSend.requestId : r.pick(NUMBERS);
  const events = [
    { type: 'start' },
    { type: 'response', requestId, status: r.pick([200, 200, 402, 400, 500, 0, 599, NaN]), body: r.chance(0.7) ? intentBody(r, secret) : randomValue(r) },
    { type: 'network_failure', requestId },
    { type: 'timer', timerId: r.pick([1, 2, 3, 0, -1, 2 ** 40, NaN]) },
    { type: 'visibility', visible: r.chance(0.5) },
    { type: 'cancel' },
  ];
  const event = r.pick(events);
  return r.chance(0.3) ? mutate(r, event) : event;
}

function checkError(answer, what) {
  assert.equal(typeof answer.error, 'object', `${what}: ${describe(answer)}`);
  assert.equal(answer.error.type, 'integration_error', `${what}: ${describe(answer)}`);
  assert.equal(typeof answer.error.message, 'string', `${what}: ${describe(answer)}`);
  assert.ok(answer.error.message.length > 0, `${what}: empty message`);
}

function describe(v) {
  try { return JSON.stringify(v).slice(0, 300); } catch { return String(v); }
}

function checkCreate(made) {
  assert.ok(made && typeof made === 'object', 'flowCreate answered a non-object');
  const keys = Object.keys(made);
  assert.equal(keys.length, 1, `flowCreate: ${describe(made)}`);
  if ('flowId' in made) assert.ok(Number.isInteger(made.flowId) && made.flowId >= 0, describe(made));
  else checkError(made, 'flowCreate');
}

function checkInput(answer) {
  assert.ok(answer && typeof answer === 'object', 'flowInput answered a non-object');
  if ('error' in answer) return checkError(answer, 'flowInput');
  assert.ok(Array.isArray(answer.effects), `flowInput: ${describe(answer)}`);
  for (const e of answer.effects) assert.equal(typeof e.type, 'string', `effect: ${describe(e)}`);
}

function runCase(m, r) {
  const secretParams = r.pick(PARAMS);
  const kind = r.chance(0.9) ? 'cashapp_confirm' : randomValue(r);
  const config = r.chance(0.9) ? (r.chance(0.7) ? CONFIG : mutate(r, CONFIG)) : randomValue(r);
  const params = r.chance(0.85) ? (r.chance(0.6) ? secretParams : mutate(r, secretParams)) : randomValue(r);
  const made = m.flowCreate(kind, config, params);
  checkCreate(made);
  if (!('flowId' in made)) return;
  let lastSend = null;
  for (let i = 0; i < INPUTS_PER_FLOW; i++) {
    const now = r.chance(0.9) ? 1000 + i * 500 : r.pick(NUMBERS);
    const answer = m.flowInput(made.flowId, randomInput(r, lastSend, secretParams.clientSecret), now);
    checkInput(answer);
    lastSend = (answer.effects ?? []).find((e) => e.type === 'send') ?? lastSend;
  }
  m.flowDestroy(made.flowId);
  assert.equal(m.flowCount(), 0, 'a flow outlived its destroy');
}

test(`flowCreate and flowInput answer arbitrary plain data with a flow, effects or a typed error (seed ${SEED})`, async () => {
  const m = await core();
  const r = prng(SEED);
  const started = Date.now();
  for (let n = 0; n < CASES; n++) {
    try {
      runCase(m, r);
    } catch (e) {
      e.message = `seed ${SEED}, case ${n} (replay: SETUPFLOW_FUZZ_SEED=${SEED}): ${e.message}`;
      throw e;
    }
  }
  assert.equal(m.flowCount(), 0);
  assert.ok(Date.now() - started < 60_000, 'the cases took over a minute');
});
