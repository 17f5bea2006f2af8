// A page that only loads a JavaScript QR library: the start-time reference
// for start_bench.mjs. Marks when the library is ready and when a QR is shown.
import encodeQR from 'qr';

performance.mark('module-ready');
const data = new URLSearchParams(location.search).get('data') || 'https://example.test/';
document.getElementById('qr').innerHTML = encodeQR(data, 'svg', { ecc: 'medium', border: 4 });
performance.mark('first-qr');
