// The MOTO contract (docs/moto.md) as assertions any merchant server must
// pass: run against the reference server (js/server/moto.mjs) and against the
// hosted demo's own (/demo/moto/), so both answer the agent's console alike.
//
// motoContract(name, target) registers the tests; `target()` resolves (once
// the file's sandbox runs):
//   agent                        the signed-in agent's name
//   stripe                       a `stripe` client on the sandbox
//   call(method, path, body, headers)   JSON to the contract's routes, signed in
//   anonymous(method, path, body, headers)  the same without a session
//   raw(method, path, text, headers)   a signed-in request with a body as given
//   reader(), customer()         a new reader the server serves, a new customer
//   consentOf(setupIntent)       the consent record the merchant stored for it, or null
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from './helpers.mjs';

export function consentFor(agent, customer, allowRedisplay = 'limited') {
  return {
    terms_version: 'moto-2026-12-en',
    locale: 'en',
    text: 'You authorize Rocket Rides to keep the card you give today and to charge it…',
    customer,
    agent,
    channel: 'telephone',
    allow_redisplay: allowRedisplay,
    accepted_at: Math.floor(Date.now() / 1000),
  };
}

export const presentCard = (stripe, reader, number) =>
  stripe.testHelpers.terminal.readers.presentPaymentMethod(reader, {
    type: 'card',
    card: { number, exp_month: 12, exp_year: new Date().getFullYear() + 2, cvc: '123' },
  });

let keys = 0;
const newKey = (what) => `${what}-${process.pid}-${(keys += 1)}`;

// A started setup: the answer, and a way to watch it until the reader's action ends.
export async function startSetup(t, { reader, customer, allowRedisplay, key = newKey('start') }) {
  const body = { reader, customer, consent: consentFor(t.agent, customer, allowRedisplay) };
  const started = await t.call('POST', '/setups', body, { 'idempotency-key': key });
  return { started, body, key };
}

export async function watchUntilDone(t, setupIntent, reader) {
  return waitFor(async () => {
    const watched = await t.call('GET', `/setups/${setupIntent}?reader=${reader}`);
    assert.equal(watched.status, 200, JSON.stringify(watched.body));
    return watched.body.reader.action?.status === 'in_progress' ? null : watched.body;
  }, 10000, 'the reader action to end');
}

export function motoContract(name, target) {
  test(`${name}: a 4242 card keyed in is saved, and a retried start makes one SetupIntent`, async () => {
    const t = await target();
    const [reader, customer] = await Promise.all([t.reader(), t.customer()]);
    const listed = await t.call('GET', '/readers');
    assert.equal(listed.status, 200);
    const shown = listed.body.readers.find((r) => r.id === reader);
    assert.deepEqual(Object.keys(shown).sort(), ['action', 'device_type', 'id', 'label', 'location', 'status']);
    assert.equal(shown.status, 'online');

    const { started, body, key } = await startSetup(t, { reader, customer, allowRedisplay: 'always' });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.equal(started.body.card, null);
    const si = started.body.setup_intent.id;
    assert.equal(started.body.reader.action.status, 'in_progress');
    assert.equal(started.body.reader.action.setup_intent, si);
    const retried = await t.call('POST', '/setups', body, { 'idempotency-key': key });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.setup_intent.id, si);
    assert.equal((await t.stripe.setupIntents.list({ customer })).data.length, 1);

    await presentCard(t.stripe, reader, '4242424242424242');
    const done = await watchUntilDone(t, si, reader);
    assert.equal(done.reader.action.status, 'succeeded');
    assert.equal(done.setup_intent.status, 'succeeded');
    assert.deepEqual(
      [done.card.brand, done.card.last4, done.card.exp_month, done.card.allow_redisplay],
      ['visa', '4242', 12, 'always'],
    );
    const saved = await t.stripe.setupIntents.retrieve(si);
    assert.equal(saved.metadata.consent_agent, t.agent);
    assert.equal(saved.metadata.consent_channel, 'telephone');
    assert.equal(saved.usage, 'off_session');
  });

  test(`${name}: a retry under the start's key for another customer is refused and leaves the start's record`, async () => {
    const t = await target();
    const [reader, customer, other] = await Promise.all([t.reader(), t.customer(), t.customer()]);
    const { started, key } = await startSetup(t, { reader, customer });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const si = started.body.setup_intent.id;
    assert.equal((await t.consentOf(si)).customer, customer);
    const misused = await t.call('POST', '/setups', { reader, customer: other, consent: consentFor(t.agent, other) }, { 'idempotency-key': key });
    assert.equal(misused.status, 400, JSON.stringify(misused.body));
    assert.equal(misused.body.error.type, 'idempotency_error');
    const kept = await t.consentOf(si);
    assert.equal(kept.customer, customer);
    assert.equal(kept.agent, t.agent);
    await t.call('POST', `/setups/${si}/cancel`, { reader }, { 'idempotency-key': `${key}-cancel` });
  });

  test(`${name}: a declined card ends the action failed, with no card`, async () => {
    const t = await target();
    const [reader, customer] = await Promise.all([t.reader(), t.customer()]);
    const { started } = await startSetup(t, { reader, customer });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    await presentCard(t.stripe, reader, '4000000000000002');
    const done = await watchUntilDone(t, started.body.setup_intent.id, reader);
    assert.equal(done.reader.action.status, 'failed');
    assert.equal(done.reader.action.failure_code, 'card_declined');
    assert.equal(done.setup_intent.status, 'requires_payment_method');
    assert.equal(done.setup_intent.last_setup_error.decline_code, 'generic_decline');
    assert.equal(done.card, null);
  });

  test(`${name}: a busy reader refuses the start and its SetupIntent is canceled`, async () => {
    const t = await target();
    const [reader, customer] = await Promise.all([t.reader(), t.customer()]);
    const { started } = await startSetup(t, { reader, customer });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const busy = await startSetup(t, { reader, customer });
    assert.equal(busy.started.status, 400);
    assert.equal(busy.started.body.error.code, 'terminal_reader_busy');
    const statuses = (await t.stripe.setupIntents.list({ customer })).data.map((si) => si.status).sort();
    assert.deepEqual(statuses, ['canceled', 'requires_payment_method']);
    await t.call('POST', `/setups/${started.body.setup_intent.id}/cancel`, { reader });
  });

  test(`${name}: an offline reader refuses the start`, async () => {
    const t = await target();
    const [reader, customer] = await Promise.all([t.reader(), t.customer()]);
    await t.stripe.rawRequest('POST', `/v1/test_helpers/terminal/readers/${reader}/set_link`, { link: 'offline' });
    const listed = await t.call('GET', '/readers');
    assert.equal(listed.body.readers.find((r) => r.id === reader).status, 'offline');
    const { started } = await startSetup(t, { reader, customer });
    assert.equal(started.status, 400);
    assert.equal(started.body.error.code, 'terminal_reader_offline');
    assert.deepEqual((await t.stripe.setupIntents.list({ customer })).data.map((si) => si.status), ['canceled']);
  });

  test(`${name}: the agent cancels: the SetupIntent is canceled and the reader is free`, async () => {
    const t = await target();
    const [reader, customer] = await Promise.all([t.reader(), t.customer()]);
    const { started } = await startSetup(t, { reader, customer });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const canceled = await t.call('POST', `/setups/${started.body.setup_intent.id}/cancel`, { reader });
    assert.equal(canceled.status, 200, JSON.stringify(canceled.body));
    assert.equal(canceled.body.setup_intent.status, 'canceled');
    assert.equal(canceled.body.card, null);
    assert.notEqual(canceled.body.reader.action?.status, 'in_progress');
    assert.equal((await startSetup(t, { reader, customer })).started.status, 200, 'the reader takes a new start');
  });

  test(`${name}: refusals: no session, a body that is not JSON, consent for another customer`, async () => {
    const t = await target();
    const [reader, customer, other] = await Promise.all([t.reader(), t.customer(), t.customer()]);
    const body = { reader, customer, consent: consentFor(t.agent, customer) };
    const listed = await t.anonymous('GET', '/readers');
    assert.equal(listed.status, 401);
    assert.equal(listed.body.error.code, 'not_signed_in');
    const anonymous = await t.anonymous('POST', '/setups', body, { 'idempotency-key': newKey('anon') });
    assert.equal(anonymous.status, 401);

    // A cross-site form can post text/plain without a preflight, JSON inside or not.
    const form = await t.raw('POST', '/setups', JSON.stringify(body), {
      'content-type': 'text/plain',
      'idempotency-key': newKey('form'),
    });
    assert.equal(form.status, 415);
    assert.equal(form.body.error.code, 'json_required');

    const foreign = await t.call('POST', '/setups', { ...body, consent: consentFor(t.agent, other) }, {
      'idempotency-key': newKey('foreign'),
    });
    assert.equal(foreign.status, 400);
    assert.deepEqual([foreign.body.error.code, foreign.body.error.param], ['consent_invalid', 'consent[customer]']);
    const unkeyed = await t.call('POST', '/setups', body);
    assert.equal(unkeyed.body.error.code, 'idempotency_key_missing');
    assert.equal((await t.stripe.setupIntents.list({ customer })).data.length, 0, 'nothing was created');

    // Only MOTO setups can be watched: a plain SetupIntent does not exist here.
    const plain = await t.stripe.setupIntents.create({ customer, payment_method_types: ['card'] });
    const watched = await t.call('GET', `/setups/${plain.id}?reader=${reader}`);
    assert.deepEqual([watched.status, watched.body.error.code], [404, 'resource_missing']);
    const badId = await t.call('GET', `/setups/seti_1?reader=nope`);
    assert.deepEqual([badId.status, badId.body.error.param], [400, 'reader']);
  });
}
