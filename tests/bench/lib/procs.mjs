// Child servers for the benchmarks (the sandbox, the bare server): start,
// wait for the port they print, stop by their own process handle, and a
// small client for the sandbox's secret-key API.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildDir } from './common.mjs';

export const sandboxBin = process.env.BENCH_SANDBOX_BIN || join(buildDir, 'native', 'sandbox', 'setupflow-sandbox');

const children = new Set();
export function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
}
process.on('exit', stopAll);

export function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

// Starts `bin` and resolves {child, port, output()} once its output matches
// portPattern (first group: the port). Fails after 10 s or if it exits.
export function startServer(bin, args, portPattern) {
  return new Promise((ok, fail) => {
    const child = track(spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${bin} did not start in 10 s: ${out}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = portPattern.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, port: Number(m[1]), output: () => out });
      }
    });
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => (clearTimeout(timer), fail(e)));
    child.on('exit', (code) => (clearTimeout(timer), fail(new Error(`${bin} exited (${code}) before listening: ${out}`))));
  });
}

// The sandbox on a free loopback port with its state in `db` (a file).
// Resolves {child, port, origin, sk, pk, output()}. BENCH_SANDBOX_WRAPPER
// runs it under a command, for profiling (e.g. "perf record -g -o F --").
export async function startSandbox(db) {
  const wrapper = (process.env.BENCH_SANDBOX_WRAPPER || '').split(' ').filter(Boolean);
  const args = ['--port', '0', '--host', '127.0.0.1', '--db', db];
  const s = wrapper.length
    ? await startServer(wrapper[0], [...wrapper.slice(1), sandboxBin, ...args], /listening on http:\/\/127\.0\.0\.1:(\d+)/)
    : await startServer(sandboxBin, args, /listening on http:\/\/127\.0\.0\.1:(\d+)/);
  const sk = /secret key: (\S+)/.exec(s.output())?.[1];
  const pk = /publishable key: (\S+)/.exec(s.output())?.[1];
  if (!sk || !pk) throw new Error(`the sandbox did not print its keys: ${s.output()}`);
  return { ...s, sk, pk, origin: `http://127.0.0.1:${s.port}` };
}

export async function stopServer(s) {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((ok) => s.child.once('exit', ok));
  s.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

// One secret-key API call; resolves the JSON body, rejects on a non-2xx.
export async function api(port, key, method, path, form) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(body.error)}`);
  return body;
}
