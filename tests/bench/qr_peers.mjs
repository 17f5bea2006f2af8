// The npm QR encoders setupflow is measured against, bundled for the browser
// by lib/common.mjs. Each function: text -> a complete SVG string, ECC M,
// quiet zone 4 (as setupflow renders it).
import encodeQR from 'qr';
import QRCode from 'qrcode';

// `qr` (paulmillr): the fastest JavaScript encoder on npm.
export function qrSvg(text) {
  return encodeQR(text, 'svg', { ecc: 'medium', border: 4 });
}

// `qr` with its path merging off: larger SVG, about twice as fast; its
// fastest SVG configuration, so setupflow is compared with qr at its best too.
export function qrSvgUnmerged(text) {
  return encodeQR(text, 'svg', { ecc: 'medium', border: 4, optimize: false });
}

// `qrcode`: the most used. With a callback its toString runs synchronously.
export function qrcodeSvg(text) {
  let out;
  QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }, (err, svg) => {
    if (err) throw err;
    out = svg;
  });
  return out;
}

// The decoder the harness uses to check that every encoder's SVG scans back
// to its input (a figure for a wrong QR would mean nothing).
export { default as jsQR } from 'jsqr';
