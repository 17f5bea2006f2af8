// The script-tag builds: dist/setupflow.js, js/script-tag/index.mjs (the ES
// module's shim behind a synchronous window.SetupFlow), and
// dist/setupflow-element.js, js/script-tag/element.mjs (the same plus
// <setupflow-cashapp>, the script-tag drop-in). Each is bundled by esbuild with
// the Emscripten glue of wasm/CMakeLists.txt's setupflow_wasm_script_glue
// (linked without Emscripten's Closure pass), then minified as one program by
// Closure Compiler in ADVANCED mode with Emscripten's externs and ours
// (js/script-tag/externs.js); last, esbuild's minifier over Closure's output
// (peephole rewrites Closure leaves, e.g. typeof x==="s" to ==, and shorter
// local names by frequency: 28,855 -> 28,453 bytes, gzip 11,344 -> 11,177).
// Measured, larger: the shim bundled and minified by esbuild with the glue
// Emscripten's own Closure pass made (+100 gzip), and Closure without the
// esbuild pass (+167).
//
//   node scripts/build-script-tag.mjs <wasm build dir>
//
// Needs dist/setupflow.wasm (scripts/build) and the glue target built in the
// given folder; checks that the glue's wasm is byte-identical to the ES
// module's (dist's is that one after scripts/build's wasm-opt pass). Also
// copies the global's types to dist/setupflow-global.d.ts.
import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasmBuild = path.resolve(root, process.argv[2] || 'build/wasm');
const glue = path.join(wasmBuild, 'wasm/script/setupflow.mjs');
const dist = path.join(root, 'dist');
// entry (js/script-tag/) → output (dist/)
const SCRIPTS = [
  { entry: 'index.mjs', out: 'setupflow.js' },
  { entry: 'element.mjs', out: 'setupflow-element.js' },
];

function fail(message) {
  console.error(`build-script-tag: ${message}`);
  process.exit(1);
}

// Where Emscripten keeps its Closure externs (next to emcc).
function emscriptenExterns() {
  const emcc = execFileSync('sh', ['-c', 'command -v emcc'], { encoding: 'utf8' }).trim();
  let dir = path.dirname(fs.realpathSync(emcc));
  for (const candidate of [dir, path.join(dir, '..', 'share', 'emscripten')]) {
    const externs = path.join(candidate, 'src/closure-externs/closure-externs.js');
    if (fs.existsSync(externs)) return externs;
  }
  return fail(`no src/closure-externs/closure-externs.js near ${emcc}`);
}

// The script glue's module must be the ES module's, as linked (dist's is
// that one after scripts/build's wasm-opt pass), so both use dist's wasm.
const wasm = fs.readFileSync(path.join(dist, 'setupflow.wasm'));
const esmWasm = path.join(wasmBuild, 'wasm/esm/setupflow.wasm');
if (!fs.readFileSync(glue.replace(/\.mjs$/, '.wasm')).equals(fs.readFileSync(esmWasm))) {
  fail(`${path.relative(root, glue)}'s wasm differs from ${path.relative(root, esmWasm)}; rebuild both from the same sources`);
}
const sha = crypto.createHash('sha256').update(wasm).digest('hex');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Names Closure must keep that wasm/ defines, read from its sources so a
// binding or a result field added there cannot be renamed here: the embind
// functions the glue registers on the module by their C++ names (the shim
// calls m.flowCreate(…)), and the keys of the JSON the bindings write
// (json_out.hpp's key/member*), which the shim reads from JSON.parse results.
function wasmExterns(file) {
  const source = fs
    .readdirSync(path.join(root, 'wasm'))
    .filter((f) => /\.(cpp|hpp)$/.test(f))
    .map((f) => fs.readFileSync(path.join(root, 'wasm', f), 'utf8'))
    .join('\n');
  const names = (re) => [...new Set([...source.matchAll(re)].map((m) => m[1]))];
  const functions = names(/emscripten::function\(\s*"([A-Za-z_$][\w$]*)"/g);
  const keys = names(/\b(?:key|member\w*)\(\s*"([A-Za-z_$][\w$]*)"/g);
  if (functions.length === 0) fail('found no emscripten::function("…") in wasm/');
  const lines = ['/** @externs */', '/** @record */', 'function SetupFlowWasmNames() {}'];
  for (const n of functions) lines.push(`SetupFlowWasmNames.prototype.${n} = function () {};`);
  for (const n of keys) lines.push(`/** @type {*} */ SetupFlowWasmNames.prototype.${n};`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

// One classic script: esbuild bundle → Closure ADVANCED → esbuild minify.
async function buildScript(entry, out, tmp, externs) {
  const bundle = path.join(tmp, `${entry}.bundle.js`);
  const closed = path.join(tmp, `${entry}.closure.js`);
  await build({
    entryPoints: [path.join(root, 'js/script-tag', entry)],
    bundle: true,
    // A plain script: Closure wraps it in a function (--isolation_mode IIFE).
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: false,
    legalComments: 'none',
    logLevel: 'warning',
    alias: { 'setupflow-core': glue },
    define: {
      __SETUPFLOW_VERSION__: JSON.stringify(version),
      __SETUPFLOW_WASM_SHA256__: JSON.stringify(sha),
      // loader.mjs's default wasm URL; the script tag always passes wasmUrl
      // (next to document.currentScript), so that default is never reached.
      'import.meta.url': 'undefined',
    },
    outfile: bundle,
  });
  execFileSync(
    path.join(root, 'scripts/closure-compiler'),
    [
      '--compilation_level', 'ADVANCED_OPTIMIZATIONS',
      '--language_in', 'ECMASCRIPT_NEXT_IN',
      '--language_out', 'ECMASCRIPT_2020',
      '--isolation_mode', 'IIFE',
      '--assume_function_wrapper',
      '--emit_use_strict=false',
      '--warning_level', 'QUIET',
      ...externs.flatMap((file) => ['--externs', file]),
      '--js', bundle,
      '--js_output_file', closed,
    ],
    { stdio: 'inherit' },
  );
  const minified = await transform(fs.readFileSync(closed, 'utf8'), {
    minify: true,
    target: 'es2020',
    legalComments: 'none',
  });
  fs.writeFileSync(path.join(dist, out), minified.code);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'setupflow-script-'));
try {
  const externs = [
    emscriptenExterns(),
    path.join(root, 'js/script-tag/externs.js'),
    wasmExterns(path.join(tmp, 'wasm-externs.js')),
  ];
  for (const { entry, out } of SCRIPTS) await buildScript(entry, out, tmp, externs);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

// Types of the globals, for /// <reference types="setupflow/setupflow.js" />
// (or setupflow/setupflow-element.js).
const TYPES = { 'setupflow-global.d.ts': 'setupflow-global.d.ts', 'setupflow-element-global.d.ts': 'setupflow-element.d.ts' };
for (const [source, copy] of Object.entries(TYPES)) {
  fs.copyFileSync(path.join(root, 'js/script-tag', source), path.join(dist, copy));
}

const gzip = (b) => zlib.gzipSync(b, { level: 9 }).length;
const brotli = (b) =>
  zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const line = (name, b) =>
  `${name.padEnd(22)} ${String(b.length).padStart(7)} bytes  gzip -9 ${String(gzip(b)).padStart(6)}  brotli ${String(brotli(b)).padStart(6)}`;
for (const { out } of SCRIPTS) {
  const code = fs.readFileSync(path.join(dist, out));
  // Strict-CSP pages: no eval and no Function constructor (DYNAMIC_EXECUTION=0).
  if (/new Function|[^A-Za-z_.$]eval\(|[^A-Za-z_.$]Function\(/.test(code.toString('utf8'))) {
    fail(`dist/${out} contains eval or new Function`);
  }
  console.log(line(`dist/${out}`, code));
  console.log(`  with setupflow.wasm, gzip -9: ${gzip(code) + gzip(wasm)} bytes`);
}
