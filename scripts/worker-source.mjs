// `import source from 'worker-source:./some-worker'` gives the module's code bundled into one
// CommonJS script, as a string: what `new Worker(source, { eval: true })` runs. A worker that needs a
// whole module graph (the contact parsers) then works the same in every bundle (the command line's
// ESM chunks, Electron's single CommonJS main inside an asar archive, which a worker cannot load a
// file from) and under vitest, which runs the TypeScript sources. One bundling, two hosts: an
// esbuild plugin for scripts/bundles.mjs and the benches, a Vite plugin for vitest.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const PREFIX = 'worker-source:';
const VIRTUAL = `\0${PREFIX}`;

/** The worker module's file, from the specifier and the importing file. */
function workerFile(specifier, importer) {
  const path = resolve(dirname(importer), specifier.slice(PREFIX.length));
  for (const candidate of [path, `${path}.ts`, `${path}.js`]) if (existsSync(candidate)) return candidate;
  throw new Error(`${specifier} (imported by ${importer}): no such module`);
}

/** The worker's code: its module and everything it imports, as one CommonJS script. */
async function workerScript(file) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // Never reachable from backend code (lint), and sharp locates its native part itself.
    external: ['electron', 'sharp'],
    write: false,
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  });
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(input)) };
}

const asModule = (code) => `export default ${JSON.stringify(code)};`;

/** For esbuild (scripts/bundles.mjs, the benches). */
export function workerSourcePlugin() {
  return {
    name: 'worker-source',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^worker-source:/ }, (args) => ({ path: workerFile(args.path, args.importer), namespace: 'worker-source' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'worker-source' }, async (args) => {
        const { code, inputs } = await workerScript(args.path);
        return { contents: asModule(code), loader: 'js', watchFiles: inputs };
      });
    },
  };
}

/** For vitest (vitest.config.ts). */
export function workerSourceVitePlugin() {
  return {
    name: 'worker-source',
    enforce: 'pre',
    resolveId(id, importer) {
      return id.startsWith(PREFIX) && importer ? VIRTUAL + workerFile(id, importer) : undefined;
    },
    async load(id) {
      if (!id.startsWith(VIRTUAL)) return undefined;
      const { code, inputs } = await workerScript(id.slice(VIRTUAL.length));
      for (const input of inputs) this.addWatchFile(input);
      return asModule(code);
    },
  };
}
