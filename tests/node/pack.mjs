// The packed package as an integrator meets it, shared by the pack tests
// (pack-vite, pack-webpack, pack-next): `npm pack` of the built package,
// installed from the tarball into an empty folder outside the repo, built by
// the integrator's bundler with no setupflow-specific configuration, then
// served and opened in Debian's Chromium.
//
// Needs `npm run build` first (dist/); scripts/test builds before the node
// stage. The bundlers come from the repo's node_modules (installed from
// package-lock.json by scripts/bootstrap): linked into the shop, or installed
// into it from npm's cache, as a shop's own install would provide them.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { root } from './helpers.mjs';

export const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
// Every shop page links an icon: without one the browser's /favicon.ico
// request is a 404 on the console, which the tests count as an error.
export const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" fill="#00d632"/></svg>';
export const packageWasm = () => fs.readFileSync(path.join(root, 'dist/setupflow.wasm'));

// A parent `npm test` exports npm_config_* (local prefix among them) that
// would point a nested npm at the repo instead of the shop's folder.
const cleanEnv = (extra) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config|package)_/i.test(k))),
  ...extra,
});

/** Runs a command with a time bound; fails the test with its output if it fails. */
export function run(cmd, args, { cwd, timeout, env = {} }) {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(env), encoding: 'utf8', timeout, maxBuffer: 32 << 20 });
  const output = `${r.stdout || ''}\n${r.stderr || ''}`;
  assert.equal(r.error, undefined, `${cmd} ${args.join(' ')}: ${r.error}\n${output}`);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} exited ${r.status}\n${output}`);
  return { ...r, output };
}

/** The version of a package in the repo's node_modules (what the lock installed). */
export const repoVersion = (name) =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * A temporary folder with the packed tarball in it, removed after the suite.
 * @returns {{tmp: string, tarball: string, info: object}} info is `npm pack --json`'s entry
 */
export function packTarball(after) {
  for (const file of pkg.files) {
    assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing: run \`npm run build\` before this test`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'setupflow-pack-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: root, timeout: 30_000 });
  const [info] = JSON.parse(packed.stdout);
  return { tmp, tarball: path.join(tmp, info.filename), info };
}

/**
 * An empty shop in `dir` with the tarball installed. `link` names packages
 * linked from the repo's node_modules; `install` names packages installed
 * into the shop at the repo's versions (npm's cache first), for tools that
 * must live inside the project they build (Next.js).
 */
export function makeShop(dir, tarball, { link = [], install = [], files = {} } = {}) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  const specs = [tarball, ...install.map((name) => `${name}@${repoVersion(name)}`)];
  const mode = install.length ? '--prefer-offline' : '--offline';
  run('npm', ['install', mode, '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', dir, ...specs], { cwd: dir, timeout: 240_000 });
  const installed = path.join(dir, 'node_modules/setupflow');
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'the package is unpacked from the tarball, not linked to the repo');
  assert.equal(sha256(fs.readFileSync(path.join(installed, 'dist/setupflow.wasm'))), sha256(packageWasm()));
  for (const dep of link) fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/**
 * The lines of a bundler's output that warn about the package. A bundler
 * warning that names setupflow (or its files) fails the pack tests: none is
 * filtered out.
 */
export function warningsAboutPackage(output) {
  return output
    .split('\n')
    .filter((line) => /warn|can't resolve|doesn't exist at build time|not found/i.test(line))
    .filter((line) => /setupflow/i.test(line));
}

/** Files below `dir` (relative paths) whose name matches `pattern`. */
export function findFiles(dir, pattern) {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => pattern.test(path.basename(f)) && fs.statSync(path.join(dir, f)).isFile());
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

/** Serves a built folder on loopback with a Content-Security-Policy; `/` is index.html. Closed after test `t`. */
export async function serveStatic(dir, csp, t) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = path.join(dir, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': csp });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/**
 * The shop's page built in `dir`, served with `csp` and opened in Chromium:
 * resolves once the page shows the core's consent text (`#consent`, proof the
 * wasm loaded and runs) and the package version (`#version`).
 */
export async function openShop(t, dir, csp) {
  const origin = await serveStatic(dir, csp, t);
  const opened = await openChromium(t);
  await opened.page.goto(`${origin}/`);
  await opened.page.locator('#consent').filter({ hasText: 'Shop' }).waitFor({ timeout: 20_000 });
  assert.match(await opened.page.locator('#consent').innerText(), /authorize Shop/);
  assert.equal(await opened.page.locator('#version').innerText(), `setupflow ${pkg.version}`);
  return opened;
}

/** No CSP violation, page error, or console error or warning. */
export async function assertCleanPage({ seen, violations }) {
  assert.deepEqual(await violations(), []);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.console, []);
}

/** Starts a long-running command; resolves when its output matches `ready` (bounded). */
export function startServer(cmd, args, { cwd, env = {}, ready, timeout = 60_000 }) {
  const proc = spawn(cmd, args, { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${cmd} did not start in ${timeout} ms:\n${output}`));
    }, timeout);
    const onData = (d) => {
      output += d;
      if (ready.test(output)) {
        clearTimeout(timer);
        proc.removeAllListeners('exit');
        resolve({ output: () => output, stop: () => stopProcess(proc) });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited early (${code}):\n${output}`));
    });
  });
}

async function stopProcess(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.on('exit', r));
  proc.kill('SIGTERM');
  let guard;
  await Promise.race([exited, new Promise((r) => { guard = setTimeout(() => { proc.kill('SIGKILL'); r(); }, 5000); })]);
  clearTimeout(guard);
}

/**
 * Chromium (Debian's) with one page that records what a shop must never
 * show: page errors, console errors and warnings (React's hydration
 * warnings among them), CSP violations; and every wasm fetch.
 */
export async function openChromium(t) {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const seen = { errors: [], console: [], wasm: [] };
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && seen.console.push(`${m.type()}: ${m.text()}`));
  page.on('response', (r) => r.url().endsWith('.wasm') && seen.wasm.push(`${r.status()} ${new URL(r.url()).pathname}`));
  return { browser, page, seen, violations: () => page.evaluate(() => window.violations) };
}
