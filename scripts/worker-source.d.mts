import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vite';
export function workerSourcePlugin(): EsbuildPlugin;
export function workerSourceVitePlugin(): VitePlugin;
