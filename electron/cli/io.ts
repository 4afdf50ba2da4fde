// The process's output channels for the command line (tests pass their own CliIO), and its manners.
import type { CliIO } from '../platform/command-line';

export type { CliIO };

export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

let guarded = false;

/**
 * Process-level manners of a command-line tool, set once when the CLI runs as a process:
 * - `relink contacts --json | head`: the reader left, so stop quietly (as Unix tools do) instead of
 *   dying with an EPIPE stack trace;
 * - started by bin/relink.js on an older Node, stop when that wrapper is gone (killed outright),
 *   rather than running on unseen.
 */
export function guardProcess(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  const wrapper = Number(process.env.RELINK_WRAPPER_PID);
  if (wrapper > 0) {
    setInterval(() => {
      if (process.ppid !== wrapper) process.exit(129);
    }, 500).unref();
  }
}
