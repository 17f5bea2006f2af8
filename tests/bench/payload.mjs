// Payload benchmark: raw, gzip (zlib level 9) and brotli (quality 11) bytes of
// what a page loads from the built package, per file and per way of loading
// it (ESM + wasm; script tag + wasm), against the size budget (35 KB gzip now,
// goal 25 KB). For scale, the same figures for the `qr` encoder alone.
//
//   node tests/bench/payload.mjs         (scripts/bench runs it; needs dist/)
//
// Prints tables; writes build/bench/results/payload.json. Never fails on a
// size (the CI budget check lives in the test suite); exit 1 only if there is
// no dist/ to measure.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, bundlePeers, distFiles, fmt, table } from './lib/common.mjs';

const BUDGET_GZIP = 35 * 1024;
const GOAL_GZIP = 25 * 1024;

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const kb = (n) => `${fmt(n / 1024, 1)} KB`;
const sum = (list) => list.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

async function main() {
  const files = distFiles();
  if (!files['setupflow.mjs'] && !files['setupflow.js']) {
    console.error('payload: no dist/setupflow.mjs or dist/setupflow.js; run `npm run build` first');
    process.exit(1);
  }
  const per = {};
  for (const [name, path] of Object.entries(files)) per[name] = sizes(readFileSync(path));
  table(
    'Payload per file (dist/)',
    ['file', 'raw', 'gzip -9', 'brotli 11'],
    Object.entries(per).map(([n, s]) => [n, `${fmt(s.raw)} B`, `${fmt(s.gzip)} B`, `${fmt(s.brotli)} B`]),
  );

  // A script-tag build that embeds its wasm (no setupflow.wasm fetched) is
  // counted alone; one that fetches it counts both.
  const scriptFetchesWasm = files['setupflow.js'] && /setupflow\.wasm/.test(readFileSync(files['setupflow.js'], 'utf8'));
  const css = Object.keys(per).filter((n) => n.endsWith('.css'));
  const plusCss = css.length ? ` + ${css.join(' + ')}` : '';
  const cssSizes = css.map((n) => per[n]);
  const ways = [];
  if (per['setupflow.mjs']) ways.push([`ESM: setupflow.mjs + setupflow.wasm${plusCss}`, sum([per['setupflow.mjs'], per['setupflow.wasm'] ?? { raw: 0, gzip: 0, brotli: 0 }, ...cssSizes])]);
  if (per['setupflow.js'])
    ways.push([
      scriptFetchesWasm ? `script tag: setupflow.js + setupflow.wasm${plusCss}` : `script tag: setupflow.js (wasm inside)${plusCss}`,
      sum(scriptFetchesWasm ? [per['setupflow.js'], per['setupflow.wasm'], ...cssSizes] : [per['setupflow.js'], ...cssSizes]),
    ]);

  // The reference: `qr` (encoder only), bundled and minified as a page would.
  const web = await bundlePeers();
  const qrOnly = sizes(readFileSync(join(web, 'qr_only.mjs')));

  const verdict = (g) => (g <= GOAL_GZIP ? 'within goal' : g <= BUDGET_GZIP ? 'within budget' : 'OVER BUDGET');
  table(
    `Payload a page loads (budget ${kb(BUDGET_GZIP)} gzip, goal ${kb(GOAL_GZIP)})`,
    ['what the page loads', 'raw', 'gzip -9', 'brotli 11', 'budget'],
    [
      ...ways.map(([n, s]) => [n, kb(s.raw), kb(s.gzip), kb(s.brotli), verdict(s.gzip)]),
      ['reference: `qr` encoder alone (esbuild, minified)', kb(qrOnly.raw), kb(qrOnly.gzip), kb(qrOnly.brotli), ''],
    ],
  );
  if (!per['setupflow.js']) console.log('(no dist/setupflow.js: the script-tag build is not built yet)');

  mkdirSync(join(buildDir, 'results'), { recursive: true });
  writeFileSync(
    join(buildDir, 'results', 'payload.json'),
    JSON.stringify({ budget_gzip: BUDGET_GZIP, goal_gzip: GOAL_GZIP, files: per, ways: Object.fromEntries(ways), reference_qr: qrOnly }, null, 2),
  );
}

main().catch((e) => {
  console.error(`payload: could not run: ${e.stack || e}`);
  process.exit(1);
});
