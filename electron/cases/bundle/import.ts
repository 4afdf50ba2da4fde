// Imports a bundle as a case: every part goes into a staging folder inside the data folder (so the
// final move is a rename on the same disk), the manifest is checked, and only then does the case
// appear — under its own name, as a new case beside one of the same name, or replacing it (the old
// one kept in .trash). A damaged, cut-short or wrongly-unlocked bundle leaves the data folder as it was.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { fsyncDirSync } from '../../platform/atomic-file';
import { dirname, join } from 'node:path';
import { ApiError } from '../../../shared/contract';
import { folderNameFor, uniqueName } from '../case-names';
import { TRASH_DIR } from '../case-store';
import { isCaseFolder, openCaseFolder } from '../case-folder';
import type { BundleHeader } from './format';
import { PartFiles } from './part-files';
import { readBundle, type ReadBundleOptions } from './read';
import { LOCKED, takenCaseNames } from './locked-names';

export type NameClash = 'refuse' | 'new' | 'replace';

export interface ImportBundleOptions extends Pick<ReadBundleOptions, 'passphrase' | 'signal' | 'onProgress'> {
  /** What to do when a case of the same name exists: refuse (the caller asks the user), import beside it, or replace it. */
  onClash?: NameClash;
  /** Unlocking: the case goes back into its own folder, whatever its display name became. */
  caseId?: string;
  /**
   * The bundle is deleted afterwards (unlocking): every file and folder of the case is on the disk
   * before it takes its place, so a power cut right after cannot leave neither the bundle nor the case.
   */
  durable?: boolean;
}

export interface ImportBundleResult {
  caseId: string;
  name: string;
  parts: number;
  /** Where the replaced case was kept. */
  replacedKeptAs?: string;
}

const STAGING_PREFIX = '.bundle-import-';

/** Staging folders left by an import that was killed: nothing in them was ever a case. */
async function removeLeftovers(dataDir: string): Promise<void> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(STAGING_PREFIX) || n.startsWith('.bundle-scratch-')).map((n) => rm(join(dataDir, n), { recursive: true, force: true })));
}

export async function importCaseBundle(dataDir: string, file: string, options: ImportBundleOptions = {}): Promise<ImportBundleResult> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await removeLeftovers(dataDir);
  const staging = join(dataDir, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
  const onClash = options.onClash ?? 'refuse';
  let target = '';
  const files = new PartFiles(options.durable === true);
  try {
    const { header, manifest } = await readBundle(file, {
      ...options,
      onHeader: async (h: BundleHeader) => {
        target = options.caseId ?? folderNameFor(h.caseName);
        // Unlocking goes back into the case's own folder: only a folder there would be in the way.
        const taken = options.caseId ? await isCaseFolder(join(dataDir, target)) : (await takenCaseNames(dataDir)).has(target.toLowerCase());
        if (onClash === 'refuse' && taken) {
          throw new ApiError('already-exists', `A case named "${h.caseName}" exists already: import this one as a new case, or replace it`, { name: h.caseName });
        }
        await mkdir(staging, { recursive: true, mode: 0o700 });
      },
      partSink: (path) => files.open(join(staging, ...path.split('/'))),
    });
    if (!(await isCaseFolder(staging))) throw new ApiError('bad-input', 'The bundle holds no case (case.json is missing)', { code: 'bundle-damaged', part: 'case.json' });

    let replacedKeptAs: string | undefined;
    const taken = await takenCaseNames(dataDir);
    if (!options.caseId && taken.has(target.toLowerCase())) {
      if (onClash === 'replace') {
        await mkdir(join(dataDir, TRASH_DIR), { recursive: true, mode: 0o700 });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        // The case replaced is an open folder or a locked file: either goes to the trash whole.
        const locked = join(dataDir, `${target}${LOCKED}`);
        const [from, to] = (await isCaseFolder(join(dataDir, target))) ? [join(dataDir, target), `${target}-${stamp}`] : [locked, `${target}-${stamp}${LOCKED}`];
        replacedKeptAs = join(dataDir, TRASH_DIR, to);
        await rename(from, replacedKeptAs);
      } else {
        target = uniqueName(target, taken);
      }
    }
    if (options.durable) syncFolders(staging, files.folders);
    await rename(staging, join(dataDir, target));
    if (options.durable) fsyncDirSync(dataDir);
    // Beside a case of the same name: this one is "张三 (2)" in the list too, not a second "张三".
    const suffix = options.caseId ? '' : target.slice(folderNameFor(header.caseName).length);
    const name = suffix ? `${header.caseName}${suffix}` : header.caseName;
    if (suffix) await (await openCaseFolder(join(dataDir, target))).save({ name });
    return { caseId: target, name, parts: manifest.parts.length, ...(replacedKeptAs ? { replacedKeptAs } : {}) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** fsync of every folder made under `root` (their entries: the files and the folders in them), deepest first. */
function syncFolders(root: string, folders: Set<string>): void {
  const all = new Set<string>([root]);
  for (let folder of folders) {
    while (folder.length > root.length && !all.has(folder)) {
      all.add(folder);
      folder = dirname(folder);
    }
  }
  for (const folder of [...all].sort((a, b) => b.length - a.length)) fsyncDirSync(folder);
}

/** Reads a whole bundle and checks every part against its manifest, writing nothing. */
export async function verifyCaseBundle(file: string, options: Pick<ReadBundleOptions, 'passphrase' | 'signal' | 'onProgress'> = {}) {
  const { header, manifest } = await readBundle(file, options);
  return { header, parts: manifest.parts.length, bytes: manifest.parts.reduce((sum, p) => sum + p.size, 0) };
}
