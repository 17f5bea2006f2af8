// Issue 12's findings that need the real shell: the Host check (DNS
// rebinding), --public-url, and webhook endpoints that do not wait for each
// other. Each test failed before its fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startSandbox, suiteSandbox, tempDb, webhookReceiver, waitFor, SK } from './helpers.mjs';

const sandbox = suiteSandbox();

// A request with an explicit Host header (fetch does not let a caller set it).
function request(port, { method = 'GET', path, host, body = '' }) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method, path,
      headers: { host, authorization: `Bearer ${SK}`, 'content-type': 'application/x-www-form-urlencoded' },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('timeout')));
    req.end(body);
  });
}

test('a Host other than the sandbox\'s own names is answered 421 and changes nothing', async () => {
  const { port } = sandbox();
  const before = (await sandbox().stripe.customers.list({ limit: 100 })).data.length;
  for (const host of ['attacker.example', `attacker.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
    for (const path of ['/v1/customers', '/cashapp/buyers/C_x']) {
      const r = await request(port, { method: path === '/v1/customers' ? 'POST' : 'GET', path, host });
      assert.equal(r.status, 421, `${host} ${path}`);
      assert.match(JSON.parse(r.text).error.message, /Misdirected Request/);
    }
  }
  assert.equal((await sandbox().stripe.customers.list({ limit: 100 })).data.length, before);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`]) {
    assert.equal((await request(port, { path: '/v1/customers', host })).status, 200, host);
  }
});

test('--public-url names the handed-out URLs and is answered as a Host', async () => {
  const other = tempDb();
  const pub = await startSandbox({ db: other.path, args: ['--public-url', 'https://sandbox.example:8443/'] });
  try {
    const si = await pub.stripe.setupIntents.create({
      confirm: true, payment_method_data: { type: 'cashapp' }, return_url: 'https://shop.example/done',
    });
    const action = si.next_action.cashapp_handle_redirect_or_display_qr_code;
    for (const url of [action.mobile_auth_url, action.hosted_instructions_url, action.qr_code.data]) {
      assert.ok(url.startsWith('https://sandbox.example:8443/cashapp/'), url);
    }
    assert.equal((await request(pub.port, { path: '/v1/customers', host: 'sandbox.example:8443' })).status, 200);
    assert.equal((await request(pub.port, { path: '/v1/customers', host: 'sandbox.example' })).status, 421);
  } finally {
    await pub.stop();
    other.cleanup();
  }
});

test('a slow webhook endpoint does not delay deliveries to the others', async () => {
  // The slow receiver holds every request for 6 s (the sandbox waits up to
  // 10 s for an answer).
  const held = [];
  const timers = [];
  const answer = (res) => { if (!res.headersSent) res.writeHead(200).end('{}'); };
  const slow = http.createServer((req, res) => {
    held.push(res);
    timers.push(setTimeout(() => answer(res), 6000));
  });
  await new Promise((r) => slow.listen(0, '127.0.0.1', r));
  const fast = await webhookReceiver();
  try {
    await sandbox().stripe.webhookEndpoints.create({ url: `http://127.0.0.1:${slow.address().port}/slow`, enabled_events: ['customer.created'] });
    await sandbox().stripe.webhookEndpoints.create({ url: fast.url, enabled_events: ['customer.created'] });
    // Two events: whatever order the queue holds, a sequential sender would
    // reach the second event's fast delivery only after a slow one.
    const started = Date.now();
    await sandbox().stripe.customers.create({ email: 'webhooks1@example.com' });
    const customer = await sandbox().stripe.customers.create({ email: 'webhooks2@example.com' });
    await waitFor(() => fast.received.find((h) => h.body.includes(customer.id)), 15000, 'the fast endpoint\'s delivery');
    const waited = Date.now() - started;
    assert.ok(waited < 3000, `the fast endpoint waited ${waited} ms behind the slow one`);
    await waitFor(() => held.length > 0, 5000, 'the slow endpoint\'s delivery');
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const res of held) answer(res);
    slow.closeAllConnections?.();
    await new Promise((r) => slow.close(r));
    await fast.close();
  }
});
