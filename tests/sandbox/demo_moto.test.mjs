// The hosted demo's mail and telephone orders: its /demo/moto/ routes pass
// the same contract assertions as the reference server (moto_contract.mjs);
// its agent desk gives the demo readers and their screens (framed by the
// demo's own pages only), takes a reader offline; its merchant console lists
// saved cards with their consent records and charges them off-session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, suiteSandbox, tempDb } from './helpers.mjs';
import { motoContract, presentCard, startSetup, watchUntilDone } from './moto_contract.mjs';

const DEMO_PAGES = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'demo');
const DEMO_ARGS = ['--demo', '--static-dir', DEMO_PAGES];
const sandbox = suiteSandbox(DEMO_ARGS);
let target;
let demo;
let ready;

// A demo session as a browser gets one: the cookie of a demo page, then the
// demo's own Origin on every request.
async function demoSession(base) {
  const page = await fetch(`${base}/index.html`);
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const send = async (path, init = {}) => {
    const response = await fetch(base + path, { ...init, headers: { origin: base, ...init.headers } });
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
  return {
    send,
    get: (path) => send(path, { headers: { cookie } }),
    form: (path, fields) =>
      send(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }),
    cookie,
  };
}

async function demoLocation(stripe) {
  const { data } = await stripe.terminal.locations.list({ limit: 100 });
  return data.find((l) => l.metadata.setupflow_demo === 'moto');
}

// The demo session and the contract's target, made on first use.
async function prepare() {
  const { stripe, base } = sandbox();
  demo = await demoSession(base);
  const location = await demoLocation(stripe);
  const json = (body) => (body ? { 'content-type': 'application/json' } : {});
  const send = (method, path, body, headers) =>
    demo.send(`/demo/moto${path}`, { method, body: body && JSON.stringify(body), headers });
  target = {
    agent: 'Demo agent',
    stripe,
    call: (method, path, body, headers = {}) => send(method, path, body, { cookie: demo.cookie, ...json(body), ...headers }),
    anonymous: (method, path, body, headers = {}) => send(method, path, body, { ...json(body), ...headers }),
    raw: (method, path, text, headers = {}) =>
      demo.send(`/demo/moto${path}`, { method, body: text, headers: { cookie: demo.cookie, ...headers } }),
    reader: async () =>
      (await stripe.terminal.readers.create({ registration_code: 'simulated-wpe', label: 'Test desk', location: location.id })).id,
    customer: async () => (await stripe.customers.create({ email: 'caller@example.com' })).id,
    consentOf: async (setupIntent) => {
      const answer = await demo.get(`/demo/api/moto/consent?setup_intent=${setupIntent}`);
      return answer.status === 200 ? answer.body.consent : null;
    },
  };
  return target;
}
const demoTarget = () => (ready ??= prepare());

motoContract('demo merchant', demoTarget);

test('the demo starts with its phone orders location, two readers and a phone customer, once per database', async () => {
  const db = tempDb();
  try {
    const ids = [];
    for (let run = 0; run < 2; run += 1) {
      const s = await startSandbox({ db: db.path, args: DEMO_ARGS });
      try {
        const desk = (await (await demoSession(s.base)).get('/demo/api/moto/desk')).body;
        assert.equal(desk.agent, 'Demo agent');
        assert.deepEqual(desk.readers.map((r) => [r.label, r.device_type, r.status]).sort(), [
          ['Back office', 'simulated_stripe_s700', 'online'],
          ['Front desk', 'simulated_wisepos_e', 'online'],
        ]);
        assert.equal(desk.customers.filter((c) => c.email === desk.phone_customer_email).length, 1);
        ids.push([desk.location, ...desk.readers.map((r) => r.id).sort()]);
      } finally {
        await s.stop();
      }
    }
    assert.deepEqual(ids[1], ids[0], 'a restart finds them again');
  } finally {
    db.cleanup();
  }
});

test('the reader screen is framed by the demo pages only, and the desk takes a reader offline and back', async () => {
  await demoTarget();
  const { base } = sandbox();
  const desk = (await demo.get('/demo/api/moto/desk')).body;
  const front = desk.readers.find((r) => r.label === 'Front desk');
  assert.match(front.screen, /^\/terminal\/screens\/trs_\w+$/, 'a path: the page frames it from its own origin');
  const screen = await fetch(base + front.screen);
  assert.equal(screen.status, 200);
  assert.match(screen.headers.get('content-security-policy'), /default-src 'none'.*frame-ancestors 'self'/);
  assert.equal(screen.headers.get('x-frame-options'), 'SAMEORIGIN');

  const offline = await demo.form('/demo/api/moto/link', { reader: front.id, link: 'offline' });
  assert.deepEqual([offline.status, offline.body.status], [200, 'offline']);
  assert.match(await (await fetch(base + front.screen)).text(), /<h1>Offline<\/h1>/);
  const online = await demo.form('/demo/api/moto/link', { reader: front.id, link: 'online' });
  assert.equal(online.body.status, 'online');
  const unresponsive = await demo.form('/demo/api/moto/link', { reader: front.id, link: 'unresponsive' });
  assert.equal(unresponsive.status, 400);
  const anonymous = await demo.send('/demo/api/moto/desk');
  assert.equal(anonymous.status, 403, 'the desk needs the demo session');
});

// Keys a card on the simulated reader screen, as the agent does in the demo.
async function keyOnScreen(base, screen, number) {
  const form = new URLSearchParams({ number, exp_month: '12', exp_year: String(new Date().getFullYear() + 3), cvc: '123', postal_code: '94110' });
  const sent = await fetch(base + screen, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  assert.equal(sent.status, 303);
}

test('the merchant console lists a saved card with its consent record and charges it off-session', async () => {
  await demoTarget();
  const { base } = sandbox();
  const created = await demo.form('/demo/api/moto/customers', { name: 'Ada Caller', email: 'ada@example.com' });
  assert.equal(created.status, 200);
  const customer = created.body.id;
  const desk = (await demo.get('/demo/api/moto/desk')).body;
  const back = desk.readers.find((r) => r.label === 'Back office');

  const outcomes = [];
  for (const number of ['4242424242424242', '4000000000000341']) {
    const { started } = await startSetup(target, { reader: back.id, customer });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    await keyOnScreen(base, back.screen, number);
    const done = await watchUntilDone(target, started.body.setup_intent.id, back.id);
    assert.equal(done.setup_intent.status, 'succeeded', JSON.stringify(done));
    const listed = (await demo.get('/demo/api/customers')).body.data.find((c) => c.id === customer);
    const card = listed.cards.find((c) => c.id === done.card.id);
    assert.equal(card.last4, number.slice(-4));
    assert.equal(card.consent.agent, 'Demo agent');
    assert.equal(card.consent.channel, 'telephone');
    assert.equal(card.consent.terms_version, 'moto-2026-12-en');
    assert.equal(card.consent.setup_intent, started.body.setup_intent.id);
    assert.equal(card.consent.text, undefined, 'the text comes on demand');
    const full = await demo.get(`/demo/api/moto/consent?setup_intent=${started.body.setup_intent.id}`);
    assert.match(full.body.consent.text, /^You authorize Rocket Rides/);

    const charged = await demo.form('/demo/api/charge', { customer, payment_method: card.id, amount: '4200' });
    assert.equal(charged.status, 200, JSON.stringify(charged.body));
    outcomes.push([charged.body.payment_intent.status, charged.body.payment_intent.last_payment_error?.decline_code ?? null]);
  }
  assert.deepEqual(outcomes, [
    ['succeeded', null],
    ['requires_payment_method', 'generic_decline'],
  ]);
});

test('a setup started in one demo session cannot be watched or canceled from another', async () => {
  await demoTarget();
  const { base } = sandbox();
  const reader = await target.reader();
  const customer = await target.customer();
  const { started } = await startSetup(target, { reader, customer });
  const other = await demoSession(base);
  const path = `/demo/moto/setups/${started.body.setup_intent.id}`;
  const watched = await other.send(`${path}?reader=${reader}`, { headers: { cookie: other.cookie } });
  assert.deepEqual([watched.status, watched.body.error.code], [404, 'resource_missing']);
  const canceled = await other.send(`${path}/cancel`, {
    method: 'POST',
    headers: { cookie: other.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ reader }),
  });
  assert.equal(canceled.status, 404);
  const crossSite = await demo.send(`${path}/cancel`, {
    method: 'POST',
    headers: { cookie: demo.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
    body: JSON.stringify({ reader }),
  });
  assert.equal(crossSite.status, 403);
  await presentCard(target.stripe, reader, '4242424242424242');
  assert.equal((await watchUntilDone(target, started.body.setup_intent.id, reader)).setup_intent.status, 'succeeded');
});
