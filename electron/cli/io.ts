// Output channels for command-line commands, so tests can capture them.
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

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
