// Sandbox benchmark: confirm + retrieve requests/second and latency of the
// setupflow sandbox on loopback, with its state in SQLite on disk, next to a
// bare cpp-httplib server answering the same routes (the ceiling), in the same
// run, with the same request script, load generator and connection count.
//
//   node tests/bench/sandbox_load.mjs    (scripts/bench builds and runs it)
//   env: BENCH_SANDBOX_BIN, BENCH_TOOLS_DIR (bench_httpload, bench_bare_server)
//        BENCH_SANDBOX_SECONDS (10), BENCH_SANDBOX_REQUESTS (20000) per server,
//        BENCH_CONNECTIONS (4), BENCH_INTENTS (64)
//
// The request mix is what a page does: confirm (publishable key, client
// secret, a fresh Idempotency-Key each time, so every confirm is real work,
// never a replay) then retrieve, alternating, over BENCH_INTENTS SetupIntents
// (payment_method_types[]=cashapp, each with its customer) created up front
// with the secret key. Re-confirming an intent in requires_action is valid.
// Goal: sandbox >= 50% of the bare server's requests/second, p99 <= 20 ms.
// Exit 0 whatever the figures; 1 only if something could not run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDir, fmt, table } from './lib/common.mjs';

const seconds = Number(process.env.BENCH_SANDBOX_SECONDS || 10);
const maxRequests = Number(process.env.BENCH_SANDBOX_REQUESTS || 20000);
const connections = Number(process.env.BENCH_CONNECTIONS || 4);
const intentCount = Number(process.env.BENCH_INTENTS || 64);
const sandboxBin = process.env.BENCH_SANDBOX_BIN || join(buildDir, 'native', 'sandbox', 'setupflow-sandbox');
const toolsDir = process.env.BENCH_TOOLS_DIR || join(buildDir, 'tools');
const RETURN_URL = 'https://shop.example.test/checkout/done';

const children = new Set();
function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', stopAll);

// Starts a server and resolves {child, port, lines} once it prints its port.
function startServer(bin, args, portPattern) {
  return new Promise((ok, fail) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${bin} did not start in 10 s: ${out}`)), 10000);
    const onData = (d) => {
      out += d;
      const m = portPattern.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, port: Number(m[1]), output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => (clearTimeout(timer), fail(e)));
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      fail(new Error(`${bin} exited (${code}) before listening: ${out}`));
    });
  });
}

async function stopServer(s) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((ok) => s.child.once('exit', ok));
  s.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

async function api(port, key, method, path, form) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body.error)}`);
  return body;
}

function runLoad(port, script, label, jsonPath) {
  return new Promise((ok, fail) => {
    const args = ['--port', String(port), '-c', String(connections), '-n', String(maxRequests), '-d', String(seconds),
      '--warmup', '0.5', '--once', '--script', script, '--label', label, '--json', jsonPath];
    const child = spawn(join(toolsDir, 'bench_httpload'), args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('exit', (code) => {
      children.delete(child);
      if (code !== 0 || !existsSync(jsonPath)) return fail(new Error(`bench_httpload ${label} failed (${code}): ${out}`));
      ok({ text: out, result: JSON.parse(readFileSync(jsonPath, 'utf8')) });
    });
  });
}

async function main() {
  for (const bin of [sandboxBin, join(toolsDir, 'bench_httpload'), join(toolsDir, 'bench_bare_server')])
    if (!existsSync(bin)) throw new Error(`missing ${bin} (scripts/bench builds it)`);
  const work = mkdtempSync(join(tmpdir(), 'setupflow-bench-'));
  const db = join(work, 'sandbox.db');  // a file: every state change is a durable SQLite commit
  const results = {};
  try {
    let sandbox = await startServer(sandboxBin, ['--port', '0', '--host', '127.0.0.1', '--db', db], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const sk = /secret key: (\S+)/.exec(sandbox.output())?.[1];
    const pk = /publishable key: (\S+)/.exec(sandbox.output())?.[1];
    if (!sk || !pk) throw new Error(`the sandbox did not print its keys: ${sandbox.output()}`);

    // Intents up front, through the secret-key API as a merchant server would.
    const intents = [];
    for (let i = 0; i < intentCount; i++) {
      const customer = await api(sandbox.port, sk, 'POST', '/v1/customers', { email: `bench${i}@shop.example.test` });
      const si = await api(sandbox.port, sk, 'POST', '/v1/setup_intents', {
        'payment_method_types[]': 'cashapp',
        customer: customer.id,
      });
      intents.push({ id: si.id, secret: si.client_secret });
    }

    // One script for both servers: confirm then retrieve, round-robin over the
    // intents, each confirm with its own Idempotency-Key. Lines beyond the
    // request bound cover the warm-up; --once sends each line at most once.
    const runId = Date.now().toString(36);
    const lines = [];
    const pairs = Math.ceil(maxRequests / 2) + 20000;
    for (let j = 0; j < pairs; j++) {
      const it = intents[j % intents.length];
      const secret = encodeURIComponent(it.secret);
      const body = `client_secret=${secret}&payment_method_data[type]=cashapp&return_url=${encodeURIComponent(RETURN_URL)}` +
        '&mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][infer_from_client]=true';
      lines.push(['POST', `/v1/setup_intents/${it.id}/confirm`, body, `Authorization: Bearer ${pk}`, `Idempotency-Key: bench-${runId}-${j}`].join('\t'));
      lines.push(['GET', `/v1/setup_intents/${it.id}?client_secret=${secret}&key=${pk}`, ''].join('\t'));
    }
    const script = join(work, 'confirm_retrieve.tsv');
    writeFileSync(script, lines.join('\n') + '\n');

    // The ceiling first, then the sandbox; the same settings the sandbox's
    // shell uses (keep-alive up to 1000 requests a connection).
    const bare = await startServer(join(toolsDir, 'bench_bare_server'), ['--port', '0', '--keep-alive-max', '1000', '--max-seconds', String(seconds * 4 + 60)], /listening (\d+)/);
    const bareRun = await runLoad(bare.port, script, 'bare cpp-httplib', join(work, 'bare.json'));
    await stopServer(bare);
    const sbRun = await runLoad(sandbox.port, script, 'setupflow sandbox', join(work, 'sandbox.json'));
    console.log(`\n${bareRun.text}${sbRun.text}`);

    // Durability: restart on the same file; an intent confirmed during the
    // load must still be there, in requires_action.
    await stopServer(sandbox);
    const dbBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
    sandbox = await startServer(sandboxBin, ['--port', '0', '--host', '127.0.0.1', '--db', db], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const again = await api(sandbox.port, sk, 'GET', `/v1/setup_intents/${intents[0].id}`);
    const durable = again.status === 'requires_action';
    await stopServer(sandbox);

    const b = bareRun.result, s = sbRun.result;
    const row = (name, r) => [name, fmt(r.requests_per_second), fmt(r.all.p50_ms, 2), fmt(r.all.p90_ms, 2), fmt(r.all.p99_ms, 2), fmt(r.all.max_ms, 2), String(r.transport_errors + r.http_errors)];
    table(
      `Sandbox: confirm + retrieve on loopback (${connections} keep-alive connections, up to ${fmt(maxRequests)} requests or ${seconds} s each; SQLite file)`,
      ['server', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors'],
      [row('bare cpp-httplib (ceiling)', b), row('setupflow sandbox', s)],
    );
    const ratio = s.requests_per_second / b.requests_per_second;
    table('Sandbox against its goals', ['figure', 'value', 'goal', ''], [
      ['sandbox / bare, req/s', `${fmt(ratio * 100, 1)}%`, '>= 50%', ratio >= 0.5 ? 'met' : 'NOT MET'],
      ['sandbox p99, all', `${fmt(s.all.p99_ms, 2)} ms`, '<= 20 ms', s.all.p99_ms <= 20 ? 'met' : 'NOT MET'],
      ['sandbox p99, confirm (POST)', `${fmt(s.POST?.p99_ms, 2)} ms`, '', ''],
      ['sandbox p99, retrieve (GET)', `${fmt(s.GET?.p99_ms, 2)} ms`, '', ''],
      ['state survives a restart', durable ? 'yes' : 'NO', 'yes', durable ? 'met' : 'NOT MET'],
    ]);
    console.log(`(SQLite file after the run: ${fmt(dbBytes / 1024)} KB with its WAL; sandbox errors: ${JSON.stringify(s.statuses)})`);
    Object.assign(results, { connections, seconds, maxRequests, intents: intentCount, bare: b, sandbox: s, ratio, durable });
    mkdirSync(join(buildDir, 'results'), { recursive: true });
    writeFileSync(join(buildDir, 'results', 'sandbox.json'), JSON.stringify(results, null, 2));
  } finally {
    stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`sandbox_load: could not run: ${e.stack || e}`);
  stopAll();
  process.exit(1);
});
