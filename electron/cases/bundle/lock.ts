// Locking a case at rest: the case folder becomes one encrypted bundle in the data folder, and
// unlocking turns it back. What it protects: a shared computer or a lost laptop while the case is
// locked. What it does not: a case while it is unlocked and open (its files are plain then).
//
// Each step ends in one rename, so a kill at any moment leaves a state `recoverLocks` can finish or
// undo without losing anything:
//   lock    1 export to <id>.lock-pending.relink (itself written as .part, renamed when flushed)
//           2 read it back with the passphrase: every part must match its manifest
//           3 rename the folder aside to .locking-<id>
//           4 rename the bundle to <id>.locked.relink              ← the case is locked from here
//           5 delete .locking-<id>
//   unlock  1 rename <id>.locked.relink to <id>.unlocking.relink
//           2 import it into <id>/ (staged, renamed into place)    ← the case is open from here
//           3 delete <id>.unlocking.relink
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/contract';
import { isCaseFolder } from '../case-folder';
import { exportCaseBundle } from './export';
import { importCaseBundle, verifyCaseBundle } from './import';
import { LOCKED, UNLOCKING } from './locked-names';

export { LOCKED, takenCaseNames } from './locked-names';

const PENDING = '.lock-pending.relink';
const LOCKING = '.locking-';

export interface LockOptions {
  appVersion: string;
  workFactor?: number;
  onProgress?: (done: number, total: number) => void;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

export async function lockCase(dataDir: string, id: string, passphrase: string, options: LockOptions): Promise<void> {
  await recoverLocks(dataDir);
  const folder = join(dataDir, id);
  if (!(await isCaseFolder(folder))) throw new ApiError('not-found', `No open case "${id}"`);
  const pending = join(dataDir, `${id}${PENDING}`);
  await exportCaseBundle(folder, pending, { appVersion: options.appVersion, passphrase, workFactor: options.workFactor, onProgress: options.onProgress });
  try {
    await verifyCaseBundle(pending, { passphrase });
  } catch (error) {
    await rm(pending, { force: true });
    throw error;
  }
  const aside = join(dataDir, `${LOCKING}${id}`);
  await rename(folder, aside);
  await rename(pending, join(dataDir, `${id}${LOCKED}`));
  await rm(aside, { recursive: true, force: true });
}

export async function unlockCase(dataDir: string, id: string, passphrase: string): Promise<void> {
  await recoverLocks(dataDir);
  const locked = join(dataDir, `${id}${LOCKED}`);
  if (!(await exists(locked))) throw new ApiError('not-found', `No locked case "${id}"`);
  // A wrong passphrase is found out here, before anything moves.
  await verifyCaseBundle(locked, { passphrase });
  const unlocking = join(dataDir, `${id}${UNLOCKING}`);
  await rename(locked, unlocking);
  try {
    await importCaseBundle(dataDir, unlocking, { passphrase, caseId: id, durable: true });
  } catch (error) {
    await rename(unlocking, locked);
    throw error;
  }
  await rm(unlocking, { force: true });
}

/** Finishes or undoes whatever a killed lock or unlock left; run before listing or changing cases. */
export async function recoverLocks(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  for (const name of names) {
    // A lock that never committed: its folder is whole (or set aside, and put back below).
    if (name.endsWith(PENDING) || name.endsWith(`${PENDING}.part`)) await rm(join(dataDir, name), { force: true });
  }
  for (const name of names) {
    // Left by a killed export or import: nothing in them was ever the only copy of anything.
    if (name.startsWith('.bundle-scratch-') || name.startsWith('.bundle-import-')) await rm(join(dataDir, name), { recursive: true, force: true });
    else if (name.startsWith(LOCKING)) {
      const id = name.slice(LOCKING.length);
      // Locked (the bundle was renamed into place): the plain folder set aside can go. Not locked: it goes back.
      if (await exists(join(dataDir, `${id}${LOCKED}`))) await rm(join(dataDir, name), { recursive: true, force: true });
      else await rename(join(dataDir, name), join(dataDir, id));
    } else if (name.endsWith(UNLOCKING)) {
      const id = name.slice(0, -UNLOCKING.length);
      if (await isCaseFolder(join(dataDir, id))) await rm(join(dataDir, name), { force: true }); // unlock committed
      else await rename(join(dataDir, name), join(dataDir, `${id}${LOCKED}`)); // it did not: still locked
    }
  }
}

export async function lockedCases(dataDir: string): Promise<{ id: string; lockedAt: string; bytes: number }[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const out: { id: string; lockedAt: string; bytes: number }[] = [];
  for (const name of names.filter((n) => n.endsWith(LOCKED) && !n.startsWith('.'))) {
    const info = await stat(join(dataDir, name));
    out.push({ id: name.slice(0, -LOCKED.length), lockedAt: info.mtime.toISOString(), bytes: info.size });
  }
  return out;
}

