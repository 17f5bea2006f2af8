// The built package as an integrator receives it: exports, version, the
// wasm's SHA-256, no eval under a strict CSP, nothing done at import time.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { root, distJs, distWasm, PK } from './helpers.mjs';

test('without a window (server rendering) import touches nothing and loadSetupFlow resolves null', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  const mod = await import(distJs);
  assert.equal(await mod.loadSetupFlow(PK), null);
  // A secret key is refused even on the server.
  assert.throws(() => mod.loadSetupFlow('sk_test_123'), mod.IntegrationError);
});

test('exports version (package.json) and wasmSha256 (of dist/setupflow.wasm)', async () => {
  const mod = await import(distJs);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(mod.version, pkg.version);
  const sha = crypto.createHash('sha256').update(fs.readFileSync(distWasm)).digest('hex');
  assert.equal(mod.wasmSha256, sha);
  assert.deepEqual(Object.keys(mod).sort(), ['IntegrationError', 'loadSetupFlow', 'version', 'wasmSha256']);
});

test('the bundle has no eval or new Function (strict CSP) and no console logging', () => {
  const js = fs.readFileSync(distJs, 'utf8');
  assert.doesNotMatch(js, /new Function|[^A-Za-z_.$]eval\(/);
  assert.doesNotMatch(js, /console\.(log|info|debug)\(/);
});

test('the types ship next to the module and type the Cash App next action', () => {
  const dts = fs.readFileSync(path.join(root, 'dist/setupflow.d.ts'), 'utf8');
  assert.match(dts, /cashapp_handle_redirect_or_display_qr_code: CashappHandleRedirectOrDisplayQrCode/);
  assert.match(dts, /export declare function loadSetupFlow/);
});

// Bundlers resolve every relative import and every new URL('…', import.meta.url)
// literal at build time (webpack and Next.js stop with "Can't resolve" when
// the file is missing, even in a branch that never runs), so each one in a
// shipped file must name a file the package ships.
test('every file a shipped module refers to is shipped', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const shipped = new Set(pkg.files);
  const references = [];
  for (const file of pkg.files.filter((f) => /\.(m?js)$/.test(f))) {
    const js = fs.readFileSync(path.join(root, file), 'utf8');
    const found = [
      ...js.matchAll(/new URL\(\s*(["'`])([^"'`]+)\1\s*,\s*import\.meta\.url/g),
      ...js.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*(["'])(\.{1,2}\/[^"']+)\1/g),
    ].map((m) => m[2]);
    for (const ref of found) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref));
      references.push(`${file} -> ${ref}`);
      assert.ok(shipped.has(target), `${file} refers to ${ref} (${target}), which the package does not ship`);
    }
  }
  // The shim's wasm URL is among them: bundlers emit the wasm from it.
  assert.ok(references.includes('dist/setupflow.mjs -> ./setupflow.wasm'), references.join('\n'));
  assert.ok(references.includes('dist/moto.mjs -> ./setupflow-moto.wasm'), references.join('\n'));
});

// Code a checkout page never needs is not in its entries (issue 10): the
// MOTO console and its core are only in the moto files, and the moto files
// carry none of the Cash App core.
test('checkout entries carry nothing of MOTO, and the MOTO entries nothing of Cash App', () => {
  const read = (file) => fs.readFileSync(path.join(root, 'dist', file), 'utf8');
  for (const file of ['setupflow.mjs', 'setupflow.js', 'setupflow-element.js', 'element.mjs', 'react.mjs']) {
    const js = read(file);
    assert.doesNotMatch(js, /setupflow-moto|moto_setup|moto_readers/, `${file} carries MOTO code`);
  }
  for (const file of ['moto.mjs', 'moto-element.mjs', 'moto-react.mjs']) {
    const js = read(file);
    assert.doesNotMatch(js, /setupflow\.wasm|cashapp_confirm|\.\/setupflow\.mjs|\.\/element\.mjs/, `${file} carries Cash App code`);
  }
  const wasm = fs.readFileSync(path.join(root, 'dist/setupflow.wasm'));
  assert.equal(wasm.includes('moto_setup'), false, 'setupflow.wasm has the MOTO machine');
  const motoWasm = fs.readFileSync(path.join(root, 'dist/setupflow-moto.wasm'));
  assert.equal(motoWasm.includes('cashapp_confirm'), false, 'setupflow-moto.wasm has the Cash App machine');
});
