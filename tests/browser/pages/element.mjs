// The test shop's drop-in page (strict CSP: no inline script or style). It
// loads dist/element.mjs as an integrator would and exposes hooks for the
// Playwright specs:
//   window.shop.mount({attribute: value, …})  → appends a <setupflow-cashapp>
//   window.shop.events      → every setupflow:* event seen on document, in order
//   window.shop.warnings    → console.warn messages
//   window.shop.violations  → Content-Security-Policy violations
import { TAG } from '/dist/element.mjs';
import { mountInSlot, recordPage } from './shop-hooks.mjs';

const recorded = recordPage(['ready', 'confirm', 'qr', 'redirect', 'succeeded', 'failed', 'canceled', 'expired'], (name, event) => {
  // Tests stay on the page: a redirect is recorded, not followed.
  if (name === 'redirect' && new URLSearchParams(location.search).has('stay')) event.preventDefault();
});

window.shop = { mount: (attributes) => mountInSlot(TAG, attributes), ...recorded };
