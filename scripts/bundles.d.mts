import type { BuildOptions } from 'esbuild';
export function bundles(outRoot?: string): { cli: BuildOptions; main: BuildOptions; preload: BuildOptions };
export function wasmFiles(outRoot?: string): [from: string, to: string][];
