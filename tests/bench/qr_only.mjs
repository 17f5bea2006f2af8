// The `qr` encoder alone, bundled and minified by the harness: the reference
// library for the start benchmark (start_qr.html) and the payload table.
export { default } from 'qr';
