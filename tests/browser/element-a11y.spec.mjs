// axe-core on <setupflow-cashapp> in every state a shopper sees: idle (consent
// and button), the QR dialog, and each outcome; in light and dark schemes.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createSetupIntent, qrPayload, retrieveSetupIntent } from './sandbox.mjs';

const PK = 'pk_test_setupflowsandbox';

async function violations(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function mountReady(page, baseURL, clientSecret) {
  await page.goto('/tests/browser/pages/element.html');
  await page.evaluate(
    (attrs) => window.shop.mount(attrs),
    { 'publishable-key': PK, 'client-secret': clientSecret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', device: 'desktop', locale: 'en' },
  );
  await expect(page.locator('setupflow-cashapp [part="terms"]')).toBeVisible();
}

for (const colorScheme of ['light', 'dark']) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('idle, QR dialog and approved: no axe violations', async ({ page, context, baseURL }) => {
      const intent = await createSetupIntent(baseURL);
      await mountReady(page, baseURL, intent.client_secret);
      expect(await violations(page)).toEqual([]);

      await page.locator('setupflow-cashapp').getByRole('button', { name: 'Continue with Cash App Pay' }).click();
      const dialog = page.locator('setupflow-cashapp').getByRole('dialog');
      await expect(dialog).toBeVisible();
      // The QR keeps its light background in both schemes.
      await expect(dialog.locator('[part="qr"]')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
      expect(await violations(page)).toEqual([]);

      const phone = await context.newPage();
      await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));
      await phone.getByRole('button', { name: 'Approve' }).click();
      await expect(page.locator('setupflow-cashapp [part="status"]')).toHaveText(/^Approved\./);
      expect(await violations(page)).toEqual([]);
    });

    test('declined and canceled outcomes: no axe violations', async ({ page, context, baseURL }) => {
      const intent = await createSetupIntent(baseURL);
      await mountReady(page, baseURL, intent.client_secret);
      const button = page.locator('setupflow-cashapp').getByRole('button', { name: 'Continue with Cash App Pay' });
      await button.click();
      await expect(page.locator('setupflow-cashapp').getByRole('dialog')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.locator('setupflow-cashapp [part="status"]')).toHaveText(/^Canceled/);
      expect(await violations(page)).toEqual([]);

      await button.click();
      await expect(page.locator('setupflow-cashapp').getByRole('dialog')).toBeVisible();
      const phone = await context.newPage();
      await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));
      await phone.getByRole('button', { name: 'Decline' }).click();
      await expect(page.locator('setupflow-cashapp [part="status"]')).toHaveText(/^Declined/);
      expect(await violations(page)).toEqual([]);
    });
  });
}
