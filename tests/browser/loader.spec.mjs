// The loader in a real page: nothing is fetched before loadSetupFlow(), the
// wasm comes from wasmUrl when given, and a failed load can be retried.
import { test, expect } from '@playwright/test';

test('wasmUrl override, retry after a failed load, nothing fetched at import', async ({ page }) => {
  const wasmRequests = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasmRequests.push(new URL(r.url()).pathname));
  await page.goto('/tests/browser/pages/loader.html');
  await page.waitForFunction(() => window.loaderReady === true);
  expect(wasmRequests).toEqual([]); // importing the module loads nothing

  expect(await page.evaluate(() => window.tryLoad('/dist/missing.wasm'))).toMatch(/^failed/);
  expect(await page.evaluate(() => window.tryLoad('/dist/setupflow.wasm'))).toBe('loaded');
  // (Emscripten's glue asks twice for a failing URL: streaming, then a plain fetch.)
  expect([...new Set(wasmRequests)]).toEqual(['/dist/missing.wasm', '/dist/setupflow.wasm']);
  const seen = wasmRequests.length;
  // Cached: a third call loads nothing more, whatever it asks for.
  expect(await page.evaluate(() => window.tryLoad('/dist/other.wasm'))).toBe('loaded');
  expect(wasmRequests).toHaveLength(seen);
});
