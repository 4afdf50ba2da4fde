// Bundles a TypeScript entry into one ESM file a child process can run with plain `node` (kill -9
// trials, two writers, the CLI as a process): the way scripts/build.mjs bundles the CLI, with
// `require` provided for the CommonJS dependencies and native/Electron modules left outside.
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { workerSourcePlugin } from '../../scripts/worker-source.mjs';
import { repoRoot } from '../corpus';

export async function bundleNodeScript(entry: string, outfile: string, options: { minify?: boolean } = {}): Promise<string> {
  await build({
    entryPoints: [resolve(repoRoot, entry)],
    bundle: true,
    minify: options.minify ?? false,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: ['electron', 'sharp'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    outfile,
    logLevel: 'error',
    plugins: [workerSourcePlugin()],
  });
  return outfile;
}
