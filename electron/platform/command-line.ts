// The plumbing every command-line command shares: one argument parser (node:util parseArgs, strict),
// one output interface (lines; the host adds the line ends), and one way a command ends: a usage
// mistake prints the message and the usage and exits 2, any other failure prints its message and
// exits 1. Commands stay a few lines of what they do.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Where a command writes: one line per call, without its line end. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** The command line was wrong (not the work): told with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type OptionSpec = ParseArgsOptionsConfig;

/** What parseArgs gives for these options: typed values (string or boolean per option) and positionals. */
export type ParsedCommandLine<T extends OptionSpec> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

/**
 * Parses `--key value`, `--key=value`, `--flag` and positionals; an unknown option, a missing value
 * or a stray positional is a UsageError. `--` ends the options. `strict: false` lets options it does
 * not know pass (Electron's own switches reach the shell's argv).
 */
export function parseCommandLine<T extends OptionSpec>(argv: readonly string[], options: T, { positionals = true, strict = true } = {}): ParsedCommandLine<T> {
  try {
    // Not strict, unknown options come back as booleans or strings beside the typed ones.
    return parseArgs({ args: [...argv], options, allowPositionals: positionals || !strict, strict }) as ParsedCommandLine<T>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    // node:util's messages go on to explain '--' escapes; the first sentence is what went wrong.
    throw new UsageError((error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, ''));
  }
}

/** A required string option, or a UsageError naming it. */
export function required(value: string | undefined, option: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${option} is required`);
  return value;
}

/** Runs a command's body: its exit code, or 2 after a usage mistake, or 1 after a failure, each told on `err`. */
export async function runCommand(io: CliIO, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(usage);
      return 2;
    }
    io.err((error as Error).message);
    return 1;
  }
}
