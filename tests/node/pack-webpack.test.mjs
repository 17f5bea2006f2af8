// The packed package in a plain webpack 5 app, as it is: no alias, no rule,
// no plugin for setupflow. The shop imports `setupflow` and
// `setupflow/element`; webpack must find the wasm through the package's own
// `new URL('./setupflow.wasm', import.meta.url)`, emit it as an asset, and
// say nothing about the package. Then the page runs in Chromium under a
// strict CSP. (pack.mjs: how the tarball is packed and installed.)
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ICON_SVG, assertCleanPage, findFiles, makeShop, openShop, packTarball, packageWasm, run, sha256, warningsAboutPackage } from './pack.mjs';

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="/icon.svg"><script defer src="/main.js"></script></head>
<body>
<p id="version"></p>
<p id="consent">loading</p>
<p id="element">loading</p>
<setupflow-cashapp publishable-key="pk_test_shop" client-secret="seti_1ShopSmoke_secret_abc"
  merchant-name="Shop" locale="en" device="desktop"></setupflow-cashapp>
</body>
</html>
`;

// Plain JavaScript, no JSX: webpack needs no loader for it.
const INDEX_JS = `import { loadSetupFlow, version } from 'setupflow';
import 'setupflow/element';

document.getElementById('version').textContent = 'setupflow ' + version;
document.querySelector('setupflow-cashapp').addEventListener('setupflow:ready', () => {
  document.getElementById('element').textContent = 'ready';
});
loadSetupFlow('pk_test_shop', { apiBase: location.origin }).then((flow) => {
  document.getElementById('consent').textContent = flow.consentText('en', 'Shop', 'setup').text;
});
`;

// webpack's defaults (production mode, output.publicPath 'auto'); the build
// reports every warning and error as JSON so the test can read them.
const BUILD_MJS = `import webpack from 'webpack';
import path from 'node:path';

const compiler = webpack({
  mode: 'production',
  context: process.cwd(),
  entry: './src/index.js',
  output: { path: path.resolve('dist'), filename: 'main.js', clean: true },
});
compiler.run((err, stats) => {
  if (err) { console.error(err); process.exit(1); }
  const info = stats.toJson({ all: false, warnings: true, errors: true, assets: true });
  console.log(JSON.stringify({ warnings: info.warnings, errors: info.errors, assets: info.assets.map((a) => a.name) }));
  compiler.close(() => process.exit(stats.hasErrors() ? 1 : 0));
});
`;

const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'";

const { tarball } = packTarball(after);
let appDist = null;

test('webpack 5 builds a shop with the tarball as it is: the wasm emitted as an asset, no warning about the package', { timeout: 120_000 }, (t) => {
  const app = makeShop(path.join(path.dirname(tarball), 'webpack-shop'), tarball, {
    link: ['webpack'],
    files: { 'src/index.js': INDEX_JS, 'build.mjs': BUILD_MJS },
  });
  const built = run(process.execPath, ['build.mjs'], { cwd: app, timeout: 90_000 });
  const report = JSON.parse(built.stdout.trim().split('\n').pop());
  const messages = [...report.errors, ...report.warnings].map((w) => `${w.moduleName || ''}: ${w.message}`);
  assert.deepEqual(report.errors, [], `webpack errors:\n${messages.join('\n')}`);
  // Every warning fails the build here, not only those that name the package:
  // the shop is nothing but the package.
  assert.deepEqual(messages, [], 'webpack warned');
  assert.deepEqual(warningsAboutPackage(built.output), []);

  const out = path.join(app, 'dist');
  const wasms = findFiles(out, /\.wasm$/);
  assert.equal(wasms.length, 1, `one wasm asset expected, got ${report.assets.join(', ')}`);
  assert.equal(sha256(fs.readFileSync(path.join(out, wasms[0]))), sha256(packageWasm()));
  const js = fs.readFileSync(path.join(out, 'main.js'), 'utf8');
  assert.ok(js.includes(wasms[0]), 'the bundle does not reference the wasm asset');
  assert.doesNotMatch(js, /new Function|[^A-Za-z_.$]eval\(/);
  fs.writeFileSync(path.join(out, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(out, 'icon.svg'), ICON_SVG);
  appDist = out;
  const gzip = (file) => zlib.gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length;
  t.diagnostic(`webpack: main.js gzip -9 ${gzip('main.js')} bytes (setupflow + element), ${wasms[0]} gzip -9 ${gzip(wasms[0])} bytes`);
});

test('the webpack-built shop runs in Chromium under a strict CSP', { timeout: 60_000 }, async (t) => {
  assert.ok(appDist, 'the shop was not built (see the test above)');
  const shop = await openShop(t, appDist, CSP);
  await shop.page.locator('#element').filter({ hasText: 'ready' }).waitFor({ timeout: 20_000 });
  await shop.page.getByRole('button', { name: 'Continue with Cash App Pay' }).waitFor();
  assert.equal(shop.seen.wasm.length, 1, `one wasm fetch expected: ${shop.seen.wasm.join(', ')}`);
  assert.match(shop.seen.wasm[0], /^200 \/[\w.-]+\.wasm$/);
  await assertCleanPage(shop);
});
