// The writer locks of a case's state, all one mechanism (platform/writer-lock.ts): whoever writes a
// piece of a case's state (the app, the command line, a second app) holds that piece's lock while
// it reads the latest version, changes it and saves it. Re-add progress keeps its lock in its own
// folder (readd/writer.lock, held while the progress is open); the others (contacts.lock, case.lock,
// appeals.lock) are held per write.
import { join } from 'node:path';
import { withWriterLock, type WaitOptions } from '../platform/writer-lock';

export type CaseStatePart = 'contacts' | 'case' | 'appeals';

const WHAT: Record<CaseStatePart, string> = {
  contacts: "this case's contact book",
  case: "this case's details",
  appeals: "this case's appeals",
};

export function caseLockFile(caseDir: string, part: CaseStatePart): string {
  return join(caseDir, `${part}.lock`);
}

/** Runs `work` holding the case's lock for `part`, waiting while another process holds it. */
export function withCaseLock<T>(caseDir: string, part: CaseStatePart, work: () => Promise<T>, opts: Omit<WaitOptions, 'what'> = {}): Promise<T> {
  return withWriterLock(caseLockFile(caseDir, part), work, { ...opts, what: WHAT[part] });
}
