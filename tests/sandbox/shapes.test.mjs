// Objects have Stripe's published shapes: every top-level field of Stripe's
// OpenAPI fixtures (stripe/openapi, fixtures3.json, as in the project's shared
// reference) is present, and nothing else is, for every object the seed flow
// returns. Type-specific payment method fields (`cashapp`, `card`) follow
// `type`; a webhook endpoint's `secret` is sent on creation only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteSandbox, answerOnPhone, cashappAction, RETURN_URL } from './helpers.mjs';

const FIELDS = {
  customer: 'address balance created currency default_source delinquent description discount email id invoice_prefix invoice_settings livemode metadata name next_invoice_sequence object phone preferred_locales shipping tax_exempt test_clock',
  setup_intent: 'application automatic_payment_methods cancellation_reason client_secret created customer description excluded_payment_method_types flow_directions id last_setup_error latest_attempt livemode mandate metadata next_action object on_behalf_of payment_method payment_method_configuration_details payment_method_options payment_method_types single_use_mandate status usage',
  setup_attempt: 'application created customer customer_account flow_directions id livemode object on_behalf_of payment_method payment_method_details setup_error setup_intent status usage',
  payment_method: 'allow_redisplay billing_details created customer customer_account id livemode metadata object type',
  mandate: 'customer_acceptance id livemode multi_use object payment_method payment_method_details status type',
  payment_intent: 'amount amount_capturable amount_details amount_received application application_fee_amount automatic_payment_methods canceled_at cancellation_reason capture_method client_secret confirmation_method created currency customer customer_account description excluded_payment_method_types id last_payment_error latest_charge livemode managed_payments metadata next_action object on_behalf_of payment_method payment_method_configuration_details payment_method_options payment_method_types processing receipt_email review setup_future_usage shipping source statement_descriptor statement_descriptor_suffix status transfer_data transfer_group',
  event: 'api_version created data id livemode object pending_webhooks request type',
  webhook_endpoint: 'api_version application created description enabled_events id livemode metadata object status url',
};

const sandbox = suiteSandbox();

function checkShape(object, what) {
  const expected = new Set(FIELDS[object.object].split(' '));
  if (object.object === 'payment_method') expected.add(object.type);
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
