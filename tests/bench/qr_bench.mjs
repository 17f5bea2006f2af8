// QR benchmark: encodes + SVG per second in one Chromium page, for a
// 97-character URL and a 300-character text at ECC M: setupflow's core QR in
// wasm (see setupflow_qr.mjs) against `qr` (the fastest JS encoder on npm) and `qrcode` (the
// most used). Each encoder's output is first checked to scan back (jsQR).
//
//   node tests/bench/qr_bench.mjs        (scripts/bench runs it)
//   env: BENCH_QR_MS (1500) per measurement, BENCH_QR_WARMUP_MS (300),
//        BENCH_QR_ROUNDS (3; the median round is reported)
//
// Prints a table; writes build/bench/results/qr.json. Exit 0 whatever the
// figures; 1 only if the page could not run at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, buildDir, bundlePeers, qrWasmModule, fmt, launchChromium, median, serveStatic, table } from './lib/common.mjs';

const ms = Number(process.env.BENCH_QR_MS || 1500);
const warmMs = Number(process.env.BENCH_QR_WARMUP_MS || 300);
const rounds = Math.max(1, Number(process.env.BENCH_QR_ROUNDS || 3));

// Fixed inputs, so every run and every encoder sees the same bytes.
const url97 = ('https://pay.example.test/cashapp/authorize/' + 'f3Kq9ZtW2mXb7RcL0pVn4YhJ8sGd1uEa6oTi5'.repeat(2)).slice(0, 97);
const text300 = (
  'Sandbox Shop may debit your Cash App account for this and future payments under its terms until you revoke ' +
  'this authorisation in Cash App settings. '
).repeat(3).slice(0, 300);
const texts = [
  ['URL, 97 chars', url97],
  ['text, 300 chars', text300],
];

async function main() {
  const web = await bundlePeers();
  const mounts = { '/web/': web, '/bench/': benchDir };
  const core = qrWasmModule();
  if (core.dir) mounts['/core/'] = core.dir;
  const srv = await serveStatic(mounts);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${srv.origin}/bench/qr_page.html`);
    await page.waitForFunction(() => window.bench, null, { timeout: 20000 }).catch(() => {
      throw new Error(`the QR page did not start: ${pageErrors.join('; ') || 'no error reported'}`);
    });
    const { names, setupflowError } = await page.evaluate(() => ({ names: window.bench.names, setupflowError: window.bench.setupflowError }));

    // Correctness first: an encoder whose output does not scan is not measured.
    const valid = [];
    const problems = [];
    for (const name of names) {
      let ok = true;
      for (const [, text] of texts) {
        const r = await page.evaluate(([n, t]) => window.bench.check(n, t), [name, text]);
        if (r.decoded !== text) {
          ok = false;
          problems.push(`${name}: output for a ${text.length}-char input does not scan back (got ${r.decoded === null ? 'nothing' : JSON.stringify(r.decoded.slice(0, 40))})`);
        }
      }
      if (ok) valid.push(name);
    }

    const results = {};  // name -> label -> ops/s (median of rounds)
    for (const [label, text] of texts) {
      const per = Object.fromEntries(valid.map((n) => [n, []]));
      for (let r = 0; r < rounds; r++) {
        for (const name of valid) {
          per[name].push(await page.evaluate(([n, t, w, m]) => window.bench.measure(n, t, w, m), [name, text, warmMs, ms]));
        }
      }
      for (const name of valid) (results[name] ??= {})[label] = median(per[name]);
    }

    // Reference row: the same core code natively (bench_qr_native), so the
    // wasm's own cost shows apart from the algorithm's.
    const nativeBin = join(process.env.BENCH_TOOLS_DIR || join(buildDir, 'tools'), 'bench_qr_native');
    let native = null;
    if (existsSync(nativeBin)) {
      const r = spawnSync(nativeBin, [String(ms), ...texts.flat()], { encoding: 'utf8', timeout: 60000 });
      if (r.status === 0) native = JSON.parse(r.stdout);
    }

    const labels = texts.map(([l]) => l);
    table(
      `QR encode + SVG, ops/s in one Chromium page (ECC M; median of ${rounds} rounds of ${ms} ms)`,
      ['encoder', ...labels],
      [
        ...valid.map((n) => [n === 'setupflow' ? 'setupflow (wasm)' : n, ...labels.map((l) => fmt(results[n][l]))]),
        ...(native ? [['reference: setupflow core, native C++', ...labels.map((l) => fmt(native[l]))]] : []),
      ],
    );
    const ratios = [];
    if (results.setupflow) {
      for (const peer of ['qr', 'qr optimize:false', 'qrcode'])
        if (results[peer]) ratios.push([`setupflow / ${peer}`, ...labels.map((l) => `${fmt(results.setupflow[l] / results[peer][l], 2)}x`)]);
    }
    if (results.setupflow && native) ratios.push(['setupflow wasm / native', ...labels.map((l) => `${fmt(results.setupflow[l] / native[l], 2)}x`)]);
    if (results.qr && results.qrcode) ratios.push(['qr / qrcode', ...labels.map((l) => `${fmt(results.qr[l] / results.qrcode[l], 2)}x`)]);
    if (ratios.length) table('QR ratios (higher: first is faster)', ['ratio', ...labels], ratios);
    if (setupflowError) console.log(`setupflow not measured: ${core.dir ? setupflowError : core.note}`);
    for (const p of problems) console.log(`NOT MEASURED: ${p}`);

    mkdirSync(join(buildDir, 'results'), { recursive: true });
    writeFileSync(
      join(buildDir, 'results', 'qr.json'),
      JSON.stringify({ ms, warmMs, rounds, texts: Object.fromEntries(texts), results, native, setupflowError, problems }, null, 2),
    );
  } finally {
    await browser.close();
    srv.close();
  }
}

main().catch((e) => {
  console.error(`qr_bench: could not run: ${e.stack || e}`);
  process.exit(1);
});
