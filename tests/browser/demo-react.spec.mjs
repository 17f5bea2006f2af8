// The hosted demo's React checkout (/react/: demo/react/, a React app built
// with Vite from the package by scripts/site), served as `npm run demo`
// serves it, under the demo's strict CSP. The shopper's journeys, what they
// see in English and French, the intent's state in the sandbox, no CSP
// violation, and axe-core.
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { demoPort } from './playwright.config.mjs';
import { retrieveSetupIntent } from './sandbox.mjs';
import { axeViolations } from './axe.mjs';

const base = `http://127.0.0.1:${demoPort}`;

async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}
const violations = (page) => page.evaluate(() => window.__cspViolations);

const element = (page) => page.locator('setupflow-cashapp');
const dialogOf = (page) => element(page).getByRole('dialog');

// Details step, then the element's own button; resolves once the QR is up.
async function openQr(page, { lang = 'en', email = `react-${Date.now()}@example.com` } = {}) {
  await watchCsp(page);
  await page.goto(`${base}/react/?lang=${lang}`);
  await page.locator('#email').fill(email);
  await page.locator('#continue').click();
  await element(page).getByRole('button', { name: lang === 'fr' ? 'Continuer avec Cash App Pay' : 'Continue with Cash App Pay' }).click();
  await expect(dialogOf(page)).toBeVisible();
}

// The intent id, from the simulated phone link (/demo/phone/{intent}).
async function intentIdOf(page) {
  const href = await page.locator('#phone').getAttribute('href');
  return href.match(/\/demo\/phone\/(seti_\w+)$/)[1];
}

test('desktop: the React checkout saves Cash App Pay, approved on the simulated phone', async ({ page, context }) => {
  await watchCsp(page);
  await page.goto(`${base}/react/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rocket Rides: save Cash App Pay (React)');
  await expect(page.locator('setupflow-cashapp')).toHaveCount(0); // no intent before the details step
  await page.locator('#email').fill(`react-${Date.now()}@example.com`);
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  // <CashAppSetup> renders the element with the core's authorisation text.
  await expect(element(page).locator('[part="terms"]')).toContainText('Rocket Rides');
  await expect(element(page).locator('[part="terms"]')).toContainText(/future payments/);
  await expect(page.locator('#email')).toHaveAttribute('readonly', '');
  await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();

  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  // Said once, in the dialog's live region, not again by the page.
  await expect(dialog.locator('[part="dialog-status"]')).toHaveText('Waiting for approval in Cash App.');
  await expect(page.locator('#status')).toHaveText('');
  const id = await intentIdOf(page);
  // What scanning the rendered QR would open...
  const png = PNG.sync.read(await dialog.locator('svg').screenshot());
  const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(scanned && scanned.data).toMatch(/\/cashapp\/authorize\//);
  // ...is where the tester's link leads: a child of <CashAppSetup> in the
  // element's dialog-aside slot, drawn inside the dialog below the QR...
  const link = page.locator('#phone');
  await expect(element(page).locator(':scope > [slot="dialog-aside"] > a#phone')).toHaveCount(1);
  await expect(link).toBeVisible();
  const [box, linkBox, qrBox] = await Promise.all([dialog.boundingBox(), link.boundingBox(), dialog.locator('svg').boundingBox()]);
  expect(linkBox.y).toBeGreaterThanOrEqual(qrBox.y + qrBox.height);
  expect(linkBox.y + linkBox.height).toBeLessThanOrEqual(box.y + box.height);
  expect(linkBox.x).toBeGreaterThanOrEqual(box.x);
  expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(box.x + box.width);
  // ...and reached by keyboard inside the dialog's focus trap: from its
  // first stop (Cancel, focused on open), Tab wraps to the link, Shift+Tab
  // goes back, Tab again, and Enter opens it.
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  const [phone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
  await phone.waitForLoadState();
  expect(new URL(phone.url()).pathname).toBe(new URL(scanned.data).pathname);
  await expect(phone.getByText('Rocket Rides')).toBeVisible();
  await phone.getByRole('button', { name: /approve/i }).click();

  await expect(page.locator('#outcome')).toHaveText(/^Saved\. Rocket Rides can now charge/, { timeout: 20_000 });
  await expect(dialog).toBeHidden();
  await expect(page.locator('#phone')).toBeHidden(); // in the element's light DOM, unrendered without the dialog
  await expect(element(page).locator('[part="status"]')).toHaveText(/^Approved\./);
  await expect(page.locator('#to-console')).toHaveAttribute('href', '/console.html?lang=en');
  const intent = await retrieveSetupIntent(base, id);
  expect(intent.status).toBe('succeeded');
  expect(intent.payment_method).toMatch(/^pm_/);
  expect(await violations(page)).toEqual([]);
});

test('the demo index links to the React checkout, keeping the language', async ({ page }) => {
  await watchCsp(page);
  await page.goto(`${base}/?lang=fr`);
  await page.getByRole('link', { name: 'Paiement React' }).click();
  await expect(page).toHaveURL(`${base}/react/?lang=fr`);
  await expect(page.getByRole('button', { name: 'Continuer vers le paiement' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('desktop: Escape closes the QR; nothing is saved and the page says so', async ({ page }) => {
  await openQr(page);
  const id = await intentIdOf(page);
  await page.keyboard.press('Escape');
  await expect(dialogOf(page)).toBeHidden();
  await expect(page.locator('#outcome')).toHaveText('You closed the QR code. Nothing was saved.');
  await expect(page.locator('#phone')).toBeHidden();
  expect((await retrieveSetupIntent(base, id)).status).not.toBe('succeeded');
  expect(await violations(page)).toEqual([]);
});

test('French: the React checkout and its element speak French with ?lang=fr', async ({ page }) => {
  await watchCsp(page);
  await page.goto(`${base}/react/?lang=fr`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rocket Rides : enregistrer Cash App Pay (React)');
  await expect(page.getByRole('link', { name: 'Console marchand' })).toHaveAttribute('href', /lang=fr/);
  await expect(page.getByRole('link', { name: 'English' })).toHaveAttribute('href', /lang=en/);
  await page.getByRole('button', { name: 'Continuer vers le paiement' }).click();
  await expect(element(page).locator('[part="terms"]')).toContainText('Rocket Rides');
  await expect(element(page).locator('[part="terms"]')).not.toContainText(/future payments/);
  await element(page).getByRole('button', { name: 'Continuer avec Cash App Pay' }).click();
  await expect(dialogOf(page)).toBeVisible();
  await expect(dialogOf(page).locator('[part="dialog-status"]')).toHaveText("En attente de l'approbation dans Cash App.");
  await expect(page.locator('#phone')).toHaveText('Ouvrir le téléphone Cash App simulé');
  await page.keyboard.press('Escape');
  await expect(page.locator('#outcome')).toHaveText("Vous avez fermé le code QR. Rien n'a été enregistré.");
  expect(await violations(page)).toEqual([]);
});

test.describe('mobile', () => {
  test.use({ isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });

  test('redirects to Cash App and verifies the result on the return page', async ({ page }) => {
    await watchCsp(page);
    await page.goto(`${base}/react/`);
    await page.locator('#continue').click();
    await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
    await expect(page).toHaveURL(/\/cashapp\/authorize\/.*redirect=1/);
    await page.getByRole('button', { name: /approve/i }).click();
    // Back with the return parameters; the page has taken the client secret
    // out of the address bar once it read it.
    await expect(page).toHaveURL(/\/return\.html\?lang=en&setup_intent=seti_\w+&.*redirect_status=succeeded/);
    await expect(page.locator('#status')).toHaveText(/^Saved\./);
    expect(page.url()).not.toContain('_secret_');
    expect(await violations(page)).toEqual([]);
  });
});

test.describe('accessibility (axe-core)', () => {
  for (const path of ['/react/', '/react/?lang=fr']) {
    test(`no violations on ${path}`, async ({ page }) => {
      await page.goto(base + path);
      await expect(page.locator('#continue')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  for (const colorScheme of ['light', 'dark']) {
    test(`${colorScheme} scheme: no violations with the element shown and with its QR dialog open`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${base}/react/`);
      await page.locator('#continue').click();
      await expect(element(page).getByRole('button', { name: 'Continue with Cash App Pay' })).toHaveAttribute('aria-disabled', 'false');
      expect(await axeViolations(page)).toEqual([]);
      await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
      await expect(dialogOf(page)).toBeVisible();
      await expect(page.locator('#phone')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
