// What every test page records for the Playwright specs: the setupflow:*
// events seen on document (they bubble out of the shadow roots), console.warn
// messages and Content-Security-Policy violations.
export function recordPage(eventNames, onEvent = () => {}) {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

  const warnings = [];
  const warn = console.warn.bind(console);
  console.warn = (...args) => {
    warnings.push(args.map(String).join(' '));
    warn(...args);
  };

  const events = [];
  for (const name of eventNames) {
    document.addEventListener(`setupflow:${name}`, (event) => {
      events.push({ type: event.type, detail: JSON.parse(JSON.stringify(event.detail)), composed: event.composed });
      onEvent(name, event);
    });
  }
  return { events, warnings, violations };
}

/** Appends an element `tag` with these attributes to #slot. */
export function mountInSlot(tag, attributes) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.getElementById('slot').append(element);
  return true;
}
