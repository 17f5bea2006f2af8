// The test shop's drop-in page (strict CSP: no inline script or style). It
// loads dist/element.mjs as an integrator would and exposes hooks for the
// Playwright specs:
//   window.shop.mount({attribute: value, …})  → appends a <setupflow-cashapp>
//   window.shop.events      → every setupflow:* event seen on document, in order
//   window.shop.warnings    → console.warn messages
//   window.shop.violations  → Content-Security-Policy violations
import { TAG } from '/dist/element.mjs';

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

const warnings = [];
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warnings.push(args.map(String).join(' '));
  warn(...args);
};

// Listening on document: the events bubble and cross the shadow boundary.
const events = [];
for (const name of ['ready', 'confirm', 'qr', 'redirect', 'succeeded', 'failed', 'canceled', 'expired']) {
  document.addEventListener(`setupflow:${name}`, (event) => {
    events.push({ type: event.type, detail: JSON.parse(JSON.stringify(event.detail)), composed: event.composed });
    // Tests stay on the page: a redirect is recorded, not followed.
    if (name === 'redirect' && new URLSearchParams(location.search).has('stay')) event.preventDefault();
  });
}

window.shop = {
  mount(attributes) {
    const element = document.createElement(TAG);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.getElementById('slot').append(element);
    return true;
  },
  events,
  warnings,
  violations,
};
