// One case = one person's rebuild = one folder directly under the data directory.
// `case.json` marks the folder as a case and holds its name; everything else the capabilities
// keep (contacts, re-add progress, photos, messages) lives beside it in the same folder.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { openJsonState, type CorruptStateNotice } from '../platform/json-state';
import { makePrivateDir, repairPrivateTree } from '../platform/private-files';
import { withCaseLock } from './case-lock';

export const CASE_FILE = 'case.json';

export interface CaseMeta {
  version: 1;
  name: string;
  createdAt: string;
  updatedAt: string;
  defaultRegion: string;
  /** Merged person count, kept here so listing cases never loads a contact book. */
  persons: number;
}

/**
 * Whether case.json's content is case metadata (defaultRegion and persons may be missing: files of
 * older versions). Written out rather than as a zod schema: this module is on every command's path,
 * and loading zod and the contract's schemas was ~60 ms of `relink import`'s start-up. A unit test
 * checks it against the schema it replaced.
 */
export function isCaseMeta(value: unknown): value is CaseMeta {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    v.version === 1 &&
    typeof v.name === 'string' &&
    typeof v.createdAt === 'string' &&
    typeof v.updatedAt === 'string' &&
    (v.defaultRegion === undefined || typeof v.defaultRegion === 'string') &&
    (v.persons === undefined || (typeof v.persons === 'number' && Number.isSafeInteger(v.persons) && v.persons >= 0))
  );
}

export async function isCaseFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(join(folder, CASE_FILE))).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a case folder's metadata, creating it when the folder is new (the command line's
 * `--case DIR` and the app's "new case" end in the same place). An unreadable case.json is kept
 * aside and replaced by fresh metadata; the notice tells the caller so the user can be told.
 */
export async function openCaseFolder(
  folder: string,
  nameIfNew = basename(folder),
  regionIfNew = 'CN',
): Promise<{ meta: CaseMeta; save: (patch: Partial<CaseMeta>) => Promise<CaseMeta>; corrupt?: CorruptStateNotice }> {
  // An older version made folders 0755 and files 0644: repaired first, while that still shows.
  await repairPrivateTree(folder);
  await makePrivateDir(folder);
  const now = new Date().toISOString();
  const defaults: CaseMeta = { version: 1, name: nameIfNew, createdAt: now, updatedAt: now, defaultRegion: regionIfNew, persons: 0 };
  const { db, corrupt } = await openJsonState<CaseMeta>(join(folder, CASE_FILE), defaults, isCaseMeta);
  if (corrupt || !(await isCaseFolder(folder))) await db.write();
  // Patched on top of the file as it is now, under the case's lock: another process (the command
  // line, a second window) may have changed other fields since this one read it.
  const save = (patch: Partial<CaseMeta>): Promise<CaseMeta> =>
    withCaseLock(folder, 'case', async () => {
      await db.read();
      db.data = { ...db.data, ...patch, updatedAt: new Date().toISOString() };
      await db.write();
      return db.data;
    });
  return { meta: db.data, save, corrupt };
}
