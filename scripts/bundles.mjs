// How each Node-side bundle is built, in one place: scripts/build.mjs builds them into dist/, and
// the shell test (test/unit/shell/) builds the Electron main and preload the same way.
import { resolve } from 'node:path';
import { workerSourcePlugin } from './worker-source.mjs';

const root = resolve(import.meta.dirname, '..');
const source = (path) => resolve(root, path);

// Native or self-locating packages stay outside the bundle.
const external = ['electron', 'sharp'];
// Workers that need a module graph are bundled into their importer as text (see worker-source.mjs).
const common = { bundle: true, platform: 'node', target: 'node22', external, logLevel: 'warning', legalComments: 'none', plugins: [workerSourcePlugin()] };
const electronCjs = { ...common, outExtension: { '.js': '.cjs' }, format: 'cjs' };

/** esbuild options for each bundle, given the folder that stands for dist/. */
export function bundles(outRoot = resolve(root, 'dist')) {
  return {
    cli: {
      ...common,
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
    main: { ...electronCjs, entryPoints: { main: source('electron/shell/main.ts') }, outdir: `${outRoot}/electron` },
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
