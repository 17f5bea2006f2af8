// Shared helpers for the Node suites: they test the BUILT package
// (dist/setupflow.mjs + dist/setupflow.wasm, from `npm run build`), loading
// the wasm from disk through the documented wasmBinary option and answering
// API calls with a scripted fake fetch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const distJs = path.join(root, 'dist/setupflow.mjs');
export const distWasm = path.join(root, 'dist/setupflow.wasm');

export const PK = 'pk_test_51Setupflow';
export const SETUP_ID = 'seti_1QaBcDeFgHiJkLmN';
export const SETUP_SECRET = `${SETUP_ID}_secret_RsTuVwXyZ0123456789abcdef`;
export const PAY_ID = 'pi_3QaBcDeFgHiJkLmN';
export const PAY_SECRET = `${PAY_ID}_secret_AbCdEfGhIjKlMnOpQrStUv`;
export const RETURN_URL = 'https://shop.example/return?order=42#/done';
export const API = 'http://127.0.0.1:4242';

export function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures', name), 'utf8'));
}

// The module under test. `window` must exist for loadSetupFlow to load
// anything (it resolves null on a server), so the suites make one.
export async function importDist() {
  if (typeof globalThis.window === 'undefined') globalThis.window = globalThis;
  return import(distJs);
}

/**
 * A fake fetch that answers from a script: each entry is a function
 * (url, init) => Response | Promise<Response> (throw for a network failure),
 * used in order; the last entry repeats once the script runs out.
 */
export function scriptedFetch(script) {
  const calls = [];
  const fetch = async (url, init = {}) => {
    calls.push({
      url: String(url),
      method: init.method || 'GET',
      headers: { ...init.headers },
      body: init.body,
      signal: init.signal,
      credentials: init.credentials,
      referrerPolicy: init.referrerPolicy,
    });
    const step = script[Math.min(calls.length - 1, script.length - 1)];
    return step(String(url), init);
  };
  return { fetch, calls };
}

export const json = (status, body) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
export const text = (status, body) => () => new Response(body, { status });
export const networkError = () => () => Promise.reject(new TypeError('fetch failed'));

// A SetupIntent (or PaymentIntent) in requires_action with a Cash App QR that
// expires `ttlSeconds` from now.
export function requiresAction({ kind = 'setup', data = 'https://cash.app/pay/grant/GRR_first', ttlSeconds = 30 } = {}) {
  const body = fixture(kind === 'setup' ? 'setup_intent_requires_action.json' : 'payment_intent_requires_action.json');
  const action = body.next_action.cashapp_handle_redirect_or_display_qr_code;
  action.qr_code.expires_at = Math.floor(Date.now() / 1000) + ttlSeconds;
  action.qr_code.data = data;
  return body;
}

export function withStatus(body, status, extra = {}) {
  return { ...body, status, next_action: status === 'requires_action' ? body.next_action : null, ...extra };
}

// A QR presenter that records what the flow asked it to do.
export function recordingPresenter() {
  const shown = [];
  let hides = 0;
  let controls = null;
  return {
    presenter: {
      show(qr, c) {
        shown.push(qr);
        controls = c;
      },
      hide() {
        hides += 1;
      },
    },
    shown,
    get hides() {
      return hides;
    },
    cancel() {
      controls.cancel();
    },
  };
}

export function wasmBinary() {
  return fs.readFileSync(distWasm);
}

export const until = async (predicate, timeoutMs = 5000) => {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
};
