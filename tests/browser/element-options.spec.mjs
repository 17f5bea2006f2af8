// <setupflow-cashapp>'s attributes and lifecycle: the French consent text,
// warnings for attributes changed after a confirm started, a double connect
// that never sends two confirms, and the device it adapts to.
import { test, expect, devices } from '@playwright/test';
import { createSetupIntent, qrPayload, retrieveSetupIntent } from './sandbox.mjs';

const PK = 'pk_test_setupflowsandbox';

// A device's viewport, touch and user agent (the browser stays the config's Chromium).
function deviceWithoutBrowser(name) {
  const { defaultBrowserType, ...emulation } = devices[name];
  return emulation;
}

async function openPage(page, query = '') {
  await page.goto(`/tests/browser/pages/element.html${query}`);
  await page.waitForFunction(() => !!window.shop);
}

const mount = (page, attrs) => page.evaluate((a) => window.shop.mount(a), attrs);
const element = (page) => page.locator('setupflow-cashapp');
const eventTypes = (page) => page.evaluate(() => window.shop.events.map((e) => e.type));
const waitReady = (page) => expect.poll(() => eventTypes(page)).toContain('setupflow:ready');

function countConfirms(page) {
  const confirms = [];
  page.on('request', (r) => r.method() === 'POST' && /\/v1\/(setup|payment)_intents\/[^/]+\/confirm$/.test(new URL(r.url()).pathname) && confirms.push(r.url()));
  return confirms;
}

test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => window.shop && window.shop.violations)).toEqual([]);
});

test('locale=fr: the consent text from the core in French, French button and dialog', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openPage(page);
  await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', locale: 'fr', device: 'desktop' });
  await waitReady(page);
  await expect(element(page).locator('[part="terms"]')).toHaveText(
    'En continuant, vous autorisez Rocket Rides à débiter votre compte Cash App pour les paiements présents et futurs, selon les conditions fixées par Rocket Rides, jusqu’à ce que vous révoquiez cette autorisation. Vous pouvez la modifier à tout moment dans les paramètres de Cash App.',
  );
  await expect(element(page).locator('[part="container"]')).toHaveAttribute('lang', 'fr');
  const button = element(page).getByRole('button', { name: 'Continuer avec Cash App Pay' });
  await button.click();
  const dialog = element(page).getByRole('dialog');
  await expect(dialog).toHaveAccessibleName('Scannez pour payer avec Cash App');
  await expect(dialog.getByRole('status')).toHaveText("En attente de l'approbation dans Cash App.");
  await page.keyboard.press('Escape');
  await expect(element(page).getByRole('status')).toHaveText('Annulé. Vous pouvez réessayer.');
});

test.describe('locale=auto', () => {
  test.use({ locale: 'fr-CA' });
  test('follows navigator.languages (fr-CA → French); terms="never" hides the text', async ({ page, baseURL }) => {
    const intent = await createSetupIntent(baseURL);
    await openPage(page);
    await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides' });
    await waitReady(page);
    expect((await page.evaluate(() => window.shop.events))[0].detail.locale).toBe('fr');
    await expect(element(page).locator('[part="terms"]')).toHaveText(/^En continuant, vous autorisez Rocket Rides/);
    await element(page).evaluate((el) => el.setAttribute('terms', 'never'));
    await expect(element(page).locator('[part="terms"]')).toBeHidden();
    await expect(element(page).getByRole('button', { name: 'Continuer avec Cash App Pay' })).not.toHaveAttribute('aria-describedby', /./);
  });
});

test('attribute changes: mutable ones update, immutable ones after a confirm warn without the secret and are ignored', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  const other = await createSetupIntent(baseURL);
  await openPage(page);
  await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', locale: 'en', device: 'desktop' });
  await waitReady(page);

  // Before any confirm: changing the merchant (a property) re-renders, no warning.
  await element(page).evaluate((el) => {
    el.merchantName = 'Acme Bikes';
  });
  await expect(element(page).locator('[part="terms"]')).toHaveText(/authorize Acme Bikes to debit/);
  expect(await page.evaluate(() => window.shop.warnings)).toEqual([]);

  await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  await element(page).evaluate((el, secret) => {
    el.setAttribute('client-secret', secret);
    el.publishableKey = 'pk_test_other';
    el.setAttribute('locale', 'fr');
  }, other.client_secret);
  const warnings = await page.evaluate(() => window.shop.warnings);
  expect(warnings).toEqual([
    '<setupflow-cashapp>: client-secret cannot change after a confirm started; the new value is ignored.',
    '<setupflow-cashapp>: publishable-key cannot change after a confirm started; the new value is ignored.',
  ]);
  expect(warnings.join(' ')).not.toContain('_secret_');
  // locale is not fixed: the next texts are French; the flow still runs on the first intent.
  await page.keyboard.press('Escape');
  await expect(element(page).getByRole('status')).toHaveText('Annulé. Vous pouvez réessayer.');
  expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('requires_action');
  expect((await retrieveSetupIntent(baseURL, other.id)).status).toBe('requires_payment_method');
});

test('double connect: remove + re-append keeps one element state; exactly one confirm is sent, and the flow completes', async ({ page, context, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  const confirms = countConfirms(page);
  await openPage(page);
  await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, device: 'desktop', locale: 'en' });
  // A quick re-append as a framework might do (StrictMode, a keyed list move).
  await element(page).evaluate((el) => {
    const parent = el.parentNode;
    el.remove();
    parent.append(el);
  });
  await waitReady(page);
  await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  // And again while the QR is up.
  await element(page).evaluate((el) => {
    const parent = el.parentNode;
    el.remove();
    parent.append(el);
  });
  await page.waitForTimeout(300);
  await expect(element(page).getByRole('dialog')).toBeVisible();

  const phone = await context.newPage();
  await phone.goto(qrPayload(await retrieveSetupIntent(baseURL, intent.id)));
  await phone.getByRole('button', { name: 'Approve' }).click();
  await expect(element(page).locator('[part="status"]')).toHaveText(/^Approved\./);

  expect(confirms).toHaveLength(1);
  expect(await eventTypes(page)).toEqual(['setupflow:ready', 'setupflow:confirm', 'setupflow:qr', 'setupflow:succeeded']);
  expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('succeeded');
});

test('disconnect: an element removed for good cancels its QR flow and stops polling', async ({ page, baseURL }) => {
  const intent = await createSetupIntent(baseURL);
  await openPage(page);
  await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, device: 'desktop' });
  await waitReady(page);
  await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
  await expect(element(page).getByRole('dialog')).toBeVisible();
  // A detached element's events no longer reach document: listen on it.
  await element(page).evaluate((el) => {
    el.addEventListener('setupflow:canceled', (e) => {
      window.detachedCancel = e.detail.intent.status;
    });
    el.remove();
  });
  await expect.poll(() => page.evaluate(() => window.detachedCancel)).toBe('requires_action');
  const polls = [];
  page.on('request', (r) => r.url().includes(`/v1/setup_intents/${intent.id}`) && polls.push(r.url()));
  await page.waitForTimeout(2500);
  expect(polls).toEqual([]);
});

test.describe('tablet', () => {
  test.use(deviceWithoutBrowser('iPad (gen 7)'));
  test('device=auto on a tablet: the QR dialog plus an "Open Cash App" link to mobile_auth_url', async ({ page, baseURL }) => {
    const intent = await createSetupIntent(baseURL);
    await openPage(page);
    await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, locale: 'en' });
    await waitReady(page);
    expect((await page.evaluate(() => window.shop.events))[0].detail.device).toBe('tablet');
    await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
    const link = element(page).getByRole('dialog').getByRole('link', { name: 'Open Cash App' });
    await expect(link).toBeVisible();
    const shown = await retrieveSetupIntent(baseURL, intent.id);
    await expect(link).toHaveAttribute('href', shown.next_action.cashapp_handle_redirect_or_display_qr_code.mobile_auth_url);
    await page.keyboard.press('Escape');
  });
});

test.describe('mobile', () => {
  test.use(deviceWithoutBrowser('Pixel 5'));
  test('device=auto on a phone: setupflow:redirect with the Cash App URL (the page may prevent it)', async ({ page, baseURL }) => {
    const intent = await createSetupIntent(baseURL);
    await openPage(page, '?stay=1');
    await mount(page, { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, locale: 'en' });
    await waitReady(page);
    await element(page).getByRole('button', { name: 'Continue with Cash App Pay' }).click();
    await expect.poll(() => eventTypes(page)).toEqual(['setupflow:ready', 'setupflow:confirm', 'setupflow:redirect']);
    const redirect = (await page.evaluate(() => window.shop.events)).at(-1).detail;
    expect(redirect.url).toMatch(/\/cashapp\/authorize\//);
    await expect(element(page).getByRole('dialog')).toHaveCount(0);
    expect(await element(page).evaluate((el) => el.state)).toBe('redirecting');
  });
});
