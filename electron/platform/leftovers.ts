// Temp files a killed process left behind (a store write's ".part", a thumbnail's ".tmp"). Each temp
// name carries the id of the process writing it; a file whose writer is no longer running is never
// going to be finished, so it is removed. Files of this process or of another running one (the app
// and the command line may write to one case at once) are left alone, so this is safe at any time.
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** True when no process with this id is running (a process of another user counts as running). */
export function writerIsGone(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes the files of `dir` whose writer (`pidOf` their name) is gone; returns how many. */
export function removeLeftovers(dir: string, pidOf: (name: string) => number | undefined): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no such folder: nothing was ever written there
  }
  let removed = 0;
  for (const name of names) {
    const pid = pidOf(name);
    if (pid === undefined || !writerIsGone(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      // Vanished meanwhile, or not ours to remove: the next open tries again.
    }
  }
  return removed;
}
