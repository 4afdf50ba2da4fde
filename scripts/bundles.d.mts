import type { BuildOptions } from 'esbuild';
export function bundles(outRoot?: string): { cli: BuildOptions; main: BuildOptions; preload: BuildOptions };
export function vcardWorkerSource(): string;
