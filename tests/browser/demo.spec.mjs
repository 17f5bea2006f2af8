// The hosted demo, served as `npm run demo` serves it (demo pages, the built
// package, the demo merchant's routes and the API on one origin, under the
// strict CSP). Each journey asserts what the shopper or merchant sees and
// that the page saw no Content-Security-Policy violation.
import { expect, test } from '@playwright/test';
import { demoPort } from './playwright.config.mjs';
import { axeViolations } from './axe.mjs';
import { api, createSetupIntent } from './sandbox.mjs';

const base = `http://127.0.0.1:${demoPort}`;

async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
}
const violations = (page) => page.evaluate(() => window.__cspViolations);

async function startCheckout(page, query = '') {
  await watchCsp(page);
  await page.goto(`${base}/checkout.html${query}`);
  await page.locator('#start').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('desktop: save Cash App Pay, approved on the simulated phone', async ({ page, context }) => {
  await watchCsp(page);
  await page.goto(`${base}/checkout.html`);
  // The authorisation text from the core, naming the merchant, before any save.
  await expect(page.locator('#consent')).toContainText('Rocket Rides');
  await expect(page.locator('#consent')).toContainText(/future payments/);
  const dialog = await startCheckout(page);
  await expect(dialog).toHaveAccessibleName(/scan/i);
  await expect(dialog.locator('svg path')).toHaveAttribute('d', /^M/);
  const phoneHref = await dialog.getByRole('link', { name: /simulated cash app phone/i }).getAttribute('href');
  const phone = await context.newPage();
  await phone.goto(base + phoneHref);
  await expect(phone).toHaveURL(/\/cashapp\/authorize\//);
  await expect(phone.getByText('Rocket Rides')).toBeVisible();
  await phone.getByRole('button', { name: /approve/i }).click();
  await expect(page.locator('#status')).toHaveText(/^Saved\./, { timeout: 20_000 });
  await expect(dialog).toBeHidden();
  expect(await violations(page)).toEqual([]);
});

test('desktop: Escape closes the QR, nothing is saved, focus goes back', async ({ page }) => {
  const dialog = await startCheckout(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('#status')).toHaveText(/closed the QR code/);
  await expect(page.locator('#start')).toBeFocused();
  expect(await violations(page)).toEqual([]);
});

test('merchant console: saved account, off-session charge, webhooks, detach', async ({ page, context }) => {
  const email = `console-${Date.now()}@example.com`;
  const dialog = await startCheckout(page);
  await page.locator('#email').fill(email); // ignored now; the request already left
  const phone = await context.newPage();
  await phone.goto(base + (await dialog.getByRole('link', { name: /phone/i }).getAttribute('href')));
  await phone.getByRole('button', { name: /approve/i }).click();
  await expect(page.locator('#status')).toHaveText(/^Saved\./, { timeout: 20_000 });

  const console_ = await context.newPage();
  await watchCsp(console_);
  await console_.goto(`${base}/console.html`);
  const row = console_.locator('#customers tbody tr').filter({ hasText: '$sandboxshopper' }).first();
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: /charge/i }).click();
  await expect(console_.locator('#action-status')).toHaveText(/^pi_\w+: succeeded/);
  // The merchant's webhook endpoint received (and verified) the events.
  await expect(console_.locator('#events')).toContainText('payment_intent.succeeded', { timeout: 15_000 });
  await expect(console_.locator('#events')).toContainText('setup_intent.succeeded');
  const pm = (await row.innerText()).match(/pm_\w+/)[0];
  await row.getByRole('button', { name: /detach/i }).click();
  await expect(console_.locator('#action-status')).toHaveText(`${pm} detached`);
  await expect(console_.locator('#events')).toContainText('payment_method.detached', { timeout: 15_000 });
  await expect(console_.locator('#customers')).not.toContainText(pm);
  expect(await violations(console_)).toEqual([]);
});

test('French: the pages speak French with ?lang=fr', async ({ page }) => {
  await watchCsp(page);
  await page.goto(`${base}/checkout.html?lang=fr`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('#start')).toHaveText('Enregistrer Cash App Pay');
  await expect(page.locator('#consent')).toContainText('Rocket Rides');
  await expect(page.locator('#consent')).not.toContainText(/future payments/);
  await expect(page.getByRole('link', { name: 'Console marchand' })).toHaveAttribute('href', /lang=fr/);
  expect(await violations(page)).toEqual([]);
});

test.describe('mobile', () => {
  test.use({ isMobile: true, hasTouch: true, viewport: { width: 390, height: 844 } });

  test('redirects to Cash App and verifies the result on the return page', async ({ page }) => {
    await watchCsp(page);
    await page.goto(`${base}/checkout.html`);
    await page.locator('#start').click();
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
  for (const path of ['/', '/checkout.html', '/checkout.html?mode=payment&lang=fr', '/console.html', '/return.html']) {
    test(`no violations on ${path}`, async ({ page }) => {
      await page.goto(base + path);
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('no violations with the QR dialog open', async ({ page }) => {
    await startCheckout(page);
    expect(await axeViolations(page)).toEqual([]);
  });

  // The sandbox's simulated Cash App pages: Stripe's hosted instructions
  // page (the QR a merchant can send the shopper to), the phone's approval
  // page and what it says after approving.
  test('no violations on the simulated Cash App pages', async ({ page }) => {
    const intent = await createSetupIntent(base);
    const confirmed = await api(base, 'POST', `/v1/setup_intents/${intent.id}/confirm`, {
      'payment_method_data[type]': 'cashapp',
      return_url: `${base}/return.html`,
      'mandate_data[customer_acceptance][type]': 'online',
      'mandate_data[customer_acceptance][online][ip_address]': '127.0.0.1',
      'mandate_data[customer_acceptance][online][user_agent]': 'axe',
    });
    await page.goto(confirmed.next_action.cashapp_handle_redirect_or_display_qr_code.hosted_instructions_url);
    await expect(page.getByRole('img', { name: /qr code/i })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /open the phone page/i }).click();
    await expect(page).toHaveURL(/\/cashapp\/authorize\//);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /approve/i }).click();
    await expect(page.getByRole('heading', { name: 'Approved' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test('return page: the client secret leaves the address bar and never reaches the language link; the verified outcome survives the switch', async ({ page }) => {
  const intent = await createSetupIntent(base); // never confirmed: requires_payment_method
  await watchCsp(page);
  const query = new URLSearchParams({
    setup_intent: intent.id,
    setup_intent_client_secret: intent.client_secret,
    redirect_pm_type: 'cashapp',
    redirect_status: 'succeeded', // a hint the page never believes
  });
  await page.goto(`${base}/return.html?${query}`);
  await expect(page.locator('#status')).toHaveText('requires_payment_method');
  const url = new URL(page.url());
  expect(url.searchParams.get('setup_intent')).toBe(intent.id);
  expect(page.url()).not.toContain('_secret_');
  expect(await page.locator('#lang').getAttribute('href')).not.toContain('_secret_');

  await page.locator('#lang').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('#status')).toHaveText('requires_payment_method');
  expect(page.url()).not.toContain('_secret_');
  expect(await violations(page)).toEqual([]);
});
