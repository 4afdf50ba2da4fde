#!/usr/bin/env node
// `npx relink …`: runs the built command line on a Node new enough for node:sqlite (22+).
// If the Node on PATH is older, re-run with the Node 24 that the project installs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('relink: not built yet; run `npm run build` in the Relink folder first.');
  process.exit(1);
}
const major = Number(process.versions.node.split('.')[0]);
const args = process.argv.slice(2);
// Help reads only the command table (no node:sqlite): any Node answers it, without a second one.
const helpOnly = args[0] === 'help' || args[0] === '-h' || args.includes('--help');
if (major < 22 && !helpOnly) {
  let node;
  try {
    node = createRequire(import.meta.url).resolve('node/bin/node');
  } catch {
    console.error(`relink: needs Node 22 or later (this is ${process.version}).`);
    process.exit(1);
  }
  // The real command runs in a child: pass it the signals this wrapper gets (Ctrl+C, kill), and
  // tell it who its parent is so it stops if the wrapper is killed outright (kill -9).
  const child = spawn(node, [cli, ...args], {
    stdio: 'inherit',
    env: { ...process.env, RELINK_WRAPPER_PID: String(process.pid) },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
} else {
  const { runCli } = await import(cli);
  process.exitCode = await runCli(args);
}
