// Pictures that come with an export go into the case's content store, shared with the photo
// archive (electron/photos addPictureFromChat). Loaded on first use so that importing text-only
// exports does not load the image toolchain.
import { isAbsolute, join, normalize } from 'node:path';

type AddPicture = (caseDir: string, filePath: string, origin: { chat: string; path: string }) => Promise<{ sha256: string } | null>;

let addPicture: AddPicture | undefined;

/** Stores one picture of a chat; resolves to its content hash, or null when it is missing or unreadable. */
export async function storeChatPicture(caseDir: string, baseDir: string, relPath: string, chat: string): Promise<{ sha256: string } | null> {
  const clean = normalize(relPath.replace(/\\/g, '/'));
  if (isAbsolute(clean) || clean.startsWith('..')) return null; // only files inside the export's folder
  addPicture ??= (await import('../photos')).addPictureFromChat;
  return addPicture(caseDir, join(baseDir, clean), { chat, path: relPath });
}
