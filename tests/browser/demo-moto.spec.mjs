// The hosted demo's phone order, as `npm run demo` serves it: the agent's
// console (<setupflow-moto> on the demo merchant's /demo/moto routes) beside
// the simulated reader screen, then the merchant console's off-session
// charge of the saved card. Under the demo's strict CSP, axe-clean, in
// French too, and reflowing at 320 px.
import { expect, test } from '@playwright/test';
import { demoPort } from './playwright.config.mjs';
import { axeViolations } from './axe.mjs';

const base = `http://127.0.0.1:${demoPort}`;

async function openPhoneOrder(page, query = '') {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
  await page.goto(`${base}/moto.html${query}`);
  await expect(page.locator('setupflow-moto')).toHaveJSProperty('state', 'ready');
}
const violations = (page) => page.evaluate(() => window.__cspViolations);

// A new caller for each journey, so the console's rows are this test's.
async function newCaller(page, name) {
  await page.locator('#new-customer summary').click();
  await page.locator('#customer-form input[name="name"]').fill(name);
  await page.locator('#customer-form input[name="email"]').fill(`${name.replace(/\W/g, '').toLowerCase()}@example.com`);
  await page.locator('#customer-form button[type="submit"]').click();
  await expect(page.locator('#customer option:checked')).toContainText(name);
}

// Consent, start, and the card keyed on the framed reader screen.
async function saveCard(page, number) {
  const moto = page.locator('setupflow-moto');
  await moto.getByRole('checkbox', { name: 'The customer agreed to these terms' }).check();
  await moto.getByRole('button', { name: 'Save the card on the reader' }).click();
  await expect(moto).toHaveJSProperty('state', 'waiting');
  const screen = page.frameLocator('#screen');
  await screen.getByLabel('Card number').fill(number, { timeout: 20_000 });
  await screen.getByLabel('Month (MM)').fill('12');
  await screen.getByLabel('Year (YY)').fill('34');
  await screen.getByLabel('CVC').fill('123');
  await screen.getByRole('button', { name: 'Submit' }).click();
  await expect(moto.locator('[part="status"]')).toHaveText(new RegExp(`^Card saved: .+ •••• ${number.slice(-4)}, expires 12/2034\\.$`), {
    timeout: 20_000,
  });
}

test('an agent saves a card on the simulated reader; the console charges it off-session, and the 0341 card declines later', async ({ page, context }) => {
  const caller = `Caller ${Date.now().toString(36)}`;
  await openPhoneOrder(page);
  await newCaller(page, caller);
  await saveCard(page, '4242424242424242');
  await saveCard(page, '4000000000000341');
  expect(await violations(page)).toEqual([]);

  const console_ = await context.newPage();
  await console_.goto(`${base}/console.html`);
  const rows = console_.locator('#cards tbody tr').filter({ hasText: caller });
  await expect(rows).toHaveCount(2);
  const good = rows.filter({ hasText: '4242' });
  await expect(good).toContainText('moto-2026-12-en');
  await expect(good).toContainText('Demo agent');
  await good.getByRole('button', { name: /charge/i }).click();
  await expect(console_.locator('#card-status')).toContainText('succeeded');
  const later = rows.filter({ hasText: '0341' });
  await later.getByRole('button', { name: /charge/i }).click();
  await expect(console_.locator('#card-status')).toContainText(/declined|generic_decline/);
});

test('the agent takes the reader offline: the console says so and saves nothing', async ({ page }) => {
  await openPhoneOrder(page);
  await page.locator('#offline').click();
  const moto = page.locator('setupflow-moto');
  await moto.getByRole('checkbox', { name: 'The customer agreed to these terms' }).check();
  await moto.getByRole('button', { name: 'Save the card on the reader' }).click();
  await expect(moto.locator('[part="status"]')).toHaveText('That reader is offline. Check its power and network, or choose another reader.');
  await page.locator('#online').click();
  expect(await violations(page)).toEqual([]);
});

test('the phone order page: axe-clean, French, and no sideways scroll at 320 px with 200 % text', async ({ page }) => {
  await openPhoneOrder(page);
  await expect(page.frameLocator('#screen').getByRole('main')).toBeVisible(); // scanned too
  expect(await axeViolations(page)).toEqual([]);

  await openPhoneOrder(page, '?lang=fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('setupflow-moto').getByRole('button', { name: 'Enregistrer la carte sur le lecteur' })).toBeVisible();
  await expect(page.locator('setupflow-moto [part="terms-version"]')).toHaveText('Version des conditions moto-2026-12-fr');
  expect(await axeViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(wider).toBeLessThanOrEqual(0);
  expect(await violations(page)).toEqual([]);
});
