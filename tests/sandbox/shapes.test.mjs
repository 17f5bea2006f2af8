// Objects have Stripe's published shapes: every top-level field of Stripe's
// OpenAPI fixtures (stripe/openapi, fixtures3.json, as in the project's shared
// reference, read from ../shared beside the repository) is present, and
// nothing else is, for every object the seed flow and the MOTO flow return.
// Type-specific fields (a payment method's `cashapp` or `card`, a mandate's
// `multi_use`) follow `type`; a webhook endpoint's `secret` is sent on
// creation only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suiteSandbox, answerOnPhone, cashappAction, waitFor, RETURN_URL } from './helpers.mjs';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/reference/stripe-fixtures.json');

let fixtures;
function fixture(object) {
  if (!fixtures) {
    try {
      fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')).resources;
    } catch (e) {
      const where = `${FIXTURES}, the shared folder beside the repository`;
      throw new Error(`Stripe's reference fixtures are read from ${where}: ${e.message}`);
    }
  }
  const example = fixtures[object];
  assert.ok(example, `no reference fixture for ${object}`);
  return example;
}

const sandbox = suiteSandbox();

function checkShape(object, what) {
  const example = fixture(object.object);
  const expected = new Set(Object.keys(example));
  // The fixture's type-specific hash (named after its `type`) stands for the object's own.
  if (typeof example.type === 'string' && example.type in example) {
    expected.delete(example.type);
    expected.add(object.type);
  }
  const have = Object.keys(object).filter((k) => k !== 'lastResponse');
  assert.deepEqual([...expected].filter((k) => !have.includes(k)), [], `${what}: missing fields`);
  assert.deepEqual(have.filter((k) => !expected.has(k)), [], `${what}: fields Stripe does not send`);
}

test('every object of the seed flow has the fields of Stripe\'s reference fixtures', async () => {
  const { stripe } = sandbox();
  const customer = await stripe.customers.create({ email: 'shapes@example.com' });
  const created = await stripe.setupIntents.create({ customer: customer.id, payment_method_types: ['cashapp'] });
  const confirmed = await stripe.setupIntents.confirm(created.id, {
    payment_method_data: { type: 'cashapp' }, return_url: RETURN_URL,
  });
  await answerOnPhone(cashappAction(confirmed).mobile_auth_url, 'approve');
  const done = await stripe.setupIntents.retrieve(created.id);
  const attempt = (await stripe.setupAttempts.list({ setup_intent: created.id })).data[0];
  const pm = await stripe.paymentMethods.retrieve(done.payment_method);
  const mandate = await stripe.mandates.retrieve(done.mandate);
  const payment = await stripe.paymentIntents.create({
    amount: 500, currency: 'usd', customer: customer.id, payment_method: pm.id, off_session: true, confirm: true,
  });
  assert.match(payment.latest_charge, /^py_/); // a Cash App payment, as Stripe names it
  const endpoint = await stripe.webhookEndpoints.retrieve(
    (await stripe.webhookEndpoints.create({ url: 'https://shop.example/hooks', enabled_events: ['*'] })).id);
  const events = (await stripe.events.list({ limit: 100 })).data;
  const objects = { customer, created, confirmed, done, attempt, pm, mandate, payment, endpoint };
  for (const [what, object] of Object.entries(objects)) checkShape(object, what);
  assert.ok(events.length > 5);
  for (const event of events) {
    checkShape(event, `event ${event.type}`);
    checkShape(event.data.object, `${event.type} data.object`);
  }
});

// A card keyed on a simulated reader for a telephone order (as
// terminal.test.mjs drives it), then charged off-session; a declined card too.
// The sandbox serves no /v1/charges, so `latest_charge` is only an id here.
test('every object of the MOTO flow has the fields of Stripe\'s reference fixtures', async () => {
  const { stripe } = sandbox();
  const objects = {};
  objects.location = await stripe.terminal.locations.create({
    display_name: 'Telephone orders', address: { line1: '1 Main Street', city: 'Austin', country: 'US' },
  });
  objects['location retrieved'] = await stripe.terminal.locations.retrieve(objects.location.id);
  const reader = objects.reader = await stripe.terminal.readers.create({
    registration_code: 'simulated-wpe', label: 'Agent desk', location: objects.location.id,
  });
  objects['reader listed'] = (await stripe.terminal.readers.list({ location: objects.location.id })).data[0];
  const customer = objects.customer = await stripe.customers.create({ email: 'moto-shapes@example.com' });

  const save = async (number, label) => {
    const created = objects[`${label} SetupIntent created`] = await stripe.setupIntents.create({
      customer: customer.id, payment_method_types: ['card'], usage: 'off_session',
    });
    const started = objects[`${label} reader, action started`] = await stripe.terminal.readers.processSetupIntent(
      reader.id, { setup_intent: created.id, allow_redisplay: 'always', process_config: { moto: true } });
    assert.equal(started.action.status, 'in_progress');
    objects[`${label} reader, action in progress`] = await stripe.terminal.readers.retrieve(reader.id);
    objects[`${label} SetupIntent during the action`] = await stripe.setupIntents.retrieve(created.id);
    objects[`${label} reader, card presented`] = await stripe.testHelpers.terminal.readers.presentPaymentMethod(
      reader.id, { type: 'card', card: { number, exp_month: 12, exp_year: 2034, cvc: '123' } });
    objects[`${label} reader, action ended`] = await waitFor(async () => {
      const r = await stripe.terminal.readers.retrieve(reader.id);
      return r.action.status !== 'in_progress' ? r : null;
    }, 5000, 'the reader action to end');
    const after = objects[`${label} SetupIntent after the action`] = await stripe.setupIntents.retrieve(created.id);
    const attempts = (await stripe.setupAttempts.list({ setup_intent: created.id })).data;
    assert.equal(attempts.length, 1);
    objects[`${label} SetupAttempt`] = attempts[0];
    return after;
  };

  const saved = await save('4242424242424242', 'saved');
  assert.equal(saved.status, 'succeeded');
  const declined = await save('4000000000000002', 'declined');
  assert.equal(declined.status, 'requires_payment_method');
  const pm = objects['card PaymentMethod'] = await stripe.paymentMethods.retrieve(saved.payment_method);
  assert.equal(pm.type, 'card');
  // The reference's example is a card: its `card` hash is checked too.
  assert.deepEqual(Object.keys(pm.card).sort(), Object.keys(fixture('payment_method').card).sort(), 'the card hash');
  const payment = objects['off-session PaymentIntent'] = await stripe.paymentIntents.create({
    amount: 4200, currency: 'usd', customer: customer.id, payment_method: pm.id, off_session: true, confirm: true,
  });
  assert.equal(payment.status, 'succeeded');
  assert.match(payment.latest_charge, /^ch_/); // a card charge, as Stripe names it
  objects['off-session PaymentIntent retrieved'] = await stripe.paymentIntents.retrieve(payment.id);

  for (const [what, object] of Object.entries(objects)) checkShape(object, what);
  const events = (await stripe.events.list({ limit: 100 })).data;
  const types = new Set(events.map((e) => e.type));
  for (const type of ['terminal.reader.action_succeeded', 'terminal.reader.action_failed', 'setup_intent.succeeded',
    'setup_intent.setup_failed', 'payment_method.attached', 'payment_intent.succeeded']) {
    assert.ok(types.has(type), `no ${type} event`);
  }
  for (const event of events) {
    checkShape(event, `event ${event.type}`);
    checkShape(event.data.object, `${event.type} data.object`);
  }
});
