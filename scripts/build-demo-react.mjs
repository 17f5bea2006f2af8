// Builds the hosted demo's React checkout (demo/react/) with Vite into
// build/site/react/, served at /react/. Called by scripts/site after it copied
// the other pages; needs dist/ (npm run build).
//
// The app imports `setupflow` and `setupflow/react` by name, as a merchant's
// app does; here they resolve to this repo's built dist/ (a merchant's
// bundler finds the same files in node_modules/setupflow/dist/, as
// tests/node/pack-vite.test.mjs checks). JSX goes through Vite's own Oxc
// transform (no React plugin); no modulepreload polyfill, whose inline
// script the demo's CSP (script-src 'self') would block.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const outDir = path.join(root, process.argv[2] || 'build/site', 'react');

for (const file of ['setupflow.mjs', 'setupflow.wasm', 'element.mjs', 'react.mjs']) {
  if (!fs.existsSync(path.join(dist, file))) {
    console.error(`build-demo-react: dist/${file} is missing; run npm run build first`);
    process.exit(1);
  }
}

await build({
  configFile: false,
  root: path.join(root, 'demo/react'),
  base: '/react/',
  publicDir: false,
  logLevel: 'warn',
  resolve: {
    alias: [
      { find: /^setupflow$/, replacement: path.join(dist, 'setupflow.mjs') },
      { find: /^setupflow\/react$/, replacement: path.join(dist, 'react.mjs') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir,
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Everything as files: nothing inlined as data: URLs.
    assetsInlineLimit: 0,
  },
});

// The demo's CSP forbids inline script and style: the page must not have any.
const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
const inline = (html.match(/<script\b[^>]*>/g) || []).filter((tag) => !/\bsrc=/.test(tag));
if (inline.length || /<style\b|\sstyle=/.test(html)) {
  console.error('build-demo-react: inline script or style in the built page');
  process.exit(1);
}

const assets = fs.readdirSync(path.join(outDir, 'assets'));
const sizes = assets
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const bytes = fs.readFileSync(path.join(outDir, 'assets', f));
    return `${f} ${bytes.length} bytes (gzip -9 ${zlib.gzipSync(bytes, { level: 9 }).length})`;
  });
console.log(`demo/react → ${path.relative(root, outDir)}/: ${sizes.join(', ')}`);
