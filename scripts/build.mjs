// Builds everything the app runs: the renderer (Vite) into dist/renderer, and the Node side
// (esbuild, options in bundles.mjs) into dist/: the command line and browser host (ESM), the
// Electron main and preload (CJS), with the WebAssembly they load beside them.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { copyFile, rm } from 'node:fs/promises';
import { bundles, wasmFiles } from './bundles.mjs';

const started = Date.now();
await rm('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
await Promise.all(Object.values(bundles()).map((options) => esbuild(options)));
await Promise.all(wasmFiles().map(([from, to]) => copyFile(from, to)));
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
