// Every misuse is refused before any request leaves the page: IntegrationError
// thrown (or rejected with), zero fetch calls, and the message says what was
// expected without echoing a secret.
import test from 'node:test';
import assert from 'node:assert/strict';
import { API, PK, SETUP_SECRET, PAY_SECRET, RETURN_URL, importDist, scriptedFetch, json, wasmBinary } from './helpers.mjs';

const { loadSetupFlow, IntegrationError } = await importDist();

async function instance() {
  const f = scriptedFetch([json(500, {})]);
  const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), fetch: f.fetch, device: 'desktop', presenter: { show() {}, hide() {} } });
  return { flow, calls: f.calls };
}

const isIntegration = (secret) => (e) => {
  assert.ok(e instanceof IntegrationError, `expected IntegrationError, got ${e && e.name}: ${e && e.message}`);
  assert.equal(e.type, 'integration_error');
  if (secret) assert.ok(!e.message.includes(secret), 'the message must not echo the secret');
  return true;
};

test('a secret or restricted key throws synchronously, before anything loads', () => {
  const secretKey = 'sk_test_51abcdefSECRET';
  assert.throws(() => loadSetupFlow(secretKey), isIntegration(secretKey));
  assert.throws(() => loadSetupFlow('rk_live_51abcdefRESTRICTED'), isIntegration('rk_live_51abcdefRESTRICTED'));
  assert.throws(() => loadSetupFlow(undefined), /expects a publishable key string/);
  assert.throws(() => loadSetupFlow(42), /it was given a number/);
});

test('a malformed publishable key rejects with IntegrationError once the core has loaded', async () => {
  await assert.rejects(loadSetupFlow('pk_test_bad key!', { wasmBinary: wasmBinary() }), isIntegration());
  await assert.rejects(loadSetupFlow('not_a_key', { wasmBinary: wasmBinary() }), isIntegration());
});

test('options of the wrong type or unknown options throw, naming what was expected', () => {
  assert.throws(() => loadSetupFlow(PK, { device: 'tablet' }), /option device expects "auto", "desktop" or "mobile"/);
  assert.throws(() => loadSetupFlow(PK, { apiBase: 12 }), /option apiBase expects an absolute URL string; it was given a number/);
  assert.throws(() => loadSetupFlow(PK, { apiBse: 'https://x' }), /"apiBse" is not an option/);
  assert.throws(() => loadSetupFlow(PK, 'https://api'), /expects options to be an object/);
  // Names are the options' own, never inherited ones (Object.prototype's).
  for (const name of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
    assert.throws(() => loadSetupFlow(PK, JSON.parse(`{"${name}": "x"}`)), new RegExp(`"${name}" is not an option`), name);
  }
});

test('a plain-http api_base is refused unless it is this machine (a local sandbox), with no request', async () => {
  for (const apiBase of ['http://api.example.test', 'http://192.168.1.20:4242', 'HTTP://sandbox.internal:4242']) {
    const f = scriptedFetch([json(200, {})]);
    const flow = await loadSetupFlow(PK, { apiBase, wasmBinary: wasmBinary(), fetch: f.fetch });
    await assert.rejects(flow.retrieveSetupIntent(SETUP_SECRET), (e) => isIntegration(SETUP_SECRET)(e) && e.code === 'insecure_api_base' && e.param === 'api_base', apiBase);
    await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { return_url: RETURN_URL }), isIntegration(SETUP_SECRET), apiBase);
    assert.equal(f.calls.length, 0, apiBase);
  }
  for (const apiBase of ['http://127.0.0.1:4242', 'http://localhost:4242', 'http://[::1]:4242']) {
    const f = scriptedFetch([json(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such setupintent' } })]);
    const flow = await loadSetupFlow(PK, { apiBase, wasmBinary: wasmBinary(), fetch: f.fetch });
    const { error } = await flow.retrieveSetupIntent(SETUP_SECRET);
    assert.equal(error.code, 'resource_missing', apiBase);
    assert.equal(f.calls.length, 1, apiBase);
    assert.ok(f.calls[0].url.startsWith(`${apiBase}/v1/setup_intents/`), f.calls[0].url);
  }
});

test('an api_base that is not an absolute http(s) URL is refused with no request', async () => {
  const f = scriptedFetch([json(200, {})]);
  const flow = await loadSetupFlow(PK, { apiBase: 'ftp://api.example', wasmBinary: wasmBinary(), fetch: f.fetch });
  await assert.rejects(flow.retrieveSetupIntent(SETUP_SECRET), isIntegration(SETUP_SECRET));
  assert.equal(f.calls.length, 0);
});

test('bad client secrets are integration errors with zero fetch calls', async () => {
  const { flow, calls } = await instance();
  const bad = ['', 'nope', 'seti_123', 'seti_123_secret_', 'cus_123_secret_abc', 'seti_12-3_secret_abc', `${SETUP_SECRET} `, 'x'.repeat(300)];
  for (const secret of bad) {
    await assert.rejects(flow.confirmCashappSetup(secret, { return_url: RETURN_URL }), isIntegration(secret.length > 3 ? secret : ''), `secret ${JSON.stringify(secret.slice(0, 20))}`);
    await assert.rejects(flow.retrieveSetupIntent(secret), isIntegration());
  }
  await assert.rejects(flow.confirmCashappSetup(null, { return_url: RETURN_URL }), /expects the intent's client_secret string.*it was given null/);
  await assert.rejects(flow.handleNextAction({ clientSecret: 'nope' }), isIntegration());
  await assert.rejects(flow.handleNextAction('seti_x'), /handleNextAction expects \{clientSecret: string\}/);
  assert.equal(calls.length, 0);
});

test('a secret of the wrong kind is an integration error naming both kinds, with zero fetch calls', async () => {
  const { flow, calls } = await instance();
  await assert.rejects(flow.confirmCashappPayment(SETUP_SECRET, { return_url: RETURN_URL }), (e) => isIntegration(SETUP_SECRET)(e) && /PaymentIntent/.test(e.message) && /SetupIntent/.test(e.message));
  await assert.rejects(flow.confirmCashappSetup(PAY_SECRET, { return_url: RETURN_URL }), isIntegration(PAY_SECRET));
  await assert.rejects(flow.retrievePaymentIntent(SETUP_SECRET), isIntegration(SETUP_SECRET));
  await assert.rejects(flow.retrieveSetupIntent(PAY_SECRET), isIntegration(PAY_SECRET));
  assert.equal(calls.length, 0);
});

test('unsafe or missing return_url is refused with zero fetch calls', async () => {
  const { flow, calls } = await instance();
  const unsafe = [
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://shop.example/return',
    'https://user:pass@shop.example/return',
    '/return',
    'shop.example/return',
    `https://shop.example/${'a'.repeat(2100)}`,
  ];
  for (const url of unsafe) {
    await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { payment_method: { type: 'cashapp' }, return_url: url }), (e) => isIntegration(SETUP_SECRET)(e) && e.param === 'return_url', url.slice(0, 40));
  }
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { payment_method: { type: 'cashapp' } }), (e) => e.code === 'missing_return_url');
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET), (e) => e.code === 'missing_return_url');
  assert.equal(calls.length, 0);
});

test('malformed confirm arguments are refused with zero fetch calls', async () => {
  const { flow, calls } = await instance();
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, 'https://shop.example'), /data to be an object/);
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { payment_method: { type: 'card' }, return_url: RETURN_URL }), /payment_method expects \{type: 'cashapp'\}/);
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { payment_method: 'card_123', return_url: RETURN_URL }), (e) => e.param === 'payment_method');
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { return_url: new URL(RETURN_URL) }), /return_url expects an absolute URL string/);
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, { return_url: RETURN_URL }, { handleActions: 'no' }), /options to be \{handleActions\?: boolean\}/);
  assert.equal(calls.length, 0);
});

test('handleReturn refuses a URL without return parameters, or with a mismatched secret', async () => {
  const { flow, calls } = await instance();
  await assert.rejects(flow.handleReturn('https://shop.example/return?order=42'), isIntegration());
  await assert.rejects(flow.handleReturn(`https://shop.example/r?setup_intent=seti_Other&setup_intent_client_secret=${SETUP_SECRET}`), isIntegration(SETUP_SECRET));
  await assert.rejects(flow.handleReturn(42), /handleReturn\(url\) expects the URL string/);
  assert.equal(calls.length, 0);
});
