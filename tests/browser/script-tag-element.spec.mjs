// The script-tag drop-in (dist/setupflow-element.js, Closure ADVANCED) on the
// hosted demo's page: one classic <script src> and <setupflow-cashapp>, no
// modules, under the demo's strict CSP. The journey runs the minified element
// end to end, so a name Closure renamed that the page, the element's events,
// the core or the API needs shows up here.
import { expect, test } from '@playwright/test';
import { demoPort } from './playwright.config.mjs';
import { retrieveSetupIntent } from './sandbox.mjs';
import { axeViolations } from './axe.mjs';

const base = `http://127.0.0.1:${demoPort}`;

async function openPage(page, query = '') {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
    for (const type of ['ready', 'confirm', 'qr', 'succeeded', 'failed', 'canceled', 'expired']) {
      document.addEventListener(`setupflow:${type}`, (e) => window.__events.push({ type: e.type, detail: e.detail }));
    }
  });
  await page.goto(`${base}/script-tag-element.html${query}`);
}

const element = (page) => page.locator('setupflow-cashapp');
const violations = (page) => page.evaluate(() => window.__cspViolations);
const events = (page) => page.evaluate(() => window.__events);

test('desktop: one script tag and the element save Cash App Pay, approved on the simulated phone', async ({ page, context }) => {
  await openPage(page);
  const button = element(page).getByRole('button', { name: 'Continue with Cash App Pay' });
  // Ready: the terms came from the wasm core, the button is enabled.
  await expect(element(page).locator('[part="terms"]')).toContainText('Rocket Rides');
  await expect(button).toHaveAttribute('aria-disabled', 'false');
  expect(await element(page).evaluate((el) => el.state)).toBe('ready');
  // The same file gives window.SetupFlow, as setupflow.js does.
  expect(await page.evaluate(() => typeof window.SetupFlow === 'function' && typeof window.SetupFlow.version)).toBe('string');

  await button.click();
  const dialog = element(page).getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleName('Scan to pay with Cash App');
  await expect(dialog.locator('[part="qr"] path')).toHaveAttribute('d', /^M/);
  await expect(dialog.locator('[part="countdown"]')).toHaveText(/^New code in \d+ s$/);
  expect(await element(page).evaluate((el) => el.state)).toBe('qr');

  // The page's link to the simulated phone, slotted into the dialog (light
  // DOM: a child of the element, shown only while the dialog is open).
  const phoneLink = page.getByRole('link', { name: 'Open the simulated Cash App phone' });
  await expect(phoneLink).toBeVisible();
  const phoneHref = await phoneLink.getAttribute('href');
  const intentId = phoneHref.match(/seti_\w+/)[0];
  const phone = await context.newPage();
  await phone.goto(base + phoneHref);
  await expect(phone).toHaveURL(/\/cashapp\/authorize\//);
  await phone.getByRole('button', { name: /approve/i }).click();

  await expect(dialog).toBeHidden();
  await expect(element(page).locator('[part="status"]')).toHaveText('Approved. Your Cash App account is saved for future payments.');
  await expect(button).toBeFocused();
  await expect(page.locator('#outcome')).toHaveText(/^Saved:/);
  expect(await element(page).evaluate((el) => el.state)).toBe('succeeded');

  // The events carry their fields by their documented names (element.d.ts).
  const seen = await events(page);
  expect(seen.map((e) => e.type)).toEqual(['setupflow:ready', 'setupflow:confirm', 'setupflow:qr', 'setupflow:succeeded']);
  expect(seen[0].detail).toEqual({ mode: 'setup', locale: 'en', device: 'desktop' });
  expect(seen[1].detail).toMatchObject({ mode: 'setup', intentId, consentVersion: expect.any(String) });
  expect(seen[2].detail).toEqual({ refreshCount: 0, expiresAt: expect.any(Number) });
  expect(seen[3].detail.mode).toBe('setup');
  expect(seen[3].detail.intent).toMatchObject({ id: intentId, status: 'succeeded' });
  expect(seen[3].detail.intent.client_secret).toBeUndefined();

  // The sandbox agrees: the intent succeeded with a Cash App payment method.
  const intent = await retrieveSetupIntent(base, intentId);
  expect(intent.status).toBe('succeeded');
  expect(intent.payment_method).toMatch(/^pm_/);
  expect(await violations(page)).toEqual([]);
});

test('accessibility: no axe violations when ready, with the QR dialog open, and after Escape', async ({ page }) => {
  await openPage(page);
  const button = element(page).getByRole('button', { name: 'Continue with Cash App Pay' });
  await expect(button).toHaveAttribute('aria-disabled', 'false');
  expect(await axeViolations(page)).toEqual([]);
  await button.click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(element(page).getByRole('dialog')).toBeHidden();
  await expect(element(page).locator('[part="status"]')).toHaveText('Canceled. You can try again.');
  expect((await events(page)).at(-1)).toMatchObject({ type: 'setupflow:canceled', detail: { byShopper: true } });
  expect(await axeViolations(page)).toEqual([]);
  expect(await violations(page)).toEqual([]);
});

test('?lang=fr: the element speaks French (button, terms from the core)', async ({ page }) => {
  await openPage(page, '?lang=fr');
  await expect(element(page).getByRole('button', { name: 'Continuer avec Cash App Pay' })).toHaveAttribute('aria-disabled', 'false');
  await expect(element(page).locator('[part="terms"]')).toContainText('Rocket Rides');
  expect((await events(page))[0].detail.locale).toBe('fr');
  expect(await violations(page)).toEqual([]);
});
