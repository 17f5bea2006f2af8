// Waiting benchmark: what the page costs while the shopper has the QR up, and
// how fast it notices an approval. A real confirm from the built package
// (waiting_page.html, with the package's own QR dialog) against the sandbox,
// in Chromium:
//   - retrieves per minute while the QR is shown, tab visible, then hidden
//     (hidden is simulated in the page: document.visibilityState reads
//     "hidden" and visibilitychange fires, which is what the shim listens to);
//   - the median time from pressing Approve on the sandbox's phone page (the
//     URL the QR encodes) to the QR dialog closing, over several confirms.
//
//   node tests/bench/waiting_bench.mjs   (scripts/bench runs it)
//   env: BENCH_WAIT_VISIBLE_S (10), BENCH_WAIT_HIDDEN_S (30),
//        BENCH_WAIT_APPROVALS (7)
//
// Prints tables; writes build/bench/results/waiting.json. Exit 0 whatever
// the figures; 1 only if it could not run.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDir, buildDir, distDir, distFiles, fmt, launchChromium, median, serveStatic, table } from './lib/common.mjs';
import { api, sandboxBin, startSandbox, stopAll, stopServer } from './lib/procs.mjs';

const visibleS = Number(process.env.BENCH_WAIT_VISIBLE_S || 10);
const hiddenS = Number(process.env.BENCH_WAIT_HIDDEN_S || 30);
const approvals = Math.max(1, Number(process.env.BENCH_WAIT_APPROVALS || 7));
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function newIntent(sandbox, i) {
  const customer = await api(sandbox.port, sandbox.sk, 'POST', '/v1/customers', { email: `wait${i}@shop.example.test` });
  return api(sandbox.port, sandbox.sk, 'POST', '/v1/setup_intents', { 'payment_method_types[]': 'cashapp', customer: customer.id });
}

// Opens the waiting page for a new intent; resolves once the QR is shown.
async function openConfirm(context, srv, sandbox, i, onRetrieve) {
  const si = await newIntent(sandbox, i);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (req) => {
    if (req.url().startsWith(`${sandbox.origin}/`)) onRetrieve?.({ t: Date.now(), retrieve: req.method() === 'GET' && req.url().startsWith(`${sandbox.origin}/v1/setup_intents/`) });
  });
  const q = new URLSearchParams({ api: sandbox.origin, pk: sandbox.pk, secret: si.client_secret });
  // The URL the QR encodes (the phone page), from the confirm's answer.
  const confirmed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/v1/setup_intents/${si.id}/confirm`), { timeout: 20000 });
  await page.goto(`${srv.origin}/bench/waiting_page.html?${q}`);
  const qrData = (await (await confirmed).json())?.next_action?.cashapp_handle_redirect_or_display_qr_code?.qr_code?.data;
  await page.waitForFunction(() => window.__wait && (window.__wait.shown.length > 0 || window.__wait.error || window.__wait.result), null, { timeout: 20000 })
    .catch(() => { throw new Error(`no QR shown: ${errors.join('; ') || 'timeout'}`); });
  const st = await page.evaluate(() => window.__wait);
  if (!st.shown.length) throw new Error(`no QR shown: ${st.error || JSON.stringify(st.result) || errors.join('; ')}`);
  if (!qrData) throw new Error('the confirm answer carried no qr_code.data');
  return { page, si, qrData };
}

// Rate from the timestamps of the retrieves inside [from, to): per minute,
// from the mean gap between consecutive ones (count-based when fewer than 2).
function perMinute(times, from, to) {
  const t = times.filter((x) => x >= from && x < to);
  if (t.length >= 2) return { count: t.length, rate: 60000 / ((t[t.length - 1] - t[0]) / (t.length - 1)) };
  return { count: t.length, rate: (t.length * 60000) / (to - from) };
}

async function main() {
  if (!distFiles()['setupflow.mjs']) throw new Error('no dist/setupflow.mjs (npm run build)');
  if (!existsSync(sandboxBin)) throw new Error(`missing ${sandboxBin} (scripts/bench builds it)`);
  const work = mkdtempSync(join(tmpdir(), 'setupflow-wait-'));
  const srv = await serveStatic({ '/dist/': distDir, '/bench/': benchDir });
  const sandbox = await startSandbox(join(work, 'sandbox.db'));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();

    // 1. Polling while the QR is up: visible, then hidden, then visible again.
    const seen = [];
    const first = await openConfirm(context, srv, sandbox, 0, (r) => seen.push(r));
    const t0 = Date.now();
    await sleep(visibleS * 1000);
    const t1 = Date.now();
    await first.page.evaluate(() => window.__setHidden(true));
    await sleep(hiddenS * 1000);
    const t2 = Date.now();
    await first.page.evaluate(() => window.__setHidden(false));
    await sleep(300);
    const t3 = Date.now();
    const times = seen.filter((r) => r.retrieve).map((r) => r.t);
    const visible = perMinute(times, t0, t1);
    const hidden = perMinute(times, t1 + 50, t2);  // a retrieve in flight at the switch is not the hidden cadence
    const backOnShow = times.some((t) => t >= t2 && t < t3);
    const others = seen.filter((r) => !r.retrieve && r.t >= t0 && r.t < t2).length;  // CORS preflights, confirms
    await first.page.close();

    // 2. Approve on the phone page -> QR dialog closed, over several confirms.
    // The press lands at a different point of the poll cycle each time.
    const phone = await context.newPage();
    const delays = [];
    const outcomes = [];
    for (let i = 0; i < approvals; i++) {
      const c = await openConfirm(context, srv, sandbox, i + 1);
      await phone.goto(c.qrData);
      await sleep(Math.round((i / approvals) * 1000));
      const button = phone.getByRole('button', { name: 'Approve' });
      const pressed = Date.now();
      await button.click();
      await c.page.waitForFunction(() => window.__wait.hiddenAt !== null, null, { timeout: 15000 });
      const st = await c.page.evaluate(() => window.__wait);
      await c.page.waitForFunction(() => window.__wait.result !== null, null, { timeout: 5000 }).catch(() => {});
      outcomes.push((await c.page.evaluate(() => window.__wait.result))?.status ?? 'none');
      delays.push(st.hiddenAt - pressed);
      await c.page.close();
    }

    table(`Waiting with the QR up (real confirm against the sandbox, in Chromium)`, ['figure', 'value', 'over'], [
      ['retrieves per minute, tab visible', fmt(visible.rate, 1), `${visible.count} requests in ${visibleS} s`],
      ['retrieves per minute, tab hidden', fmt(hidden.rate, 1), `${hidden.count} requests in ${hiddenS} s`],
      ['other API requests while waiting (preflights...)', String(others), `${visibleS + hiddenS} s`],
      ['retrieve at once when the tab shows again', backOnShow ? 'yes' : 'no', 'within 300 ms'],
      ['Approve -> dialog closed, median', `${fmt(median(delays))} ms`, `${delays.length} approvals`],
      ['Approve -> dialog closed, min / max', `${fmt(Math.min(...delays))} / ${fmt(Math.max(...delays))} ms`, ''],
      ['outcomes', [...new Set(outcomes)].map((o) => `${o} x${outcomes.filter((x) => x === o).length}`).join(', '), ''],
    ]);
    mkdirSync(join(buildDir, 'results'), { recursive: true });
    writeFileSync(join(buildDir, 'results', 'waiting.json'), JSON.stringify({ visibleS, hiddenS, visible, hidden, others, backOnShow, delays, outcomes }, null, 2));
  } finally {
    await browser.close();
    srv.close();
    await stopServer(sandbox);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`waiting_bench: could not run: ${e.stack || e}`);
  stopAll();
  process.exit(1);
});
