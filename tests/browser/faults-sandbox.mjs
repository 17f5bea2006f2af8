// The fault-injection spec's own sandbox (its own port, database file, fault
// rules and seed) and what the spec reads from it with the secret key: a
// merchant server's calls, retried the way a careful merchant retries them
// (same Idempotency-Key), and the event log as the durable record of what the
// sandbox actually did.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, tempDb, SK } from '../sandbox/helpers.mjs';
import { CSP } from './playwright.config.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Rules for the routes a confirm, a poll and an off-session charge use; every
// route also gets some latency. 5xx is answered before any change; `drop`
// commits, then cuts the answer after its headers.
export function faultSpec() {
  const rules = [];
  for (const route of ['setup_intents.confirm', 'payment_intents.confirm']) rules.push(`${route}:5xx@0.15`, `${route}:drop@0.15`);
  for (const route of ['setup_intents.retrieve', 'payment_intents.retrieve']) rules.push(`${route}:5xx=503@0.08`, `${route}:drop@0.08`);
  rules.push('payment_intents.create:5xx=502@0.15', 'payment_intents.create:drop@0.15', '*:latency=25@0.1');
  return rules.join(',');
}

export const SEED = Number(process.env.SETUPFLOW_FAULT_SEED || 20261124);

export async function startFaultySandbox() {
  const db = tempDb();
  const sandbox = await startSandbox({
    db: db.path,
    args: ['--host', '127.0.0.1', '--static-dir', root, '--csp', CSP, '--faults', faultSpec(), '--seed', String(SEED)],
  });
  return {
    ...sandbox,
    async stop() {
      await sandbox.stop();
      db.cleanup();
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A secret-key call. POSTs carry one Idempotency-Key reused on every retry;
// injected 5xx answers and dropped answers are retried (at most 10 tries).
// `stats.retries` counts the extra tries.
export async function api(base, method, apiPath, form, stats = {}) {
  const key = method === 'POST' ? `faults-spec-${randomUUID()}` : null;
  const body = form ? new URLSearchParams(form).toString() : undefined;
  let last = '';
  for (let attempt = 0; attempt < 10; attempt += 1) {
    if (attempt > 0) {
      stats.retries = (stats.retries || 0) + 1;
      await sleep(20 * attempt);
    }
    let response;
    let text;
    try {
      response = await fetch(new URL(apiPath, base), {
        method,
        headers: {
          Authorization: `Bearer ${SK}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(key ? { 'Idempotency-Key': key } : {}),
        },
        body,
      });
      text = await response.text();
    } catch (error) {
      last = `connection: ${error.message}`;
      continue;
    }
    if (response.status >= 500) {
      last = `HTTP ${response.status}`;
      continue;
    }
    const json = JSON.parse(text);
    if (!response.ok) throw new Error(`${method} ${apiPath}: HTTP ${response.status} ${JSON.stringify(json.error)}`);
    return json;
  }
  throw new Error(`${method} ${apiPath}: gave up after 10 tries (${last})`);
}

// Every event of `type`, oldest first, through starting_after pages.
export async function listEvents(base, type) {
  const all = [];
  let after = null;
  for (let page = 0; page < 1000; page += 1) {
    const query = new URLSearchParams({ type, limit: '100' });
    if (after) query.set('starting_after', after);
    const list = await api(base, 'GET', `/v1/events?${query}`);
    all.push(...list.data);
    if (!list.has_more || list.data.length === 0) return all.reverse();
    after = list.data[list.data.length - 1].id;
  }
  throw new Error(`more than 100000 ${type} events`);
}

// Events grouped by a key of their own: the intent they describe, or the
// Idempotency-Key of the request that made them.
export function countBy(events, keyOf) {
  const counts = new Map();
  for (const event of events) {
    const k = keyOf(event);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return counts;
}

// Runs `task(item, index)` over `items`, `concurrency` at a time.
export async function pool(items, concurrency, task) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
