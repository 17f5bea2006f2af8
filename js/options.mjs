// loadSetupFlow's options: what each accepts, and the check that throws
// IntegrationError for an unknown one or a wrong type before anything loads.
import { describe, expect } from './errors.mjs';

export const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

// name → {accepts(value), expected: what it expects, said in an error message}
const OPTIONS = {
  apiBase: { accepts: (v) => typeof v === 'string', expected: 'an absolute URL string' },
  locale: { accepts: (v) => typeof v === 'string', expected: 'a string such as "auto", "en" or "fr-CA"' },
  wasmUrl: { accepts: (v) => typeof v === 'string' || v instanceof URL, expected: 'a string or URL' },
  device: { accepts: (v) => v === 'auto' || v === 'desktop' || v === 'mobile', expected: '"auto", "desktop" or "mobile"' },
  // Advanced and test hooks (see setupflow.d.ts).
  fetch: { accepts: (v) => typeof v === 'function', expected: 'a function' },
  wasmBinary: { accepts: (v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v), expected: 'an ArrayBuffer or typed array' },
  presenter: {
    accepts: (v) => !!v && typeof v.show === 'function' && typeof v.hide === 'function',
    expected: 'an object with show() and hide()',
  },
  navigate: { accepts: (v) => typeof v === 'function', expected: 'a function' },
};

// What withOptions() may change: how the flow meets the shopper, never which
// key, server, fetch or wasm it uses.
const SIBLING_OPTIONS = ['presenter', 'navigate', 'device', 'locale'];

/**
 * Throws IntegrationError for an option `method` does not know or of the
 * wrong type; `table` is name → {accepts, expected}, as OPTIONS.
 */
export function checkOptionTable(method, table, options) {
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    expect(Object.prototype.hasOwnProperty.call(table, name), `${method}: "${name}" is not an option; expected one of ${Object.keys(table).join(', ')}.`);
    expect(table[name].accepts(value), `${method}: option ${name} expects ${table[name].expected}; it was given ${describe(value)}.`);
  }
}

/** Throws IntegrationError for an option loadSetupFlow does not know or of the wrong type. */
export const checkOptions = (options) => checkOptionTable('loadSetupFlow', OPTIONS, options);

/** The same for withOptions(), which may only change SIBLING_OPTIONS. */
export function checkSiblingOptions(overrides) {
  expect(isObject(overrides), `withOptions(options) expects an object; it was given ${describe(overrides)}.`);
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    expect(
      SIBLING_OPTIONS.includes(name),
      `withOptions: "${name}" cannot differ between siblings; expected one of ${SIBLING_OPTIONS.join(', ')}.`,
    );
    expect(OPTIONS[name].accepts(value), `withOptions: option ${name} expects ${OPTIONS[name].expected}; it was given ${describe(value)}.`);
  }
}
