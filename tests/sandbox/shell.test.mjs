// The HTTP shell: fault injection as the official library sees it, static
// files, request limits, CLI validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Stripe from 'stripe';
import { BIN, SK, startSandbox, tempDb } from './helpers.mjs';

test('dropped connections after commit: a retry with the same Idempotency-Key gets the stored answer', async () => {
  const db = tempDb();
  const sandbox = await startSandbox({ db: db.path, args: ['--faults', 'customers.create:drop,customers.update:5xx=503'] });
  try {
    const noRetry = new Stripe(SK, { host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0 });
    await assert.rejects(noRetry.customers.create({ email: 'dropped@example.com' }, { idempotencyKey: 'drop-1' }),
      (e) => e instanceof Stripe.errors.StripeConnectionError || e instanceof Stripe.errors.StripeAPIError);
    // The change was committed before the drop.
    const created = await sandbox.stripe.events.list({ type: 'customer.created' });
    assert.equal(created.data.length, 1);
    const id = created.data[0].data.object.id;
    // Replaying the same key returns that customer (the replay is dropped too,
    // so read it with the fault-free retrieve).
    assert.equal((await sandbox.stripe.customers.retrieve(id)).email, 'dropped@example.com');
    await assert.rejects(noRetry.customers.update(id, { name: 'x' }),
      (e) => e instanceof Stripe.errors.StripeAPIError && e.statusCode === 503);
    assert.equal((await sandbox.stripe.customers.retrieve(id)).name, null, '5xx faults change nothing');
  } finally {
    await sandbox.stop();
    db.cleanup();
  }
});

test('static files with content types and the CSP option; no escaping the folder', async () => {
  const db = tempDb();
  const dir = join(dirname(db.path), 'site');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(dir, 'dist', 'setupflow.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(dir, 'dist', 'setupflow.mjs'), 'export {};');
  const csp = "default-src 'self'";
  const sandbox = await startSandbox({ db: db.path, args: ['--static-dir', dir, '--csp', csp] });
  try {
    const index = await fetch(sandbox.base + '/');
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type'), /^text\/html/);
    assert.equal(index.headers.get('content-security-policy'), csp);
    const wasm = await fetch(sandbox.base + '/dist/setupflow.wasm');
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.match((await fetch(sandbox.base + '/dist/setupflow.mjs')).headers.get('content-type'), /^text\/javascript/);
    assert.equal((await fetch(sandbox.base + '/dist/missing.js')).status, 404);
    assert.equal((await fetch(sandbox.base + '/%2e%2e/sandbox.db')).status, 404);
    assert.equal((await fetch(sandbox.base + '/dist/..%2f..%2fsandbox.db')).status, 404);
    // The API is still there, and never served from the folder.
    assert.equal((await fetch(sandbox.base + '/v1/customers')).status, 401);
  } finally {
    await sandbox.stop();
    db.cleanup();
  }
});

test('oversized bodies are refused, the server stays up', async () => {
  const db = tempDb();
  const sandbox = await startSandbox({ db: db.path });
  try {
    const big = await fetch(sandbox.base + '/v1/customers', {
      method: 'POST',
      headers: { authorization: `Bearer ${SK}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'description=' + 'x'.repeat(2 * 1024 * 1024),
    }).catch((e) => e);
    assert.ok(big instanceof Error || big.status === 413, `status ${big.status}`);
    const ok = await sandbox.stripe.customers.create({ description: 'after' });
    assert.equal(ok.description, 'after');
  } finally {
    await sandbox.stop();
    db.cleanup();
  }
});

test('the command line refuses malformed keys and fault specs', () => {
  for (const args of [['--secret-key', 'pk_test_abc'], ['--publishable-key', 'pk_test_a_b'], ['--faults', 'x:boom'],
    ['--port', '70000'], ['--bogus', '1']]) {
    const r = spawnSync(BIN, [...args, '--db', ':memory:'], { encoding: 'utf8', timeout: 10000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /setupflow-sandbox: /);
  }
});
