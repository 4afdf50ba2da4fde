// `npm run bench [name…]`: bundles each bench/<name>.ts with esbuild and runs it on the project's
// Node (24) with --expose-gc, one process per benchmark so their memory figures stay apart.
// Speed and memory goals live here, not in unit tests. Library modules (gen-*.ts) are skipped.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { workerSourcePlugin } from './worker-source.mjs';

const wanted = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('gen-'))
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name));
mkdirSync('.tmp/bench', { recursive: true });

let failed = 0;
for (const name of benches) {
  const outfile = join('.tmp', 'bench', `${name}.mjs`);
  await build({ entryPoints: [join('bench', `${name}.ts`)], bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', outfile, logLevel: 'warning', plugins: [workerSourcePlugin()] });
  console.log(`\n=== bench ${name}`);
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
