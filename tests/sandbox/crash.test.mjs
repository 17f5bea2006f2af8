// Crash safety: SIGKILL the sandbox at random points of the whole merchant
// flow (customer, SetupIntent confirmed with cashapp, approval on the phone
// page, off-session charge with the saved method, detach), restart it on the
// same database and port, and let the merchant's stripe-node retries (one
// Idempotency-Key per POST for all its attempts) carry the flow on. Shown:
//   - no answered request lost: right after every restart, each object an
//     answer showed is there, at least as far along as the answer said;
//   - the flow completes: set up, charged exactly once, detached; one
//     customer and one SetupIntent per run, each run's events exactly those
//     of an undisturbed run (nothing lost, nothing doubled);
//   - webhooks: every event in /v1/events reaches the receiver at least once
//     with a valid signature, and a redelivery carries the same event id.
//
// Each run has SETUPFLOW_CRASH_FLOWS (default 2) flows at once, so a kill
// also meets other requests in flight or just answered. Reproducible plan:
// SETUPFLOW_CRASH_SEED (default 1234) picks the kill points;
// SETUPFLOW_CRASH_RUNS (default 25) the number of runs. Longer run:
//   npm run crash -- --runs 500 [--seed 7] [--flows 4]
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { BIN, tempDb, cashappAction, waitFor, RETURN_URL } from './helpers.mjs';
import {
  prng, isConnectionError, CrashableSandbox, KillSwitch, makePlan, merchantStripe, verifyStripe, signedReceiver,
} from './crash-harness.mjs';

function option(flag, env, fallback) {
  const i = process.argv.indexOf(flag);
  const v = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}
const SEED = option('--seed', 'SETUPFLOW_CRASH_SEED', 1234);
const RUNS = Math.max(1, option('--runs', 'SETUPFLOW_CRASH_RUNS', 25));
const FLOWS = Math.max(1, option('--flows', 'SETUPFLOW_CRASH_FLOWS', 2));
const REQUESTS_PER_FLOW = 8;  // create customer, create SI, confirm, phone GET+POST, retrieve, charge, detach

const RANKS = {
  setup_intent: { requires_payment_method: 0, requires_confirmation: 0, requires_action: 1, succeeded: 2 },
  payment_intent: { requires_payment_method: 0, requires_confirmation: 0, requires_action: 1, requires_capture: 2, succeeded: 3 },
};
const IMMUTABLE = { customer: ['email'], setup_intent: ['customer'], payment_intent: ['customer', 'amount', 'payment_method'], payment_method: [] };

function rank(o) {
  if (o.object === 'payment_method') return o.customer ? 1 : o.cashapp?.buyer_id ? 2 : 0;  // 2: detached after approval
  return RANKS[o.object]?.[o.status] ?? (o.object === 'customer' ? 0 : -1);
}

// Every answer the merchant got: object id → the furthest state an answer
// showed, and the fields that never change.
class Ledger {
  constructor() {
    this.facts = new Map();
    this.run = -1;
  }

  answered(request, res) {
    if (res.status >= 500) return;
    if (res.status === 303) {  // the phone page sent the shopper back: approved
      const back = new URL(res.headers.location);
      const id = back.searchParams.get('setup_intent');
      if (id && back.searchParams.get('redirect_status') === 'succeeded') this.note({ id, object: 'setup_intent', status: 'succeeded' });
      return;
    }
    if (!/json/.test(res.headers['content-type'] ?? '')) return;
    const body = JSON.parse(res.body);
    if (body.object in IMMUTABLE) this.note(body);
  }

  note(o) {
    const fact = this.facts.get(o.id) ?? { id: o.id, object: o.object, rank: -1, fields: {}, run: this.run };
    fact.rank = Math.max(fact.rank, rank(o));
    for (const f of IMMUTABLE[o.object]) if (f in o) fact.fields[f] = o[f];
    this.facts.set(o.id, fact);
  }

  // Re-reads each object (of the given runs, or all); returns what was lost.
  async check(stripe, runs = null) {
    const lost = [];
    const api = { customer: stripe.customers, setup_intent: stripe.setupIntents, payment_intent: stripe.paymentIntents, payment_method: stripe.paymentMethods };
    for (const fact of this.facts.values()) {
      if (runs && !runs.includes(fact.run)) continue;
      let now;
      try {
        now = await api[fact.object].retrieve(fact.id);
      } catch (e) {
        lost.push(`${fact.id}: answered, then ${e.statusCode ?? e.message} after restart`);
        continue;
      }
      if (rank(now) < fact.rank) lost.push(`${fact.id}: answered at rank ${fact.rank}, now ${now.status ?? now.customer} (rank ${rank(now)})`);
      for (const [f, v] of Object.entries(fact.fields)) {
        if (JSON.stringify(now[f]) !== JSON.stringify(v)) lost.push(`${fact.id}.${f}: answered ${JSON.stringify(v)}, now ${JSON.stringify(now[f])}`);
      }
    }
    return lost;
  }
}

// The phone (a person with a browser): on a dead connection, look at the
// intent again and answer the current code if it still waits.
async function approveOnPhone(kill, stripe, intent) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const url = new URL(cashappAction(intent).mobile_auth_url);
      const page = await kill.send({ method: 'GET', path: url.pathname + url.search });
      assert.equal(page.status, 200, `phone page: ${page.status}`);
      const form = /<form method="post" action="([^"]+)">/.exec(page.body);
      const fields = new URLSearchParams();
      for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.append(m[1], m[2]);
      fields.append('cashtag', '$crashtest');
      fields.append('action', 'approve');
      const body = fields.toString();
      const answer = await kill.send({
        method: 'POST', path: form[1], body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      });
      assert.equal(answer.status, 303, `phone decision: ${answer.status}`);
      assert.equal(new URL(answer.headers.location).searchParams.get('redirect_status'), 'succeeded');
      return;
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      intent = await stripe.setupIntents.retrieve(intent.id);
      if (intent.status === 'succeeded') return;
      assert.equal(intent.status, 'requires_action');
    }
  }
  throw new Error('the phone could not reach the sandbox');
}

// One flow of a run, as a merchant's server and its shopper do it.
async function flow(stripe, kill, run, k) {
  const customer = await stripe.customers.create({ email: `crash-${SEED}-${run}-${k}@example.com` });
  const si = await stripe.setupIntents.create({ customer: customer.id, payment_method_types: ['cashapp'], usage: 'off_session' });
  const confirmed = await stripe.setupIntents.confirm(si.id, {
    payment_method_data: { type: 'cashapp' }, return_url: RETURN_URL,
    mandate_data: { customer_acceptance: { type: 'online', online: { ip_address: '203.0.113.9', user_agent: 'CrashTest/1.0' } } },
  });
  assert.equal(confirmed.status, 'requires_action');
  await approveOnPhone(kill, stripe, confirmed);
  const done = await stripe.setupIntents.retrieve(si.id);
  assert.equal(done.status, 'succeeded');
  const amount = 1000 + run * 10 + k;
  const payment = await stripe.paymentIntents.create({
    amount, currency: 'usd', customer: customer.id, payment_method: done.payment_method, off_session: true, confirm: true,
  });
  assert.equal(payment.status, 'succeeded');
  const detached = await stripe.paymentMethods.detach(done.payment_method);
  assert.equal(detached.customer, null);
  return { run, key: `${run}.${k}`, email: customer.email, customer: customer.id, setupIntent: si.id, paymentIntent: payment.id, paymentMethod: done.payment_method, amount };
}

// A run's flows at once; the first failure, once all have ended.
async function runFlows(stripe, kill, run) {
  const settled = await Promise.allSettled(Array.from({ length: FLOWS }, (_, k) => flow(stripe, kill, run, k)));
  const failed = settled.find((x) => x.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((x) => x.value);
}

// Events attributed to flows through the ids each flow's objects carry.
function eventsByFlow(events, flows) {
  const owner = new Map();
  for (const r of flows) for (const id of [r.customer, r.setupIntent, r.paymentIntent, r.paymentMethod]) owner.set(id, r.key);
  const byRun = new Map(flows.map((r) => [r.key, []]));
  const orphans = [];
  for (const ev of events) {
    const o = ev.data.object;
    const run = [o.id, o.customer, o.payment_method].map((id) => owner.get(id)).find((r) => r !== undefined);
    if (run === undefined) orphans.push(`${ev.id} ${ev.type} ${o.id}`);
    else byRun.get(run).push(ev.type);
  }
  for (const types of byRun.values()) types.sort();
  return { byRun, orphans };
}

test(`crash safety: ${RUNS} runs of ${FLOWS} flows, each run with a SIGKILL at a random point (seed ${SEED})`, { timeout: 60000 + RUNS * 5000 }, async () => {
  assert.ok(existsSync(BIN), `no sandbox binary at ${BIN}: build it (npm run sandbox) or set SETUPFLOW_SANDBOX_BIN`);
  const started = Date.now();
  const rand = prng(SEED);
  console.log(`crash: seed ${SEED}, ${RUNS} runs of ${FLOWS} flows (SETUPFLOW_CRASH_SEED / _RUNS / _FLOWS, or --seed / --runs / --flows)`);
  const db = tempDb();
  const ledger = new Ledger();
  const hooks = await signedReceiver(prng(SEED ^ 0x5eed));
  const lostAfterRestart = [];
  let sandbox;
  const verify = () => verifyStripe(sandbox);
  sandbox = new CrashableSandbox({
    db: db.path,
    // Right after each restart, before the flow goes on: every answer so far
    // in this run and the previous one must still hold.
    onRestart: async () => lostAfterRestart.push(...await ledger.check(verify(), [ledger.run, ledger.run - 1])),
  });
  const kill = new KillSwitch(sandbox, ledger);
  const plans = [];
  try {
    await sandbox.start();
    const stripe = merchantStripe(kill, sandbox.port);
    const endpoint = await verify().webhookEndpoints.create({ url: hooks.url, enabled_events: ['*'] });
    hooks.setSecret(endpoint.secret);

    // An undisturbed run first: its duration bounds the timer kills, and its
    // events are what every run must raise.
    ledger.run = 0;
    const t0 = Date.now();
    const results = await runFlows(stripe, kill, 0);
    const flowMs = Math.max(5, Date.now() - t0);

    for (let run = 1; run <= RUNS; run += 1) {
      const plan = makePlan(rand, REQUESTS_PER_FLOW * FLOWS, flowMs);
      plans.push(plan);
      ledger.run = run;
      kill.arm(plan);
      let flows;
      try {
        flows = await runFlows(stripe, kill, run);
        results.push(...flows);
      } catch (e) {
        await sandbox.ready().catch(() => {});
        throw new Error(`run ${run} (plan ${JSON.stringify(plan)}, seed ${SEED}): ${e.stack ?? e}` +
          (lostAfterRestart.length ? `\nanswered before the kill, missing after the restart:\n${lostAfterRestart.join('\n')}` : ''));
      }
      kill.disarm();
      await sandbox.ready();
      assert.deepEqual(lostAfterRestart, [], `run ${run} (plan ${JSON.stringify(plan)}): answered before the kill, missing after the restart`);

      const v = verify();
      for (const r of flows) {
        assert.equal((await v.customers.list({ email: r.email })).data.length, 1, `flow ${r.key}: one customer`);
        assert.equal((await v.setupIntents.list({ customer: r.customer })).data.length, 1, `flow ${r.key}: one SetupIntent`);
        const pi = await v.paymentIntents.retrieve(r.paymentIntent);
        assert.equal(pi.status, 'succeeded');
        assert.equal(pi.amount_received, r.amount);
        assert.equal((await v.paymentMethods.retrieve(r.paymentMethod)).customer, null);
      }
    }
    assert.equal(sandbox.kills, RUNS, 'one kill per run');
    assert.deepEqual(lostAfterRestart, [], 'answered before a kill, missing after the restart');
    const lostAtEnd = await ledger.check(verify());
    assert.deepEqual(lostAtEnd, [], 'answered, missing at the end');

    // Events: each flow raised exactly an undisturbed flow's events.
    const events = await verify().events.list({ limit: 100 }).autoPagingToArray({ limit: 10000 });
    const { byRun, orphans } = eventsByFlow(events, results);
    assert.deepEqual(orphans, [], 'events of no flow (a duplicated object?)');
    const expected = byRun.get('0.0');
    assert.ok(expected.includes('payment_intent.succeeded') && expected.includes('setup_intent.succeeded'), expected.join());
    for (const [key, types] of byRun) {
      const plan = JSON.stringify(plans[Number.parseInt(key, 10) - 1] ?? 'none');
      assert.equal(types.filter((t) => t === 'payment_intent.succeeded').length, 1, `flow ${key} (plan ${plan}): charged once`);
      assert.deepEqual(types, expected, `flow ${key} (plan ${plan}): the events of an undisturbed flow`);
    }

    // Webhooks: every listed event delivered at least once, signed, ids stable.
    const ids = new Set(events.map((e) => e.id));
    await waitFor(() => {
      const got = new Set(hooks.deliveries.map((d) => d.id));
      return [...ids].every((id) => got.has(id));
    }, 30000, 'every event delivered');
    assert.deepEqual(hooks.rejected, [], 'deliveries with a bad signature');
    const first = new Map();
    for (const d of hooks.deliveries) {
      assert.ok(ids.has(d.id), `delivered ${d.id} is in /v1/events`);
      const seen = first.get(d.id);
      if (seen) assert.equal(d.body, seen.body, `redelivery of ${d.id} is the same event`);
      else first.set(d.id, d);
    }
    for (const e of events) assert.equal(first.get(e.id).type, e.type);
    const redelivered = hooks.deliveries.length - first.size;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const modes = plans.reduce((m, p) => ({ ...m, [p.mode]: (m[p.mode] ?? 0) + 1 }), {});
    console.log(`crash: plans ${JSON.stringify(modes)}; ${sandbox.startupKills} restarts killed while starting; ` +
      `${kill.replayed} retried requests answered by idempotent replay; ${hooks.refused.size} first deliveries refused (500)`);
    console.log(`crash: ${RUNS} runs (${FLOWS} flows each), ${sandbox.kills} kills, ${lostAfterRestart.length + lostAtEnd.length} answered-but-lost, ` +
      `events ${first.size} delivered (${redelivered} redelivered), seed ${SEED}, ${seconds} s`);
  } finally {
    kill.disarm();
    await sandbox.stop();
    await hooks.close();
    db.cleanup();
  }
});
