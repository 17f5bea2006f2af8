// axe-core on <setupflow-cashapp> in every state a shopper sees: idle (consent
// and button), the QR dialog, and each outcome; in light and dark schemes.
import { devices, test, expect } from '@playwright/test';
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

// The page's own content in the QR dialog (<slot name="dialog-aside">): shown
// only while the dialog is open, part of its Tab cycle, and accessible.
test.describe('slot="dialog-aside"', () => {
  // A paragraph with a link and a button, plus slotted content Tab must skip:
  // a disabled button, a link without href, tabindex=-1 and a hidden button.
  async function fillAside(page, host = 'setupflow-cashapp') {
    await page.evaluate((selector) => {
      const element = selector === 'outer' ? document.getElementById('outer').shadowRoot.querySelector('setupflow-cashapp') : document.querySelector(selector);
      const doc = element.ownerDocument;
      const make = (tag, attrs, text) => {
        const node = doc.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
        if (text) node.textContent = text;
        return node;
      };
      const aside = make('p', { slot: 'dialog-aside', id: 'aside' }, 'No phone at hand? ');
      aside.append(make('a', { href: '/help', id: 'help' }, 'Open the help page'), ' ', make('button', { type: 'button', id: 'more' }, 'More options'));
      aside.append(make('span', { tabindex: '-1' }, 'not a stop'), make('button', { type: 'button', hidden: '' }, 'hidden'));
      element.append(
        aside,
        make('button', { type: 'button', slot: 'dialog-aside', disabled: '' }, 'Disabled'),
        make('a', { slot: 'dialog-aside', id: 'no-href' }, 'Not a link'),
        make('p', { id: 'unslotted' }, 'No slot attribute: never rendered'),
      );
    }, host);
  }
  const activeId = (page) =>
    page.evaluate(() => {
      let node = document.activeElement;
      while (node && node.shadowRoot && node.shadowRoot.activeElement) node = node.shadowRoot.activeElement;
      return node ? node.id || node.getAttribute('part') || node.tagName.toLowerCase() : null;
    });

  test('not rendered while closed; inside the open dialog; Tab and Shift+Tab cycle through it; Escape cancels', async ({ page, baseURL }) => {
    const intent = await createSetupIntent(baseURL);
    await mountReady(page, baseURL, intent.client_secret);
    await fillAside(page);
    const button = page.locator('setupflow-cashapp').getByRole('button', { name: 'Continue with Cash App Pay' });

    // Closed: no box, and Tab from the button leaves the element without reaching it.
    await expect(page.locator('#aside')).toBeHidden();
    await expect(page.locator('#help')).toBeHidden();
    expect(await page.locator('#help').boundingBox()).toBeNull();
    await button.focus();
    await page.keyboard.press('Tab');
    expect(await activeId(page)).not.toMatch(/^(help|more)$/);

    await button.click();
    const dialog = page.locator('setupflow-cashapp').getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(page.locator('#help')).toBeVisible();
    await expect(page.locator('#unslotted')).toBeHidden();
    // Drawn inside the dialog, below the countdown.
    const box = await dialog.boundingBox();
    const help = await page.locator('#help').boundingBox();
    const countdown = await dialog.locator('[part="countdown"]').boundingBox();
    expect(help.x).toBeGreaterThanOrEqual(box.x);
    expect(help.x + help.width).toBeLessThanOrEqual(box.x + box.width);
    expect(help.y).toBeGreaterThanOrEqual(countdown.y + countdown.height);
    expect(help.y + help.height).toBeLessThanOrEqual(box.y + box.height);
    await expect(page.locator('setupflow-cashapp').locator('[part="dialog-aside"]')).toBeVisible();

    // Focus starts on Cancel; the cycle is slotted link, slotted button, Cancel.
    expect(await activeId(page)).toBe('cancel');
    const forward = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      forward.push(await activeId(page));
    }
    expect(forward).toEqual(['help', 'more', 'cancel', 'help']);
    await expect(page.locator('#help')).toBeFocused();
    const backward = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Shift+Tab');
      backward.push(await activeId(page));
    }
    expect(backward).toEqual(['cancel', 'more', 'help', 'cancel']);
    await page.keyboard.press('Tab');
    await expect(page.locator('#help')).toBeFocused();

    // Escape with the focus on slotted content still cancels; focus returns to the button.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    await expect(page.locator('setupflow-cashapp [part="status"]')).toHaveText(/^Canceled/);
    await expect(page.locator('#help')).toBeHidden();
    expect((await retrieveSetupIntent(baseURL, intent.id)).status).toBe('requires_action');
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`${colorScheme} scheme: no axe violations with the slot filled, closed and open`, async ({ page, baseURL }) => {
      await page.emulateMedia({ colorScheme });
      const intent = await createSetupIntent(baseURL);
      await mountReady(page, baseURL, intent.client_secret);
      await fillAside(page);
      expect(await violations(page)).toEqual([]);
      await page.locator('setupflow-cashapp').getByRole('button', { name: 'Continue with Cash App Pay' }).click();
      await expect(page.locator('setupflow-cashapp').getByRole('dialog')).toBeVisible();
      await expect(page.locator('#help')).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  }

  test.describe('tablet', () => {
    const { defaultBrowserType, ...iPad } = devices['iPad (gen 7)'];
    test.use(iPad);
    test('the slotted stops come before the "Open Cash App" link and Cancel', async ({ page, baseURL }) => {
      const intent = await createSetupIntent(baseURL);
      await page.goto('/tests/browser/pages/element.html');
      await page.evaluate(
        (attrs) => window.shop.mount(attrs),
        { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', locale: 'en' },
      );
      await fillAside(page);
      await page.locator('setupflow-cashapp').getByRole('button', { name: 'Continue with Cash App Pay' }).click();
      await expect(page.locator('setupflow-cashapp').getByRole('link', { name: 'Open Cash App' })).toBeVisible();
      const seen = [];
      for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        seen.push(await activeId(page));
      }
      expect(seen).toEqual(['help', 'more', 'open-link', 'cancel', 'open-link', 'more']);
      await page.keyboard.press('Escape');
      await expect(page.locator('#help')).toBeHidden();
    });
  });

  test('inside another shadow root: the slotted link (focus seen only in that root) is in the cycle', async ({ page, baseURL }) => {
    const intent = await createSetupIntent(baseURL);
    await page.goto('/tests/browser/pages/element.html');
    await page.evaluate(
      (attrs) => {
        const outer = document.createElement('div');
        outer.id = 'outer';
        document.getElementById('slot').append(outer);
        const element = document.createElement('setupflow-cashapp');
        for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, value);
        outer.attachShadow({ mode: 'open' }).append(element);
      },
      { 'publishable-key': PK, 'client-secret': intent.client_secret, 'api-base': baseURL, 'merchant-name': 'Rocket Rides', device: 'desktop', locale: 'en' },
    );
    await fillAside(page, 'outer');
    const button = page.locator('setupflow-cashapp').getByRole('button', { name: 'Continue with Cash App Pay' });
    await expect(button).toHaveAttribute('aria-disabled', 'false');
    await button.click();
    await expect(page.locator('setupflow-cashapp').getByRole('dialog')).toBeVisible();
    expect(await activeId(page)).toBe('cancel');
    const seen = [];
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      seen.push(await activeId(page));
    }
    expect(seen).toEqual(['help', 'more', 'cancel', 'more', 'help']);
    // document.activeElement is the outer host; the link is the outer root's active element.
    expect(await page.evaluate(() => [document.activeElement.id, document.getElementById('outer').shadowRoot.activeElement.id])).toEqual(['outer', 'help']);
    await page.keyboard.press('Escape');
    await expect(page.locator('setupflow-cashapp').getByRole('dialog')).toBeHidden();
    await expect(button).toBeFocused();
  });
});
