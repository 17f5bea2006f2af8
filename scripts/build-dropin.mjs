// The drop-in entry points, bundled with esbuild next to dist/setupflow.mjs:
//   dist/element.mjs  <setupflow-cashapp> (js/element/), registered on import
//   dist/react.mjs    setupflow/react (js/react/); React is a peer dependency
//   dist/element.d.ts, dist/react.d.ts  hand-written types
// and the MOTO entry points (js/moto/), which share none of the Cash App
// files a page loads (its own wasm core, dist/setupflow-moto.wasm):
//   dist/moto.mjs          setupflow/moto: loadMoto and <setupflow-moto>, with the MOTO glue
//   dist/moto-element.mjs  setupflow/moto/element: registers <setupflow-moto> on import
//   dist/moto-react.mjs    setupflow/moto/react: <MotoSetup>
// Both import the main package as './setupflow.mjs' (and react.mjs the element
// as './element.mjs') instead of bundling it again: one wasm core, one loader
// cache per page, and the wasm found next to setupflow.mjs as before.
//
//   node scripts/build-dropin.mjs            the dist files
//   node scripts/build-dropin.mjs --pages    also the React test pages (build/pages/)
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const js = path.join(root, 'js');

// Rewrites imports of sibling entry points to external relative imports.
function siblings(map) {
  return {
    name: 'setupflow-siblings',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!args.importer || !args.path.startsWith('.')) return undefined;
        const target = path.resolve(path.dirname(args.importer), args.path);
        return target in map ? { path: map[target], external: true } : undefined;
      });
    },
  };
}

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

export async function buildDropin() {
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  await build({
    ...common,
    entryPoints: [path.join(js, 'element/index.mjs')],
    outfile: path.join(root, 'dist/element.mjs'),
    plugins: [siblings({ [path.join(js, 'index.mjs')]: './setupflow.mjs' })],
  });
  await build({
    ...common,
    entryPoints: [path.join(js, 'react/index.mjs')],
    outfile: path.join(root, 'dist/react.mjs'),
    external: ['react'],
    plugins: [
      siblings({
        [path.join(js, 'element/index.mjs')]: './element.mjs',
        [path.join(js, 'index.mjs')]: './setupflow.mjs',
      }),
    ],
  });
  await buildMoto();
  fs.copyFileSync(path.join(js, 'element/element.d.ts'), path.join(root, 'dist/element.d.ts'));
  fs.copyFileSync(path.join(js, 'react/react.d.ts'), path.join(root, 'dist/react.d.ts'));
  for (const [from, to] of [['moto/moto.d.ts', 'moto.d.ts'], ['moto/moto-element.d.ts', 'moto-element.d.ts'], ['moto/moto-react.d.ts', 'moto-react.d.ts']]) {
    fs.copyFileSync(path.join(js, from), path.join(root, 'dist', to));
  }
  for (const name of ['element.mjs', 'react.mjs', 'moto.mjs', 'moto-element.mjs', 'moto-react.mjs']) {
    const bytes = fs.readFileSync(path.join(root, 'dist', name));
    if (/new Function|[^A-Za-z_.$]eval\(/.test(bytes.toString('utf8'))) throw new Error(`dist/${name} contains eval or new Function`);
    const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    console.log(`dist/${name.padEnd(16)} ${String(bytes.length).padStart(7)} bytes  gzip -9 ${String(gzip).padStart(6)}`);
  }
}

// The MOTO entries. The glue is the wasm build's (scripts/build made it and
// copied its .wasm to dist/setupflow-moto.wasm).
async function buildMoto() {
  const wasmBuild = process.env.SETUPFLOW_WASM_BUILD || 'build/wasm';
  const glue = path.join(root, wasmBuild, 'wasm/esm/setupflow-moto.mjs');
  if (!fs.existsSync(glue)) throw new Error(`${path.relative(root, glue)} is missing: run scripts/build (it builds the MOTO core)`);
  const motoIndex = path.join(js, 'moto/index.mjs');
  await build({
    ...common,
    entryPoints: [motoIndex],
    outfile: path.join(root, 'dist/moto.mjs'),
    alias: { 'setupflow-moto-core': glue },
  });
  await build({
    ...common,
    entryPoints: [path.join(js, 'moto/define.mjs')],
    outfile: path.join(root, 'dist/moto-element.mjs'),
    plugins: [siblings({ [motoIndex]: './moto.mjs' })],
  });
  await build({
    ...common,
    entryPoints: [path.join(js, 'moto/react.mjs')],
    outfile: path.join(root, 'dist/moto-react.mjs'),
    external: ['react'],
    plugins: [siblings({ [motoIndex]: './moto.mjs' })],
  });
}

// The React test pages, bundled as an integrator's bundler would (React
// included, development build so StrictMode double-mounts), against the built
// dist/react.mjs; the element and the main package stay the served /dist files.
export async function buildTestPages() {
  const pages = path.join(root, 'tests/browser/pages');
  const entries = fs.readdirSync(pages).filter((f) => /^react-.*\.jsx?$|^react-.*\.src\.mjs$/.test(f));
  const dist = path.join(root, 'dist');
  await build({
    ...common,
    minify: false,
    entryPoints: entries.map((f) => path.join(pages, f)),
    outdir: path.join(root, 'build/pages'),
    outExtension: { '.js': '.mjs' },
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    alias: { 'setupflow/react': path.join(dist, 'react.mjs') },
    plugins: [
      {
        name: 'served-dist',
        setup(b) {
          b.onResolve({ filter: /^setupflow$/ }, () => ({ path: '/dist/setupflow.mjs', external: true }));
        },
      },
      siblings({ [path.join(dist, 'element.mjs')]: '/dist/element.mjs', [path.join(dist, 'setupflow.mjs')]: '/dist/setupflow.mjs' }),
    ],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDropin();
  if (process.argv.includes('--pages')) await buildTestPages();
}
