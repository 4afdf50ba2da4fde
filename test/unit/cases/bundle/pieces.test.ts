// Reading a bundle moves its bytes in pieces of shared memory that are read into again once the
// hash and the write are done with them: a piece used again too early would put the next bytes into
// a part's file or its hash. Parts of every size around a piece, a sink whose writes finish late,
// hashing on the worker (64 MB and more), plain and encrypted (decrypted bytes are gathered into pieces).
// And a cancel midway, with the workers under way, leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaseBundle, importCaseBundle } from '../../../../electron/cases/bundle';
import { PIECE } from '../../../../electron/cases/bundle/io';
import { readBundle, type PartSink } from '../../../../electron/cases/bundle/read';
import { openCaseFolder } from '../../../../electron/cases/case-folder';

let dir: string;
let caseDir: string;
const bodies = new Map<string, Buffer>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relink-pieces-'));
  caseDir = join(dir, 'data', '钱七');
  await openCaseFolder(caseDir, '钱七');
  await mkdir(join(caseDir, 'store'), { recursive: true });
  const sizes = [0, 1, 511, 512, 513, 70_000, PIECE - 513, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE + 700, 30 * PIECE + 3, 20 * PIECE - 9];
  for (let i = 0; i < 20; i++) sizes.push(Math.floor(Math.random() * 3 * PIECE));
  for (const [i, size] of sizes.entries()) {
    const path = `store/${String(i).padStart(2, '0')}`;
    bodies.set(path, randomBytes(size));
    await writeFile(join(caseDir, path), bodies.get(path)!);
  }
  await exportCaseBundle(caseDir, join(dir, 'plain.relink'), { appVersion: 'test' });
  await exportCaseBundle(caseDir, join(dir, 'locked.relink'), { appVersion: 'test', passphrase: 'pieces', workFactor: 10 });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A sink that takes its time over each write and keeps what the piece held when the write finished. */
function lateSink(into: Map<string, Buffer[]>) {
  return (path: string): Promise<PartSink> => {
    const got: Buffer[] = [];
    into.set(path, got);
    const writes: Promise<void>[] = [];
    return Promise.resolve({
      write: (pieces, written) => {
        writes.push(
          new Promise<void>((resolve) =>
            setTimeout(() => {
              for (const p of pieces) got.push(Buffer.from(p));
              written();
              resolve();
            }, 2),
          ),
        );
        return Promise.resolve();
      },
      end: async () => {
        await Promise.all(writes);
      },
    });
  };
}

describe('a large bundle moved in pieces used again', () => {
  for (const locked of [false, true]) {
    it(`every part reaches its sink and its hash as it was, with writes finishing late (${locked ? 'encrypted' : 'plain'})`, async () => {
      const written = new Map<string, Buffer[]>();
      const { header, manifest } = await readBundle(join(dir, locked ? 'locked.relink' : 'plain.relink'), {
        ...(locked ? { passphrase: 'pieces' } : {}),
        partSink: lateSink(written),
      });
      expect(header.counts.bytes).toBeGreaterThan(64 * 1024 * 1024); // hashed on the worker
      for (const [path, body] of bodies) {
        expect(Buffer.concat(written.get(path)!).equals(body), path).toBe(true);
        expect(manifest.parts.find((p) => p.path === path)?.sha256).toBe(createHash('sha256').update(body).digest('hex'));
      }
    }, 60_000);
  }

  it('a cancel midway stops an export (sealing on workers) and an import, leaving nothing behind', async () => {
    for (const passphrase of [undefined, 'pieces']) {
      const stop = new AbortController();
      const out = join(dir, 'out', 'cancelled.relink');
      const exporting = exportCaseBundle(caseDir, out, {
        appVersion: 'test',
        ...(passphrase ? { passphrase, workFactor: 10 } : {}),
        signal: stop.signal,
        onProgress: (done) => done > 20 * PIECE && stop.abort(),
      });
      await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
      expect(await readdir(join(dir, 'out'))).toEqual([]);

      const into = join(dir, `cancelled-import-${passphrase ?? 'plain'}`);
      const halt = new AbortController();
      const importing = importCaseBundle(into, join(dir, passphrase ? 'locked.relink' : 'plain.relink'), {
        ...(passphrase ? { passphrase } : {}),
        signal: halt.signal,
        onProgress: (done) => done > 20 * PIECE && halt.abort(),
      });
      await expect(importing).rejects.toMatchObject({ name: 'AbortError' });
      expect(await readdir(into)).toEqual([]);
    }
  }, 60_000);
});
