// Saving a card keyed in on a Terminal reader for a mail or telephone order
// (MOTO), written as a merchant's server would write it with the official
// `stripe` package, against the sandbox: location, reader, customer,
// SetupIntent for card, process with moto, present the card, watch the
// reader until its action ends, the saved card, an off-session charge, the
// declines, busy, cancel, offline, and the webhooks verified.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startSandbox, tempDb, webhookReceiver, waitFor, PK } from './helpers.mjs';

let sandbox;
let db;
let hooks;
let webhookSecret;
let reader;
let customer;

before(async () => {
  db = tempDb();
  sandbox = await startSandbox({ db: db.path });
  hooks = await webhookReceiver();
  webhookSecret = (await sandbox.stripe.webhookEndpoints.create({ url: hooks.url, enabled_events: ['*'] })).secret;
  const { stripe } = sandbox;
  const location = await stripe.terminal.locations.create({
    display_name: 'Telephone orders',
    address: { line1: '1 Main Street', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' },
  });
  reader = await stripe.terminal.readers.create({
    registration_code: 'simulated-wpe', label: 'Agent desk', location: location.id,
  });
  customer = await stripe.customers.create({ email: 'caller@example.com', name: 'Caller' });
});

after(async () => {
  await sandbox?.stop();
  await hooks?.close();
  db?.cleanup();
});

const TEST_CARD = { exp_month: 12, exp_year: 2034, cvc: '123' };

function cardSetupIntent() {
  return sandbox.stripe.setupIntents.create({ customer: customer.id, payment_method_types: ['card'], usage: 'off_session' });
}

function processMoto(setupIntent, extra = {}) {
  return sandbox.stripe.terminal.readers.processSetupIntent(reader.id, {
    setup_intent: setupIntent.id, allow_redisplay: 'always', process_config: { moto: true, ...extra },
  });
}

function present(number) {
  return sandbox.stripe.testHelpers.terminal.readers.presentPaymentMethod(reader.id, {
    type: 'card', card: { number, ...TEST_CARD },
  });
}

// What a merchant's server does after starting the action: check the reader
// until its action is no longer in progress.
function actionEnded() {
  return waitFor(async () => {
    const r = await sandbox.stripe.terminal.readers.retrieve(reader.id);
    return r.action && r.action.status !== 'in_progress' ? r.action : null;
  }, 5000, 'the reader action to end');
}

test('location and reader as Stripe shapes them, with list filters', async () => {
  const { stripe } = sandbox;
  assert.match(reader.id, /^tmr_/);
  assert.equal(reader.object, 'terminal.reader');
  assert.equal(reader.device_type, 'simulated_wisepos_e');
  assert.equal(reader.status, 'online');
  assert.equal(reader.action, null);
  assert.match(reader.location, /^tml_/);
  const listed = await stripe.terminal.readers.list({ location: reader.location, status: 'online' });
  assert.deepEqual(listed.data.map((r) => r.id), [reader.id]);
  assert.equal((await stripe.terminal.readers.list({ location: reader.location, status: 'offline' })).data.length, 0);
  const location = await stripe.terminal.locations.retrieve(reader.location);
  assert.equal(location.object, 'terminal.location');
  assert.equal(location.address.country, 'US');
  const relabeled = await stripe.terminal.readers.update(reader.id, { label: 'Agent desk 1', metadata: { team: 'moto' } });
  assert.equal(relabeled.label, 'Agent desk 1');
  assert.equal(relabeled.metadata.team, 'moto');
});

test('MOTO: process, key the card, the action succeeds, the card is saved and charged off-session', async () => {
  const { stripe } = sandbox;
  const si = await cardSetupIntent();
  const started = await processMoto(si, { enable_customer_cancellation: true });
  assert.equal(started.action.type, 'process_setup_intent');
  assert.equal(started.action.status, 'in_progress');
  assert.equal(started.action.process_setup_intent.setup_intent, si.id);

  // Busy while the action runs.
  const other = await cardSetupIntent();
  await assert.rejects(processMoto(other), (e) => e.code === 'terminal_reader_busy' && e.statusCode === 400);

  await present('4242424242424242');
  const action = await actionEnded();
  assert.equal(action.status, 'succeeded');
  const saved = await stripe.setupIntents.retrieve(si.id, { expand: ['payment_method'] });
  assert.equal(saved.status, 'succeeded');
  const pm = saved.payment_method;
  assert.equal(pm.type, 'card');
  assert.equal(pm.customer, customer.id);
  assert.equal(pm.allow_redisplay, 'always');
  assert.deepEqual(
    { brand: pm.card.brand, last4: pm.card.last4, exp_month: pm.card.exp_month, exp_year: pm.card.exp_year,
      funding: pm.card.funding, cvc_check: pm.card.checks.cvc_check },
    { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, funding: 'credit', cvc_check: 'pass' });
  assert.match(pm.card.fingerprint, /^[0-9a-f]{16}$/);
  const attempts = await stripe.setupAttempts.list({ setup_intent: si.id });
  assert.equal(attempts.data[0].payment_method_details.card.moto, true);
  const cards = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
  assert.ok(cards.data.some((c) => c.id === pm.id));

  const charge = await stripe.paymentIntents.create({
    amount: 4200, currency: 'usd', customer: customer.id, payment_method: pm.id, off_session: true, confirm: true,
  });
  assert.equal(charge.status, 'succeeded');
  assert.equal(charge.amount_received, 4200);
});

test('declines: the action fails with the SetupIntent, and a card that saves but declines later charges', async () => {
  const { stripe } = sandbox;
  const si = await cardSetupIntent();
  await processMoto(si);
  await present('4000000000000002');
  const action = await actionEnded();
  assert.equal(action.status, 'failed');
  assert.equal(action.failure_code, 'card_declined');
  const failed = await stripe.setupIntents.retrieve(si.id);
  assert.equal(failed.status, 'requires_payment_method');
  assert.equal(failed.last_setup_error.decline_code, 'generic_decline');

  const later = await cardSetupIntent();
  await processMoto(later);
  await present('4000000000000341');
  assert.equal((await actionEnded()).status, 'succeeded');
  const { payment_method: pm } = await stripe.setupIntents.retrieve(later.id);
  await assert.rejects(
    stripe.paymentIntents.create({
      amount: 1000, currency: 'usd', customer: customer.id, payment_method: pm, off_session: true, confirm: true,
    }),
    (e) => e.type === 'StripeCardError' && e.code === 'card_declined' && e.raw.payment_intent.status === 'requires_payment_method');
});

test('cancel, offline and back, and the publishable key refused', async () => {
  const { stripe } = sandbox;
  const si = await cardSetupIntent();
  await processMoto(si);
  const canceled = await stripe.terminal.readers.cancelAction(reader.id);
  assert.equal(canceled.action, null);
  assert.equal((await stripe.setupIntents.retrieve(si.id)).status, 'requires_payment_method');

  // The sandbox's own test helper (documented in the sandbox README).
  const link = (state) => stripe.rawRequest('POST', `/v1/test_helpers/terminal/readers/${reader.id}/set_link`, { link: state });
  await link('offline');
  assert.equal((await stripe.terminal.readers.retrieve(reader.id)).status, 'offline');
  assert.deepEqual((await stripe.terminal.readers.list({ status: 'offline' })).data.map((r) => r.id), [reader.id]);
  await assert.rejects(processMoto(si), (e) => e.code === 'terminal_reader_offline');
  await link('unresponsive');
  await assert.rejects(processMoto(si), (e) => e.code === 'terminal_reader_timeout');
  await link('online');
  assert.equal((await processMoto(si)).action.status, 'in_progress');
  await present('4242424242424242');
  assert.equal((await actionEnded()).status, 'succeeded');

  const browser = new Stripe(PK, { host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0 });
  await assert.rejects(browser.terminal.readers.list(), (e) => e.statusCode === 401);
});

test('the simulated reader screen is served with its strict CSP, and keys a card by form POST', async () => {
  const { stripe } = sandbox;
  const desk = await stripe.terminal.readers.create({ registration_code: 'simulated-s700', location: reader.location });
  const { url } = await stripe.rawRequest('GET', `/v1/test_helpers/terminal/readers/${desk.id}/screen`, {});
  assert.ok(url.startsWith(`${sandbox.base}/terminal/screens/trs_`), url);
  const idle = await fetch(url);
  assert.equal(idle.status, 200);
  assert.match(idle.headers.get('content-security-policy'), /default-src 'none'.*frame-ancestors 'none'/);
  assert.doesNotMatch(idle.headers.get('content-security-policy'), /unsafe-inline/);
  assert.match(await idle.text(), /Ready/);
  assert.equal((await fetch(`${sandbox.base}/terminal/reader.css`)).headers.get('content-type'), 'text/css; charset=utf-8');

  const si = await cardSetupIntent();
  await stripe.terminal.readers.processSetupIntent(desk.id, {
    setup_intent: si.id, allow_redisplay: 'limited', process_config: { moto: true },
  });
  const keyed = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ number: '5555 5555 5555 4444', exp_month: '07', exp_year: '31', cvc: '321' }).toString(),
  });
  assert.equal(keyed.status, 303);
  assert.match(await (await fetch(url)).text(), /Processing/);
  const action = await waitFor(async () => {
    const r = await stripe.terminal.readers.retrieve(desk.id);
    return r.action.status !== 'in_progress' ? r.action : null;
  }, 6000, 'the keyed card to be processed');
  assert.equal(action.status, 'succeeded');
  const { payment_method: pm } = await stripe.setupIntents.retrieve(si.id, { expand: ['payment_method'] });
  assert.equal(pm.card.brand, 'mastercard');
  assert.equal(pm.card.last4, '4444');
  assert.match(await (await fetch(url)).text(), /Approved/);
});

test('webhooks: reader action, SetupIntent and PaymentMethod events, signatures verified', async () => {
  const { stripe } = sandbox;
  const wanted = ['terminal.reader.action_succeeded', 'terminal.reader.action_failed', 'setup_intent.succeeded',
    'setup_intent.setup_failed', 'payment_method.attached'];
  const seen = await waitFor(() => {
    const types = new Set(hooks.received.map((h) => stripe.webhooks.constructEvent(h.body, h.signature, webhookSecret).type));
    return wanted.every((t) => types.has(t)) ? types : null;
  }, 10000, 'the Terminal webhooks');
  assert.ok(seen.has('payment_intent.succeeded'));
  const succeeded = hooks.received
    .map((h) => stripe.webhooks.constructEvent(h.body, h.signature, webhookSecret))
    .find((e) => e.type === 'terminal.reader.action_succeeded');
  assert.equal(succeeded.data.object.id, reader.id);
  assert.equal(succeeded.data.object.action.status, 'succeeded');
  assert.ok(!('_action' in succeeded.data.object));
});
