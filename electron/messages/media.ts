// Pictures that come with an export go into the case's content store, shared with the photo
// archive (electron/photos addPictureFromChat, loaded on first use so that importing text-only
// exports does not load the image toolchain); other media a reader keeps (videos, files) go into
// the store as they are.
import { extname, isAbsolute, join, normalize } from 'node:path';
import { putFile } from '../platform/content-store';

type AddPicture = (caseDir: string, filePath: string, origin: { chat: string; path: string }, datKey?: Buffer) => Promise<{ sha256: string } | null>;

let addPicture: AddPicture | undefined;

/** The file a relative media path names inside the export's folder; undefined for a path leading out of it. */
function inside(baseDir: string, relPath: string): string | undefined {
  const clean = normalize(relPath.replace(/\\/g, '/'));
  return isAbsolute(clean) || clean.startsWith('..') ? undefined : join(baseDir, clean);
}

/** Stores one other media file of a chat (a video, a document) as it is; null when it is missing or unreadable. */
export async function storeChatFile(caseDir: string, baseDir: string, relPath: string, signal?: AbortSignal): Promise<{ sha256: string } | null> {
  const file = inside(baseDir, relPath);
  if (!file) return null;
  try {
    const stored = await putFile(caseDir, file, undefined, { ext: extname(file).slice(1), signal });
    return { sha256: stored.sha256 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw error;
  }
}

/**
 * Stores one picture of a chat; resolves to its content hash, or null when it is missing or
 * unreadable. `datKey` decodes WeChat 4 V2 pictures (a key the user gave).
 */
export async function storeChatPicture(caseDir: string, baseDir: string, relPath: string, chat: string, datKey?: Buffer): Promise<{ sha256: string } | null> {
  const file = inside(baseDir, relPath); // only files inside the export's folder
  if (!file) return null;
  addPicture ??= (await import('../photos')).addPictureFromChat;
  return addPicture(caseDir, file, { chat, path: relPath }, datKey);
}
