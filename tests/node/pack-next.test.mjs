// The packed package in a fresh Next.js app (App Router), as it is: no
// next.config, no alias, nothing for setupflow. Built twice, with Next's
// default bundler (Turbopack) and with `--webpack`; each build is served
// with `next start` and opened in Chromium against the sandbox: the server
// component creates the SetupIntent with the official `stripe` library (as a
// shop's server does) and hands its client secret to a client component that
// renders <CashAppSetup>; the shopper opens the QR dialog and approves on
// the simulated phone. No console errors, no hydration warnings, and no
// bundler warning that names the package. (pack.mjs: pack and install.)
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { answerOnPhone, cashappAction, startSandbox, tempDb, SK } from '../sandbox/helpers.mjs';
import { ICON_SVG, findFiles, makeShop, openChromium, packTarball, packageWasm, run, sha256, startServer, warningsAboutPackage } from './pack.mjs';

const LAYOUT = `export const metadata = { title: 'Shop' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

// The shop's server: a SetupIntent per visit, created with the secret key,
// which never leaves the server.
const PAGE = `import Stripe from 'stripe';
import Checkout from './checkout';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const api = new URL(process.env.SHOP_STRIPE_API);
  const stripe = new Stripe(process.env.SHOP_STRIPE_SECRET_KEY, {
    host: api.hostname, port: Number(api.port), protocol: api.protocol.slice(0, -1),
  });
  const intent = await stripe.setupIntents.create({ payment_method_types: ['cashapp'] });
  return (
    <main>
      <h1>Save Cash App Pay</h1>
      <Checkout clientSecret={intent.client_secret} apiBase={api.origin} />
    </main>
  );
}
`;

// The README's Next.js client component.
const CHECKOUT = `'use client';
import { useState } from 'react';
import { loadSetupFlow } from 'setupflow';
import { SetupFlowProvider, CashAppSetup } from 'setupflow/react';

let flowPromise = null; // once per page, outside render (null on the server)
const getFlow = (apiBase) => (flowPromise ??= loadSetupFlow('pk_test_setupflowsandbox', { apiBase }));

export default function Checkout({ clientSecret, apiBase }) {
  const [outcome, setOutcome] = useState('waiting');
  return (
    <SetupFlowProvider setupFlow={getFlow(apiBase)}>
      <CashAppSetup clientSecret={clientSecret} returnUrl="https://shop.example/return"
        merchantName="Shop" locale="en" device="desktop"
        onSuccess={(intent) => setOutcome(intent.status)} onError={(error) => setOutcome(error.code)} />
      <p id="outcome">{outcome}</p>
    </SetupFlowProvider>
  );
}
`;

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const { tarball } = packTarball(after);
let app;
let sandbox;
const db = tempDb();

before(async () => {
  sandbox = await startSandbox({ db: db.path });
  app = makeShop(path.join(path.dirname(tarball), 'next-shop'), tarball, {
    install: ['next', 'react', 'react-dom', 'stripe'],
    files: { 'app/layout.jsx': LAYOUT, 'app/page.jsx': PAGE, 'app/checkout.jsx': CHECKOUT, 'app/icon.svg': ICON_SVG },
  });
}, { timeout: 240_000 });
after(async () => {
  await sandbox?.stop();
  db.cleanup();
});

const env = () => ({ NEXT_TELEMETRY_DISABLED: '1', SHOP_STRIPE_API: sandbox.base, SHOP_STRIPE_SECRET_KEY: SK });
const next = path.join('node_modules', 'next', 'dist', 'bin', 'next');

for (const bundler of ['turbopack', 'webpack']) {
  test(`next build (${bundler}) → next start → the shop saves Cash App Pay in Chromium`, { timeout: 300_000 }, async (t) => {
    fs.rmSync(path.join(app, '.next'), { recursive: true, force: true });
    const built = run(process.execPath, [next, 'build', ...(bundler === 'webpack' ? ['--webpack'] : [])], { cwd: app, timeout: 240_000, env: env() });
    assert.deepEqual(warningsAboutPackage(built.output), [], `next build (${bundler}) warned about setupflow`);

    // The wasm is emitted as a static asset, byte for byte the package's.
    const stat = path.join(app, '.next', 'static');
    const wasms = findFiles(stat, /\.wasm$/);
    assert.equal(wasms.length, 1, `one wasm asset expected, got ${wasms.join(', ')}`);
    assert.equal(sha256(fs.readFileSync(path.join(stat, wasms[0]))), sha256(packageWasm()));
    const chunks = findFiles(path.join(stat, 'chunks'), /\.js$/).map((f) => path.join(stat, 'chunks', f));
    const ours = chunks.filter((f) => fs.readFileSync(f, 'utf8').includes('setupflow-cashapp'));
    const gzip = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
    t.diagnostic(`${bundler}: chunks with setupflow gzip -9 ${ours.reduce((n, f) => n + gzip(f), 0)} bytes (${ours.length}), wasm gzip -9 ${gzip(path.join(stat, wasms[0]))} bytes`);

    const port = await freePort();
    const server = await startServer(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: app, env: env(), ready: /Ready in|started server/i,
    });
    t.after(() => server.stop());

    const { page, seen } = await openChromium(t);
    await page.goto(`http://127.0.0.1:${port}/`);
    // Ready: the core's terms are shown and the button is enabled (it renders
    // before the wasm has loaded, disabled).
    await page.locator('setupflow-cashapp [part="terms"]').filter({ hasText: 'authorize Shop' }).waitFor({ timeout: 30_000 });
    const button = page.getByRole('button', { name: 'Continue with Cash App Pay' });
    await page.locator('setupflow-cashapp [part="button"][aria-disabled="false"]').waitFor({ timeout: 30_000 });
    await button.click();
    const dialog = page.getByRole('dialog', { name: 'Scan to pay with Cash App' });
    await dialog.waitFor({ timeout: 20_000 });
    assert.equal(seen.wasm.length, 1, `one wasm fetch expected: ${seen.wasm.join(', ')}`);
    assert.match(seen.wasm[0], /^200 \/_next\/static\/.+\.wasm$/);

    // The shopper approves on the simulated phone; the element reports it.
    const [listed] = (await sandbox.stripe.setupIntents.list({ limit: 1 })).data;
    assert.equal(listed.status, 'requires_action');
    const answer = await answerOnPhone(cashappAction(listed).mobile_auth_url, 'approve', '$shop');
    assert.ok(answer.status < 400, `the phone answered ${answer.status}`);
    await page.locator('#outcome').filter({ hasText: 'succeeded' }).waitFor({ timeout: 20_000 });
    assert.equal((await sandbox.stripe.setupIntents.retrieve(listed.id)).status, 'succeeded');

    assert.deepEqual(seen.errors, []);
    // React reports hydration mismatches on the console; none, nor any other.
    assert.deepEqual(seen.console, []);
    assert.doesNotMatch(server.output(), /setupflow.*(warn|error)|(warn|error).*setupflow/i);
  });
}
