// Loads the wasm core once per page (STYLE.md: the stripe-js loader pattern).
// One cached promise; cleared when it rejects so a later call can retry (a
// flaky network must not poison the page for good). Nothing here runs at
// import time.

// The Emscripten factory (wasm/CMakeLists.txt); scripts/build resolves this
// specifier to the generated glue when it bundles dist/setupflow.mjs.
import createSetupFlowCore from 'setupflow-core';

let corePromise = null;

/**
 * @param {{wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} options
 * @returns {Promise<object>} the core: flowCreate, flowInput, … (see wrapCore)
 */
export function loadCore(options) {
  if (corePromise) return corePromise;
  // Test and offline use: the bytes are already here, nothing is fetched.
  const wasm = options.wasmBinary ? Promise.resolve(options.wasmBinary) : compileFrom(wasmUrl(options));
  // The glue (MINIMAL_RUNTIME, wasm/CMakeLists.txt) instantiates Module.wasm:
  // bytes or a compiled module. Quoted: the script-tag build's Closure pass
  // must keep the name the glue reads.
  corePromise = wasm.then((module) => createSetupFlowCore({ 'wasm': module })).then(wrapCore, (cause) => {
    corePromise = null;
    throw cause;
  });
  return corePromise;
}

// Same origin as this script by default, never a third-party CDN. The literal
// new URL('./…', import.meta.url) is what bundlers (webpack, Turbopack, Vite,
// Rollup, esbuild) recognise: they emit the wasm as an asset of the page's
// build and put its URL here.
function wasmUrl(options) {
  return String(options.wasmUrl || new URL('./setupflow.wasm', import.meta.url));
}

// Compiles while the bytes arrive when the server labels them application/wasm
// (what a <link rel="preload" as="fetch" crossorigin> hint has already
// started fetching: same URL, same mode); from the whole body otherwise.
async function compileFrom(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`setupflow: loading ${url} failed with HTTP ${response.status}.`);
  const type = response.headers.get('content-type') || '';
  if (typeof WebAssembly.compileStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
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
