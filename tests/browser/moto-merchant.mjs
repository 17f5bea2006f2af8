// The merchant's server the <setupflow-moto> specs talk to: what an
// integrator builds with setupflow/moto-server (the official `stripe` package
// against the specs' sandbox), on one origin with the test pages and the
// built package, under the specs' strict Content-Security-Policy. Loopback
// only; it stops by itself after MAX_REQUESTS (Playwright stops it first).
//
//   node tests/browser/moto-merchant.mjs --port 4322 --api http://127.0.0.1:4319 --csp "…"
//
// Routes: /moto/* (createMotoServer; the agent is the `agent` cookie),
// /sign-in?agent=… (sets that cookie, then back to ?next), /consents (the
// consent records stored, for the specs), and the files under /dist/ and
// /tests/browser/pages/.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { createMotoServer, nodeListener } from '../../js/server/moto.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SECRET_KEY = 'sk_test_setupflowsandbox';
const MAX_REQUESTS = 100_000;
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const SERVED = ['/dist/', '/tests/browser/pages/'];

const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('port'));
const api = new URL(arg('api'));
const csp = arg('csp');

const stripe = new Stripe(SECRET_KEY, { host: api.hostname, port: Number(api.port), protocol: 'http', maxNetworkRetries: 0 });
const consents = new Map(); // Idempotency-Key → record
const agentOf = (cookie) => {
  const match = /(?:^|;\s*)agent=([^;]+)/.exec(cookie || '');
  return match ? decodeURIComponent(match[1]) : null;
};
const moto = nodeListener(
  createMotoServer({
    stripe,
    authorize: (request) => {
      const agent = agentOf(request.headers.cookie);
      return agent ? { agent } : null;
    },
    recordConsent: (record, { idempotencyKey }) => {
      consents.set(idempotencyKey, record);
    },
  }),
  '/moto',
);

function serveFile(url, res) {
  const file = path.join(root, path.normalize(url.pathname));
  if (!SERVED.some((prefix) => url.pathname.startsWith(prefix)) || !file.startsWith(root) || !fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const type = TYPES[path.extname(file)] || 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-security-policy': csp, 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
}

let served = 0;
const server = http.createServer((req, res) => {
  if (++served >= MAX_REQUESTS) server.close();
  if (req.headers.host !== `127.0.0.1:${port}`) {
    res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected');
    return;
  }
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  if (url.pathname.startsWith('/moto/')) return moto(req, res);
  if (url.pathname === '/sign-in') {
    const agent = url.searchParams.get('agent') || 'Test agent';
    const next = url.searchParams.get('next') || '/';
    res.writeHead(303, {
      'set-cookie': `agent=${encodeURIComponent(agent)}; Path=/; HttpOnly; SameSite=Strict`,
      location: next.startsWith('/') && !next.startsWith('//') ? next : '/',
    });
    res.end();
    return;
  }
  if (url.pathname === '/consents') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([...consents.values()]));
    return;
  }
  serveFile(url, res);
});
server.listen(port, '127.0.0.1');
