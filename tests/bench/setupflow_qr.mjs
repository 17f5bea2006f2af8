// Adapter from setupflow's wasm core to the benchmark's shape: text -> a
// complete SVG string at ECC M, quiet zone 4. Served to the browser as-is.
//
// The package's public API shows QRs only inside a confirm flow, so the
// benchmark loads the Emscripten module that dist/setupflow.mjs bundles
// (build/wasm/wasm/setupflow-core.mjs, with its .wasm, byte-identical to
// dist/setupflow.wasm when the build is current) and calls the binding the
// flow uses: qrPath(text) -> {size, path} (core: encode_qr + qr_svg_path).
// Resolves null when the module has no qrPath.
export async function loadSetupflowQr(coreBase) {
  const { default: createSetupFlowCore } = await import(`${coreBase}setupflow-core.mjs`);
  const core = await createSetupFlowCore({ locateFile: () => `${coreBase}setupflow-core.wasm` });
  if (typeof core.qrPath !== 'function') return null;
  return (text) => {
    const r = core.qrPath(text);
    if (r.error) throw new Error(`qrPath: ${r.error.code}: ${r.error.message}`);
    // The same document the dialog builds (as DOM nodes) from {size, path}.
    const side = r.size + 8;
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path d="${r.path}" fill="#000"/></svg>`;
  };
}
