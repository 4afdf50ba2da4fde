// One writer per case across processes: a lock file created with O_EXCL holding the owner's pid.
// A lock left by a process that no longer exists (crash, kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export class ReaddLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(`re-add progress of this case is open in another process (pid ${ownerPid}); close it first (${lockFile})`);
    this.name = 'ReaddLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockFile: string): { pid: number; host: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof parsed.pid === 'number') return { pid: parsed.pid, host: typeof parsed.host === 'string' ? parsed.host : '' };
  } catch {
    /* unreadable or half-written: treated as stale */
  }
  return undefined;
}

function tryCreate(lockFile: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the lock or throws ReaddLockedError; returns the release function. */
export function acquireLock(lockFile: string): () => void {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockFile)) {
      return () => {
        try {
          unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
    }
    const owner = readOwner(lockFile);
    const sameHost = owner?.host === undefined || owner.host === '' || owner.host === hostname();
    // A lock from another machine (shared folder) cannot be checked: respect it.
    if (owner && owner.pid !== process.pid && (!sameHost || processAlive(owner.pid))) {
      throw new ReaddLockedError(lockFile, owner.pid);
    }
    try {
      unlinkSync(lockFile);
    } catch {
      /* another process removed it first; retry creating */
    }
  }
  throw new ReaddLockedError(lockFile, readOwner(lockFile)?.pid ?? -1);
}
