// The loader caches one module per page and forgets a failed load, so a retry
// after (say) a network error works.
import test from 'node:test';
import assert from 'node:assert/strict';
import { API, PK, SETUP_SECRET, importDist, scriptedFetch, json, requiresAction, withStatus, wasmBinary } from './helpers.mjs';

const { loadSetupFlow } = await importDist();

test('a wasm of another build (imports the glue does not provide) rejects instead of hanging', { timeout: 10000 }, async () => {
  // (module (import "a" "zz" (func))): valid, but it cannot be instantiated
  // with this glue's imports, as a stale cached setupflow.wasm could not.
  const foreign = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 8, 1, 1, 97, 2, 122, 122, 0, 0,
  ]);
  assert.ok(WebAssembly.validate(foreign));
  // Before any load succeeds (the module is cached once one does); the next
  // test loads afresh after a failure.
  await assert.rejects(loadSetupFlow(PK, { wasmBinary: foreign }), WebAssembly.LinkError);
});

test('a failed load rejects, and the next call loads afresh', async () => {
  const garbage = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 255, 255]);
  await assert.rejects(loadSetupFlow(PK, { wasmBinary: garbage }));
  const f = scriptedFetch([json(200, withStatus(requiresAction(), 'succeeded'))]);
  const flow = await loadSetupFlow(PK, { apiBase: API, wasmBinary: wasmBinary(), fetch: f.fetch });
  const result = await flow.retrieveSetupIntent(SETUP_SECRET);
  assert.equal(result.setupIntent.status, 'succeeded');
});

test('later calls reuse the loaded module (no wasm bytes needed again)', async () => {
  const f = scriptedFetch([json(200, withStatus(requiresAction(), 'processing'))]);
  // No wasmBinary and no wasmUrl: a fresh load would have to fetch, which
  // this fake fetch would answer with JSON and fail.
  const flow = await loadSetupFlow(PK, { apiBase: API, fetch: f.fetch });
  assert.equal((await flow.retrieveSetupIntent(SETUP_SECRET)).setupIntent.status, 'processing');
  assert.ok(f.calls.every((c) => c.url.startsWith(`${API}/v1/`)));
});
