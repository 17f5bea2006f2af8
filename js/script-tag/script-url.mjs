// Where the script-tag builds find setupflow.wasm: next to the <script src>
// that loaded them (same origin as the script). document.currentScript is
// only set while a classic script first runs, so it is read at import.
const currentScript = typeof document !== 'undefined' ? document.currentScript : null;

/** The URL of setupflow.wasm next to this script, or null when it did not run from a <script src>. */
export const wasmUrlNextToScript = currentScript && currentScript.src ? new URL('setupflow.wasm', currentScript.src).href : null;
