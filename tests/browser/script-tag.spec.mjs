// The script-tag build (dist/setupflow.js, Closure ADVANCED) on the hosted
// demo's script-tag page: one classic <script src>, window.SetupFlow(pk)
// returning an instance at once, under the demo's strict CSP. These journeys
// run the minified build end to end, so a name Closure renamed that a page,
// the core or the API needs shows up here.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPort } from './playwright.config.mjs';
import { qrPayload, retrieveSetupIntent } from './sandbox.mjs';
import { axeViolations } from './axe.mjs';

const base = `http://127.0.0.1:${demoPort}`;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function openPage(page, query = '') {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
  await page.goto(`${base}/script-tag.html${query}`);
  // Ready: the consent text came from the wasm core through the instance.
  await expect(page.locator('#consent')).toContainText('Rocket Rides');
  await expect(page.locator('#start')).not.toHaveAttribute('aria-disabled');
}
const violations = (page) => page.evaluate(() => window.__cspViolations);
const publishableKey = (page) => page.evaluate(() => fetch('/demo/api/config').then((r) => r.json()).then((c) => c.publishable_key));

test('desktop: save Cash App Pay from the script-tag page, approved on the simulated phone', async ({ page, context }) => {
  await openPage(page);
  await expect(page.locator('#consent')).toContainText(/future payments/);
  await page.locator('#start').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName(/scan/i);
  await expect(dialog.locator('svg path')).toHaveAttribute('d', /^M/);
  const phoneHref = await dialog.getByRole('link', { name: /simulated cash app phone/i }).getAttribute('href');
  const intentId = phoneHref.match(/seti_\w+/)[0];
  const phone = await context.newPage();
  await phone.goto(base + phoneHref);
  await expect(phone).toHaveURL(/\/cashapp\/authorize\//);
  await phone.getByRole('button', { name: /approve/i }).click();
  await expect(page.locator('#status')).toHaveText(/^Saved\./, { timeout: 20_000 });
  await expect(dialog).toBeHidden();
  await expect(page.locator('#start')).toBeFocused();
  // The sandbox agrees: the intent succeeded with a Cash App payment method.
  const intent = await retrieveSetupIntent(base, intentId);
  expect(intent.status).toBe('succeeded');
  expect(intent.payment_method).toMatch(/^pm_/);
  expect(await violations(page)).toEqual([]);
});

test("desktop: the package's built-in dialog (shadow DOM, adopted styles) from the minified build", async ({ page, context }) => {
  await openPage(page, '?dialog=builtin');
  await page.locator('#start').click();
  const dialog = page.locator('[data-setupflow="qr-dialog"] [role="dialog"]');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName('Scan to pay with Cash App');
  await expect(page.locator('[data-setupflow="qr-dialog"] .backdrop')).toHaveCSS('position', 'fixed');
  await expect(dialog.locator('svg path')).toHaveAttribute('d', /^M/);
  const intentId = await page.locator('#start').getAttribute('data-intent');
  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrieveSetupIntent(base, intentId)));
  await phone.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#status')).toHaveText(/^Saved\./);
  expect((await retrieveSetupIntent(base, intentId)).status).toBe('succeeded');
  expect(await violations(page)).toEqual([]);
});

test('desktop: Escape closes the QR, nothing is saved', async ({ page }) => {
  await openPage(page);
  await page.locator('#start').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('#status')).toHaveText(/closed the QR code/);
  expect(await violations(page)).toEqual([]);
});

test('French: the script-tag page and the core speak French with ?lang=fr', async ({ page }) => {
  await openPage(page, '?lang=fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('#start')).toHaveText('Enregistrer Cash App Pay');
  await expect(page.locator('#consent')).not.toContainText(/future payments/);
  await expect(page.getByRole('link', { name: 'Console marchand' })).toHaveAttribute('href', /lang=fr/);
  expect(await violations(page)).toEqual([]);
});

test('the index links to the script-tag page, keeping the language', async ({ page }) => {
  await page.goto(`${base}/?lang=fr`);
  await page.getByRole('link', { name: 'Paiement par balise script' }).click();
  await expect(page).toHaveURL(/\/script-tag\.html\?lang=fr$/);
  await expect(page.locator('#start')).toHaveText('Enregistrer Cash App Pay');
});

test('the public API keeps its names through Closure ADVANCED', async ({ page }) => {
  await openPage(page);
  const pk = await publishableKey(page);
  const api = await page.evaluate((key) => {
    const flow = window.SetupFlow(key, { apiBase: location.origin });
    const names = ['confirmCashappSetup', 'confirmCashappPayment', 'retrieveSetupIntent', 'retrievePaymentIntent',
      'handleNextAction', 'handleReturn', 'consentText', 'withOptions'];
    return {
      methods: Object.fromEntries(names.map((n) => [n, typeof flow[n]])),
      sibling: Object.fromEntries(names.map((n) => [n, typeof flow.withOptions({ locale: 'fr' })[n]])),
      version: window.SetupFlow.version,
      integrationError: typeof window.SetupFlow.IntegrationError,
      globals: Object.keys(window).filter((k) => /setupflow|createSetupFlowCore|^Module$/i.test(k)),
    };
  }, pk);
  for (const kind of [api.methods, api.sibling]) {
    expect(Object.values(kind)).toEqual(Array(8).fill('function'));
  }
  expect(api.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  expect(api.integrationError).toBe('function');
  // One global, nothing of the glue leaks.
  expect(api.globals).toEqual(['SetupFlow']);
});

test('misuse: a secret key throws IntegrationError synchronously and sends nothing', async ({ page }) => {
  await openPage(page);
  await page.waitForLoadState('networkidle');
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const thrown = await page.evaluate(() => {
    const attempt = (...args) => {
      try {
        window.SetupFlow(...args);
        return null;
      } catch (e) {
        return {
          name: e.name,
          type: e.type,
          code: e.code,
          param: e.param,
          message: e.message,
          typed: e instanceof window.SetupFlow.IntegrationError && e instanceof Error,
        };
      }
    };
    return {
      secret: attempt('sk_test_4eC39HqLyjWDarjtT1zdp7dc', { apiBase: location.origin }),
      restricted: attempt('rk_test_abc'),
      notString: attempt(42),
      unknownOption: attempt('pk_test_abc', { apiBse: location.origin }),
      badOption: attempt('pk_test_abc', { apiBase: 42 }),
      badDevice: attempt('pk_test_abc', { device: 'phone' }),
    };
  });
  expect(thrown.secret).toMatchObject({ name: 'IntegrationError', type: 'integration_error', code: 'secret_key_in_browser', param: 'publishableKey', typed: true });
  expect(thrown.secret.message).toMatch(/secret key/);
  expect(thrown.secret.message).not.toContain('4eC39HqLyjWDarjtT1zdp7dc');
  expect(thrown.restricted).toMatchObject({ code: 'secret_key_in_browser', typed: true });
  expect(thrown.restricted.message).toMatch(/restricted key/);
  expect(thrown.notString).toMatchObject({ name: 'IntegrationError', typed: true });
  expect(thrown.notString.message).toMatch(/it was given a number/);
  // The option names survived minification: the messages name them.
  expect(thrown.unknownOption.message).toMatch(/"apiBse" is not an option; expected one of apiBase, locale, wasmUrl, device/);
  expect(thrown.badOption.message).toMatch(/option apiBase expects an absolute URL string; it was given a number/);
  expect(thrown.badDevice.message).toMatch(/option device expects "auto", "desktop" or "mobile"/);
  await page.waitForTimeout(300);
  expect(requests).toEqual([]);
});

test('misuse found by the instance rejects with IntegrationError; API errors resolve with {error}', async ({ page }) => {
  await openPage(page);
  const pk = await publishableKey(page);
  const out = await page.evaluate(async (key) => {
    const flow = window.SetupFlow(key, { apiBase: location.origin });
    const settle = (p) =>
      p.then(
        (value) => ({ resolved: value }),
        (e) => ({ rejected: { name: e.name, type: e.type, code: e.code, message: e.message } }),
      );
    return {
      noSecret: await settle(flow.confirmCashappSetup(42, { return_url: location.href })),
      wrongKind: await settle(flow.retrievePaymentIntent('seti_123_secret_abc')),
      unknown: await settle(flow.retrieveSetupIntent('seti_doesnotexist_secret_abc')),
      badKey: await settle(window.SetupFlow('pk_nonsense', { apiBase: location.origin }).retrieveSetupIntent('seti_1_secret_a')),
      siblingOption: await settle(flow.withOptions({ apiBase: 'https://elsewhere.example' }).retrieveSetupIntent('seti_1_secret_a')),
    };
  }, pk);
  expect(out.noSecret.rejected).toMatchObject({ name: 'IntegrationError', type: 'integration_error' });
  expect(out.noSecret.rejected.message).toMatch(/confirmCashappSetup expects the intent's client_secret/);
  expect(out.wrongKind.rejected).toMatchObject({ name: 'IntegrationError' });
  // An unknown intent is the API's answer: a resolved {error} in Stripe's shape.
  expect(out.unknown.resolved.error).toMatchObject({ type: 'invalid_request_error' });
  expect(out.unknown.resolved.error.message).toEqual(expect.any(String));
  expect(out.badKey.rejected).toMatchObject({ name: 'IntegrationError', type: 'integration_error' });
  expect(out.siblingOption.rejected.message).toMatch(/"apiBase" cannot differ between siblings/);
});

test('calls chain on the instance before the wasm has loaded, and settle once it has', async ({ page, context }) => {
  // Hold the wasm back until the calls are made.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let wasmRequests = 0;
  await context.route('**/dist/setupflow.wasm', async (route) => {
    wasmRequests += 1;
    await held;
    await route.continue();
  });
  await page.goto(`${base}/script-tag.html`);
  const pk = await publishableKey(page);
  await page.evaluate((key) => {
    const flow = window.SetupFlow(key, { apiBase: location.origin });
    window.__settled = [];
    const note = (name) => (v) => window.__settled.push([name, v && (v.text || (v.error && v.error.type))]);
    flow.withOptions({ locale: 'fr' }).consentText(undefined, 'Rocket Rides').then(note('fr'));
    flow.consentText('en', 'Rocket Rides').then(note('en'));
    flow.retrieveSetupIntent('seti_doesnotexist_secret_abc').then(note('retrieve'));
  }, pk);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__settled)).toEqual([]);
  expect(wasmRequests).toBe(1);
  release();
  await expect.poll(() => page.evaluate(() => window.__settled.length)).toBe(3);
  const settled = Object.fromEntries(await page.evaluate(() => window.__settled));
  expect(settled.en).toContain('Rocket Rides');
  expect(settled.fr).toContain('Rocket Rides');
  expect(settled.fr).not.toBe(settled.en);
  expect(settled.retrieve).toBe('invalid_request_error');
  // One fetch of the wasm for the page's instances, next to the script.
  expect(wasmRequests).toBe(1);
});

test('a failed wasm load rejects the pending calls; the next call loads again', async ({ page, context }) => {
  let fail = true;
  await context.route('**/dist/setupflow.wasm', (route) => (fail ? route.abort() : route.continue()));
  await page.goto(`${base}/script-tag.html`);
  const pk = await publishableKey(page);
  const first = await page.evaluate((key) => {
    window.__flow = window.SetupFlow(key, { apiBase: location.origin });
    return window.__flow.consentText('en').then(
      () => 'resolved',
      () => 'rejected',
    );
  }, pk);
  expect(first).toBe('rejected');
  fail = false;
  const second = await page.evaluate(() => window.__flow.consentText('en', 'Rocket Rides').then((c) => c.text));
  expect(second).toContain('Rocket Rides');
});

test.describe('mobile', () => {
  test.use({ isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });

  test('redirects to Cash App and the return page verifies the result', async ({ page }) => {
    await openPage(page);
    await page.locator('#start').click();
    await expect(page).toHaveURL(/\/cashapp\/authorize\/.*redirect=1/);
    await page.getByRole('button', { name: /approve/i }).click();
    // Back with the return parameters; the page has taken the client secret
    // out of the address bar once it read it.
    await expect(page).toHaveURL(/\/return\.html\?lang=en&setup_intent=seti_\w+&.*redirect_status=succeeded/);
    await expect(page.locator('#status')).toHaveText(/^Saved\./);
    expect(page.url()).not.toContain('_secret_');
    const intentId = new URL(page.url()).searchParams.get('setup_intent');
    expect((await retrieveSetupIntent(base, intentId)).status).toBe('succeeded');
  });
});

test.describe('accessibility (axe-core)', () => {
  test('no violations on the script-tag page, in French, and with the QR dialog open', async ({ page }) => {
    await openPage(page, '?lang=fr');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/script-tag.html`);
    await expect(page.locator('#start')).not.toHaveAttribute('aria-disabled');
    await page.locator('#start').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('wasmUrl: required without a <script src>, and used when given', async ({ page }) => {
  await openPage(page);
  const pk = await publishableKey(page);
  const wasmUrls = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) wasmUrls.push(new URL(r.url()).pathname + new URL(r.url()).search);
  });
  const out = await page.evaluate(async (key) => {
    // Evaluated as a module, the build has no document.currentScript to go by.
    await import('/dist/setupflow.js?as-module');
    let thrown = null;
    try {
      window.SetupFlow(key);
    } catch (e) {
      thrown = { name: e.name, param: e.param, message: e.message };
    }
    // This copy has its own loader, so it loads its own core, from wasmUrl.
    const flow = window.SetupFlow(key, { apiBase: location.origin, wasmUrl: '/dist/setupflow.wasm?explicit' });
    const consent = await flow.consentText('en', 'Rocket Rides');
    return { thrown, text: consent.text };
  }, pk);
  expect(out.thrown).toMatchObject({ name: 'IntegrationError', param: 'wasmUrl' });
  expect(out.thrown.message).toMatch(/pass options\.wasmUrl/);
  expect(out.text).toContain('Rocket Rides');
  expect(wasmUrls).toEqual(['/dist/setupflow.wasm?explicit']);
});
