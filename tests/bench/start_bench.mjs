// Start benchmark: script start -> module ready, and -> first QR shown, for
// the built package (start_setupflow.html: loadSetupFlow, then a confirm whose
// API answer is canned; start_script.html: the same through the script-tag
// build, when dist/setupflow.js exists) next to a page that only loads the
// `qr` library (start_qr.html). Cold: every load in a new browser context (empty HTTP and
// code caches). Warm: one context, loaded once to prime it, then reloaded.
// Medians over BENCH_START_LOADS loads (default 15) of each kind.
//
//   node tests/bench/start_bench.mjs     (scripts/bench runs it; needs dist/)
//
// Goal: cold first QR <= 30 ms. Prints tables; writes
// build/bench/results/start.json. Exit 0 whatever the figures; 1 only if no
// page could be measured at all.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, buildDir, bundlePeers, distDir, distFiles, fmt, launchChromium, median, serveStatic, table } from './lib/common.mjs';

const loads = Math.max(1, Number(process.env.BENCH_START_LOADS || 15));
const data = ('https://pay.example.test/cashapp/authorize/' + 'f3Kq9ZtW2mXb7RcL0pVn4YhJ8sGd1uEa6oTi5'.repeat(2)).slice(0, 97);

// Loads `url` in `page` and reads the marks (ms): from script start to module
// ready and to first QR, and from navigation start to first QR.
async function measureLoad(page, url) {
  const errors = [];
  const onError = (e) => errors.push(e.message);
  page.on('pageerror', onError);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => performance.getEntriesByName('first-qr').length > 0 || window.__startError, null, { timeout: 15000 });
    const m = await page.evaluate(() => {
      const t = (n) => performance.getEntriesByName(n)[0]?.startTime;
      // When the library's files finished arriving (resource timing): how
      // much of "ready" is the network and how much is compiling and running.
      const res = performance.getEntriesByType('resource');
      const end = (re) => {  // (the script tag's file counts as the JS)
        const ends = res.filter((r) => re.test(new URL(r.name).pathname)).map((r) => r.responseEnd);
        return ends.length ? Math.max(...ends) : NaN;
      };
      return { start: t('script-start'), ready: t('module-ready'), qr: t('first-qr'), js: end(/\/(dist\/setupflow\.m?js|web\/qr_only\.mjs)$/), wasm: end(/\.wasm$/), error: window.__startError || null };
    });
    if (m.error || m.qr === undefined) throw new Error(m.error || 'no first-qr mark');
    return { moduleReady: m.ready - m.start, firstQr: m.qr - m.start, navToQr: m.qr, jsLoaded: m.js - m.start, wasmLoaded: m.wasm - m.start };
  } catch (e) {
    throw new Error(`${url}: ${errors.join('; ') || e.message}`);
  } finally {
    page.off('pageerror', onError);
  }
}

async function main() {
  const web = await bundlePeers();
  const mounts = { '/web/': web, '/bench/': benchDir };
  const haveDist = !!distFiles()['setupflow.mjs'];
  if (haveDist || distFiles()['setupflow.js']) mounts['/dist/'] = distDir;
  const srv = await serveStatic(mounts);
  const q = `?data=${encodeURIComponent(data)}`;
  const pages = [['qr only (reference)', `${srv.origin}/bench/start_qr.html${q}`]];
  if (distFiles()['setupflow.js']) pages.unshift(['setupflow (script tag)', `${srv.origin}/bench/start_script.html${q}`]);
  if (haveDist) pages.unshift(['setupflow (dist)', `${srv.origin}/bench/start_setupflow.html${q}`]);

  const browser = await launchChromium();
  const samples = {};  // name -> {cold: [], warm: []}
  const problems = [];
  try {
    // Cold, interleaved so background load on the machine hits both alike.
    for (let i = 0; i < loads; i++) {
      for (const [name, url] of pages) {
        if (problems.some((p) => p.name === name)) continue;
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          ((samples[name] ??= { cold: [], warm: [] }).cold).push(await measureLoad(page, url));
        } catch (e) {
          problems.push({ name, message: e.message });
        } finally {
          await context.close();
        }
      }
    }
    // Warm: one context per page; the first load primes the caches.
    for (const [name, url] of pages) {
      if (problems.some((p) => p.name === name)) continue;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await measureLoad(page, url);
        for (let i = 0; i < loads; i++) samples[name].warm.push(await measureLoad(page, url));
      } catch (e) {
        problems.push({ name, message: e.message });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    srv.close();
  }

  const summary = {};
  const rows = [];
  for (const [name] of pages) {
    const s = samples[name];
    if (!s || !s.cold.length) continue;
    summary[name] = {};
    for (const kind of ['cold', 'warm']) {
      if (!s[kind].length) continue;
      const med = (k) => median(s[kind].map((x) => x[k]));
      summary[name][kind] = { loads: s[kind].length, moduleReady: med('moduleReady'), firstQr: med('firstQr'), navToQr: med('navToQr'), jsLoaded: med('jsLoaded'), wasmLoaded: med('wasmLoaded') };
      const r = summary[name][kind];
      rows.push([name, kind, String(r.loads), fmt(r.jsLoaded, 1), fmt(r.wasmLoaded, 1), fmt(r.moduleReady, 1), fmt(r.firstQr, 1), fmt(r.navToQr, 1)]);
    }
  }
  table(`Start in Chromium, medians in ms (${loads} loads each; a 97-char QR)`, ['page', 'cache', 'loads', 'script -> JS in', 'script -> wasm in', 'script -> ready', 'script -> first QR', 'navigation -> first QR'], rows);
  const ref = summary['qr only (reference)'];
  const goals = [];
  for (const [name, label] of [['setupflow (dist)', 'setupflow ESM'], ['setupflow (script tag)', 'setupflow script tag']]) {
    const sf = summary[name];
    if (!sf?.cold || !ref?.cold) continue;
    goals.push(
      [`${label}, cold first QR`, `${fmt(sf.cold.firstQr, 1)} ms`, '<= 30 ms', sf.cold.firstQr <= 30 ? 'met' : 'NOT MET'],
      [`${label} / qr only, cold first QR`, `${fmt(sf.cold.firstQr / ref.cold.firstQr, 2)}x`, '', ''],
      [`${label} / qr only, warm first QR`, sf.warm && ref.warm ? `${fmt(sf.warm.firstQr / ref.warm.firstQr, 2)}x` : 'n/a', '', ''],
    );
  }
  if (goals.length) table('Start against the goal and the reference', ['figure', 'value', 'goal', ''], goals);
  console.log('(JS/wasm "in": when the file finished arriving; negative when the preload scanner had it before the first script ran)');
  if (!haveDist) console.log('setupflow not measured: no dist/setupflow.mjs (npm run build)');
  for (const p of problems) console.log(`NOT MEASURED: ${p.name}: ${p.message}`);
  mkdirSync(join(buildDir, 'results'), { recursive: true });
  writeFileSync(join(buildDir, 'results', 'start.json'), JSON.stringify({ loads, data, summary, problems, samples }, null, 2));
  if (!Object.keys(summary).length) process.exit(1);
}

main().catch((e) => {
  console.error(`start_bench: could not run: ${e.stack || e}`);
  process.exit(1);
});
