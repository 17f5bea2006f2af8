// Sandbox benchmark: confirm + retrieve requests/second and latency of the
// setupflow sandbox on loopback, with its state in SQLite on disk, next to a
// bare cpp-httplib server answering the same routes (the ceiling), in the same
// run, with the same request script, load generator and connection count.
//
//   node tests/bench/sandbox_load.mjs    (scripts/bench builds and runs it)
//   env: BENCH_SANDBOX_BIN, BENCH_TOOLS_DIR (bench_httpload, bench_bare_server)
//        BENCH_SANDBOX_SECONDS (10), BENCH_SANDBOX_REQUESTS (20000) per server,
//        split over BENCH_SANDBOX_ROUNDS (3) alternating rounds;
//        BENCH_CONNECTIONS (4), BENCH_INTENTS (64); BENCH_SANDBOX_MEMORY=1
//        adds a diagnostic round on a :memory: database (never the figure)
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
import { buildDir, fmt, median, table } from './lib/common.mjs';
import { api, sandboxBin, startSandbox, startServer, stopAll, stopServer, track } from './lib/procs.mjs';

const seconds = Number(process.env.BENCH_SANDBOX_SECONDS || 10);
const maxRequests = Number(process.env.BENCH_SANDBOX_REQUESTS || 20000);
const connections = Number(process.env.BENCH_CONNECTIONS || 4);
const rounds = Math.max(1, Number(process.env.BENCH_SANDBOX_ROUNDS || 3));
const intentCount = Number(process.env.BENCH_INTENTS || 64);
const toolsDir = process.env.BENCH_TOOLS_DIR || join(buildDir, 'tools');
const RETURN_URL = 'https://shop.example.test/checkout/done';

function runLoad(port, script, label, jsonPath, requests, runSeconds) {
  return new Promise((ok, fail) => {
    const args = ['--port', String(port), '-c', String(connections), '-n', String(requests), '-d', String(runSeconds),
      '--warmup', '0.5', '--once', '--script', script, '--label', label, '--json', jsonPath];
    const child = track(spawn(join(toolsDir, 'bench_httpload'), args, { stdio: ['ignore', 'pipe', 'inherit'] }));
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('exit', (code) => {
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
    let sandbox = await startSandbox(db);
    const { sk, pk } = sandbox;

    // Intents up front, through the secret-key API as a merchant server would.
    const makeIntents = async (server) => {
      const list = [];
      for (let i = 0; i < intentCount; i++) {
        const customer = await api(server.port, server.sk, 'POST', '/v1/customers', { email: `bench${i}@shop.example.test` });
        const si = await api(server.port, server.sk, 'POST', '/v1/setup_intents', {
          'payment_method_types[]': 'cashapp',
          customer: customer.id,
        });
        list.push({ id: si.id, secret: si.client_secret });
      }
      return list;
    };
    const intents = await makeIntents(sandbox);

    // Scripts: confirm then retrieve, round-robin over the intents, each
    // confirm with its own Idempotency-Key (a new set per round, so nothing
    // is ever a replay). Lines beyond the request bound cover the warm-up;
    // --once sends each line at most once. Both servers get the same script.
    const intentsDefault = intents;
    const perRun = Math.ceil(maxRequests / rounds);
    const runSeconds = seconds / rounds;
    const writeScript = (round, intents = intentsDefault) => {
      const runId = `${Date.now().toString(36)}-${round}`;
      const lines = [];
      const pairs = Math.ceil(perRun / 2) + 20000;
      for (let j = 0; j < pairs; j++) {
        const it = intents[j % intents.length];
        const secret = encodeURIComponent(it.secret);
        const body = `client_secret=${secret}&payment_method_data[type]=cashapp&return_url=${encodeURIComponent(RETURN_URL)}` +
          '&mandate_data[customer_acceptance][type]=online&mandate_data[customer_acceptance][online][infer_from_client]=true';
        lines.push(['POST', `/v1/setup_intents/${it.id}/confirm`, body, `Authorization: Bearer ${pk}`, `Idempotency-Key: bench-${runId}-${j}`].join('\t'));
        lines.push(['GET', `/v1/setup_intents/${it.id}?client_secret=${secret}&key=${pk}`, ''].join('\t'));
      }
      const file = join(work, `confirm_retrieve_${round}.tsv`);
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    };

    // Rounds alternate the ceiling and the sandbox, so that other load on the
    // machine falls on both alike; the bare server uses the sandbox shell's
    // settings (keep-alive up to 1000 requests a connection).
    const bare = await startServer(join(toolsDir, 'bench_bare_server'), ['--port', '0', '--keep-alive-max', '1000', '--max-seconds', String(Math.ceil(seconds * 3 + 120))], /listening (\d+)/);
    const runs = { bare: [], sandbox: [] };
    for (let r = 0; r < rounds; r++) {
      const script = writeScript(r);
      const bareRun = await runLoad(bare.port, script, `bare cpp-httplib, round ${r + 1}`, join(work, `bare${r}.json`), perRun, runSeconds);
      const sbRun = await runLoad(sandbox.port, script, `setupflow sandbox, round ${r + 1}`, join(work, `sandbox${r}.json`), perRun, runSeconds);
      process.stdout.write(`\n${bareRun.text}${sbRun.text}`);
      runs.bare.push(bareRun.result);
      runs.sandbox.push(sbRun.result);
    }
    await stopServer(bare);

    // Diagnostic only (BENCH_SANDBOX_MEMORY=1): one round on a :memory:
    // database, to show how much of the cost is the durable file. Never the
    // headline figure.
    let memory = null;
    if (process.env.BENCH_SANDBOX_MEMORY === '1') {
      const mem = await startSandbox(':memory:');
      try {
        const script = writeScript('mem', await makeIntents(mem));
        const run = await runLoad(mem.port, script, 'diagnostic: sandbox on :memory: (not durable)', join(work, 'memory.json'), perRun, runSeconds);
        process.stdout.write(`\n${run.text}`);
        memory = run.result;
      } finally {
        await stopServer(mem);
      }
    }

    // Durability: restart on the same file; an intent confirmed during the
    // load must still be there, in requires_action.
    await stopServer(sandbox);
    const dbBytes = statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);
    sandbox = await startSandbox(db);
    const again = await api(sandbox.port, sk, 'GET', `/v1/setup_intents/${intents[0].id}`);
    const durable = again.status === 'requires_action';
    await stopServer(sandbox);

    // Per server: the median over rounds of each figure.
    const med = (list, f) => median(list.map(f).filter((x) => x !== undefined));
    const summarise = (list) => ({
      rps: med(list, (r) => r.requests_per_second),
      p50: med(list, (r) => r.all.p50_ms), p90: med(list, (r) => r.all.p90_ms), p99: med(list, (r) => r.all.p99_ms),
      max: Math.max(...list.map((r) => r.all.max_ms)),
      postP99: med(list, (r) => r.POST?.p99_ms), getP99: med(list, (r) => r.GET?.p99_ms),
      errors: list.reduce((a, r) => a + r.transport_errors + r.http_errors, 0),
      perRound: list.map((r) => Math.round(r.requests_per_second)),
    });
    const b = summarise(runs.bare), s = summarise(runs.sandbox);
    const row = (name, x) => [name, fmt(x.rps), fmt(x.p50, 2), fmt(x.p90, 2), fmt(x.p99, 2), fmt(x.max, 2), String(x.errors), x.perRound.map((v) => fmt(v)).join(' / ')];
    table(
      `Sandbox: confirm + retrieve on loopback (${connections} keep-alive connections; ${rounds} rounds of up to ${fmt(perRun)} requests or ${fmt(runSeconds, 1)} s per server; SQLite file; medians over rounds)`,
      ['server', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'req/s per round'],
      [
        row('bare cpp-httplib (ceiling)', b),
        row('setupflow sandbox', s),
        ...(memory ? [row('diagnostic: sandbox on :memory:', summarise([memory]))] : []),
      ],
    );
    const ratio = s.rps / b.rps;
    table('Sandbox against its goals', ['figure', 'value', 'goal', ''], [
      ['sandbox / bare, req/s', `${fmt(ratio * 100, 1)}%`, '>= 50%', ratio >= 0.5 ? 'met' : 'NOT MET'],
      ['sandbox p99, all', `${fmt(s.p99, 2)} ms`, '<= 20 ms', s.p99 <= 20 ? 'met' : 'NOT MET'],
      ['sandbox p99, confirm (POST)', `${fmt(s.postP99, 2)} ms`, '', ''],
      ['sandbox p99, retrieve (GET)', `${fmt(s.getP99, 2)} ms`, '', ''],
      ['state survives a restart', durable ? 'yes' : 'NO', 'yes', durable ? 'met' : 'NOT MET'],
    ]);
    const statuses = runs.sandbox.map((r) => r.statuses).filter((x) => Object.keys(x).length);
    console.log(`(SQLite file after the runs: ${fmt(dbBytes / 1024)} KB with its WAL${statuses.length ? `; sandbox error statuses: ${JSON.stringify(statuses)}` : ''})`);
    Object.assign(results, { connections, rounds, perRun, runSeconds, intents: intentCount, bare: b, sandbox: s, ratio, durable, runs, memory });
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
