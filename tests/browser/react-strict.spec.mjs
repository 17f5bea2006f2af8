// setupflow/react under StrictMode: the provider resolves loadSetupFlow's
// promise, <CashAppSetup> wraps <setupflow-cashapp>; effects run twice, yet
// one click sends exactly one confirm and onSuccess is called once, even
// after re-renders with new callbacks. The page is bundled by esbuild from
// the built dist/react.mjs and runs under the strict CSP.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { buildTestPages } from '../../scripts/build-dropin.mjs';
import { createSetupIntent, qrPayload, retrieveSetupIntent } from './sandbox.mjs';

test.beforeAll(async () => {
  await buildTestPages(); // build/pages/react-strict.mjs from dist/react.mjs
});

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => window.violations)).toEqual([]);
});

function countConfirms(page) {
  const confirms = [];
  page.on('request', (r) => r.method() === 'POST' && /\/confirm$/.test(new URL(r.url()).pathname) && confirms.push(r.url()));
  return confirms;
}

const element = (page) => page.locator('setupflow-cashapp');
const payButton = (page) => element(page).getByRole('button', { name: 'Continue with Cash App Pay' });

async function openCheckout(page, secret) {
  await page.goto(`/tests/browser/pages/react-strict.html?secret=${encodeURIComponent(secret)}`);
  await expect(page.locator('#instance')).toHaveText('instance: loaded');
  await expect(payButton(page)).toHaveAttribute('aria-disabled', 'false');
}

test('StrictMode: one element, one confirm per click, onSuccess once', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  const confirms = countConfirms(page);
  await openCheckout(page, intent.client_secret);
  await expect(element(page)).toHaveCount(1);
  await expect(element(page).locator('[part="terms"]')).toHaveText(/authorize Rocket Rides/);
  // Re-renders hand new callbacks; nothing is re-created.
  await page.locator('#rerender').click();
  await page.locator('#rerender').click();
  await expect(element(page)).toHaveCount(1);

  await payButton(page).click();
  const dialog = element(page).getByRole('dialog');
  await expect(dialog).toBeVisible();
  await page.locator('#rerender').dispatchEvent('click'); // a render while the QR is up
  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));
  await phone.getByRole('button', { name: 'Approve' }).click();

  await expect(page.locator('#outcome')).toHaveText('succeeded (render 3)'); // the latest callback ran
  await expect(dialog).toBeHidden();
  expect(confirms).toHaveLength(1);
  const calls = await page.evaluate(() => window.calls);
  expect(calls.success).toEqual([intent.id]);
  expect(calls.error).toEqual([]);
  expect(calls.ready).toBe(1);
  expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('succeeded');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('StrictMode: cancel then decline: onCancel and onError once each, one confirm per click', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  const confirms = countConfirms(page);
  await openCheckout(page, intent.client_secret);

  await payButton(page).click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('#outcome')).toHaveText('canceled');
  await expect(payButton(page)).toBeFocused();

  await payButton(page).click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));
  await phone.getByRole('button', { name: 'Decline' }).click();
  await expect(page.locator('#outcome')).toHaveText('error: payment_method_provider_decline');

  expect(confirms).toHaveLength(2);
  const calls = await page.evaluate(() => window.calls);
  expect(calls.cancel).toEqual(['requires_action']);
  expect(calls.error).toEqual(['payment_method_provider_decline']);
  expect(calls.success).toEqual([]);
});
