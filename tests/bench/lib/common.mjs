// Shared pieces of the browser and Node benchmarks: paths, a tiny static file
// server on 127.0.0.1, the Chromium launch, peer bundling and table printing.
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prng } from '../../prng.mjs';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const root = resolve(benchDir, '..', '..');
export const buildDir = join(root, 'build', 'bench');
export const distDir = process.env.BENCH_DIST_DIR || join(root, 'dist');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

// Serves `mounts` ({"/prefix/": folder}) on 127.0.0.1 at a free port. Files
// only, no listing, no path escaping the folder. Cache-Control: max-age, so a
// warm load (same browser context) may use the browser's cache as a real
// returning shopper's would.
// `handle(req, res, url)`, when given, sees every request first and returns
// true when it answered it (the start benchmark's canned API).
// `{gzip: true}`: files go out gzip-encoded (level 9, made once per file)
// to a browser that accepts it, as a production server or CDN sends them
// (gzip_static, or compression at the edge); the bytes on the wire are then
// the gzip figures scripts/size-check prints.
export async function serveStatic(mounts, handle = () => false, { gzip = false } = {}) {
  const encoded = new Map(); // file -> its gzip bytes
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (handle(req, res, url)) return;
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rel = decodeURIComponent(url.pathname.slice(prefix.length));
      const file = normalize(join(folder, rel));
      if (!file.startsWith(normalize(folder) + sep) || !existsSync(file) || !statSync(file).isFile()) break;
      const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=3600' };
      let body = readFileSync(file);
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
        if (!encoded.has(file)) encoded.set(file, gzipSync(body, { level: 9 }));
        body = encoded.get(file);
        Object.assign(headers, { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
      }
      res.writeHead(200, headers);
      res.end(body);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  return { server, origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

export async function launchChromium() {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Bundles tests/bench/qr_peers.mjs (the npm peers measured against) into one
// browser ESM file; returns its folder.
export async function bundlePeers() {
  const out = join(buildDir, 'web');
  mkdirSync(out, { recursive: true });
  const esbuild = await import('esbuild');
  for (const [entry, name] of [
    ['qr_peers.mjs', 'peers.mjs'],
    ['qr_only.mjs', 'qr_only.mjs'],
  ]) {
    await esbuild.build({
      entryPoints: [join(benchDir, entry)],
      outfile: join(out, name),
      bundle: true,
      format: 'esm',
      minify: true,
      platform: 'browser',
      target: 'es2020',
      logLevel: 'error',
    });
  }
  return out;
}

// The built package, if it is there (npm run build).
// setupflow.mjs, setupflow.wasm, setupflow.js and any stylesheet a page would
// also load; types and source maps are not loaded by pages.
export function distFiles() {
  const files = {};
  for (const name of ['setupflow.mjs', 'setupflow.wasm', 'setupflow.js']) {
    const p = join(distDir, name);
    if (existsSync(p)) files[name] = p;
  }
  if (existsSync(distDir)) for (const name of readdirSync(distDir)) if (name.endsWith('.css')) files[name] = join(distDir, name);
  return files;
}

// The core's QR as a wasm module for the QR benchmark (tests/bench/
// build-qr-wasm): {dir, note}; dir is null when it is not built.
export function qrWasmModule() {
  const dir = process.env.BENCH_QR_WASM_DIR || join(buildDir, 'qr-wasm');
  if (!existsSync(join(dir, 'setupflow-qr.mjs')) || !existsSync(join(dir, 'setupflow-qr.wasm')))
    return { dir: null, note: `no ${dir}/setupflow-qr.{mjs,wasm} (tests/bench/build-qr-wasm makes them)` };
  return { dir, note: '' };
}

export const fmt = (n, digits = 0) =>
  n == null || Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// Prints rows (arrays of cells) under headers, columns padded; numbers right.
export function table(title, headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

export const median = (xs) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** gzip -9 size of a string or buffer, as serveStatic's gzip option sends it. */
export const gzipSize = (text) => gzipSync(text, { level: 9 }).length;

/**
 * `text` (a JS module) followed by a comment of random base64 text from a
 * seeded generator, as long as it takes for the result's gzip -9 size to be
 * `target` bytes (within 16; the text with an empty comment when it is
 * already larger): incompressible bytes the page must still fetch. The
 * alphabet has no `*`, so the comment cannot end early. The same seed gives
 * the same text on every run.
 */
export function padToGzip(text, target, seed = 13) {
  const rand = prng(seed);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const noise = Array.from({ length: Math.max(0, target * 2) }, () => alphabet[rand.int(64)]).join('');
  const padded = (n) => `${text}\n/* ${noise.slice(0, n)} */\n`;
  let lo = 0;
  let hi = noise.length; // gzip grows with the comment's length
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (gzipSize(padded(mid)) <= target) lo = mid;
    else hi = mid;
  }
  return padded(lo);
}
