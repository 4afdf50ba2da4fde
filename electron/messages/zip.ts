// Reads a zip (WhatsApp's "Export chat" with media) entry by entry with yauzl, streaming: only the
// entries asked for are inflated, one at a time. Entries whose path would leave the archive
// ("../", absolute paths) are reported and never read.
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { looksLikeUtf8 } from './text-source';

const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;

export function isUnsafeEntryName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.split('/').includes('..');
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0 || looksLikeUtf8(raw, false);
  return utf8 ? raw.toString('utf8') : iconv.decode(raw, 'gb18030');
}

export interface ZipReadOptions {
  wanted: (name: string) => boolean;
  onUnsafe: (name: string) => void;
  onEntry: (name: string, bytes: Buffer) => Promise<void>;
}

export function readZipEntries(zipPath: string, opts: ZipReadOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('cannot open zip'));
      const fail = (e: Error): void => {
        zip.close();
        reject(e);
      };
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        // Names are decoded here (not by yauzl, which would reject the whole zip for one "../" entry).
        const name = entryName(entry);
        if (name.endsWith('/')) return zip.readEntry();
        if (isUnsafeEntryName(name)) {
          opts.onUnsafe(name);
          return zip.readEntry();
        }
        if (!opts.wanted(name) || entry.uncompressedSize > MAX_ENTRY_BYTES) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error(`cannot read ${name}`));
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            opts.onEntry(name, Buffer.concat(parts)).then(() => zip.readEntry(), fail);
          });
        });
      });
      zip.readEntry();
    });
  });
}
