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
  corePromise = wasm.then(instantiateCore).then(wrapCore, (cause) => {
    corePromise = null;
    throw cause;
  });
  return corePromise;
}

// The glue (MINIMAL_RUNTIME, wasm/CMakeLists.txt) instantiates Module.wasm,
// bytes or a compiled module ('wasm' quoted: the script-tag build's Closure
// pass must keep the name the glue reads). It has no failure path: when
// instantiation fails (a glue and a wasm of different builds, say a stale
// cached setupflow.wasm, or no memory) its ready promise never settles. So
// for the one synchronous call in which the glue starts instantiating,
// WebAssembly.instantiate reports a failure here; it is restored before
// anything else can run.
function instantiateCore(wasm) {
  return new Promise((resolve, reject) => {
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) =>
      instantiate.apply(WebAssembly, args).catch((error) => {
        reject(error);
        return new Promise(() => {}); // the glue's own continuation never runs
      });
    try {
      createSetupFlowCore({ 'wasm': wasm }).then(resolve);
    } finally {
      WebAssembly.instantiate = instantiate;
    }
  });
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
