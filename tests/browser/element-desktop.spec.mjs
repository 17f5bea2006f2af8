// <setupflow-cashapp> on a desktop: the shopper approves, declines or cancels
// in the element's own QR dialog; events, announcements and focus as a
// shopper (and a screen reader) meets them. Under the strict CSP.
import { test, expect } from '@playwright/test';
import { advanceClock, createSetupIntent, qrPayload, retrieveSetupIntent } from './sandbox.mjs';

const PK = 'pk_test_setupflowsandbox';

async function mountElement(page, baseURL, clientSecret, extra = {}) {
  await page.goto('/tests/browser/pages/element.html');
  await page.evaluate(
    (attrs) => window.shop.mount(attrs),
    { 'publishable-key': PK, 'client-secret': clientSecret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', device: 'desktop', locale: 'en', ...extra },
  );
  await expect.poll(() => page.evaluate(() => window.shop.events.map((e) => e.type))).toContain('setupflow:ready');
}

const element = (page) => page.locator('setupflow-cashapp');
const payButton = (page) => element(page).getByRole('button', { name: 'Continue with Cash App Pay' });
const dialogOf = (page) => element(page).getByRole('dialog');
const eventTypes = (page) => page.evaluate(() => window.shop.events.map((e) => e.type));

async function approveOnPhone(context, baseURL, intentId, choice = 'Approve') {
  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intentId)));
  await phone.getByRole('button', { name: choice }).click();
}

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => window.shop && window.shop.violations)).toEqual([]);
});

test('approve: consent, button, QR dialog with countdown, then succeeded; events in order; intent succeeded in the sandbox', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await mountElement(page, baseURL, intent.client_secret);

  await expect(element(page).locator('[part="terms"]')).toHaveText(/authorize Rocket Rides to debit your Cash App account/);
  await expect(payButton(page)).toHaveAccessibleDescription(/authorize Rocket Rides/);
  await payButton(page).click();

  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toHaveAccessibleName('Scan to pay with Cash App');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog.getByRole('status')).toHaveText('Waiting for approval in Cash App.');
  await expect(dialog.locator('[part="countdown"]')).toHaveText(/^New code in \d+ s$/);
  // Desktop: no "Open Cash App" link (that is for tablets).
  await expect(dialog.getByRole('link')).toHaveCount(0);
  // Styled through the adopted stylesheet; nothing inline.
  await expect(element(page).locator('.backdrop')).toHaveCSS('position', 'fixed');
  expect(await page.locator('[style]').count()).toBe(0);
  // The QR stays black on white.
  await expect(dialog.locator('[part="qr"] path')).toHaveAttribute('fill', '#000');

  await approveOnPhone(context, baseURL, intent.id);

  await expect(dialog).toBeHidden();
  const status = element(page).locator('[part="status"]');
  await expect(status).toHaveText('Approved. Your Cash App account is saved for future payments.');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(payButton(page)).toBeFocused();
  expect(await element(page).evaluate((el) => el.state)).toBe('succeeded');

  expect(await eventTypes(page)).toEqual(['setupflow:ready', 'setupflow:confirm', 'setupflow:qr', 'setupflow:succeeded']);
  const events = await page.evaluate(() => window.shop.events);
  expect(events.every((e) => e.composed)).toBe(true);
  expect(events[0].detail).toEqual({ mode: 'setup', locale: 'en', device: 'desktop' });
  expect(events[1].detail.intentId).toBe(intent.id);
  // The version of the core's text that was shown, for the merchant's records.
  expect(events[1].detail.consentVersion).toMatch(/^cashapp-.*-en$/);
  // Any script on the page can listen: no event carries the client secret,
  // and the QR event no bearer approval URL.
  expect(JSON.stringify(events)).not.toContain('_secret_');
  expect(Object.keys(events[2].detail).sort()).toEqual(['expiresAt', 'refreshCount']);
  expect(events[2].detail.refreshCount).toBe(0);
  expect(events[2].detail.expiresAt).toBeGreaterThan(0);
  expect(events[3].detail.intent.id).toBe(intent.id);
  expect(events[3].detail.intent.status).toBe('succeeded');

  expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('succeeded');
});

test('decline: the dialog closes, "declined" is announced, setupflow:failed carries the decline', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await mountElement(page, baseURL, intent.client_secret);
  await payButton(page).click();
  await expect(dialogOf(page)).toBeVisible();
  await approveOnPhone(context, baseURL, intent.id, 'Decline');

  await expect(dialogOf(page)).toBeHidden();
  await expect(element(page).getByRole('status')).toHaveText('Declined in Cash App. You can try again.');
  expect(await eventTypes(page)).toEqual(['setupflow:ready', 'setupflow:confirm', 'setupflow:qr', 'setupflow:failed']);
  const failed = (await page.evaluate(() => window.shop.events)).at(-1).detail;
  expect(failed.error.code).toBe('payment_method_provider_decline');
  expect(failed.error.decline_code).toBe('generic_decline');
  expect(failed.intent.status).toBe('requires_payment_method');
  expect(failed.error.setup_intent.id).toBe(intent.id);
  expect(JSON.stringify(await page.evaluate(() => window.shop.events))).not.toContain('_secret_');
  expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('requires_payment_method');
  // The shopper may try again with the same button.
  await expect(payButton(page)).toHaveAttribute('aria-disabled', 'false');
});

test('cancel: Tab stays in the dialog, Escape closes it, focus returns to the button, setupflow:canceled', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await mountElement(page, baseURL, intent.client_secret);
  await payButton(page).click();
  const dialog = dialogOf(page);
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused(); // the only stop on a desktop
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(payButton(page)).toBeFocused();
  await expect(element(page).getByRole('status')).toHaveText('Canceled. You can try again.');
  expect(await eventTypes(page)).toEqual(['setupflow:ready', 'setupflow:confirm', 'setupflow:qr', 'setupflow:canceled']);
  const canceled = (await page.evaluate(() => window.shop.events)).at(-1).detail;
  expect(canceled.byShopper).toBe(true);
  expect(canceled.intent.status).toBe('requires_action');
  expect(canceled.intent).not.toHaveProperty('client_secret');
  // Nothing polls after a cancel.
  const polls = [];
  page.on('request', (r) => r.url().includes(`/v1/setup_intents/${intent.id}`) && polls.push(r.url()));
  await page.waitForTimeout(2500);
  expect(polls).toEqual([]);
});

test('keyboard only: Tab to the button, Enter, approve on the phone, the outcome is announced', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await mountElement(page, baseURL, intent.client_secret);
  // The page has no other focusable control: the first Tab reaches the element's button.
  await page.keyboard.press('Tab');
  await expect(payButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialogOf(page)).toBeVisible();
  await expect(dialogOf(page).getByRole('button', { name: 'Cancel' })).toBeFocused();

  await approveOnPhone(context, baseURL, intent.id);
  await expect(dialogOf(page)).toBeHidden();
  await expect(element(page).getByRole('status')).toHaveText(/^Approved\./);
  await expect(payButton(page)).toBeFocused();
  expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('succeeded');
});

test('refresh then expiry: the new code is announced with setupflow:qr, the session end gives setupflow:expired', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await mountElement(page, baseURL, intent.client_secret);
  await payButton(page).click();
  const dialog = dialogOf(page);
  await expect(dialog.getByRole('status')).toHaveText('Waiting for approval in Cash App.');
  const first = await dialog.locator('[part="qr"] path').getAttribute('d');

  await advanceClock(baseURL, 31);
  await expect(dialog.getByRole('status')).toHaveText('The QR code was refreshed. Scan the new code.');
  expect(await dialog.locator('[part="qr"] path').getAttribute('d')).not.toBe(first);
  const qrs = (await page.evaluate(() => window.shop.events)).filter((e) => e.type === 'setupflow:qr');
  expect(qrs.map((e) => e.detail.refreshCount)).toEqual([0, 1]);
  expect(qrs[1].detail.expiresAt).toBeGreaterThan(qrs[0].detail.expiresAt);

  await advanceClock(baseURL, 601);
  await expect(dialog).toBeHidden();
  await expect(element(page).getByRole('status')).toHaveText('The Cash App session expired. You can try again.');
  const last = (await page.evaluate(() => window.shop.events)).at(-1);
  expect(last.type).toBe('setupflow:expired');
  expect(last.detail.error.code).toBe('setup_intent_authentication_failure');
  await expect(payButton(page)).toBeFocused();
});
