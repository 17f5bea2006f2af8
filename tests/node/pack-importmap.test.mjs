// The packed package on a page that is not bundled: the shop serves
// node_modules/setupflow/dist/ as it is and names the package in an import
// map, as the README shows. Under a strict CSP whose script-src allows the
// import map by its hash (an inline import map is a script to CSP).
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { ICON_SVG, assertCleanPage, makeShop, openShop, packTarball } from './pack.mjs';

// Exactly the README's import map.
const IMPORT_MAP = `{
  "imports": {
    "setupflow": "/node_modules/setupflow/dist/setupflow.mjs",
    "setupflow/element": "/node_modules/setupflow/dist/element.mjs"
  }
}`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><title>Shop</title><link rel="icon" href="/icon.svg">
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/shop.js"></script>
</head>
<body>
<p id="version"></p>
<p id="consent">loading</p>
<setupflow-cashapp publishable-key="pk_test_shop" client-secret="seti_1ShopSmoke_secret_abc"
  merchant-name="Shop" locale="en" device="desktop"></setupflow-cashapp>
</body>
</html>
`;

const SHOP_JS = `import { loadSetupFlow, version } from 'setupflow';
import 'setupflow/element';

document.getElementById('version').textContent = 'setupflow ' + version;
const flow = await loadSetupFlow('pk_test_shop', { apiBase: location.origin });
document.getElementById('consent').textContent = flow.consentText('en', 'Shop', 'setup').text;
`;

const hash = crypto.createHash('sha256').update(IMPORT_MAP).digest('base64');
const CSP =
  `default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'; style-src 'self'; img-src 'self'; ` +
  "connect-src 'self'; base-uri 'none'";

const { tarball } = packTarball(after);

test('an unbundled page with an import map loads the package from node_modules under a strict CSP', { timeout: 60_000 }, async (t) => {
  const shop = makeShop(path.join(path.dirname(tarball), 'importmap-shop'), tarball, {
    files: { 'index.html': INDEX_HTML, 'shop.js': SHOP_JS, 'icon.svg': ICON_SVG },
  });
  const opened = await openShop(t, shop, CSP);
  await opened.page.getByRole('button', { name: 'Continue with Cash App Pay' }).waitFor({ timeout: 20_000 });
  // The wasm comes from next to the module, found by the shim's own URL.
  assert.deepEqual(opened.seen.wasm, ['200 /node_modules/setupflow/dist/setupflow.wasm']);
  await assertCleanPage(opened);
});
