// The MOTO reference server (js/server/moto.mjs) on the official `stripe`
// package against the sandbox's Terminal: an agent's console talking JSON to
// the merchant's server over HTTP, as <setupflow-moto> does, with the card
// keyed in through the reader test helper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createMotoServer, nodeListener } from '../../js/server/moto.mjs';
import { suiteSandbox, waitFor } from './helpers.mjs';

const sandbox = suiteSandbox();
const AGENT = 'Dana (agent 17)';

async function merchantServer(stripe, location) {
  const records = [];
  const moto = createMotoServer({
    stripe,
    location,
    authorize: (request) => (request.headers.cookie === 'session=agent' ? { agent: AGENT } : null),
    recordConsent: (record, start) => {
      records.push({ record, key: start.idempotencyKey });
    },
  });
  const server = http.createServer(nodeListener(moto, '/moto'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}/moto`;
  const call = async (method, path, body, headers = {}) => {
    const response = await fetch(base + path, {
      method,
      headers: { cookie: 'session=agent', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() };
  };
  return { call, records, close: () => new Promise((resolve) => server.close(resolve)) };
}

function consentFor(customer, allowRedisplay = 'limited') {
  return {
    terms_version: 'moto-2026-12-en',
    locale: 'en',
    text: 'You authorize Acme Supplies to keep the card you give today…',
    customer,
    agent: AGENT,
    channel: 'telephone',
    allow_redisplay: allowRedisplay,
    accepted_at: Math.floor(Date.now() / 1000),
  };
}

async function setup(stripe) {
  const location = await stripe.terminal.locations.create({
    display_name: 'Phone orders',
    address: { line1: '1 Main St', city: 'Springfield', postal_code: '12345', state: 'CA', country: 'US' },
  });
  const reader = await stripe.terminal.readers.create({ registration_code: 'simulated-wpe', label: 'Desk 1', location: location.id });
  const customer = await stripe.customers.create({ email: 'caller@example.com' });
  return { location, reader, customer };
}

const present = (stripe, reader, number) =>
  stripe.testHelpers.terminal.readers.presentPaymentMethod(reader, {
    type: 'card',
    card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' },
  });

test('a card keyed in on the reader is saved with the consent metadata and charged off-session', async () => {
  const stripe = sandbox().stripe;
  const { location, reader, customer } = await setup(stripe);
  const merchant = await merchantServer(stripe, location.id);
  try {
    const readers = await merchant.call('GET', '/readers');
    assert.equal(readers.status, 200);
    assert.deepEqual(readers.body.readers.map((r) => [r.id, r.status, r.action]), [[reader.id, 'online', null]]);

    // One start, sent twice as a console retries it: the same body and key.
    const start = { reader: reader.id, customer: customer.id, consent: consentFor(customer.id, 'always') };
    const started = await merchant.call(
      'POST', '/setups', start,
      { 'idempotency-key': 'start-1' },
    );
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(merchant.records.length, 1);
    const si = started.body.setup_intent.id;
    assert.equal(started.body.reader.action.status, 'in_progress');
    assert.equal(started.body.reader.action.setup_intent, si);

    // A retried start (same key) makes no second SetupIntent.
    const retried = await merchant.call(
      'POST', '/setups', start,
      { 'idempotency-key': 'start-1' },
    );
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.setup_intent.id, si);
    // The merchant's store is told both times, with the one key of the start.
    assert.deepEqual(merchant.records.map((r) => r.key), ['start-1', 'start-1']);
    assert.equal((await stripe.setupIntents.list({ customer: customer.id })).data.length, 1);

    await present(stripe, reader.id, '4242424242424242');
    const done = await waitFor(async () => {
      const watched = await merchant.call('GET', `/setups/${si}?reader=${reader.id}`);
      return watched.body.reader.action?.status === 'in_progress' ? null : watched;
    });
    assert.equal(done.status, 200);
    assert.equal(done.body.reader.action.status, 'succeeded');
    assert.equal(done.body.setup_intent.status, 'succeeded');
    assert.equal(done.body.card.brand, 'visa');
    assert.equal(done.body.card.last4, '4242');
    assert.equal(done.body.card.allow_redisplay, 'always');

    const saved = await stripe.setupIntents.retrieve(si);
    assert.equal(saved.metadata.consent_agent, AGENT);
    assert.equal(saved.metadata.consent_channel, 'telephone');
    const charge = await stripe.paymentIntents.create({
      amount: 1999, currency: 'usd', customer: customer.id, payment_method: done.body.card.id, off_session: true, confirm: true,
    });
    assert.equal(charge.status, 'succeeded');
  } finally {
    await merchant.close();
  }
});

test('a declined card, a busy reader and an agent cancel reach the console as Stripe reports them', async () => {
  const stripe = sandbox().stripe;
  const { location, reader, customer } = await setup(stripe);
  const merchant = await merchantServer(stripe, location.id);
  try {
    const start = (key) =>
      merchant.call('POST', '/setups', { reader: reader.id, customer: customer.id, consent: consentFor(customer.id) }, { 'idempotency-key': key });
    const first = await start('declined-1');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const busy = await start('busy-1');
    assert.equal(busy.body.error.code, 'terminal_reader_busy');

    await present(stripe, reader.id, '4000000000000002');
    const declined = await waitFor(async () => {
      const watched = await merchant.call('GET', `/setups/${first.body.setup_intent.id}?reader=${reader.id}`);
      return watched.body.reader.action?.status === 'in_progress' ? null : watched;
    });
    assert.equal(declined.body.reader.action.status, 'failed');
    assert.equal(declined.body.reader.action.failure_code, 'card_declined');
    assert.equal(declined.body.card, null);

    const second = await start('cancel-1');
    assert.equal(second.status, 200, JSON.stringify(second.body));
    const canceled = await merchant.call('POST', `/setups/${second.body.setup_intent.id}/cancel`, { reader: reader.id });
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.setup_intent.status, 'canceled');
    const reader2 = await stripe.terminal.readers.retrieve(reader.id);
    assert.ok(!reader2.action || reader2.action.status !== 'in_progress', 'the reader is free again');
  } finally {
    await merchant.close();
  }
});

test('without an agent session nothing is listed or started', async () => {
  const stripe = sandbox().stripe;
  const { location, reader, customer } = await setup(stripe);
  const merchant = await merchantServer(stripe, location.id);
  try {
    const listed = await merchant.call('GET', '/readers', undefined, { cookie: '' });
    assert.equal(listed.status, 401);
    const started = await merchant.call(
      'POST', '/setups', { reader: reader.id, customer: customer.id, consent: consentFor(customer.id) },
      { cookie: 'session=forged', 'idempotency-key': 'k' },
    );
    assert.equal(started.status, 401);
    assert.equal((await stripe.setupIntents.list({ customer: customer.id })).data.length, 0);
  } finally {
    await merchant.close();
  }
});
