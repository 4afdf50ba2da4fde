// Browser uploads arrive as anonymous files in the data folder, but importers learn a lot from
// real paths: WeChat's MsgAttach/<chat>/Image/YYYY-MM, camera folders, MemoTrace's media beside
// its export, PyWxDump's users.json beside its CSVs, chat names from file names. So before an
// import reads them, uploads are moved into <case>/.import-tmp/<prefix><id>/ under their own
// relative names (with their own dates). Two uploads with the same name go into separate roots.
import { randomBytes } from 'node:crypto';
import { copyFile, rename, rm, rmdir, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateDir } from '../platform/private-files';

export interface StagedUploads {
  /** This import's own folder under .import-tmp (other imports may stage beside it). */
  base: string;
  /** Folders to import; inside each, files sit at their uploaded relative names. */
  roots: string[];
}

/** "a/b/../c\\d" → ["a","b","c","d"]: an upload's relative name as safe path segments. */
export function uploadSegments(name: string): string[] {
  const segments = name
    .split(/[\\/]+/)
    .map((s) => s.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim())
    .filter((s) => s.length > 0 && s !== '.' && s !== '..');
  return segments.length ? segments : ['file'];
}

async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
}

export async function stageUploads(
  caseDir: string,
  uploads: { path: string; name: string; mtimeMs?: number }[],
  prefix = '',
): Promise<StagedUploads> {
  const base = join(caseDir, '.import-tmp', `${prefix}${randomBytes(6).toString('hex')}`);
  const taken: Set<string>[] = [];
  const roots: string[] = [];
  for (const upload of uploads) {
    const segments = uploadSegments(upload.name);
    const key = segments.join('/').toLowerCase();
    let slot = taken.findIndex((names) => !names.has(key));
    if (slot < 0) {
      slot = taken.length;
      taken.push(new Set());
      roots.push(join(base, String(slot)));
    }
    taken[slot]!.add(key);
    const target = join(roots[slot]!, ...segments);
    await makePrivateDir(join(target, '..'));
    await moveInto(upload.path, target);
    if (upload.mtimeMs !== undefined) {
      const when = new Date(upload.mtimeMs);
      await utimes(target, when, when).catch(() => undefined);
    }
  }
  return { base, roots };
}

/** Removes this import's staging folder, and .import-tmp itself once nothing else is staged. */
export async function removeStaged(caseDir: string, staged: StagedUploads | undefined): Promise<void> {
  if (!staged) return;
  await rm(staged.base, { recursive: true, force: true }).catch(() => undefined);
  await rmdir(join(caseDir, '.import-tmp')).catch(() => undefined);
}

/** A picked file, resolved: a path on disk, or a browser upload to stage first. */
export interface PickedFile {
  path: string;
  name: string;
  upload: boolean;
  mtimeMs?: number;
}

/**
 * Runs an import over picked files as paths: files on disk as they are, uploads staged first
 * (`onStaging` runs before, so the user sees why nothing moves yet). This import's staging folder
 * is removed afterwards, whatever happened; another import's beside it stays.
 */
export async function withImportPaths<T>(
  caseDir: string,
  files: PickedFile[],
  opts: { prefix?: string; onStaging?: () => void },
  work: (paths: string[], staged: StagedUploads | undefined) => Promise<T>,
): Promise<T> {
  let staged: StagedUploads | undefined;
  try {
    const paths = files.filter((f) => !f.upload).map((f) => f.path);
    const uploads = files.filter((f) => f.upload).map(({ path, name, mtimeMs }) => ({ path, name, mtimeMs }));
    if (uploads.length) {
      opts.onStaging?.();
      staged = await stageUploads(caseDir, uploads, opts.prefix);
      paths.push(...staged.roots);
    }
    return await work(paths, staged);
  } finally {
    await removeStaged(caseDir, staged);
  }
}
