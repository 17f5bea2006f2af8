// Adapter from the built setupflow package to the benchmark's shape:
// text -> complete SVG string at ECC M, quiet zone 4. Served to the browser
// as-is. Resolves null when the package exposes no QR entry point.
export async function loadSetupflowQr(distBase) {
  let mod;
  try {
    mod = await import(`${distBase}setupflow.mjs`);
  } catch (e) {
    throw new Error(`cannot import dist/setupflow.mjs: ${e && e.message}`);
  }
  // The core's qr_svg_path through the bindings: the path of the dark modules
  // and the matrix size; the SVG wrapper is the same string the component
  // builds, so the figure includes it.
  const pathFn = mod.qrSvgPath || mod.encodeQrSvgPath;
  if (typeof pathFn !== 'function') return null;
  return (text) => {
    const r = pathFn(text);
    const size = r.size + 8;
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${r.path}" fill="#000"/></svg>`;
  };
}
