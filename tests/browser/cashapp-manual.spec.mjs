// Manual mode: confirm with handleActions:false returns the intent with its
// Cash App next action untouched (no dialog); handleNextAction later shows the
// QR and finishes the flow.
import { test, expect } from '@playwright/test';
import { createPaymentIntent, createSetupIntent, dialogOf, qrPayload } from './sandbox.mjs';

async function openShop(page) {
  await page.goto('/tests/browser/pages/confirm.html?device=desktop');
  await page.evaluate(() => window.shop.ready());
}

test('manual: handleActions:false, then handleNextAction and approve', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openShop(page);
  await page.evaluate((secret) => window.shop.confirm(secret, { handleActions: false }), intent.client_secret);
  await expect(page.locator('#result')).toHaveText('status: requires_action');
  const manual = await page.evaluate(() => window.shop.result());
  expect(manual.setupIntent.next_action.type).toBe('cashapp_handle_redirect_or_display_qr_code');
  await expect(page.locator('[data-setupflow="qr-dialog"]')).toHaveCount(0);

  await page.evaluate((secret) => window.shop.handleNextAction(secret), intent.client_secret);
  await expect(dialogOf(page)).toBeVisible();
  const phone = await context.newPage();
  await phone.goto(qrPayload(manual.setupIntent));
  await phone.getByRole('button', { name: 'Approve' }).click();
  await expect(dialogOf(page)).toBeHidden();
  await expect(page.locator('#result')).toHaveText('status: succeeded');
});

test('payment: confirmCashappPayment on desktop, approve, succeeded', async ({ page, context, baseURL }) => {
  const intent = await createPaymentIntent(baseURL);
  await openShop(page);
  await page.evaluate((secret) => window.shop.confirm(secret, { kind: 'payment', handleActions: false }), intent.client_secret);
  await expect(page.locator('#result')).toHaveText('status: requires_action');
  const confirmed = await page.evaluate(() => window.shop.result());
  await page.evaluate((secret) => window.shop.handleNextAction(secret), intent.client_secret);
  await expect(dialogOf(page)).toBeVisible();
  const phone = await context.newPage();
  await phone.goto(qrPayload(confirmed.paymentIntent));
  await phone.getByRole('button', { name: 'Approve' }).click();
  await expect(page.locator('#result')).toHaveText(/status: (succeeded|requires_capture|processing)/);
  const result = await page.evaluate(() => window.shop.result());
  expect(result.paymentIntent.object).toBe('payment_intent');
});
