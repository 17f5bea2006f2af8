// The packed package as an integrator meets it: `npm pack` of the built
// package, installed from the tarball into an empty folder outside the repo,
// then a small React app built with Vite that imports `setupflow`,
// `setupflow/react` and the wasm's URL (`setupflow/setupflow.wasm?url`).
//
// Offline on purpose: the tarball has no dependencies, so `npm install
// --offline` needs nothing from a registry; react, react-dom and vite are
// linked from the repo's node_modules (installed from package-lock.json by
// scripts/bootstrap), the way a shop's own install would provide them.
// Needs `npm run build` first (dist/); scripts/test builds before this stage.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './helpers.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// What an integrator receives: the package's metadata and the built files
// that package.json's `files` names one by one, all in dist/; never sources,
// tests, maps or build scripts. These must always be among them.
const REQUIRED = [
  'dist/element.d.ts',
  'dist/element.mjs',
  'dist/react.d.ts',
  'dist/react.mjs',
  'dist/setupflow.d.ts',
  'dist/setupflow.mjs',
  'dist/setupflow.wasm',
];
const META = ['README.md', 'package.json', ...(fs.existsSync(path.join(root, 'LICENSE')) ? ['LICENSE'] : [])];
const EXPECTED = [...META, ...pkg.files].sort();

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// Runs a command with a time bound; fails the test with its output if it fails.
function run(cmd, args, cwd, timeout) {
  // A parent `npm test` exports npm_config_* (local prefix among them) that
  // would point the nested npm at the repo instead of the shop's folder.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config|package)_/i.test(k)));
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 16 << 20 });
  const output = `${r.stdout || ''}\n${r.stderr || ''}`;
  assert.equal(r.error, undefined, `${cmd} ${args.join(' ')}: ${r.error}\n${output}`);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')} exited ${r.status}\n${output}`);
  return r;
}

const APP_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Shop</title>
<script type="module" src="/main.jsx"></script>
</head>
<body><div id="root"></div></body>
</html>
`;

const APP_MAIN = `import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSetupFlow, version } from 'setupflow';
import { CashAppSetup, SetupFlowProvider, useSetupFlow } from 'setupflow/react';
import wasmUrl from 'setupflow/setupflow.wasm?url';

const flowPromise = loadSetupFlow('pk_test_shop', { apiBase: location.origin, wasmUrl });

// The core's own authorisation text: proof that the wasm loaded and runs.
function Consent() {
  const flow = useSetupFlow();
  return <p id="consent">{flow ? flow.consentText('en', 'Shop', 'setup').text : 'loading'}</p>;
}

function App() {
  const [element, setElement] = useState('loading');
  return (
    <SetupFlowProvider setupFlow={flowPromise}>
      <p id="version">setupflow {version}</p>
      <Consent />
      <CashAppSetup clientSecret="seti_1ShopSmoke_secret_abc" merchantName="Shop" locale="en" device="desktop"
        onReady={() => setElement('ready')} />
      <p id="element">{element}</p>
    </SetupFlowProvider>
  );
}

createRoot(document.getElementById('root')).render(<App />);
`;

// JSX through Vite's own transform (Oxc), no React plugin; no inline
// modulepreload polyfill, so the page runs under script-src 'self'.
const APP_CONFIG = `import { defineConfig } from 'vite';
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  build: { modulePreload: { polyfill: false } },
});
`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'setupflow-pack-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let appDist = null; // the shop's Vite output, once built

test('npm pack → install the tarball into an empty folder → vite build of a React app', { timeout: 90_000 }, (t) => {
  for (const file of pkg.files) {
    assert.ok(fs.existsSync(path.join(root, file)), `${file} is missing: run \`npm run build\` before this test`);
  }

  // 1. The tarball holds exactly the published files.
  const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], root, 30_000);
  const [info] = JSON.parse(packed.stdout);
  assert.equal(info.name, 'setupflow');
  assert.equal(info.version, pkg.version);
  for (const file of pkg.files) assert.match(file, /^dist\/[\w.-]+\.(mjs|js|d\.ts|wasm)$/, `package.json files: ${file} is not one built file in dist/`);
  for (const file of REQUIRED) assert.ok(pkg.files.includes(file), `package.json files lacks ${file}`);
  assert.deepEqual(info.files.map((f) => f.path).sort(), EXPECTED);
  const tarball = path.join(tmp, info.filename);
  assert.ok(fs.existsSync(tarball));

  // 2. Installed into an empty shop, offline.
  const app = path.join(tmp, 'shop');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', app, tarball], app, 30_000);
  const installed = path.join(app, 'node_modules/setupflow');
  assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'the package is unpacked from the tarball, not linked to the repo');
  assert.equal(sha256(fs.readFileSync(path.join(installed, 'dist/setupflow.wasm'))), sha256(fs.readFileSync(path.join(root, 'dist/setupflow.wasm'))));
  for (const dep of ['react', 'react-dom', 'vite']) {
    fs.symlinkSync(path.join(root, 'node_modules', dep), path.join(app, 'node_modules', dep), 'dir');
  }

  // 3. The shop's React app, built with Vite.
  fs.writeFileSync(path.join(app, 'index.html'), APP_HTML);
  fs.writeFileSync(path.join(app, 'main.jsx'), APP_MAIN);
  fs.writeFileSync(path.join(app, 'vite.config.mjs'), APP_CONFIG);
  const built = run(process.execPath, [path.join(app, 'node_modules/vite/bin/vite.js'), 'build'], app, 60_000);
  const out = path.join(app, 'dist');
  const assets = fs.readdirSync(path.join(out, 'assets'));

  // One wasm asset, byte for byte the package's (the ?url import and the
  // shim's own new URL('setupflow.wasm', import.meta.url) are the same file).
  const wasms = assets.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasms.length, 1, `one wasm asset expected, got ${assets.join(', ')}`);
  assert.equal(sha256(fs.readFileSync(path.join(out, 'assets', wasms[0]))), sha256(fs.readFileSync(path.join(root, 'dist/setupflow.wasm'))));

  const scripts = assets.filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length >= 1, `no JS bundle in ${assets.join(', ')}`);
  const js = scripts.map((f) => fs.readFileSync(path.join(out, 'assets', f), 'utf8')).join('\n');
  // Strict CSP: nothing evaluates strings.
  assert.doesNotMatch(js, /new Function|[^A-Za-z_.$]eval\(/);
  // The app references the emitted wasm, and the drop-in came in through setupflow/react.
  assert.ok(js.includes(`assets/${wasms[0]}`), 'the bundle does not reference the wasm asset');
  assert.ok(js.includes('setupflow-cashapp'), 'the <setupflow-cashapp> element is not in the bundle');
  assert.ok(js.includes(pkg.version), 'the package version is not in the bundle');

  // The page loads its script from a file: no inline script or style.
  const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
  for (const tag of html.match(/<script\b[^>]*>/g) || []) assert.match(tag, /\bsrc=/, `inline script in ${html}`);
  assert.doesNotMatch(html, /<style\b|\sstyle=/);
  assert.match(html, /<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);

  appDist = out;
  const gzip = scripts.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(path.join(out, 'assets', f)), { level: 9 }).length, 0);
  t.diagnostic(`tarball ${info.size} bytes; app JS ${Buffer.byteLength(js)} bytes (gzip -9 ${gzip}, React included); wasm ${wasms[0]}`);
  const warnings = `${built.stdout}\n${built.stderr}`.split('\n').filter((l) => /doesn't exist at build time|warn/i.test(l));
  if (warnings.length) t.diagnostic(`vite warnings: ${warnings.join(' | ')}`);
});

// The shop's page, served with a strict CSP, in Chromium: the bundle loads
// the wasm asset Vite emitted, the core answers, the element mounts.
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

test('the Vite-built shop runs in Chromium under a strict CSP', { timeout: 60_000 }, async (t) => {
  assert.ok(appDist, 'the shop was not built (see the test above)');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = path.join(appDist, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(appDist + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Content-Security-Policy': CSP });
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const wasm = [];
  page.on('response', (r) => r.url().endsWith('.wasm') && wasm.push(`${r.status()} ${new URL(r.url()).pathname}`));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.locator('#consent').filter({ hasText: 'Shop' }).waitFor({ timeout: 20_000 });
  assert.match(await page.locator('#consent').innerText(), /authorize Shop/);
  await page.locator('#element').filter({ hasText: 'ready' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('setupflow-cashapp').count(), 1);
  assert.equal(await page.locator('#version').innerText(), `setupflow ${pkg.version}`);
  assert.deepEqual(wasm.length, 1, `one wasm fetch expected: ${wasm.join(', ')}`);
  assert.match(wasm[0], /^200 \/assets\/setupflow-[\w-]+\.wasm$/);
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(errors, []);
});
