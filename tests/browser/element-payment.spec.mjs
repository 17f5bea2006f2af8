// <setupflow-cashapp> with a PaymentIntent (mode inferred from the pi_
// secret): terms="auto" shows the authorisation only when the payment saves
// the account (setup_future_usage), with the core's payment wording.
import { test, expect } from '@playwright/test';
import { SECRET_KEY, qrPayload } from './sandbox.mjs';

const PK = 'pk_test_setupflowsandbox';

async function createPaymentIntent(baseURL, extra = {}) {
  const response = await fetch(new URL('/v1/payment_intents', baseURL), {
    method: 'POST',
    headers: { Authorization: `Bearer ${SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ amount: '2599', currency: 'usd', 'payment_method_types[]': 'cashapp', ...extra }).toString(),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

async function retrievePaymentIntent(baseURL, id) {
  const response = await fetch(new URL(`/v1/payment_intents/${id}`, baseURL), { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
  return response.json();
}

async function mount(page, baseURL, clientSecret) {
  await page.goto('/tests/browser/pages/element.html');
  await page.evaluate(
    (attrs) => window.shop.mount(attrs),
    { 'publishable-key': PK, 'client-secret': clientSecret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', device: 'desktop', locale: 'en' },
  );
  await expect.poll(() => page.evaluate(() => window.shop.events.map((e) => e.type))).toContain('setupflow:ready');
}

const element = (page) => page.locator('setupflow-cashapp');

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => window.shop && window.shop.violations)).toEqual([]);
});

test('a one-off payment: no authorisation text; approve gives setupflow:succeeded in payment mode', async ({ page, context, baseURL }) => {
  const intent = await createPaymentIntent(baseURL);
  await mount(page, baseURL, intent.client_secret);
  expect((await page.evaluate(() => window.shop.events))[0].detail.mode).toBe('payment');
  await expect(element(page).locator('[part="terms"]')).toBeHidden();

  await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrievePaymentIntent(baseURL, intent.id)));
  await phone.getByRole('button', { name: 'Approve' }).click();

  await expect(element(page).locator('[part="status"]')).toHaveText('Approved. Your payment is complete.');
  const last = (await page.evaluate(() => window.shop.events)).at(-1);
  expect(last.type).toBe('setupflow:succeeded');
  expect(last.detail.mode).toBe('payment');
  expect(last.detail.intent.object).toBe('payment_intent');
  expect(last.detail.intent.status).toBe('succeeded');
  expect((await retrievePaymentIntent(baseURL, intent.id)).status).toBe('succeeded');
});

test('a payment that saves the account (setup_future_usage): the core payment wording is shown', async ({ page, baseURL }) => {
  const intent = await createPaymentIntent(baseURL, { setup_future_usage: 'off_session' });
  await mount(page, baseURL, intent.client_secret);
  await expect(element(page).locator('[part="terms"]')).toHaveText(
    /^By continuing, you authorize Rocket Rides to debit your Cash App account for this payment and future payments/,
  );
  // terms="never" is the merchant's call (e.g. the shopper already agreed).
  await element(page).evaluate((el) => {
    el.terms = 'never';
  });
  await expect(element(page).locator('[part="terms"]')).toBeHidden();
});
