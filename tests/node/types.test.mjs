// The hand-written types (dist/setupflow.d.ts, and the script tag's global in
// dist/setupflow-global.d.ts) against an integrator's usage
// and misuse (tests/node/types/usage.ts and script-tag.ts, with
// @ts-expect-error lines).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './helpers.mjs';

test('dist/setupflow.d.ts and setupflow-global.d.ts type integrator code and reject misuse (tsc --noEmit)', () => {
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  const run = spawnSync(tsc, ['-p', path.join(root, 'tests/node/types/tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
});
