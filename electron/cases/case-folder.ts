// One case = one person's rebuild = one folder directly under the data directory.
// `case.json` marks the folder as a case and holds its name; everything else the capabilities
// keep (contacts, re-add progress, photos, messages) lives beside it in the same folder.
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { openJsonState, type CorruptStateNotice } from '../platform/json-state';
import { makePrivateDir, repairPrivateTree } from '../platform/private-files';
import { withCaseLock } from './case-lock';

export const CASE_FILE = 'case.json';

const caseMetaSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  defaultRegion: z.string().default('CN'),
  /** Merged person count, kept here so listing cases never loads a contact book. */
  persons: z.number().int().min(0).default(0),
});
export type CaseMeta = z.infer<typeof caseMetaSchema>;

function isCaseMeta(value: unknown): value is CaseMeta {
  return caseMetaSchema.safeParse(value).success;
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
