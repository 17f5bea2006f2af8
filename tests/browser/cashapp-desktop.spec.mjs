// Desktop journeys: the shopper scans the QR in the dialog with their phone and
// approves or declines there; the QR refreshes; the session expires; the
// shopper cancels with Escape. All under the page's strict CSP.
import { test, expect } from '@playwright/test';
import { advanceClock, createSetupIntent, decodeRenderedQr, dialogOf, qrPayload, retrieveSetupIntent } from './sandbox.mjs';

async function openShop(page) {
  await page.goto('/tests/browser/pages/confirm.html?device=desktop');
  await page.evaluate(() => window.shop.ready());
}

// Starts a confirm from the shop's button (so focus has somewhere to return).
async function startConfirm(page, clientSecret) {
  await page.evaluate((secret) => window.shop.armButton(secret), clientSecret);
  await page.locator('#pay').click();
  await expect(dialogOf(page)).toBeVisible();
}

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => window.shop && window.shop.violations)).toEqual([]);
});

test('approve: the QR in the page is the sandbox payload; approving on the phone closes the dialog with succeeded', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openShop(page);
  await startConfirm(page, intent.client_secret);

  const dialog = dialogOf(page);
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleName('Scan to pay with Cash App');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog.getByRole('status')).toHaveText(/Waiting for approval/);
  // The adopted stylesheet applies under the CSP (no inline styles needed).
  await expect(page.locator('[data-setupflow="qr-dialog"] .backdrop')).toHaveCSS('position', 'fixed');
  expect(await page.locator('[style]').count()).toBe(0);

  const issued = qrPayload(await retrieveSetupIntent(baseURL, intent.id));
  expect(await decodeRenderedQr(page)).toBe(issued);

  const phone = await context.newPage();
  await phone.goto(issued);
  await phone.getByRole('button', { name: 'Approve' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.locator('#result')).toHaveText('status: succeeded');
  const result = await page.evaluate(() => window.shop.result());
  expect(result.error).toBeUndefined();
  expect(result.setupIntent.id).toBe(intent.id);
  expect(result.setupIntent.status).toBe('succeeded');
  await expect(page.locator('#pay')).toBeFocused();
});

test('decline: declining on the phone resolves with the decline error and the intent', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openShop(page);
  await startConfirm(page, intent.client_secret);
  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));
  await phone.getByRole('button', { name: 'Decline' }).click();

  await expect(dialogOf(page)).toBeHidden();
  const result = await page.evaluate(() => window.shop.result());
  expect(result.setupIntent).toBeUndefined();
  expect(result.error.type).toBe('card_error');
  expect(result.error.code).toBe('payment_method_provider_decline');
  expect(result.error.decline_code).toBe('generic_decline');
  expect(result.error.setup_intent.status).toBe('requires_payment_method');
});

test('refresh: when the code expires the dialog shows the fresh one and announces it', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openShop(page);
  await startConfirm(page, intent.client_secret);
  const first = await decodeRenderedQr(page);
  expect(first).toBe(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));

  await advanceClock(baseURL, 31);
  const status = dialogOf(page).getByRole('status');
  await expect(status).toHaveText(/refreshed/);
  const second = await decodeRenderedQr(page);
  expect(second).not.toBe(first);
  expect(second).toBe(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));

  await page.keyboard.press('Escape');
  await expect(dialogOf(page)).toBeHidden();
});

test('expiry: after the 10-minute session the dialog closes with an authentication failure', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openShop(page);
  await startConfirm(page, intent.client_secret);
  await advanceClock(baseURL, 601);
  await expect(dialogOf(page)).toBeHidden();
  const result = await page.evaluate(() => window.shop.result());
  expect(result.error.code).toBe('setup_intent_authentication_failure');
  expect(result.error.setup_intent.status).toBe('requires_payment_method');
});

test('cancel: Escape closes the dialog, resolves with the intent still requiring action, and returns focus', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openShop(page);
  await startConfirm(page, intent.client_secret);
  // Tab stays inside the modal dialog: Cancel → "Open Cash App" → Cancel.
  const dialog = dialogOf(page);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('link', { name: 'Open Cash App' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialogOf(page)).toBeHidden();
  await expect(page.locator('#result')).toHaveText('status: requires_action');
  const result = await page.evaluate(() => window.shop.result());
  expect(result.error).toBeUndefined();
  expect(result.setupIntent.status).toBe('requires_action');
  await expect(page.locator('#pay')).toBeFocused();
  // Nothing polls after a cancel.
  const polls = [];
  page.on('request', (r) => r.url().includes(`/v1/setup_intents/${intent.id}`) && polls.push(r.url()));
  await page.waitForTimeout(2500);
  expect(polls).toEqual([]);
});
