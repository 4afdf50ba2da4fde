// A chat export's zip (WhatsApp's "Export chat" with media) through the app's one zip reader
// (electron/platform/zip.ts): each text entry becomes a ByteSource like a file on disk, read in
// chunks from the zip every time a reader asks (format detection, then the reader's own passes), so
// a zipped text goes through the same streaming path as a plain one and is never held whole.
import type { ZipArchive, ZipEntry } from '../platform/zip';
import { SNIFF_BYTES, type ByteSource } from './text-source';

export async function zipEntryByteSource(zip: ZipArchive, entry: ZipEntry, label: string): Promise<ByteSource> {
  return {
    label,
    size: entry.size,
    head: await zip.head(entry, Math.min(entry.size, SNIFF_BYTES)),
    chunks: () => zip.chunks(entry),
  };
}
