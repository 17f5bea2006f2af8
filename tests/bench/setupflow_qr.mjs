// Adapter from setupflow's QR to the benchmark's shape: text -> a complete SVG
// string at ECC M, quiet zone 4. Served to the browser as-is.
//
// The package's bindings produce QRs only inside a confirm flow, so the
// benchmark loads build/bench/qr-wasm/setupflow-qr.mjs (tests/bench/
// build-qr-wasm): the core's encode_qr + qr_svg_document compiled with the
// package's wasm settings, behind one embind function. Resolves null when the
// module has no such function.
export async function loadSetupflowQr(base) {
  const { default: createSetupflowQr } = await import(`${base}setupflow-qr.mjs`);
  const mod = await createSetupflowQr({ locateFile: () => `${base}setupflow-qr.wasm` });
  if (typeof mod.qrSvg !== 'function') return null;
  return (text) => {
    const svg = mod.qrSvg(text);
    if (!svg) throw new Error('setupflow qrSvg: the text does not fit a QR code');
    return svg;
  };
}
