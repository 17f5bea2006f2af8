// Starts the native sandbox on a free loopback port with a temporary database,
// and drives the simulated Cash App phone page like a browser form would.
import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import Stripe from 'stripe';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.SETUPFLOW_SANDBOX_BIN
  ? resolve(process.env.SETUPFLOW_SANDBOX_BIN)
  : join(root, 'build/native/sandbox/setupflow-sandbox');
export const SK = 'sk_test_setupflowsandbox';
export const PK = 'pk_test_setupflowsandbox';
export const RETURN_URL = 'https://shop.example/checkout/done?order=42#summary';

export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'setupflow-sandbox-'));
  return { path: join(dir, 'sandbox.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// One sandbox on a temporary database for a whole test file: started before
// its tests, stopped and removed after them. Returns an accessor, since the
// sandbox exists only once `before` has run.
export function suiteSandbox(args = []) {
  let sandbox;
  let db;
  before(async () => {
    db = tempDb();
    sandbox = await startSandbox({ db: db.path, args });
  });
  after(async () => {
    await sandbox?.stop();
    db?.cleanup();
  });
  return () => sandbox;
}

// Spawns the sandbox; resolves once it prints its address (at most 15 s).
export function startSandbox({ db, port = 0, args = [] }) {
  const proc = spawn(BIN, ['--port', String(port), '--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`sandbox did not start in 15 s: ${out} ${err}`));
    }, 15000);
    proc.stderr.on('data', (d) => { err += d; });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited early (${code}): ${out} ${err}`));
    });
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && /publishable key: \S+/.test(out)) {
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        const actualPort = Number(m[1]);
        const exited = new Promise((r) => proc.on('exit', r));
        resolvePromise({
          proc,
          port: actualPort,
          base: `http://127.0.0.1:${actualPort}`,
          output: () => out,
          stripe: new Stripe(SK, { host: '127.0.0.1', port: actualPort, protocol: 'http', maxNetworkRetries: 0 }),
          async stop(signal = 'SIGTERM') {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
            // The guard must not keep the test process alive after the exit.
            let guard;
            await Promise.race([exited, new Promise((r) => { guard = setTimeout(r, 5000); })]);
            clearTimeout(guard);
          },
        });
      }
    });
  });
}

// Reads the phone page and submits one of its buttons like a browser form.
export async function answerOnPhone(url, action, cashtag = '$alice') {
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`phone page answered ${page.status}`);
  const html = await page.text();
  const form = /<form method="post" action="([^"]+)">/.exec(html);
  if (!form) throw new Error('no form on the phone page');
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.append(m[1], m[2]);
  fields.append('cashtag', cashtag);
  fields.append('action', action);
  const target = new URL(form[1], url);
  return fetch(target, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields.toString(),
  });
}

export function cashappAction(intent) {
  return intent.next_action.cashapp_handle_redirect_or_display_qr_code;
}

// A loopback webhook receiver that keeps raw bodies and signatures.
export async function webhookReceiver({ failFirst = 0 } = {}) {
  const received = [];
  let failures = failFirst;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end('try again');
        return;
      }
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['stripe-signature'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

// Polls `check` every 50 ms until it returns a truthy value (at most `ms`).
export async function waitFor(check, ms = 10000, what = 'condition') {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
