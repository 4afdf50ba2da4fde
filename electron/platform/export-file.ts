// Exports the page downloads (chats, re-add sheets and cards) are long jobs written under the data
// folder, never to a path the page names: each into a private folder per kind, as a temp file renamed
// into place only when whole (writeFileAtomic awaits each ~1 MB write, so a cancel gets in between),
// so a cancel, a failure or a crash leaves no half file under an export's name.
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
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

/** Writes an export's pieces to `target` (its folder made private if new); resolves to its size in bytes. */
export async function writeExportFile(target: string, pieces: Iterable<string>): Promise<number> {
  await makePrivateDir(dirname(target));
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
