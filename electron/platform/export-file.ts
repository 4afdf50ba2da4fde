// Exports the page downloads (chats, re-add sheets and cards) are long jobs written under the data
// folder, never to a path the page names: each into a private folder per kind, as a temp file renamed
// into place only when whole (writeFileAtomic awaits each ~1 MB write, so a cancel gets in between),
// so a cancel, a failure or a crash leaves no half file under an export's name.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { removeLeftovers } from './leftovers';
import { makePrivateDir } from './private-files';

export type ExportKind = 'chats' | 'readd';

/** Where exports of a kind wait for the page to download them (electron/host/export-routes.ts). */
export function exportFolder(dataDir: string, kind: ExportKind): string {
  return join(dataDir, 'exports', kind);
}

/** A name (a chat's, an account's) as a file name on every system: no path or reserved characters, not hidden. */
export function safeFileName(name: string, fallback: string): string {
  const clean = name.replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_').trim().replace(/^\.+/, '').slice(0, 80);
  return clean || fallback;
}

/** How far an export is, and its cancel. */
export interface ExportProgress {
  signal?: AbortSignal;
  /** Items (messages, persons) written so far of `total`. */
  onProgress?: (written: number, total: number) => void;
}

/** An export waits this long for its download; the next export of its kind removes it after. */
export const EXPORT_KEPT_MS = 24 * 3600_000;

/** The writer's process id in writeFileAtomic's temp name: `.<name>.<pid>.<random>.tmp`. */
const atomicTempWriter = (name: string): number | undefined => {
  const m = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name);
  return m ? Number(m[1]) : undefined;
};

/**
 * Before an export is written into its folder: the temp files of a writer that was killed, and
 * exports older than EXPORT_KEPT_MS (downloaded long ago, or never), go — the folder is where
 * exports wait for their download, not a second archive of the user's chats.
 */
function tidyExportFolder(folder: string, now = Date.now()): void {
  removeLeftovers(folder, atomicTempWriter);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    try {
      const info = statSync(join(folder, name));
      if (info.isFile() && now - info.mtimeMs > EXPORT_KEPT_MS) unlinkSync(join(folder, name));
    } catch {
      // Gone meanwhile, or not ours: the next export tries again.
    }
  }
}

/** Writes an export's pieces to `target` (its folder made private if new); resolves to its size in bytes. */
export async function writeExportFile(target: string, pieces: Iterable<string>): Promise<number> {
  await makePrivateDir(dirname(target));
  tidyExportFolder(dirname(target));
  await writeFileAtomic(target, pieces);
  return (await stat(target)).size;
}

/** Hands out `items`, telling how many were handed out every `every` and at the end, and stopping at the signal. */
export function* paced<T>(items: readonly T[], progress: ExportProgress = {}, every = 500): Generator<T> {
  progress.onProgress?.(0, items.length);
  for (let i = 0; i < items.length; i++) {
    if (i % every === 0) progress.signal?.throwIfAborted();
    yield items[i]!;
    if ((i + 1) % every === 0) progress.onProgress?.(i + 1, items.length);
  }
  if (items.length % every !== 0) progress.onProgress?.(items.length, items.length);
}
