// Loads the Cash App wasm core once per page (STYLE.md: the stripe-js loader
// pattern), with core-loader.mjs. Nothing here runs at import time.

// The Emscripten factory (wasm/CMakeLists.txt); scripts/build resolves this
// specifier to the generated glue when it bundles dist/setupflow.mjs.
import createSetupFlowCore from 'setupflow-core';
import { coreLoader } from './core-loader.mjs';

// Same origin as this script by default, never a third-party CDN. The literal
// new URL('./…', import.meta.url) is what bundlers (webpack, Turbopack, Vite,
// Rollup, esbuild) recognise: they emit the wasm as an asset of the page's
// build and put its URL here.
function wasmUrl(options) {
  return String(options.wasmUrl || new URL('./setupflow.wasm', import.meta.url));
}

// The flow bindings return objects; the others JSON text (wasm/json_out.hpp),
// parsed here, so the rest of the shim gets plain objects. Calls mirror
// wasm/bindings.cpp one to one.
function wrapCore(m) {
  const parse = (text) => (text ? JSON.parse(text) : null);
  return {
    // Flows by name: flowCreate(kind, config, params) → {flowId} | {error};
    // flowInput(id, {type, …}, now) → {effects} | {error}. Both return
    // objects already, so these bindings (and the others that return no
    // JSON) are handed on as they are.
    flowCreate: m.flowCreate,
    flowInput: m.flowInput,
    flowDestroy: m.flowDestroy,
    flowCount: m.flowCount,
    checkPublishableKey: (key) => parse(m.checkPublishableKey(key)),
    parseClientSecret: (text, kind) => parse(m.parseClientSecret(text, kind)),
    parseReturnUrl: (url) => parse(m.parseReturnUrl(url)),
    consentText: (locale, merchant, mode) => parse(m.consentText(locale, merchant, mode)),
    prepareQr: m.prepareQr,
  };
}

/**
 * @param {{wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} options
 * @returns {Promise<object>} the core: flowCreate, flowInput, … (see wrapCore)
 */
export const loadCore = coreLoader(createSetupFlowCore, wasmUrl, wrapCore);
