// One writer of a case's re-add progress across processes: the case's writer lock
// (platform/writer-lock.ts), held for as long as the progress is open.
import { acquireWriterLock, WriterLockedError } from '../platform/writer-lock';

export class ReaddLockedError extends WriterLockedError {
  constructor(lockFile: string, ownerPid: number) {
    super(lockFile, ownerPid, 're-add progress of this case');
    this.name = 'ReaddLockedError';
  }
}

/** Takes the lock or throws ReaddLockedError; returns the release function. */
export function acquireLock(lockFile: string): () => void {
  try {
    return acquireWriterLock(lockFile, 're-add progress of this case');
  } catch (error) {
    if (error instanceof WriterLockedError) throw new ReaddLockedError(lockFile, error.ownerPid);
    throw error;
  }
}
