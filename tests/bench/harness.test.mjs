// Checks of the benchmark harness itself, so a figure it prints can be
// trusted: the load generator counts exactly what it sends, honours its
// bounds, reports non-2xx answers as errors, and survives a server that
// closes keep-alive connections; the table and median helpers are right.
//
//   node --test tests/bench/harness.test.mjs   (needs build/bench/tools:
//   cmake -S tests/bench -B build/bench/tools && cmake --build build/bench/tools)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDir, gzipSize, median, padToGzip } from './lib/common.mjs';
import { startServer, stopServer } from './lib/procs.mjs';

const tools = process.env.BENCH_TOOLS_DIR || join(buildDir, 'tools');
const httpload = join(tools, 'bench_httpload');
const bareBin = join(tools, 'bench_bare_server');
const ready = existsSync(httpload) && existsSync(bareBin);
let work;
let bare;

before(async () => {
  if (!ready) return;
  work = mkdtempSync(join(tmpdir(), 'bench-harness-'));
  bare = await startServer(bareBin, ['--port', '0', '--keep-alive-max', '3', '--max-seconds', '60'], /listening (\d+)/);
});
after(async () => {
  if (bare) await stopServer(bare);
  if (work) rmSync(work, { recursive: true, force: true });
});

function load(args) {
  const json = join(work, `r${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(httpload, ['--port', String(bare.port), '--json', json, ...args], { encoding: 'utf8', timeout: 30000 });
  return { status: r.status, out: r.stdout, err: r.stderr, result: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null };
}

test('--once sends every script line exactly once, and no more', { skip: !ready && 'bench tools not built' }, () => {
  const lines = [];
  for (let i = 0; i < 37; i++) {
    lines.push(`POST\t/v1/setup_intents/seti_${i}/confirm\tclient_secret=x&n=${i}\tIdempotency-Key: k${i}`);
    lines.push(`GET\t/v1/setup_intents/seti_${i}?client_secret=x\t`);
  }
  const script = join(work, 'once.tsv');
  writeFileSync(script, `# a comment line\n${lines.join('\n')}\n`);
  const { status, result } = load(['-c', '3', '-n', '100000', '-d', '20', '--once', '--script', script]);
  assert.equal(status, 0);
  assert.equal(result.all.count, 74);
  assert.equal(result.POST.count, 37);
  assert.equal(result.GET.count, 37);
  assert.equal(result.transport_errors + result.http_errors, 0);
  // keep-alive max 3 on the server: connections are closed and reopened.
  assert.ok(result.connections_opened >= 74 / 3, `opened ${result.connections_opened}`);
});

test('the request bound stops the run at exactly that many responses', { skip: !ready && 'bench tools not built' }, () => {
  const { status, result } = load(['-c', '4', '-n', '250', '-d', '20', '--get', '/v1/setup_intents/seti_a']);
  assert.equal(status, 0);
  assert.equal(result.all.count, 250);
  assert.ok(result.all.p50_ms <= result.all.p99_ms && result.all.p99_ms <= result.all.max_ms);
});

test('the time bound stops a run that has requests left', { skip: !ready && 'bench tools not built' }, () => {
  const t0 = Date.now();
  const { status, result } = load(['-c', '2', '-n', '10000000', '-d', '0.5', '--get', '/v1/setup_intents/seti_a']);
  assert.equal(status, 0);
  assert.ok(Date.now() - t0 < 10000);
  assert.ok(result.elapsed_s >= 0.45 && result.elapsed_s < 3, `elapsed ${result.elapsed_s}`);
  assert.ok(result.all.count > 0);
});

test('non-2xx answers are counted as errors, by status', { skip: !ready && 'bench tools not built' }, () => {
  const { status, result } = load(['-c', '1', '-n', '20', '--get', '/v1/setup_intents/seti_a', '--get', '/no/such/route']);
  assert.equal(status, 0);
  assert.equal(result.all.count, 20);
  assert.equal(result.http_errors, 10);
  assert.deepEqual(result.statuses, { 404: 10 });
});

test('only 127.0.0.1 is accepted as a target', { skip: !ready && 'bench tools not built' }, () => {
  const r = spawnSync(httpload, ['--host', '10.0.0.1', '--port', '80', '--get', '/'], { encoding: 'utf8', timeout: 5000 });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /only 127\.0\.0\.1/);
});

test('median of odd and even lists', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test("padToGzip makes a module's gzip the target size, the same on every run, and still a module", async () => {
  const text = `export default function f(x) { return x * 2; }\n${'// a line of the module\n'.repeat(40)}`;
  for (const target of [2000, 9000, 35000]) {
    const padded = padToGzip(text, target);
    const size = gzipSize(padded);
    assert.ok(size <= target && size > target - 16, `target ${target}, got ${size}`);
    assert.equal(padToGzip(text, target), padded);
    const module = await import(`data:text/javascript,${encodeURIComponent(padded)}`);
    assert.equal(module.default(21), 42);
  }
  assert.equal(gzipSize(padToGzip(text, 10)), gzipSize(`${text}\n/*  */\n`)); // already larger: nothing added
});
