// Builds everything the app runs: the renderer (Vite) into dist/renderer, and the Node side
// (esbuild) into dist/: the command line and browser host (ESM), the Electron main and preload (CJS).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';

const started = Date.now();
await rm('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });

// Native or self-locating packages stay outside the bundle.
const external = ['electron', 'sharp'];
const common = { bundle: true, platform: 'node', target: 'node22', external, logLevel: 'warning', legalComments: 'none' };
await Promise.all([
  esbuild({
    ...common,
    entryPoints: { cli: 'electron/cli/main.ts' },
    outdir: 'dist',
    format: 'esm',
    // Bundled CommonJS dependencies still call require(): give ESM output one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  esbuild({ ...common, entryPoints: { main: 'electron/shell/main.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, format: 'cjs' }),
  esbuild({ ...common, entryPoints: { preload: 'electron/shell/preload.ts' }, outdir: 'dist/electron', outExtension: { '.js': '.cjs' }, format: 'cjs' }),
]);
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
