// The one zip reader: entries are streamed in chunks (a 300 MB entry never sits in memory), zip bombs
// are refused from their declared sizes before anything is inflated, and a zip that would not fit
// the disk or the absolute cap is refused with its sizes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZIP_LIMITS, ZipArchive, ZipLimitError } from '../../../electron/platform/zip';
import { writeDeflatedZip } from '../../../bench/gen-whatsapp';
import { buildZip, zeroJpeg, zip64ClaimingEntries } from './hostile-zips';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-zip-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function refusal(p: Promise<unknown>): Promise<ZipLimitError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ZipLimitError);
  return err as ZipLimitError;
}

/** `mb` MiB of bytes that deflate about 70:1 (one varying byte per 250): under the bomb ratio. */
function* sparseBytes(mb: number): Generator<Buffer> {
  const block = Buffer.alloc(1 << 20);
  for (let i = 0; i < mb; i++) {
    for (let k = 0; k < block.length; k += 250) block[k] = (i * 31 + k * 7) & 0xff;
    yield block;
  }
}

describe('zip reader', () => {
  it('streams a 300 MB entry in small chunks: memory stays flat while it is read', async () => {
    const path = join(dir, 'big.zip');
    const { dataBytes, zipBytes } = await writeDeflatedZip(path, 'big.bin', sparseBytes(300), 1);
    expect(dataBytes).toBe(300 << 20);
    expect(dataBytes / zipBytes).toBeLessThan(ZIP_LIMITS.entryRatio); // a legitimate entry, not a bomb
    const zip = await ZipArchive.open(path);
    try {
      const entry = zip.entries[0]!;
      expect(entry.size).toBe(300 << 20);
      const before = process.memoryUsage();
      let read = 0;
      let chunks = 0;
      let largest = 0;
      let grew = 0;
      for await (const chunk of zip.chunks(entry)) {
        read += chunk.length;
        chunks++;
        largest = Math.max(largest, chunk.length);
        if (chunks % 64 === 0) {
          const now = process.memoryUsage();
          grew = Math.max(grew, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
        }
      }
      expect(read).toBe(300 << 20);
      expect(chunks).toBeGreaterThan(1000);
      expect(largest).toBeLessThanOrEqual(1 << 20);
      expect(grew).toBeLessThan(64 << 20); // the whole entry would be 300 MB
    } finally {
      zip.close();
    }
  }, 120_000);

  it('refuses an entry that expands more than 100 times (a 1 GB chat in a few MB), naming the zip and the entry', async () => {
    const path = put('WhatsApp Chat - Ana.zip', buildZip([{ name: '_chat.txt', data: Buffer.alloc(32 << 20, 'a') }]));
    const zip = await ZipArchive.open(path);
    try {
      const err = await refusal(zip.openStream(zip.entries[0]!));
      expect(err.code).toBe('zip-bomb-entry');
      expect(err.params).toMatchObject({ zip: path, entry: '_chat.txt', size: '32.0 MB' });
      expect(err.message).toContain(path);
      expect(err.message).toContain('"_chat.txt"');
    } finally {
      zip.close();
    }
  });

  it('refuses a zip whose many small entries expand more than 100 times its size together', async () => {
    const picture = zeroJpeg(4 << 20); // 4 MB each, under the per-entry threshold
    const path = put('photos.zip', buildZip(Array.from({ length: 40 }, (_, i) => ({ name: `IMG_${i}.jpg`, data: picture }))));
    const err = await refusal(ZipArchive.open(path));
    expect(err.code).toBe('zip-bomb');
    expect(err.params).toMatchObject({ zip: path, count: 40, size: '160.0 MB' });
  });

  it('refuses an entry declaring a huge size (4 GB) for a few bytes', async () => {
    const path = put('liar.zip', buildZip([{ name: 'a.txt', data: Buffer.from('hello'), declaredSize: 0xfffffff0 }]));
    const err = await refusal(ZipArchive.open(path));
    expect(err.code).toBe('zip-bomb');
  });

  it('an entry inflating to more than it declares stops with an error instead of growing', async () => {
    const data = Buffer.alloc(1 << 20, 'x');
    const path = put('short.zip', buildZip([{ name: 'a.txt', data, declaredSize: 1000 }]));
    const zip = await ZipArchive.open(path);
    try {
      let read = 0;
      await expect(
        (async () => {
          for await (const c of zip.chunks(zip.entries[0]!)) read += c.length;
        })(),
      ).rejects.toThrow(/too many bytes/);
      expect(read).toBeLessThanOrEqual(1000);
    } finally {
      zip.close();
    }
  });

  it('refuses a zip claiming more entries than it reads, before listing any', async () => {
    const path = put('many.zip', zip64ClaimingEntries(50_000_000));
    const err = await refusal(ZipArchive.open(path));
    expect(err.code).toBe('zip-too-many-entries');
    expect(err.params).toMatchObject({ count: 50_000_000 });
  });

  it('refuses to expand beyond the free disk space or the absolute cap, with both sizes', async () => {
    const path = put('ok.zip', buildZip([{ name: 'a.txt', data: Buffer.from('hello world') }]));
    const zip = await ZipArchive.open(path);
    const saved = { ...ZIP_LIMITS };
    try {
      await expect(zip.checkExpansion(zip.entries, join(dir, 'case', 'not-made-yet'))).resolves.toBeUndefined();
      ZIP_LIMITS.keepFree = Number.MAX_SAFE_INTEGER / 2; // as if the disk were full
      const full = await refusal(zip.checkExpansion(zip.entries, dir));
      expect(full.code).toBe('zip-no-space');
      expect(full.params).toMatchObject({ zip: path, size: '1 KB' });
      ZIP_LIMITS.keepFree = saved.keepFree;
      ZIP_LIMITS.maxExpanded = 5;
      const capped = await refusal(zip.checkExpansion(zip.entries, dir));
      expect(capped.code).toBe('zip-too-large');
    } finally {
      Object.assign(ZIP_LIMITS, saved);
      zip.close();
    }
  });
});
