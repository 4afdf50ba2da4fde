// `relink` command line: starts the app, or runs a support-staff command on a case folder.
// Every command shares the backend code the app uses; none imports electron.
import { guardProcess, processIO, type CliIO } from './io';
import { START_USAGE, startCommand } from './start';
import { UsageError } from '../platform/command-line';
import { commandTable } from './commands';

const USAGE = `Usage:
  relink ${START_USAGE}
${commandTable.map((c) => `  relink ${c.usage}`).join('\n')}`;

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  if (io === processIO) guardProcess();
  const [first, ...rest] = argv;
  try {
    if (first === 'help' || first === '-h' || argv.includes('--help')) {
      io.out(USAGE);
      return 0;
    }
    if (first === undefined || first === 'start' || first.startsWith('--')) {
      return await startCommand(first === 'start' ? rest : argv, io);
    }
    const command = commandTable.find((c) => c.name === first);
    if (!command) {
      io.err(`Unknown command "${first}".\n${USAGE}`);
      return 2;
    }
    return await command.run(rest, io);
  } catch (error) {
    io.err(`relink: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

const isEntry = process.argv[1] && /cli\.(c?js|ts)$/.test(process.argv[1]);
if (isEntry) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
