// Keyboard-only journeys on every demo page that starts a Cash App Pay flow,
// in English and French (issue 15), as `npm run demo` serves them: Tab to
// the button (its name, and the authorisation text as its description),
// Enter opens the QR dialog (modal, named, focus inside and kept there on Tab
// and Shift+Tab), Escape closes it and focus goes back to the button, and an
// approval on the simulated phone closes it and the outcome is announced
// exactly once. Then reflow: at 320 CSS px wide with 200 % text, and on a
// 568×320 landscape phone, the dialog fits across, scrolls, and every
// control in it can be scrolled into view and used. axe-core stays clean.
//
// "Announced" is what a screen reader is told: the text of a live region
// (aria-live, role=status/alert/log) each time it changes to something
// non-empty, recorded in the page and in every shadow root.
import { expect, test } from '@playwright/test';
import { demoPort } from './playwright.config.mjs';
import { advanceClock, qrPayload, retrieveSetupIntent } from './sandbox.mjs';
import { axeViolations } from './axe.mjs';
import { texts as demoTexts } from '../../demo/i18n.mjs';
import { reactTexts } from '../../demo/react/texts.mjs';

const base = `http://127.0.0.1:${demoPort}`;

const WORDS = {
  en: {
    save: 'Save Cash App Pay',
    continue: 'Continue to payment',
    elementButton: 'Continue with Cash App Pay',
    demoDialog: 'Scan with Cash App',
    packageDialog: 'Scan to pay with Cash App',
    cancel: 'Cancel',
    consent: /^By continuing, you authorize Rocket Rides/,
    waiting: /^Waiting for approval in Cash App/,
    pageSaved: /^Saved\. Rocket Rides can now charge/,
    pageClosed: 'You closed the QR code. Nothing was saved.',
    elementApproved: /^Approved\. Your Cash App account is saved/,
    elementCanceled: 'Canceled. You can try again.',
  },
  fr: {
    save: 'Enregistrer Cash App Pay',
    continue: 'Continuer vers le paiement',
    elementButton: 'Continuer avec Cash App Pay',
    demoDialog: 'Scannez avec Cash App',
    packageDialog: 'Scannez pour payer avec Cash App',
    cancel: 'Annuler',
    consent: /^En continuant, vous autorisez Rocket Rides/,
    waiting: /^En attente de l'approbation dans Cash App/,
    pageSaved: /^Enregistré\. Rocket Rides peut désormais débiter/,
    pageClosed: "Vous avez fermé le code QR. Rien n'a été enregistré.",
    elementApproved: /^Approuvé\. Votre compte Cash App est enregistré/,
    elementCanceled: 'Annulé. Vous pouvez réessayer.',
  },
};

// The pages, and how each one's button, dialog and simulated phone are found.
const PAGES = [
  {
    name: 'checkout',
    path: '/checkout.html',
    button: (page) => page.locator('#start'),
    buttonName: (w) => w.save,
    consent: (page) => page.locator('#consent'),
    dialog: (page) => page.getByRole('dialog'),
    dialogName: (w) => w.demoDialog,
    stops: 2, // the simulated phone link and Cancel
    phoneUrl: async (page) => base + (await page.getByRole('dialog').locator('a.phone-link').getAttribute('href')),
    succeeded: (w) => w.pageSaved,
    closed: (w) => w.pageClosed,
  },
  {
    name: 'React checkout',
    path: '/react/',
    // The details step first, by keyboard too: Tab to its button, Enter;
    // focus then goes to the payment section's heading, one Tab before the
    // element's button.
    before: async (page, w) => {
      await tabTo(page, page.getByRole('button', { name: w.continue }));
      await page.keyboard.press('Enter');
      await expect(page.locator('#payment-title')).toBeFocused();
    },
    tabsToButton: 1,
    button: (page) => page.locator('setupflow-cashapp').getByRole('button', { name: /Cash App Pay/ }),
    buttonName: (w) => w.elementButton,
    consent: (page) => page.locator('setupflow-cashapp [part="terms"]'),
    dialog: (page) => page.locator('setupflow-cashapp').getByRole('dialog'),
    dialogName: (w) => w.packageDialog,
    stops: 2, // the page's slotted phone link and Cancel
    slotted: (page) => page.locator('#phone'), // shown in the dialog, a child of the element
    phoneUrl: async (page) => base + (await page.locator('#phone').getAttribute('href')),
    succeeded: (w) => w.elementApproved,
    closed: (w) => w.elementCanceled,
  },
  {
    name: 'script-tag checkout',
    path: '/script-tag.html',
    button: (page) => page.locator('#start'),
    buttonName: (w) => w.save,
    consent: (page) => page.locator('#consent'),
    dialog: (page) => page.getByRole('dialog'),
    dialogName: (w) => w.demoDialog,
    stops: 2,
    phoneUrl: async (page) => base + (await page.getByRole('dialog').getByRole('link').getAttribute('href')),
    succeeded: (w) => w.pageSaved,
    closed: (w) => w.pageClosed,
  },
  {
    // The same page with the package's built-in dialog (js/dialog.mjs).
    name: "script-tag checkout, the package's built-in dialog",
    path: '/script-tag.html',
    query: 'dialog=builtin',
    button: (page) => page.locator('#start'),
    buttonName: (w) => w.save,
    consent: (page) => page.locator('#consent'),
    dialog: (page) => page.locator('[data-setupflow="qr-dialog"] [role="dialog"]'),
    dialogName: (w) => w.packageDialog,
    stops: 2, // the "Open Cash App" link and Cancel
    phoneUrl: async (page) => qrPayload(await retrieveSetupIntent(base, await page.locator('#start').getAttribute('data-intent'))),
    succeeded: (w) => w.pageSaved,
    closed: (w) => w.pageClosed,
  },
];

// Records what live regions say (see the header), in the document and in
// every shadow root attached after it.
function recordAnnouncements() {
  window.__announced = [];
  const liveRegion = (node) => {
    for (let n = node; n; n = n.parentNode) {
      if (n.nodeType !== 1) continue;
      const live = n.getAttribute('aria-live');
      if ((live && live !== 'off') || /^(status|alert|log)$/.test(n.getAttribute('role') || '')) return n;
    }
    return null;
  };
  const said = new WeakMap();
  const observer = new MutationObserver((records) => {
    const regions = new Set(records.map((r) => liveRegion(r.target)).filter(Boolean));
    for (const region of regions) {
      const text = region.textContent.trim();
      if (text && text !== said.get(region)) window.__announced.push(text);
      said.set(region, text);
    }
  });
  const watch = (root) => observer.observe(root, { subtree: true, childList: true, characterData: true });
  watch(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    watch(root);
    return root;
  };
}
const announced = (page) => page.evaluate(() => window.__announced.slice());

async function open(page, spec, lang) {
  await page.addInitScript(recordAnnouncements);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
  const query = [`lang=${lang}`, spec.query].filter(Boolean).join('&');
  await page.goto(`${base}${spec.path}?${query}`);
}

// Presses Tab until `target` has focus; at most `limit` times.
async function tabTo(page, target, limit = 12) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el.getRootNode().activeElement === el)) return i + 1;
  }
  throw new Error(`Tab never reached the target in ${limit} presses`);
}

// The focused element, through shadow roots, described; and whether it is
// inside `dialog` in the flattened tree (slotted content counts).
const focusIn = (dialog) =>
  dialog.evaluate((d) => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    let inside = false;
    for (let n = active; n; n = n.assignedSlot || n.parentNode || n.host) if (n === d) inside = true;
    return { inside, what: active ? `${active.tagName.toLowerCase()} ${active.textContent.trim().slice(0, 40)}` : 'none' };
  });

// Nothing scrolls sideways: the page is no wider than the viewport; if it
// is, the elements that stick out (for the failure message).
const wider = (page) =>
  page.evaluate(() => {
    const { scrollWidth, clientWidth } = document.scrollingElement;
    if (scrollWidth <= clientWidth) return [];
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > clientWidth || el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${el.textContent.trim().slice(0, 30)}"`)
      .slice(0, 8)
      .concat(`page ${scrollWidth} > ${clientWidth}`);
  });

const isModal = (dialog) => dialog.evaluate((d) => d.getAttribute('aria-modal') === 'true' || d.matches(':modal'));

// Waits until the page is ready to start a flow: the consent text is in.
async function ready(page, spec, w) {
  await expect(spec.consent(page)).toHaveText(w.consent);
  await expect(spec.button(page)).not.toHaveAttribute('aria-disabled', 'true');
}

for (const spec of PAGES) {
  for (const lang of ['en', 'fr']) {
    const w = WORDS[lang];

    test(`keyboard only, ${spec.name} (${lang}): Tab, Enter, the dialog's focus trap, Escape, approve`, async ({ page, context }) => {
      await open(page, spec, lang);
      if (spec.before) await spec.before(page, w);
      await ready(page, spec, w);
      const button = spec.button(page);

      // Tab to the button: its name, and the authorisation text as its description.
      const tabs = await tabTo(page, button);
      if (spec.tabsToButton) expect(tabs).toBe(spec.tabsToButton);
      await expect(button).toHaveAccessibleName(spec.buttonName(w));
      const consent = (await spec.consent(page).textContent()).trim();
      await expect(button).toHaveAccessibleDescription(consent);

      // Enter: a modal, named dialog with focus inside; "waiting" said once.
      let mark = (await announced(page)).length;
      await page.keyboard.press('Enter');
      const dialog = spec.dialog(page);
      await expect(dialog).toBeVisible();
      expect(await isModal(dialog)).toBe(true);
      await expect(dialog).toHaveAccessibleName(spec.dialogName(w));
      expect((await focusIn(dialog)).inside).toBe(true);
      const waiting = async () => (await announced(page)).slice(mark).filter((t) => w.waiting.test(t));
      await expect.poll(waiting).toHaveLength(1);
      await page.waitForTimeout(300); // a second one would come at once
      expect(await waiting()).toHaveLength(1);
      expect(await axeViolations(page)).toEqual([]);

      // Tab and Shift+Tab stay inside and reach every stop.
      for (const key of ['Tab', 'Shift+Tab']) {
        const seen = new Set();
        for (let i = 0; i < spec.stops * 2 + 1; i++) {
          await page.keyboard.press(key);
          const focus = await focusIn(dialog);
          expect(focus.inside, `${key} #${i + 1} left the dialog for ${focus.what}`).toBe(true);
          seen.add(focus.what);
        }
        expect(seen.size, `${key} visits: ${[...seen].join(' | ')}`).toBe(spec.stops);
      }

      // Escape closes it; focus goes back to the button; said once.
      mark = (await announced(page)).length;
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(button).toBeFocused();
      await expect.poll(async () => (await announced(page)).slice(mark)).toEqual([spec.closed(w)]);

      // Enter again, approve on the simulated phone: the dialog closes, focus
      // is back on the button, and the outcome is said once.
      await page.keyboard.press('Enter');
      await expect(dialog).toBeVisible();
      const phone = await context.newPage();
      await phone.goto(await spec.phoneUrl(page));
      mark = (await announced(page)).length;
      await phone.getByRole('button', { name: /approve/i }).click();
      await expect(dialog).toBeHidden({ timeout: 20_000 });
      await expect(button).toBeFocused();
      await expect.poll(async () => (await announced(page)).slice(mark).length).toBeGreaterThan(0);
      await page.waitForTimeout(500); // a second announcement would come at once
      const outcome = (await announced(page)).slice(mark);
      expect(outcome).toHaveLength(1);
      expect(outcome[0]).toMatch(spec.succeeded(w));
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
    });

    for (const view of [
      { name: '320 CSS px wide, text at 200 %', viewport: { width: 320, height: 568 }, text: '200%' },
      { name: 'a 568×320 landscape phone', viewport: { width: 568, height: 320 }, text: null },
    ]) {
      test(`reflow, ${spec.name} (${lang}), ${view.name}: the dialog fits across, scrolls, Cancel is reachable`, async ({ page }) => {
        await page.setViewportSize(view.viewport);
        await open(page, spec, lang);
        // Text at 200 %: the root font size, as the browser's text setting
        // sets it (through the CSSOM: the strict CSP forbids style attributes).
        if (view.text) await page.evaluate((size) => (document.documentElement.style.fontSize = size), view.text);
        if (spec.before) await spec.before(page, w);
        await ready(page, spec, w);
        expect(await wider(page)).toEqual([]);

        await spec.button(page).click();
        const dialog = spec.dialog(page);
        await expect(dialog).toBeVisible();
        const box = await dialog.boundingBox();
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(view.viewport.width);
        expect(await wider(page)).toEqual([]);
        // Taller than the viewport here; the dialog, or the backdrop it sits
        // in, scrolls vertically and never sideways.
        const scroller = await dialog.evaluate((d) => {
          for (let n = d; n; n = n.parentNode || n.host) {
            if (n.nodeType !== 1) continue;
            const { overflowY } = getComputedStyle(n);
            if ((overflowY === 'auto' || overflowY === 'scroll') && n.scrollHeight > n.clientHeight) {
              return { vertical: true, sideways: n.scrollWidth > n.clientWidth, height: n.clientHeight };
            }
          }
          return { vertical: false };
        });
        expect(scroller.vertical).toBe(true);
        expect(scroller.sideways).toBe(false);
        expect(scroller.height).toBeLessThanOrEqual(view.viewport.height);

        // Every control can be scrolled into view, whole, and Cancel works.
        const controls = await dialog.locator('a[href]:visible, button:visible').all();
        if (spec.slotted) controls.push(spec.slotted(page));
        expect(controls).toHaveLength(spec.stops);
        for (const control of controls) {
          await control.scrollIntoViewIfNeeded();
          const c = await control.boundingBox();
          expect(c.x).toBeGreaterThanOrEqual(0);
          expect(c.y).toBeGreaterThanOrEqual(0);
          expect(c.x + c.width).toBeLessThanOrEqual(view.viewport.width);
          expect(c.y + c.height).toBeLessThanOrEqual(view.viewport.height);
        }
        await dialog.getByRole('button', { name: w.cancel }).click();
        await expect(dialog).toBeHidden();
        expect(await wider(page)).toEqual([]);
      });
    }
  }
}

// demo/qr-panel.mjs used to fall back to English for these on ?lang=fr.
test("French: the checkout's QR dialog, its QR, countdown, Cancel and refresh announcement", async ({ page }) => {
  const spec = PAGES[0];
  await open(page, spec, 'fr');
  await ready(page, spec, WORDS.fr);
  await spec.button(page).click();
  const dialog = spec.dialog(page);
  await expect(dialog).toHaveAccessibleName('Scannez avec Cash App');
  await expect(dialog.getByRole('img')).toHaveAccessibleName('Code QR Cash App Pay');
  await expect(dialog.locator('.countdown')).toHaveText(/^Nouveau code dans \d+ s$/);
  await expect(dialog.getByRole('button')).toHaveAccessibleName('Annuler');
  await expect(dialog.getByRole('status')).toHaveText("En attente de l'approbation dans Cash App…");
  const mark = (await announced(page)).length;
  await advanceClock(base, 31); // past the code's 30 s: the flow fetches a fresh one
  await expect(dialog.getByRole('status')).toHaveText('Le code QR a été renouvelé. Scannez le nouveau code.');
  expect((await announced(page)).slice(mark)).toEqual(['Le code QR a été renouvelé. Scannez le nouveau code.']);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

// Every English text of the demo's tables whose French differs, up to its
// first {placeholder}: none may show on a French page.
function englishOnly(tableOf) {
  const leaves = (o, prefix = '') =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [[prefix + k, v]]));
  const fr = new Map(leaves(tableOf('fr')));
  return leaves(tableOf('en'))
    .filter(([key, en]) => en !== fr.get(key))
    .map(([, en]) => en.split('{')[0].trim())
    .filter(Boolean);
}

test('French: no English text of the demo on any page with ?lang=fr, its title included', async ({ page }) => {
  const english = englishOnly(demoTexts);
  const reactEnglish = englishOnly(reactTexts);
  const seen = async () => page.evaluate(() => `${document.title}\n${document.body.innerText}`);
  for (const path of ['/', '/checkout.html', '/checkout.html?mode=payment', '/moto.html', '/console.html', '/return.html', '/react/', '/script-tag.html']) {
    await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=fr`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page).toHaveTitle(/^Démo setupflow/);
    await page.waitForLoadState('networkidle');
    const text = await seen();
    const found = [...english, ...(path === '/react/' ? reactEnglish : [])].filter((en) => text.includes(en));
    expect(found, path).toEqual([]);
  }
  // With the checkout's QR dialog open too.
  await page.goto(`${base}/checkout.html?lang=fr`);
  await ready(page, PAGES[0], WORDS.fr);
  await PAGES[0].button(page).click();
  await expect(PAGES[0].dialog(page)).toBeVisible();
  const text = await seen();
  expect(english.filter((en) => text.includes(en))).toEqual([]);
  await page.keyboard.press('Escape');
});
