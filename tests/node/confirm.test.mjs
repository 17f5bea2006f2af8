// Full confirm flows of the built package against a scripted fake fetch: the
// requests on the wire, QR display and refresh, retries with one
// Idempotency-Key, outcomes, cancel, manual mode, mobile redirect.
import test from 'node:test';
import assert from 'node:assert/strict';
import {
  API, PK, SETUP_ID, SETUP_SECRET, PAY_SECRET, RETURN_URL,
  importDist, scriptedFetch, json, text, networkError, requiresAction, withStatus, recordingPresenter, wasmBinary, until, fixture,
} from './helpers.mjs';

const { loadSetupFlow, IntegrationError } = await importDist();

async function setup(script, extra = {}) {
  const f = scriptedFetch(script);
  const rec = recordingPresenter();
  const navigations = [];
  const flow = await loadSetupFlow(PK, {
    apiBase: API,
    wasmBinary: wasmBinary(),
    fetch: f.fetch,
    device: 'desktop',
    presenter: rec.presenter,
    navigate: (url) => navigations.push(url),
    ...extra,
  });
  return { flow, calls: f.calls, rec, navigations };
}

const CONFIRM = { payment_method: { type: 'cashapp' }, return_url: RETURN_URL };

test('desktop approve: confirm, QR shown from the core, poll until succeeded, dialog hidden', async () => {
  const ra = requiresAction();
  const { flow, calls, rec } = await setup([json(200, ra), json(200, ra), json(200, withStatus(ra, 'succeeded', { payment_method: 'pm_1' }))]);
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(result.error, undefined);
  assert.equal(result.setupIntent.status, 'succeeded');
  assert.equal(result.setupIntent.id, SETUP_ID);
  // The page gets the whole object Stripe sent, unknown fields included.
  assert.deepEqual(result.setupIntent.metadata, { order_id: '6735', channel: 'web' });

  const [confirm, ...polls] = calls;
  assert.equal(confirm.method, 'POST');
  assert.equal(confirm.url, `${API}/v1/setup_intents/${SETUP_ID}/confirm`);
  assert.equal(confirm.headers.Authorization, `Bearer ${PK}`);
  assert.equal(confirm.headers['Content-Type'], 'application/x-www-form-urlencoded');
  assert.match(confirm.headers['Idempotency-Key'], /^[0-9a-f-]{36}$/);
  const form = new URLSearchParams(confirm.body);
  assert.equal(form.get('key'), PK);
  assert.equal(form.get('client_secret'), SETUP_SECRET);
  assert.equal(form.get('payment_method_data[type]'), 'cashapp');
  assert.equal(form.get('return_url'), RETURN_URL);
  assert.equal(form.get('mandate_data[customer_acceptance][type]'), 'online');
  assert.equal(form.get('mandate_data[customer_acceptance][online][infer_from_client]'), 'true');
  assert.ok(polls.length >= 2);
  // No cookies, and no Referer: the page's URL may carry a client secret.
  for (const call of calls) {
    assert.equal(call.credentials, 'omit');
    assert.equal(call.referrerPolicy, 'no-referrer');
  }
  for (const poll of polls) {
    assert.equal(poll.method, 'GET');
    const url = new URL(poll.url);
    assert.equal(url.pathname, `/v1/setup_intents/${SETUP_ID}`);
    assert.equal(url.searchParams.get('client_secret'), SETUP_SECRET);
    assert.equal(url.searchParams.get('key'), PK);
    assert.equal(poll.headers['Idempotency-Key'], undefined);
  }

  assert.equal(rec.shown.length, 1, 'the same QR is not re-rendered on every poll');
  const qr = rec.shown[0];
  assert.equal(qr.data, 'https://cash.app/pay/grant/GRR_first');
  assert.ok(qr.size >= 21 && qr.size <= 177);
  assert.match(qr.svgPath, /^M\d/);
  assert.equal(qr.refreshCount, 0);
  assert.equal(qr.mobileAuthUrl, ra.next_action.cashapp_handle_redirect_or_display_qr_code.mobile_auth_url);
  assert.equal(rec.hides, 1);
});

test('a new QR from a poll is shown as a refresh', async () => {
  const first = requiresAction({ data: 'https://cash.app/pay/grant/GRR_one', ttlSeconds: 1 });
  const second = requiresAction({ data: 'https://cash.app/pay/grant/GRR_two', ttlSeconds: 30 });
  const { flow, rec } = await setup([json(200, first), json(200, second), json(200, withStatus(second, 'succeeded'))]);
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(result.setupIntent.status, 'succeeded');
  assert.deepEqual(rec.shown.map((q) => [q.data, q.refreshCount]), [
    ['https://cash.app/pay/grant/GRR_one', 0],
    ['https://cash.app/pay/grant/GRR_two', 1],
  ]);
  assert.notEqual(rec.shown[0].svgPath, rec.shown[1].svgPath);
});

test('network failures and 5xx are retried with the same Idempotency-Key and body; the result is the success', async () => {
  const ra = requiresAction();
  const { flow, calls } = await setup(
    [networkError(), json(503, { error: { type: 'api_error', message: 'busy' } }), json(200, withStatus(ra, 'succeeded'))],
  );
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(result.setupIntent.status, 'succeeded');
  assert.equal(calls.length, 3);
  assert.ok(calls.every((c) => c.method === 'POST'));
  const keys = new Set(calls.map((c) => c.headers['Idempotency-Key']));
  assert.equal(keys.size, 1, 'one key per user action, reused on every retry');
  assert.equal(new Set(calls.map((c) => c.body)).size, 1);
});

test('each user action gets a fresh Idempotency-Key', async () => {
  const done = withStatus(requiresAction(), 'succeeded');
  const { flow, calls } = await setup([json(200, done)]);
  await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(calls.length, 2);
  assert.notEqual(calls[0].headers['Idempotency-Key'], calls[1].headers['Idempotency-Key']);
});

test('a 4xx is not retried and resolves with the API error', async () => {
  const { flow, calls } = await setup([
    json(400, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such setupintent', param: 'intent' } }),
  ]);
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(calls.length, 1);
  assert.equal(result.setupIntent, undefined);
  assert.equal(result.error.type, 'invalid_request_error');
  assert.equal(result.error.code, 'resource_missing');
  assert.equal(result.error.param, 'intent');
  assert.equal(result.error.message, 'No such setupintent');
});

test('a 2xx body that is not JSON, or has a mistyped field, resolves with api_error and is not retried', async () => {
  {
    const { flow, calls } = await setup([text(200, '<html>oops</html>')]);
    const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
    assert.equal(result.error.type, 'api_error');
    assert.equal(calls.length, 1);
  }
  {
    const bad = requiresAction();
    bad.next_action.cashapp_handle_redirect_or_display_qr_code.qr_code.expires_at = 'soon';
    const { flow, rec } = await setup([json(200, bad)]);
    const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
    assert.equal(result.error.type, 'api_error');
    assert.equal(result.error.code, 'invalid_response');
    assert.match(result.error.message, /qr_code\.expires_at must be an integer/);
    assert.equal(rec.shown.length, 0);
  }
  {
    // An intent other than the one the secret names is never accepted.
    const { flow } = await setup([json(200, { ...withStatus(requiresAction(), 'succeeded'), id: 'seti_SomebodyElse' })]);
    const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
    assert.equal(result.error.code, 'invalid_response');
    assert.equal(result.setupIntent, undefined);
  }
});

test('a body with __proto__ and hasOwnProperty members reads like any other; inherited fields are not read', async () => {
  const rest = JSON.stringify(withStatus(requiresAction(), 'processing')).slice(1);
  const own = `{"__proto__":{"status":"succeeded"},"hasOwnProperty":1,${rest}`;
  let { flow } = await setup([text(200, own)]);
  assert.equal((await flow.retrieveSetupIntent(SETUP_SECRET)).setupIntent.status, 'processing');

  const { status, ...withoutStatus } = withStatus(requiresAction(), 'processing');
  const inherited = `{"__proto__":{"status":"succeeded"},${JSON.stringify(withoutStatus).slice(1)}`;
  ({ flow } = await setup([text(200, inherited)]));
  const result = await flow.retrieveSetupIntent(SETUP_SECRET);
  assert.equal(result.error.code, 'invalid_response');
  assert.match(result.error.message, /status/);
});

test('decline: requires_payment_method with last_setup_error resolves with the error and the intent', async () => {
  const failed = fixture('setup_intent_requires_payment_method_error.json');
  const { flow, rec } = await setup([json(200, requiresAction()), json(200, failed)]);
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(result.setupIntent, undefined);
  assert.equal(result.error.type, 'invalid_request_error');
  assert.equal(result.error.code, 'setup_intent_authentication_failure');
  assert.equal(result.error.setup_intent.status, 'requires_payment_method');
  assert.equal(result.error.setup_intent.id, SETUP_ID);
  assert.equal(rec.hides, 1);
});

test('shopper cancel resolves with the intent still in requires_action and no error', async () => {
  const ra = requiresAction();
  const { flow, rec, calls } = await setup([json(200, ra)]);
  const pending = flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  await until(() => rec.shown.length === 1);
  rec.cancel();
  const result = await pending;
  assert.equal(result.error, undefined);
  assert.equal(result.setupIntent.status, 'requires_action');
  assert.equal(rec.hides, 1);
  const after = calls.length;
  await new Promise((r) => setTimeout(r, 1300));
  assert.equal(calls.length, after, 'no polling after cancel');
});

test('manual mode (handleActions: false) returns the intent with its next action untouched', async () => {
  const ra = requiresAction();
  const { flow, rec, calls } = await setup([json(200, ra)]);
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM, { handleActions: false });
  assert.equal(result.setupIntent.status, 'requires_action');
  assert.deepEqual(result.setupIntent.next_action, ra.next_action);
  assert.equal(rec.shown.length, 0);
  assert.equal(calls.length, 1);

  // …and handleNextAction picks it up later.
  const done = await setupNext(ra);
  assert.equal(done.setupIntent.status, 'succeeded');
});

async function setupNext(ra) {
  const { flow, rec, calls } = await setup([json(200, ra), json(200, withStatus(ra, 'succeeded'))]);
  const result = await flow.handleNextAction({ clientSecret: SETUP_SECRET });
  assert.equal(rec.shown.length, 1);
  assert.equal(calls[0].method, 'GET');
  return result;
}

test('mobile: navigates to mobile_auth_url and shows no QR', async () => {
  const ra = requiresAction();
  const { flow, rec, navigations } = await setup([json(200, ra)], { device: 'mobile' });
  const pending = flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  let settled = false;
  pending.then(() => (settled = true));
  await until(() => navigations.length === 1);
  assert.equal(navigations[0], ra.next_action.cashapp_handle_redirect_or_display_qr_code.mobile_auth_url);
  assert.equal(rec.shown.length, 0);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(settled, false, 'like Stripe.js, the promise does not settle while the page leaves');
});

test('a second confirm while one runs rejects with IntegrationError; after it settles another may start', async () => {
  const ra = requiresAction();
  const { flow, rec } = await setup([json(200, ra)]);
  const first = flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  await assert.rejects(flow.confirmCashappSetup(SETUP_SECRET, CONFIRM), (e) => e instanceof IntegrationError && /still running/.test(e.message));
  await assert.rejects(flow.handleNextAction({ clientSecret: SETUP_SECRET }), IntegrationError);
  await until(() => rec.shown.length === 1);
  rec.cancel();
  await first;
  const again = flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  await until(() => rec.shown.length === 2);
  rec.cancel();
  assert.equal((await again).setupIntent.status, 'requires_action');
});

test('confirmCashappPayment resolves with a paymentIntent', async () => {
  const ra = requiresAction({ kind: 'payment' });
  const { flow, calls } = await setup([json(200, ra), json(200, withStatus(ra, 'succeeded'))]);
  const result = await flow.confirmCashappPayment(PAY_SECRET, { payment_method: 'pm_123abc', return_url: RETURN_URL });
  assert.equal(result.paymentIntent.status, 'succeeded');
  assert.equal(result.paymentIntent.object, 'payment_intent');
  assert.match(calls[0].url, /\/v1\/payment_intents\/pi_3QaBcDeFgHiJkLmN\/confirm$/);
  assert.equal(new URLSearchParams(calls[0].body).get('payment_method'), 'pm_123abc');
});

test('handleReturn retrieves the intent and never trusts redirect_status', async () => {
  const failed = fixture('setup_intent_requires_payment_method_error.json');
  const { flow, calls } = await setup([json(200, failed)]);
  const url = `https://shop.example/return?order=42&setup_intent=${SETUP_ID}&setup_intent_client_secret=${SETUP_SECRET}&redirect_pm_type=cashapp&redirect_status=succeeded#/done`;
  const result = await flow.handleReturn(url);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].method, 'GET');
  assert.equal(result.redirectStatus, 'succeeded');
  assert.equal(result.setupIntent.status, 'requires_payment_method');
});

test('no client secret is ever written to the console', async () => {
  const seen = [];
  const saved = {};
  for (const name of ['log', 'info', 'warn', 'error', 'debug']) {
    saved[name] = console[name];
    console[name] = (...args) => seen.push(args.map(String).join(' '));
  }
  try {
    const ra = requiresAction();
    const { flow } = await setup([networkError(), json(200, ra), text(500, 'x'), json(200, withStatus(ra, 'succeeded'))]);
    await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
    await flow.confirmCashappSetup('seti_bad', CONFIRM).catch(() => {});
  } finally {
    Object.assign(console, saved);
  }
  assert.ok(!seen.some((line) => line.includes('_secret_')), seen.join('\n'));
});

// While the confirm request is in flight the presenter gets ready (the
// built-in dialogs build and lay themselves out, invisible): prepare() once,
// after the request left, before any show(); hide() at the end even when no
// QR came. Never for a retrieve, on mobile, or in manual mode.
function preparingPresenter(calls) {
  const log = [];
  return {
    log,
    presenter: {
      prepare: () => log.push(`prepare after ${calls.length} request(s)`),
      show: (qr) => log.push(`show ${qr.refreshCount}`),
      hide: () => log.push('hide'),
    },
  };
}

test('presenter.prepare() runs once while the first request is in flight, then show and hide', async () => {
  const f = scriptedFetch([json(200, requiresAction()), json(200, withStatus(requiresAction(), 'succeeded', { next_action: null }))]);
  const p = preparingPresenter(f.calls);
  const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), fetch: f.fetch, device: 'desktop', presenter: p.presenter });
  const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
  assert.equal(result.setupIntent.status, 'succeeded');
  assert.deepEqual(p.log, ['prepare after 1 request(s)', 'show 0', 'hide']);
});

test('a prepared presenter is hidden when the flow ends without a QR; nothing is prepared for retrieves, mobile or manual mode', async () => {
  {
    const f = scriptedFetch([json(402, { error: { type: 'card_error', code: 'payment_method_provider_decline', message: 'Declined' } })]);
    const p = preparingPresenter(f.calls);
    const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), fetch: f.fetch, device: 'desktop', presenter: p.presenter });
    const result = await flow.confirmCashappSetup(SETUP_SECRET, CONFIRM);
    assert.equal(result.error.code, 'payment_method_provider_decline');
    assert.deepEqual(p.log, ['prepare after 1 request(s)', 'hide']);
  }
  for (const [label, device, run] of [
    ['retrieve', 'desktop', (flow) => flow.retrieveSetupIntent(SETUP_SECRET)],
    // Mobile leaves the page: the promise never settles; the navigation ends it.
    ['mobile', 'mobile', (flow, navigations) => (flow.confirmCashappSetup(SETUP_SECRET, CONFIRM), until(() => navigations.length === 1))],
    ['manual', 'desktop', (flow) => flow.confirmCashappSetup(SETUP_SECRET, CONFIRM, { handleActions: false })],
  ]) {
    const f = scriptedFetch([json(200, requiresAction())]);
    const p = preparingPresenter(f.calls);
    const navigations = [];
    const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), fetch: f.fetch, device, presenter: p.presenter, navigate: (url) => navigations.push(url) });
    await run(flow, navigations);
    assert.deepEqual(p.log, [], label);
  }
});
