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
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root } from './helpers.mjs';
import { makeShop, openShop, packTarball, packageWasm, pkg, run, sha256, warningsAboutPackage } from './pack.mjs';

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

const { tarball, info } = packTarball(after);
let appDist = null; // the shop's Vite output, once built

test('npm pack → install the tarball into an empty folder → vite build of a React app', { timeout: 90_000 }, (t) => {
  // 1. The tarball holds exactly the published files.
  assert.equal(info.name, 'setupflow');
  assert.equal(info.version, pkg.version);
  for (const file of pkg.files) assert.match(file, /^dist\/[\w.-]+\.(mjs|js|d\.ts|wasm)$/, `package.json files: ${file} is not one built file in dist/`);
  for (const file of REQUIRED) assert.ok(pkg.files.includes(file), `package.json files lacks ${file}`);
  assert.deepEqual(info.files.map((f) => f.path).sort(), EXPECTED);
  assert.ok(fs.existsSync(tarball));

  // 2. Installed into an empty shop, offline; 3. the shop's React app, built with Vite.
  const app = makeShop(path.join(path.dirname(tarball), 'vite-shop'), tarball, {
    link: ['react', 'react-dom', 'vite'],
    files: { 'index.html': APP_HTML, 'main.jsx': APP_MAIN, 'vite.config.mjs': APP_CONFIG },
  });
  const built = run(process.execPath, [path.join(app, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: app, timeout: 60_000 });
  // No warning about the package is filtered out or tolerated.
  assert.deepEqual(warningsAboutPackage(built.output), [], 'Vite warned about setupflow');
  const out = path.join(app, 'dist');
  const assets = fs.readdirSync(path.join(out, 'assets'));

  // One wasm asset, byte for byte the package's (the ?url import and the
  // shim's own new URL('./setupflow.wasm', import.meta.url) are the same file).
  const wasms = assets.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasms.length, 1, `one wasm asset expected, got ${assets.join(', ')}`);
  assert.equal(sha256(fs.readFileSync(path.join(out, 'assets', wasms[0]))), sha256(packageWasm()));

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
});

// The shop's page, served with a strict CSP, in Chromium: the bundle loads
// the wasm asset Vite emitted, the core answers, the element mounts.
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'";

test('the Vite-built shop runs in Chromium under a strict CSP', { timeout: 60_000 }, async (t) => {
  assert.ok(appDist, 'the shop was not built (see the test above)');
  const { page, seen, violations } = await openShop(t, appDist, CSP);
  await page.locator('#element').filter({ hasText: 'ready' }).waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('setupflow-cashapp').count(), 1);
  assert.deepEqual(seen.wasm.length, 1, `one wasm fetch expected: ${seen.wasm.join(', ')}`);
  assert.match(seen.wasm[0], /^200 \/assets\/setupflow-[\w-]+\.wasm$/);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(seen.errors, []);
});
