// The seed's whole server flow, written as a merchant's server would write it
// with the official `stripe` package, against the sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import {
  startSandbox, tempDb, answerOnPhone, cashappAction, webhookReceiver, waitFor, PK, RETURN_URL,
} from './helpers.mjs';

let sandbox;
let db;
let hooks;
let webhookSecret;

before(async () => {
  db = tempDb();
  sandbox = await startSandbox({ db: db.path });
  hooks = await webhookReceiver();
  const endpoint = await sandbox.stripe.webhookEndpoints.create({ url: hooks.url, enabled_events: ['*'] });
  assert.match(endpoint.secret, /^whsec_/);
  webhookSecret = endpoint.secret;
});

after(async () => {
  await sandbox?.stop();
  await hooks?.close();
  db?.cleanup();
});

async function savedCashapp(stripe, customer, cashtag = '$alice') {
  const si = await stripe.setupIntents.create({
    customer: customer.id, payment_method_types: ['cashapp'], usage: 'off_session',
  });
  const confirmed = await stripe.setupIntents.confirm(si.id, {
    payment_method_data: { type: 'cashapp' },
    return_url: RETURN_URL,
    mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.7', user_agent: 'Browser/1.0' } } },
  });
  return { si, confirmed, cashtag };
}

test('customer → SetupIntent → confirm → approve on the phone → off-session payment → detach', async () => {
  const { stripe } = sandbox;
  const customer = await stripe.customers.create({ email: 'shopper@example.com', name: 'Shopper' });
  assert.match(customer.id, /^cus_/);

  const { si, confirmed } = await savedCashapp(stripe, customer);
  assert.equal(si.status, 'requires_payment_method');
  assert.equal(confirmed.status, 'requires_action');
  const action = cashappAction(confirmed);
  assert.equal(confirmed.next_action.type, 'cashapp_handle_redirect_or_display_qr_code');
  assert.ok(action.qr_code.data.startsWith(sandbox.base + '/cashapp/authorize/'), 'QR payload is the phone page');
  assert.ok(action.qr_code.expires_at > Math.floor(Date.now() / 1000));
  for (const u of [action.hosted_instructions_url, action.mobile_auth_url, action.qr_code.image_url_svg]) {
    assert.ok(u.startsWith(sandbox.base), u);
  }
  const svg = await fetch(action.qr_code.image_url_svg);
  assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
  assert.match(await svg.text(), /<svg/);
  const png = Buffer.from(await (await fetch(action.qr_code.image_url_png)).arrayBuffer());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const instructions = await fetch(action.hosted_instructions_url);
  assert.equal(instructions.status, 200);
  assert.match(await instructions.text(), /Scan with your phone/);

  // The browser's view (publishable key + client secret): the client subset, with CORS.
  const browserView = await fetch(
    `${sandbox.base}/v1/setup_intents/${si.id}?client_secret=${encodeURIComponent(si.client_secret)}&key=${PK}`,
    { headers: { origin: 'https://shop.example' } });
  assert.equal(browserView.status, 200);
  assert.equal(browserView.headers.get('access-control-allow-origin'), '*');
  const visible = await browserView.json();
  assert.equal(visible.status, 'requires_action');
  for (const hidden of ['customer', 'mandate', 'metadata', 'latest_attempt']) assert.ok(!(hidden in visible), hidden);

  // Approve on the "phone" reached through mobile_auth_url: back to return_url.
  const answer = await answerOnPhone(action.mobile_auth_url, 'approve', '$alice');
  assert.equal(answer.status, 303);
  const back = new URL(answer.headers.get('location'));
  assert.equal(back.origin + back.pathname, 'https://shop.example/checkout/done');
  assert.equal(back.searchParams.get('order'), '42');
  assert.equal(back.searchParams.get('setup_intent'), si.id);
  assert.equal(back.searchParams.get('setup_intent_client_secret'), si.client_secret);
  assert.equal(back.searchParams.get('redirect_pm_type'), 'cashapp');
  assert.equal(back.searchParams.get('redirect_status'), 'succeeded');
  assert.equal(back.hash, '#summary');

  const done = await stripe.setupIntents.retrieve(si.id);
  assert.equal(done.status, 'succeeded');
  assert.match(done.mandate, /^mandate_/);
  const mandate = await stripe.mandates.retrieve(done.mandate);
  assert.equal(mandate.status, 'active');
  assert.equal(mandate.type, 'multi_use');
  assert.equal(mandate.customer_acceptance.online.ip_address, '203.0.113.7');
  assert.equal(mandate.payment_method_details.type, 'cashapp');

  const methods = await stripe.customers.listPaymentMethods(customer.id, { type: 'cashapp' });
  assert.equal(methods.data.length, 1);
  const pm = methods.data[0];
  assert.equal(pm.id, done.payment_method);
  assert.equal(pm.cashapp.cashtag, '$alice');
  assert.match(pm.cashapp.buyer_id, /^C_/);

  const payment = await stripe.paymentIntents.create({
    amount: 1999, currency: 'usd', customer: customer.id, payment_method: pm.id,
    payment_method_types: ['cashapp'], off_session: true, confirm: true, statement_descriptor: 'SANDBOX SHOP',
  });
  assert.equal(payment.status, 'succeeded');
  assert.equal(payment.amount_received, 1999);

  // Magic amounts: a decline arrives as Stripe's card error (402).
  await assert.rejects(
    stripe.paymentIntents.create({
      amount: 400002, currency: 'usd', customer: customer.id, payment_method: pm.id, off_session: true, confirm: true,
    }),
    (err) => err instanceof Stripe.errors.StripeCardError && err.decline_code === 'generic_decline' &&
      err.raw.payment_intent.status === 'requires_payment_method');

  const detached = await stripe.paymentMethods.detach(pm.id);
  assert.equal(detached.customer, null);
  const after = await stripe.customers.listPaymentMethods(customer.id, { type: 'cashapp' });
  assert.equal(after.data.length, 0);

  const events = await stripe.events.list({ type: 'payment_method.detached', limit: 10 });
  assert.ok(events.data.some((e) => e.data.object.id === pm.id));

  // Webhooks: every delivery verifies with the official library.
  const detachedHook = await waitFor(() => hooks.received.find((h) => {
    const e = JSON.parse(h.body);
    return e.type === 'payment_method.detached' && e.data.object.id === pm.id;
  }), 15000, 'payment_method.detached webhook');
  const verified = stripe.webhooks.constructEvent(detachedHook.body, detachedHook.signature, webhookSecret);
  assert.equal(verified.type, 'payment_method.detached');
  assert.throws(() => stripe.webhooks.constructEvent(detachedHook.body, detachedHook.signature, 'whsec_wrong'));
  for (const type of ['setup_intent.created', 'setup_intent.requires_action', 'setup_intent.succeeded',
    'payment_method.attached', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'mandate.updated']) {
    const hook = await waitFor(() => hooks.received.find((h) => JSON.parse(h.body).type === type), 15000, type);
    assert.equal(stripe.webhooks.constructEvent(hook.body, hook.signature, webhookSecret).type, type);
  }
});

test('decline on the phone returns the SetupIntent to requires_payment_method', async () => {
  const { stripe } = sandbox;
  const customer = await stripe.customers.create({});
  const { si, confirmed } = await savedCashapp(stripe, customer);
  const answer = await answerOnPhone(cashappAction(confirmed).mobile_auth_url, 'decline');
  assert.equal(answer.status, 303);
  assert.equal(new URL(answer.headers.get('location')).searchParams.get('redirect_status'), 'failed');
  const failed = await stripe.setupIntents.retrieve(si.id);
  assert.equal(failed.status, 'requires_payment_method');
  assert.equal(failed.payment_method, null);
  assert.equal(failed.last_setup_error.code, 'payment_method_provider_decline');
  const methods = await stripe.customers.listPaymentMethods(customer.id);
  assert.equal(methods.data.length, 0);
});

test('a desktop QR scan approves on the phone without redirecting', async () => {
  const { stripe } = sandbox;
  const customer = await stripe.customers.create({});
  const { si, confirmed } = await savedCashapp(stripe, customer);
  const answer = await answerOnPhone(cashappAction(confirmed).qr_code.data, 'approve', '$bob');
  assert.equal(answer.status, 200);
  assert.match(await answer.text(), /Approved/);
  assert.equal((await stripe.setupIntents.retrieve(si.id)).status, 'succeeded');
});

test('the QR refreshes after 30 s and the session expires after 10 minutes (advance_clock)', async () => {
  const { stripe } = sandbox;
  const customer = await stripe.customers.create({});
  const { si, confirmed } = await savedCashapp(stripe, customer);
  await stripe.rawRequest('POST', '/v1/test_helpers/advance_clock', { seconds: 31 });
  const refreshed = await stripe.setupIntents.retrieve(si.id);
  assert.equal(refreshed.status, 'requires_action');
  assert.notEqual(cashappAction(refreshed).qr_code.data, cashappAction(confirmed).qr_code.data);
  await stripe.rawRequest('POST', '/v1/test_helpers/advance_clock', { seconds: 600 });
  const expired = await stripe.setupIntents.retrieve(si.id);
  assert.equal(expired.status, 'requires_payment_method');
  assert.equal(expired.last_setup_error.code, 'setup_intent_authentication_failure');
});

test('errors have Stripe\'s shape and map to the official error classes', async () => {
  const { stripe } = sandbox;
  await assert.rejects(stripe.customers.retrieve('cus_missing'),
    (e) => e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 404 && e.code === 'resource_missing');
  await assert.rejects(stripe.setupIntents.create({ bogus_param: 'x' }),
    (e) => e.code === 'parameter_unknown' && e.param === 'bogus_param');
  const wrongKey = new Stripe('sk_test_wrong', { host: '127.0.0.1', port: sandbox.port, protocol: 'http' });
  await assert.rejects(wrongKey.customers.create({}), (e) => e instanceof Stripe.errors.StripeAuthenticationError);
  const key = `idem-${Date.now()}`;
  const a = await stripe.customers.create({ email: 'one@example.com' }, { idempotencyKey: key });
  const b = await stripe.customers.create({ email: 'one@example.com' }, { idempotencyKey: key });
  assert.equal(a.id, b.id);
  assert.equal(b.lastResponse.headers['idempotent-replayed'], 'true');
  await assert.rejects(stripe.customers.create({ email: 'two@example.com' }, { idempotencyKey: key }),
    (e) => e instanceof Stripe.errors.StripeIdempotencyError);
});
