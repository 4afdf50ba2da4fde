import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, contentStoreDir, hashBlob, putBuffer, putFile, putStream } from '../../../electron/platform/content-store';

let caseDir: string;
beforeEach(() => {
  caseDir = mkdtempSync(join(tmpdir(), 'relink-store-'));
});
afterEach(() => rmSync(caseDir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('content store', () => {
  it('stores bytes under their SHA-256 and stores identical bytes once', async () => {
    const bytes = Buffer.from('hello picture');
    const a = await putBuffer(caseDir, bytes, 'jpg');
    expect(a.sha256).toBe(sha(bytes));
    expect(a.existed).toBe(false);
    expect(a.path).toBe(join(contentStoreDir(caseDir), a.sha256.slice(0, 2), `${a.sha256}.jpg`));
    expect(readFileSync(a.path)).toEqual(bytes);
    const b = await putBuffer(caseDir, bytes, 'png');
    expect(b.existed).toBe(true);
    expect(b.path).toBe(a.path);
    expect(blobPath(caseDir, a.sha256)).toBe(a.path);
    expect(readdirSync(join(contentStoreDir(caseDir), '.tmp'))).toEqual([]);
  });

  it('streams a file through a transform and hashes the transformed bytes', async () => {
    const src = join(caseDir, 'src.dat');
    const plain = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    plain[0] = 0xff;
    const xored = Buffer.from(plain.map((x) => x ^ 0x51));
    writeFileSync(src, xored);
    const blob = await putFile(caseDir, src, (chunk) => Buffer.from(chunk.map((x) => x ^ 0x51)));
    expect(blob.sha256).toBe(sha(plain));
    expect(blob.size).toBe(plain.length);
    expect(await hashBlob(blob.path)).toBe(sha(plain));
  });

  it('leaves no blob and no temp file when the source fails midway', async () => {
    async function* failing() {
      yield Buffer.from('part one');
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    await expect(putStream(caseDir, failing())).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(join(contentStoreDir(caseDir), '.tmp'))).toEqual([]);
    expect(blobPath(caseDir, sha(Buffer.from('part one')))).toBeUndefined();
  });

  it('honours an abort signal', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(putStream(caseDir, [Buffer.from('y')], { signal: ctl.signal })).rejects.toThrow();
    expect(readdirSync(join(contentStoreDir(caseDir), '.tmp'))).toEqual([]);
    expect(blobPath(caseDir, sha(Buffer.from('y')))).toBeUndefined();
  });

  it('rejects malformed hashes and reports missing blobs', async () => {
    expect(blobPath(caseDir, '../../etc/passwd')).toBeUndefined();
    expect(blobPath(caseDir, 'a'.repeat(64))).toBeUndefined();
    expect(await hashBlob(join(caseDir, 'nope'))).toBeUndefined();
    expect(existsSync(contentStoreDir(caseDir))).toBe(false);
  });
});
