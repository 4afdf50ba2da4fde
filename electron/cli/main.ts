// `relink` command line: starts the app, or runs a support-staff command on a case folder.
// Every command shares the backend code the app uses; none imports electron. Each is loaded only
// when it runs (cli/commands.ts), so `relink help` answers without loading the backend.
import nodeModule from 'node:module';
import { guardProcess, processIO, type CliIO } from './io';
import { commandTable } from './commands';
import { runCommand } from '../platform/command-line';

const START_USAGE = '[start] [--browser] [--port N] [--data-dir DIR] [--no-open] [--lang zh-CN|en]   the app (browser mode where Electron cannot start)';

const USAGE = `Usage:
  relink ${START_USAGE}
${commandTable.map((c) => `  relink ${c.usage}`).join('\n')}`;

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  if (io === processIO) guardProcess();
  const [first, ...rest] = argv;
  if (first === 'help' || first === '-h' || argv.includes('--help')) {
    io.out(USAGE);
    return 0;
  }
  if (first === undefined || first === 'start' || first.startsWith('--')) {
    const start = async () => (await import('./start')).startCommand(first === 'start' ? rest : argv, io);
    return withPrefix(io, `usage: relink ${START_USAGE}`, start);
  }
  const command = commandTable.find((c) => c.name === first);
  if (!command) {
    io.err(`Unknown command "${first}".\n${USAGE}`);
    return 2;
  }
  return withPrefix(io, `usage: relink ${command.usage}`, () => command.run(rest, io));
}

/** How every command ends (platform/command-line.ts), its messages marked as relink's. */
function withPrefix(io: CliIO, usage: string, body: () => Promise<number>): Promise<number> {
  const marked: CliIO = { out: io.out, err: (line) => io.err(line === usage ? line : `relink: ${line}`) };
  return runCommand(marked, usage, body);
}

const isEntry = process.argv[1] && /cli\.(c?js|ts)$/.test(process.argv[1]);
if (isEntry) {
  // The commands' code is compiled once and kept (Node's compile cache, in the temp folder: code
  // only, nothing of the user's), so later runs start sooner: ~25 ms of `relink import`'s start.
  // (Node 22.1+: `relink help` runs on any Node, so it is looked up, not imported by name.)
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
