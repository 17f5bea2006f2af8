// What loading a wasm core takes, for every core the package ships (the Cash
// App one, js/loader.mjs; the MOTO one, js/moto/loader.mjs): one cached
// promise per core (cleared when it rejects, so a later call can retry: a
// flaky network must not poison the page for good), the fetch with
// streaming compilation, and the MINIMAL_RUNTIME glue's instantiation with a
// failure path. Nothing here runs at import time.

/**
 * A loader for one core.
 * @param {(module: object) => Promise<object>} factory the Emscripten factory
 *   (MINIMAL_RUNTIME, wasm/CMakeLists.txt)
 * @param {(options: object) => string} urlOf the wasm's URL for the options
 * @param {(module: object) => object} wrap the module's calls as the shim uses them
 * @returns {(options: {wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}) => Promise<object>}
 */
export function coreLoader(factory, urlOf, wrap) {
  let corePromise = null;
  return function loadCore(options) {
    if (corePromise) return corePromise;
    // Test and offline use: the bytes are already here, nothing is fetched.
    const wasm = options.wasmBinary ? Promise.resolve(options.wasmBinary) : compileFrom(urlOf(options));
    corePromise = wasm.then((bytes) => instantiateCore(factory, bytes)).then(wrap, (cause) => {
      corePromise = null;
      throw cause;
    });
    return corePromise;
  };
}

// The glue (MINIMAL_RUNTIME, wasm/CMakeLists.txt) instantiates Module.wasm,
// bytes or a compiled module ('wasm' quoted: the script-tag build's Closure
// pass must keep the name the glue reads). It has no failure path: when
// instantiation fails (a glue and a wasm of different builds, say a stale
// cached .wasm, or no memory) its ready promise never settles. So for the
// one synchronous call in which the glue starts instantiating,
// WebAssembly.instantiate reports a failure here; it is restored before
// anything else can run.
function instantiateCore(factory, wasm) {
  return new Promise((resolve, reject) => {
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) =>
      instantiate.apply(WebAssembly, args).catch((error) => {
        reject(error);
        return new Promise(() => {}); // the glue's own continuation never runs
      });
    try {
      factory({ 'wasm': wasm }).then(resolve);
    } finally {
      WebAssembly.instantiate = instantiate;
    }
  });
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
