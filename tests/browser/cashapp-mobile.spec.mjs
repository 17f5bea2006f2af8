// Mobile journey: the page redirects to Cash App (the sandbox phone page),
// the shopper approves, and comes back to the shop's return page, which
// verifies the outcome with handleReturn().
import { test, expect, devices } from '@playwright/test';
import { createSetupIntent } from './sandbox.mjs';

test.use({ ...devices['Pixel 5'] });

test('mobile: redirect to Cash App, approve, return page verified with handleReturn', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await page.goto('/tests/browser/pages/confirm.html'); // device: auto → coarse pointer → mobile
  await page.evaluate(() => window.shop.ready());
  await page.evaluate((secret) => window.shop.confirm(secret), intent.client_secret);

  await page.waitForURL(/\/cashapp\/authorize\//);
  await expect(page.locator('[data-setupflow="qr-dialog"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Approve' }).click();

  await page.waitForURL(/\/tests\/browser\/pages\/return\.html/);
  await expect(page.locator('#result')).toHaveText('status: succeeded');
  const url = new URL(page.url());
  expect(url.searchParams.get('order')).toBe('42'); // the shop's own query is kept
  expect(url.searchParams.get('setup_intent')).toBe(intent.id);
  expect(url.hash).toBe('#/done'); // and its hash route
  const result = await page.evaluate(() => window.returnResult);
  expect(result.setupIntent.status).toBe('succeeded');
  expect(result.redirectStatus).toBe('succeeded');
});

test('return page: a forged redirect_status=succeeded is not believed', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL); // never confirmed
  const query = new URLSearchParams({
    setup_intent: intent.id,
    setup_intent_client_secret: intent.client_secret,
    redirect_pm_type: 'cashapp',
    redirect_status: 'succeeded',
  });
  await page.goto(`/tests/browser/pages/return.html?${query}`);
  await expect(page.locator('#result')).toHaveText('status: requires_payment_method');
  const result = await page.evaluate(() => window.returnResult);
  expect(result.redirectStatus).toBe('succeeded');
  expect(result.setupIntent.status).toBe('requires_payment_method');
});
