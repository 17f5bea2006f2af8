// A desktop journey against a sandbox started with --no-extensions: the next
// action carries exactly what live Stripe sends (no qr_code.data), so the
// dialog shows Stripe's image_url_svg, and approving still ends succeeded.
// Its own sandbox (own port and database), pages from the repository root
// under the tests' strict CSP.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { answerOnPhone, startSandbox, tempDb } from '../sandbox/helpers.mjs';
import { CSP } from './playwright.config.mjs';
import { dialogOf } from './sandbox.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let sandbox;
let db;

test.beforeAll(async () => {
  db = tempDb();
  sandbox = await startSandbox({
    db: db.path, args: ['--host', '127.0.0.1', '--static-dir', root, '--csp', CSP, '--no-extensions'],
  });
});

test.afterAll(async () => {
  await sandbox?.stop();
  db?.cleanup();
});

test('extensions off: the dialog shows Stripe\'s QR image and the approval completes', async ({ page }) => {
  const created = await sandbox.stripe.setupIntents.create({ payment_method_types: ['cashapp'] });
  await page.goto(`${sandbox.base}/tests/browser/pages/confirm.html?device=desktop`);
  await page.evaluate(() => window.shop.ready());
  await page.evaluate((secret) => window.shop.armButton(secret), created.client_secret);
  await page.locator('#pay').click();
  const dialog = dialogOf(page);
  await expect(dialog).toBeVisible();

  const intent = await sandbox.stripe.setupIntents.retrieve(created.id);
  const action = intent.next_action.cashapp_handle_redirect_or_display_qr_code;
  expect(action.qr_code.data).toBeUndefined();
  expect(Object.keys(action.qr_code).sort()).toEqual(['expires_at', 'image_url_png', 'image_url_svg']);
  await expect(dialog.locator(`img[src="${action.qr_code.image_url_svg}"]`)).toBeVisible();

  const answer = await answerOnPhone(action.mobile_auth_url, 'approve');
  expect(answer.status).toBe(303);
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(page.locator('#result')).toHaveText('status: succeeded');
  expect((await sandbox.stripe.setupIntents.retrieve(created.id)).status).toBe('succeeded');
  expect(await page.evaluate(() => window.shop.violations)).toEqual([]);
});
