// The list of cases in a data directory: create, list, open, rename, delete (to a trash folder).
import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type CaseOpened, type CaseSummary } from '../../shared/contract';
import { isCaseFolder, openCaseFolder, type CaseMeta } from './case-folder';
import { folderNameFor, uniqueName } from './case-names';
import { LOCKED, lockedCases, recoverLocks, takenCaseNames } from './bundle/lock';
import { makePrivateDir } from '../platform/private-files';
import { caseOverview } from './case-overview';

/** Deleted cases are moved here, not erased: "nothing already saved is lost". */
export const TRASH_DIR = '.trash';

export type CaseCounter = (folder: string) => Promise<{ persons: number }>;

export class CaseStore {
  constructor(
    readonly dataDir: string,
    private readonly countsOf: CaseCounter = async () => ({ persons: 0 }),
  ) {}

  folderOf(caseId: string): string {
    return join(this.dataDir, caseId);
  }

  async list(): Promise<CaseSummary[]> {
    await makePrivateDir(this.dataDir);
    await recoverLocks(this.dataDir);
    const entries = await readdir(this.dataDir, { withFileTypes: true });
    const cases: CaseSummary[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const folder = this.folderOf(entry.name);
      if (!(await isCaseFolder(folder))) continue;
      const { meta } = await openCaseFolder(folder);
      cases.push(await this.summary(entry.name, meta));
    }
    for (const locked of await lockedCases(this.dataDir)) {
      cases.push({
        id: locked.id,
        name: locked.id,
        createdAt: locked.lockedAt,
        updatedAt: locked.lockedAt,
        folder: join(this.dataDir, `${locked.id}${LOCKED}`),
        defaultRegion: '',
        counts: { persons: 0 },
        locked: { at: locked.lockedAt, bytes: locked.bytes },
      });
    }
    return cases.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async create(name: string, defaultRegion = 'CN'): Promise<CaseSummary> {
    await makePrivateDir(this.dataDir);
    const id = uniqueName(folderNameFor(name), await takenCaseNames(this.dataDir));
    const { meta } = await openCaseFolder(this.folderOf(id), name.trim(), defaultRegion);
    return this.summary(id, meta);
  }

  async open(caseId: string): Promise<CaseOpened> {
    const folder = await this.existing(caseId);
    const { meta, corrupt } = await openCaseFolder(folder);
    const summary = await this.summary(caseId, meta);
    return { ...summary, notices: corrupt ? [{ kind: 'corrupt-state-kept-aside', ...corrupt }] : [] };
  }

  async rename(caseId: string, name: string): Promise<CaseSummary> {
    // Only the display name changes: the folder (and any command line pointing at it) stays.
    const folder = await this.existing(caseId);
    const { save } = await openCaseFolder(folder);
    return this.summary(caseId, await save({ name: name.trim() }));
  }

  async delete(caseId: string, confirmName: string): Promise<{ deleted: true; keptAs: string }> {
    const lockedFile = join(this.dataDir, `${caseId}${LOCKED}`);
    if ((await lockedCases(this.dataDir)).some((c) => c.id === caseId)) {
      // A locked case is named by its folder name: that is what the user types again.
      if (confirmName.trim() !== caseId) throw new ApiError('confirm-mismatch', `Type the case name "${caseId}" to delete it`);
      const trash = join(this.dataDir, TRASH_DIR);
      await makePrivateDir(trash);
      const keptAs = join(trash, `${caseId}-${new Date().toISOString().replace(/[:.]/g, '-')}${LOCKED}`);
      await rename(lockedFile, keptAs);
      return { deleted: true, keptAs };
    }
    const folder = await this.existing(caseId);
    const { meta } = await openCaseFolder(folder);
    if (confirmName.trim() !== meta.name) {
      throw new ApiError('confirm-mismatch', `Type the case name "${meta.name}" to delete it`);
    }
    const trash = join(this.dataDir, TRASH_DIR);
    await makePrivateDir(trash);
    const keptAs = join(trash, `${caseId}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await rename(folder, keptAs);
    return { deleted: true, keptAs };
  }

  /** The folder of a case that exists, or a not-found error. */
  async existing(caseId: string): Promise<string> {
    const folder = this.folderOf(caseId);
    if (!(await isCaseFolder(folder))) {
      if ((await lockedCases(this.dataDir)).some((c) => c.id === caseId)) throw new ApiError('not-found', `The case "${caseId}" is locked: unlock it first`, { locked: true });
      throw new ApiError('not-found', `No case "${caseId}"`);
    }
    return folder;
  }

  private async summary(id: string, meta: CaseMeta): Promise<CaseSummary> {
    const folder = this.folderOf(id);
    let overview: CaseSummary['overview'];
    try {
      overview = caseOverview(folder, meta.persons);
    } catch {
      overview = undefined; // a journal that cannot be read says so on the re-add screen, not here
    }
    return {
      ...(overview ? { overview } : {}),
      id,
      name: meta.name,
      createdAt: meta.createdAt,
      updatedAt: meta.updatedAt,
      folder,
      defaultRegion: meta.defaultRegion,
      counts: await this.countsOf(folder),
    };
  }
}
