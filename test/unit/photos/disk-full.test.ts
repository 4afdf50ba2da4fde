// A full disk mid-import: clear message, archive consistent (verify passes, no temp files left),
// and the next run finishes the job. The disk is "filled" by making store writes fail with ENOSPC.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const disk = vi.hoisted(() => ({ writesLeft: Infinity }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args);
    if (!String(args[0]).includes(`${'store'}/.tmp`)) return handle;
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>;
    (handle as unknown as { write: unknown }).write = async (...a: unknown[]) => {
      if (disk.writesLeft-- <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return write(...a);
    };
    return handle;
  };
  return { ...real, open, default: { ...real, open } };
});

const { closePhotoArchive, importPhotos, listPhotos, verifyPhotos } = await import('../../../electron/photos/index');
const { contentStoreDir } = await import('../../../electron/platform/content-store');
const { makeJpeg, put } = await import('./fixtures');

let root = '';
afterEach(() => {
  closePhotoArchive(join(root, 'case'));
  rmSync(root, { recursive: true, force: true });
});

describe('disk full during import', () => {
  it('stops with a clear message, keeps the archive consistent, and resumes', async () => {
    root = mkdtempSync(join(tmpdir(), 'relink-enospc-'));
    const caseDir = join(root, 'case');
    const src = join(root, 'src');
    mkdirSync(caseDir);
    for (let i = 0; i < 8; i++) put(join(src, `p${i}.jpg`), await makeJpeg(200 + i));
    disk.writesLeft = 3; // each small picture is one write
    const first = await importPhotos(caseDir, [src], { concurrency: 1, thumbnails: false });
    expect(first.stoppedBecause).toMatch(/disk is full.*p3\.jpg.*Free some space/s);
    expect(first.new).toBe(3);
    expect(readdirSync(join(contentStoreDir(caseDir), '.tmp'))).toEqual([]);
    expect(await verifyPhotos(caseDir)).toEqual({ checked: 3, damaged: [] });

    disk.writesLeft = Infinity;
    const second = await importPhotos(caseDir, [src], { thumbnails: false });
    expect(second).toMatchObject({ new: 5, unchanged: 3 });
    expect(second.stoppedBecause).toBeUndefined();
    expect((await listPhotos(caseDir)).total).toBe(8);
  });
});
