// Loads the MOTO wasm core (setupflow-moto.wasm: the reader-action machine
// and the MOTO terms, wasm/bindings_moto.cpp) once per page, with
// core-loader.mjs. A checkout page never loads it: only dist/moto.mjs
// imports this. Nothing here runs at import time.

// The Emscripten factory; scripts/build-dropin.mjs resolves this specifier to
// the generated glue when it bundles dist/moto.mjs.
import createSetupFlowMotoCore from 'setupflow-moto-core';
import { coreLoader } from '../core-loader.mjs';

// Next to dist/moto.mjs by default; the literal form is what bundlers
// recognise (js/loader.mjs says more).
function wasmUrl(options) {
  return String(options.wasmUrl || new URL('./setupflow-moto.wasm', import.meta.url));
}

// The calls mirror wasm/bindings_moto.cpp one to one; motoTerms's JSON text
// (if it is text) is parsed here.
function wrapCore(m) {
  const value = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    flowCreate: m.flowCreate,
    flowInput: m.flowInput,
    flowDestroy: m.flowDestroy,
    flowCount: m.flowCount,
    motoTerms: (locale, parts) => value(m.motoTerms(locale, parts)),
  };
}

/**
 * @param {{wasmUrl?: string|URL, wasmBinary?: ArrayBuffer|Uint8Array}} options
 * @returns {Promise<object>} the MOTO core (see wrapCore)
 */
export const loadMotoCore = coreLoader(createSetupFlowMotoCore, wasmUrl, wrapCore);
