// Durability: SIGKILL mid-flow, start again on the same database, finish the
// flow. Everything answered before the kill must still be there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, tempDb, answerOnPhone, cashappAction, webhookReceiver, waitFor, RETURN_URL } from './helpers.mjs';

test('kill -9 after confirm, restart, approve, charge', async () => {
  const db = tempDb();
  const hooks = await webhookReceiver();
  let first;
  let second;
  try {
    first = await startSandbox({ db: db.path, args: ['--webhook-url', hooks.url] });
    const secret = /webhook signing secret for \S+: (whsec_\w+)/.exec(first.output())[1];
    const customer = await first.stripe.customers.create({ email: 'restart@example.com' });
    const si = await first.stripe.setupIntents.create({ customer: customer.id, payment_method_types: ['cashapp'] });
    const confirmed = await first.stripe.setupIntents.confirm(si.id, {
      payment_method_data: { type: 'cashapp' }, return_url: RETURN_URL,
    });
    assert.equal(confirmed.status, 'requires_action');
    await first.stop('SIGKILL');

    // Same port, so the URLs handed out before the kill still lead here.
    second = await startSandbox({ db: db.path, port: first.port, args: ['--webhook-url', hooks.url] });
    assert.match(second.output(), new RegExp(secret), 'the quick-start endpoint and its secret survive');
    const again = await second.stripe.setupIntents.retrieve(si.id);
    assert.equal(again.status, 'requires_action');
    assert.equal(again.customer, customer.id);

    const answer = await answerOnPhone(cashappAction(again).mobile_auth_url, 'approve');
    assert.equal(answer.status, 303);
    const done = await second.stripe.setupIntents.retrieve(si.id);
    assert.equal(done.status, 'succeeded');
    const payment = await second.stripe.paymentIntents.create({
      amount: 500, currency: 'usd', customer: customer.id, payment_method: done.payment_method,
      off_session: true, confirm: true,
    });
    assert.equal(payment.status, 'succeeded');

    // Events raised before the kill are delivered (at least once) after it.
    const created = await waitFor(() => hooks.received.find((h) => JSON.parse(h.body).type === 'setup_intent.created'),
      15000, 'setup_intent.created webhook');
    assert.equal(second.stripe.webhooks.constructEvent(created.body, created.signature, secret).data.object.id, si.id);
    const events = await second.stripe.events.list({ type: 'setup_intent.succeeded' });
    assert.equal(events.data.filter((e) => e.data.object.id === si.id).length, 1, 'each event once in /v1/events');
  } finally {
    await first?.stop('SIGKILL');
    await second?.stop();
    await hooks.close();
    db.cleanup();
  }
});

test('revoking in "Cash App" makes the mandate inactive and later charges decline', async () => {
  const db = tempDb();
  const sandbox = await startSandbox({ db: db.path });
  try {
    const { stripe } = sandbox;
    const customer = await stripe.customers.create({});
    const si = await stripe.setupIntents.create({ customer: customer.id, payment_method_types: ['cashapp'] });
    const confirmed = await stripe.setupIntents.confirm(si.id, { payment_method_data: { type: 'cashapp' }, return_url: RETURN_URL });
    const approved = await answerOnPhone(cashappAction(confirmed).qr_code.data, 'approve', '$carol');
    const buyerLink = /href="(\/cashapp\/buyers\/[^"]+)"/.exec(await approved.text())[1];
    // The buyer's pages need the session the approval set (issue 12, finding 5).
    const cookie = approved.headers.get('set-cookie').split(';')[0];
    const buyerPage = await (await fetch(sandbox.base + buyerLink, { headers: { cookie } })).text();
    const mandateId = /name="mandate" value="([^"]+)"/.exec(buyerPage)[1];
    const revoke = await fetch(sandbox.base + buyerLink + '/revoke', {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ mandate: mandateId }).toString(),
    });
    assert.equal(revoke.status, 303);
    assert.equal((await stripe.mandates.retrieve(mandateId)).status, 'inactive');
    const updated = await stripe.events.list({ type: 'mandate.updated' });
    assert.equal(updated.data[0].data.object.id, mandateId);
    const done = await stripe.setupIntents.retrieve(si.id);
    await assert.rejects(stripe.paymentIntents.create({
      amount: 700, currency: 'usd', customer: customer.id, payment_method: done.payment_method, off_session: true, confirm: true,
    }), (e) => e.type === 'StripeCardError' && e.decline_code === 'revocation_of_authorization');
  } finally {
    await sandbox.stop();
    db.cleanup();
  }
});
