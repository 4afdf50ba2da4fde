// How each Node-side bundle is built, in one place: scripts/build.mjs builds them into dist/, and
// the shell test (test/unit/shell/) builds the Electron main and preload the same way.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSync } from 'esbuild';

// The repository; a copy of this file bundled elsewhere (a bench) finds it from the working directory.
const here = resolve(import.meta.dirname, '..');
const root = existsSync(resolve(here, 'electron')) ? here : process.cwd();
const source = (path) => resolve(root, path);

// Native or self-locating packages stay outside the bundle.
const external = ['electron', 'sharp'];
const common = { bundle: true, platform: 'node', target: 'node22', external, logLevel: 'warning', legalComments: 'none' };
const electronCjs = { ...common, outExtension: { '.js': '.cjs' }, format: 'cjs' };

/**
 * Worker threads whose code is bundled TypeScript: each is built on its own and given to the bundles
 * that start it as the text of a constant (started with `new Worker(text, { eval: true })`, so no
 * file has to be found beside cli.js, the Electron main or a bench's bundle). Unbundled runs (tests)
 * see the constant undefined and do the work on the calling thread.
 */
let workerSources;
function workerDefines() {
  workerSources ??= { __RELINK_VCARD_WORKER__: JSON.stringify(vcardWorkerSource()) };
  return workerSources;
}

/** The code of the vCard reading worker (electron/import/vcard/range-worker.ts), one CommonJS text. */
export function vcardWorkerSource() {
  return buildSync({ ...common, entryPoints: [source('electron/import/vcard/range-worker.ts')], format: 'cjs', minify: true, write: false, logLevel: 'error' }).outputFiles[0].text;
}

/** esbuild options for each bundle, given the folder that stands for dist/. */
export function bundles(outRoot = resolve(root, 'dist')) {
  const define = workerDefines();
  return {
    cli: {
      ...common,
      define,
      entryPoints: { cli: source('electron/cli/main.ts') },
      outdir: outRoot,
      format: 'esm',
      // Each command in its own chunk, loaded when it runs: `relink help` loads only the table. Chunks sit
      // beside cli.js: code in them finds dist/renderer as cli.js does (import.meta.url's folder).
      splitting: true,
      chunkNames: 'cli-[name]-[hash]',
      // Bundled CommonJS dependencies still call require(): give ESM output one.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      // silk-wasm's CommonJS build finds its .wasm from __filename, which ESM has not: its ESM build
      // finds it from import.meta.url, the chunk's own folder (dist/, where wasmFiles puts it).
      alias: { 'silk-wasm': 'silk-wasm/lib/index.mjs' },
    },
    main: { ...electronCjs, define, entryPoints: { main: source('electron/shell/main.ts') }, outdir: `${outRoot}/electron` },
    preload: { ...electronCjs, entryPoints: { preload: source('electron/shell/preload.ts') }, outdir: `${outRoot}/electron` },
  };
}

/**
 * WebAssembly the bundles load at run time, copied beside them: silk-wasm (voice messages) reads
 * `silk.wasm` from the folder of the file that holds its code, dist/ for the command line and
 * browser host, dist/electron/ for the Electron main process. [from, to] pairs.
 */
export function wasmFiles(outRoot = resolve(root, 'dist')) {
  const silk = resolve(root, 'node_modules/silk-wasm/lib/silk.wasm');
  return [
    [silk, `${outRoot}/silk.wasm`],
    [silk, `${outRoot}/electron/silk.wasm`],
  ];
}
