// Builds everything the app runs: the renderer (Vite) into dist/renderer, and the Node side
// (esbuild, options in bundles.mjs) into dist/: the command line and browser host (ESM), the
// Electron main and preload (CJS).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';
import { bundles } from './bundles.mjs';

const started = Date.now();
await rm('dist', { recursive: true, force: true });
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
await Promise.all(Object.values(bundles()).map((options) => esbuild(options)));
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
