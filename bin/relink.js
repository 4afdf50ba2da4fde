#!/usr/bin/env node
// `npx relink …`: runs the built command line on a Node new enough for node:sqlite (22+).
// If the Node on PATH is older, re-run with the Node 24 that the project installs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('relink: not built yet; run `npm run build` in the Relink folder first.');
  process.exit(1);
}
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  let node;
  try {
    node = createRequire(import.meta.url).resolve('node/bin/node');
  } catch {
    console.error(`relink: needs Node 22 or later (this is ${process.version}).`);
    process.exit(1);
  }
  const result = spawnSync(node, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
const { runCli } = await import(cli);
process.exitCode = await runCli(process.argv.slice(2));
