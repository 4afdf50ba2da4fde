// Attachments of an appeal (a photo of the handwritten letter, screenshots of the notice, a PDF):
// copied into the case's content store (platform/content-store.ts: fsynced, named by SHA-256, kept
// once however often attached), so they travel with the case and survive the original's deletion.
// What a file is comes from its first bytes, never its name; only pictures are ever shown inline
// (showsInline in the contract).
import { open } from 'node:fs/promises';
import type { AppealAttachment } from '../../shared/contract';
import { detectFormat, SNIFF_BYTES } from '../photos/detect';
import { putFile } from '../platform/content-store';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

async function head(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The MIME type and store extension of a file by its content. */
export async function sniffAttachment(path: string): Promise<{ mime: string; ext?: string }> {
  const bytes = await head(path);
  const picture = detectFormat(bytes);
  if (picture && picture.mime.startsWith('image/')) return { mime: picture.mime, ext: picture.ext };
  if (bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return { mime: 'application/pdf', ext: 'pdf' };
  return { mime: 'application/octet-stream' };
}

/** Stores a picked file and describes it for the appeal. */
export async function storeAttachment(caseDir: string, path: string, name: string, at: number): Promise<AppealAttachment> {
  const { mime, ext } = await sniffAttachment(path);
  const blob = await putFile(caseDir, path, undefined, { ext });
  const shown = name.split(/[\\/]/).pop() || name;
  return { sha256: blob.sha256, name: shown.slice(0, 200), mime, size: blob.size, addedAt: at };
}
