// The test shop's agent console (strict CSP: no inline script or style). It
// loads dist/moto-element.mjs as an integrator would and exposes hooks for
// the Playwright specs:
//   window.shop.mount({attribute: value, …})  → appends a <setupflow-moto>
//   window.shop.events      → every setupflow:* event seen on document, in order
//   window.shop.warnings    → console.warn messages
//   window.shop.violations  → Content-Security-Policy violations
import { TAG } from '/dist/moto-element.mjs';
import { mountInSlot, recordPage } from './shop-hooks.mjs';

const recorded = recordPage(['ready', 'start', 'progress', 'succeeded', 'declined', 'failed', 'canceled', 'expired']);

window.shop = { mount: (attributes) => mountInSlot(TAG, attributes), ...recorded };
