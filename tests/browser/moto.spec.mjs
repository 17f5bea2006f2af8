// <setupflow-moto>, the agent's console, in Chromium under the strict CSP:
// a merchant's server built on setupflow/moto-server (moto-merchant.mjs)
// against the sandbox's Terminal. The card is keyed on the simulated reader
// screen once; the other journeys present it with the reader test helper.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { motoPort } from './playwright.config.mjs';
import { api, presentCard, readerScreenUrl, retrieveReader, setReaderLink, terminalSetup } from './sandbox.mjs';

const AGENT = 'Sam Lee';
const MERCHANT = `http://127.0.0.1:${motoPort}`;
const PAGE = '/tests/browser/pages/moto.html';

const element = (page) => page.locator('setupflow-moto');
const status = (page) => element(page).locator('[part="status"]');
const startButton = (page) => element(page).getByRole('button', { name: 'Save the card on the reader' });
const agreed = (page) => element(page).getByRole('checkbox', { name: 'The customer agreed to these terms' });

// Each test registers its own reader, with a label of its own: the
// merchant's server lists every reader of the account.
let desks = 0;

// Signs the agent in (the merchant's session cookie), opens the console and
// mounts the element for a fresh reader and customer.
async function openConsole(page, baseURL, { locale = 'en', attrs = {} } = {}) {
  const label = `Desk ${++desks}-${Date.now().toString(36)}`;
  const terminal = await terminalSetup(baseURL, label);
  await page.goto(`${MERCHANT}/sign-in?agent=${encodeURIComponent(AGENT)}&next=${encodeURIComponent(PAGE)}`);
  await page.evaluate(
    (attributes) => window.shop.mount(attributes),
    {
      endpoint: '/moto',
      customer: terminal.customer.id,
      agent: AGENT,
      locale,
      'merchant-name': 'Acme Supplies',
      schedule: 'on the 1st of each month',
      reader: terminal.reader.id,
      ...attrs,
    },
  );
  await expect(element(page)).toHaveJSProperty('state', 'ready');
  return { ...terminal, label, readerRow: element(page).locator('[part="reader"]').filter({ hasText: label }) };
}

// Ticks consent and starts; resolves once the reader asks for the card.
async function startOnReader(page, { offer = false } = {}) {
  await agreed(page).check();
  if (offer) await element(page).getByRole('checkbox', { name: /Offer this card at future checkouts/ }).check();
  await startButton(page).click();
  await expect(element(page)).toHaveJSProperty('state', 'waiting');
}

const events = (page) => page.evaluate(() => window.shop.events.map((e) => e.type));
const lastEvent = (page, type) => page.evaluate((t) => window.shop.events.filter((e) => e.type === t).pop(), type);

async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.afterEach(async ({ page }) => {
  const shop = await page.evaluate(() => (window.shop ? { violations: window.shop.violations } : null)).catch(() => null);
  if (shop) expect(shop.violations).toEqual([]);
});

test('saves a card keyed on the reader screen, with the consent record the agent read out', async ({ page, context, baseURL }) => {
  const { reader, customer, label, readerRow } = await openConsole(page, baseURL);
  const terms = element(page).locator('[part="terms-text"]');
  await expect(terms).toContainText('Acme Supplies');
  await expect(terms).toContainText('on the 1st of each month');
  await expect(element(page).locator('[part="terms-version"]')).toHaveText('Terms version moto-2026-12-en');
  await expect(readerRow).toContainText('online');
  const shownTerms = await terms.textContent();

  await startOnReader(page, { offer: true });
  await expect(status(page)).toHaveText(`Key the card on ${label} as the customer reads it out.`);
  await expect(element(page).getByRole('button', { name: 'Cancel' })).toBeFocused();

  const screen = await context.newPage();
  await screen.goto(await readerScreenUrl(baseURL, reader.id));
  await screen.getByLabel('Card number').fill('4242 4242 4242 4242');
  await screen.getByLabel('Month (MM)').fill('12');
  await screen.getByLabel('Year (YY)').fill('34');
  await screen.getByLabel('CVC').fill('123');
  await screen.getByLabel('Postal code').fill('94103');
  await screen.getByRole('button', { name: 'Submit' }).click();

  await expect(status(page)).toHaveText('Card saved: Visa •••• 4242, expires 12/2034.', { timeout: 20_000 });
  await expect(element(page)).toHaveJSProperty('state', 'succeeded');
  await expect(startButton(page)).toBeFocused();
  await expect(agreed(page)).not.toBeChecked(); // the next card needs a new agreement
  const succeeded = await lastEvent(page, 'setupflow:succeeded');
  expect(succeeded.detail.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034, allow_redisplay: 'always' });
  expect(await events(page)).toEqual(expect.arrayContaining(['setupflow:ready', 'setupflow:start', 'setupflow:progress', 'setupflow:succeeded']));

  // The card is the customer's, chargeable off-session, and the consent
  // record the server stored is the text the agent read.
  const pm = await api(baseURL, 'GET', `/v1/payment_methods/${succeeded.detail.card.id}`);
  expect(pm.customer).toBe(customer.id);
  const consents = await (await page.request.get(`${MERCHANT}/consents`)).json();
  const record = consents.find((c) => c.customer === customer.id);
  expect(record).toMatchObject({ agent: AGENT, channel: 'telephone', allow_redisplay: 'always', terms_version: 'moto-2026-12-en', text: shownTerms });
  const charge = await api(baseURL, 'POST', '/v1/payment_intents', {
    amount: '4200',
    currency: 'usd',
    customer: customer.id,
    payment_method: pm.id,
    off_session: 'true',
    confirm: 'true',
  });
  expect(charge.status).toBe('succeeded');
});

test('each decline is said in the agent\'s words, and nothing is saved', async ({ page, baseURL }) => {
  const { reader, customer } = await openConsole(page, baseURL);
  const declines = [
    ['4000000000000002', 'declined by the bank'],
    ['4000000000009995', 'insufficient funds'],
    ['4000000000009987', 'reported lost'],
    ['4000000000009979', 'reported stolen'],
    ['4000000000000069', 'expired card'],
    ['4000000000000127', 'wrong security code'],
    ['4000000000000119', 'processing error; try again'],
  ];
  for (const [number, reason] of declines) {
    await startOnReader(page);
    await presentCard(baseURL, reader.id, number);
    await expect(status(page)).toHaveText(`The card was declined (${reason}). Nothing was saved.`, { timeout: 20_000 });
    await expect(element(page)).toHaveJSProperty('state', 'declined');
  }
  const methods = await api(baseURL, 'GET', `/v1/customers/${customer.id}/payment_methods?type=card`);
  expect(methods.data).toEqual([]);
  expect((await lastEvent(page, 'setupflow:declined')).detail.error.code).toBe('processing_error');
});

test('the agent cancels with the button or Escape; the reader is freed', async ({ page, baseURL }) => {
  const { reader } = await openConsole(page, baseURL);
  await startOnReader(page);
  await element(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(status(page)).toHaveText('Canceled. Nothing was saved.');
  await expect(element(page)).toHaveJSProperty('state', 'canceled');
  expect((await retrieveReader(baseURL, reader.id)).action).toBeNull();

  await startOnReader(page);
  await page.keyboard.press('Escape');
  await expect(status(page)).toHaveText('Canceled. Nothing was saved.');
  expect((await retrieveReader(baseURL, reader.id)).action).toBeNull();
  expect((await lastEvent(page, 'setupflow:canceled')).detail.byCustomer).toBe(false);
});

test('without the customer\'s agreement nothing is sent', async ({ page, baseURL }) => {
  await openConsole(page, baseURL);
  const posts = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await startButton(page).click();
  await expect(status(page)).toHaveText('Read the terms to the customer and tick “The customer agreed” first.');
  await expect(agreed(page)).toBeFocused();
  await expect(agreed(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(element(page)).toHaveJSProperty('state', 'ready');
  expect(posts).toEqual([]);
});

test('an offline reader and a busy reader are clear errors', async ({ page, baseURL }) => {
  const { reader, readerRow } = await openConsole(page, baseURL);
  await setReaderLink(baseURL, reader.id, 'offline');
  await agreed(page).check();
  await startButton(page).click();
  await expect(status(page)).toHaveText('That reader is offline. Check its power and network, or choose another reader.');
  await expect(element(page)).toHaveJSProperty('state', 'failed');
  expect((await lastEvent(page, 'setupflow:failed')).detail.error.code).toBe('terminal_reader_offline');
  await setReaderLink(baseURL, reader.id, 'online');

  // Another console's action keeps the reader busy.
  const other = await api(baseURL, 'POST', '/v1/setup_intents', { 'payment_method_types[]': 'card' });
  await api(baseURL, 'POST', `/v1/terminal/readers/${reader.id}/process_setup_intent`, {
    setup_intent: other.id,
    allow_redisplay: 'limited',
    'process_config[moto]': 'true',
  });
  await element(page).getByRole('button', { name: 'Refresh readers' }).click();
  await expect(readerRow).toContainText('busy');
  await agreed(page).check();
  await startButton(page).click();
  await expect(status(page)).toHaveText('That reader is busy with another action. Choose another reader, or wait and try again.');
  expect((await lastEvent(page, 'setupflow:failed')).detail.error.code).toBe('terminal_reader_busy');
});

test('a reader that never gets a card times out, and one lost mid-action is said so', async ({ page, baseURL }) => {
  await page.clock.install();
  const { reader, label } = await openConsole(page, baseURL);
  await startOnReader(page);
  // The core's time limit (5 minutes), then its cancel of the reader's action.
  await page.clock.fastForward('05:01');
  await expect(status(page)).toHaveText('The reader did not get a card in time; the request was canceled.');
  await expect(element(page)).toHaveJSProperty('state', 'expired');
  await expect.poll(async () => (await retrieveReader(baseURL, reader.id)).action).toBeNull();

  await startOnReader(page);
  await setReaderLink(baseURL, reader.id, 'offline');
  await page.clock.fastForward(2000);
  await expect(status(page)).toHaveText(`${label} is offline. Waiting for it to come back…`);
  await page.clock.fastForward(31_000);
  await expect(status(page)).toHaveText('The reader was lost during the action. Nothing was saved; try again.');
  expect((await lastEvent(page, 'setupflow:failed')).detail.error.code).toBe('reader_lost');
});

test('in French, every word of the console and the terms', async ({ page, baseURL }) => {
  const { reader, label, readerRow } = await openConsole(page, baseURL, {
    locale: 'fr',
    attrs: { 'merchant-name': 'Fournitures Acme', schedule: 'le 1er de chaque mois' },
  });
  await expect(element(page).locator('[part="terms-version"]')).toHaveText('Version des conditions moto-2026-12-fr');
  await expect(element(page).locator('[part="terms-text"]')).toContainText('Fournitures Acme');
  await expect(readerRow).toContainText('en ligne');
  await element(page).getByRole('checkbox', { name: 'Le client a accepté ces conditions' }).check();
  await element(page).getByRole('button', { name: 'Enregistrer la carte sur le lecteur' }).click();
  await expect(status(page)).toHaveText(`Saisissez la carte sur ${label} pendant que le client la dicte.`);
  await presentCard(baseURL, reader.id, '5555555555554444');
  await expect(status(page)).toHaveText('Carte enregistrée : Mastercard •••• 4444, expire le 12/2034.', { timeout: 20_000 });
});

test('keyboard only, axe-clean in every state, and it reflows at 320 px with 200 % text', async ({ page, baseURL }) => {
  const { reader, label } = await openConsole(page, baseURL);
  expect(await axeViolations(page)).toEqual([]);
  // The chosen reader's radio → Refresh → consent → offer → start, by keyboard.
  const radio = element(page).getByRole('radio', { name: new RegExp(label) });
  await expect(radio).toBeChecked();
  await radio.focus();
  await page.keyboard.press('Tab'); // Refresh readers
  await page.keyboard.press('Tab');
  await expect(agreed(page)).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(startButton(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(element(page)).toHaveJSProperty('state', 'waiting');
  expect(await axeViolations(page)).toEqual([]);
  await presentCard(baseURL, reader.id, '4000000000000002');
  await expect(element(page)).toHaveJSProperty('state', 'declined', { timeout: 20_000 });
  expect(await axeViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 320, height: 640 });
  // Text at 200 %: the root font size, as the browser's text setting does.
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Every control is still reachable and inside the viewport's width.
  for (const control of [startButton(page), agreed(page), element(page).getByRole('button', { name: 'Refresh readers' })]) {
    const box = await control.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  }
});
