// A case bundle (`<name>.relink`): one file that carries a whole case to another computer.
//
// A tar stream (POSIX pax; tar.ts reads and writes it, `tar` and tar-stream read it too) of:
//   bundle.json    first: format version, app version, case name, counts, created-at — so a bundle
//                  from a newer Relink is refused before anything else is read;
//   case/<path>    every file of the case folder, byte for byte (SQLite files as a consistent
//                  snapshot, without their -wal/-shm);
//   manifest.json  last: every part's path, size and SHA-256, written once they are all known.
// Optionally the whole stream is encrypted with age (age-encryption.org/v1, scrypt passphrase).
import { join } from 'node:path';
import { z } from 'zod';

export const BUNDLE_FORMAT = 1;
export const BUNDLE_EXTENSION = '.relink';
export const HEADER_ENTRY = 'bundle.json';
export const MANIFEST_ENTRY = 'manifest.json';
export const PART_PREFIX = 'case/';
/** The first bytes of an age file: the bundle is encrypted. */
export const AGE_MAGIC = Buffer.from('age-encryption.org/v1\n', 'latin1');

export const bundleHeaderSchema = z.object({
  format: z.number().int().min(1),
  app: z.string(),
  caseName: z.string(),
  createdAt: z.string(),
  counts: z.object({ persons: z.number().int().min(0), parts: z.number().int().min(0), bytes: z.number().int().min(0) }),
});
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

export const manifestSchema = z.object({
  parts: z.array(z.object({ path: z.string().min(1), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

/**
 * Files of a case folder that are not the case: work in progress, locks, SQLite's side files. A state
 * file kept aside as `*.corrupt-<time>` is the user's and travels (locking deletes what is left out).
 */
export function isTransient(relativePath: string): boolean {
  const parts = relativePath.split('/');
  return (
    parts.some((p) => p === '.import-tmp' || p === '.uploads') ||
    /(^|\/)\.import-stage-[^/]*$/.test(relativePath) || // a message import's batches in waiting (messages/writer.ts)
    /(\.lock|\.part|\.tmp|-wal|-shm|-journal)$/.test(relativePath) ||
    /\.lock\.takeover-[0-9a-f]+$/.test(relativePath) // a writer lock's takeover claim (platform/writer-lock.ts)
  );
}

/** A part's path inside the case folder, refused when it could point outside (`..`, absolute, NUL). */
export function safePartPath(entryName: string): string | undefined {
  if (!entryName.startsWith(PART_PREFIX)) return undefined;
  const rel = entryName.slice(PART_PREFIX.length);
  const parts = rel.split('/');
  if (!rel || rel.includes('\0') || rel.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) return undefined;
  return rel;
}

/** Where exported bundles wait in the data folder (browser mode downloads them from there). */
export function bundleExportsDir(dataDir: string): string {
  return join(dataDir, 'exports', 'bundles');
}
