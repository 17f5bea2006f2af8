// Playwright in Debian's Chromium against the sandbox server, which serves the
// built package and the test shop pages under a strict Content-Security-Policy
// (no inline script or style, no eval; wasm compilation allowed).
//
//   npx playwright test -c tests/browser/playwright.config.mjs
//
// Needs `npm run build` first (dist/). The sandbox is started by `npm run
// sandbox` (which builds it when needed), or from SETUPFLOW_SANDBOX_BIN.
import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.SETUPFLOW_BROWSER_PORT || 4319);
// The hosted demo (scripts/demo's setup: demo pages + dist, --demo routes).
export const demoPort = Number(process.env.SETUPFLOW_DEMO_PORT || 4321);
// A merchant's server for <setupflow-moto> (moto-merchant.mjs: setupflow/moto-server
// with the stripe package against the sandbox above).
export const motoPort = Number(process.env.SETUPFLOW_MOTO_PORT || port + 3);
export const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self'; " +
  "style-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// scripts/demo's policy (issue 5's strict CSP).
export const DEMO_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'";

const sandbox = process.env.SETUPFLOW_SANDBOX_BIN
  ? JSON.stringify(process.env.SETUPFLOW_SANDBOX_BIN)
  : `bash ${JSON.stringify(path.join(root, 'scripts/sandbox'))}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  // One sandbox, one clock: the expiry and refresh specs advance it.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: path.join(root, 'test-results'),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `${sandbox} --port ${port} --host 127.0.0.1 --db :memory: --static-dir ${JSON.stringify(root)} --csp "${CSP}"`,
      url: `http://127.0.0.1:${port}/tests/browser/pages/confirm.html`,
      reuseExistingServer: false,
      timeout: 600_000, // the first run may build the sandbox
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The demo exactly as `npm run demo` serves it, on its own sandbox.
      command:
        `bash ${JSON.stringify(path.join(root, 'scripts/site'))} && ${sandbox} --port ${demoPort} --host 127.0.0.1 ` +
        `--db :memory: --static-dir ${JSON.stringify(path.join(root, 'build/site'))} --demo ` +
        `--merchant-name "Rocket Rides" --csp "${DEMO_CSP}"`,
      url: `http://127.0.0.1:${demoPort}/checkout.html`,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command:
        `node ${JSON.stringify(path.join(root, 'tests/browser/moto-merchant.mjs'))} --port ${motoPort} ` +
        `--api http://127.0.0.1:${port} --csp "${CSP}"`,
      url: `http://127.0.0.1:${motoPort}/tests/browser/pages/moto.html`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
