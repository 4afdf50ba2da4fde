// Photo imports from hostile or broken zips: a zip of many entries that expand a lot together writes
// nothing to the store, a zip-bomb entry is refused by name while the zip's other pictures are
// imported, and a ".zip" that is no zip is named instead of counted as "not a picture".
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closePhotoArchive, importPhotos } from '../../../electron/photos/index';
import { contentStoreDir } from '../../../electron/platform/content-store';
import { ZIP_LIMITS } from '../../../electron/platform/zip';
import { buildZip, zeroJpeg } from '../platform/hostile-zips';
import { makeJpeg, put } from './fixtures';

let root: string;
let caseDir: string;
let src: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'relink-photozip-'));
  caseDir = join(root, 'case');
  src = join(root, 'src');
  mkdirSync(caseDir);
  mkdirSync(src);
});
afterEach(() => {
  closePhotoArchive(caseDir);
  rmSync(root, { recursive: true, force: true });
});

/** Bytes of every file under the store (blobs and temps). */
function storeBytes(): number {
  const dir = contentStoreDir(caseDir);
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
  } catch {
    return 0;
  }
}

describe('photo import from hostile zips', () => {
  it('a small zip of many pictures that expand 1000 times writes nothing to the store', async () => {
    const entries = Array.from({ length: 40 }, (_, i) => {
      const data = zeroJpeg(4 << 20);
      data[100] = i + 1; // each picture distinct: none is a duplicate of another
      return { name: `DCIM/IMG_${1000 + i}.jpg`, data };
    });
    const zip = join(src, 'takeout.zip');
    put(zip, buildZip(entries));
    expect(statSync(zip).size).toBeLessThan(1 << 20);
    const s = await importPhotos(caseDir, [src], { thumbnails: false });
    expect(s.new).toBe(0);
    expect(s.skipped).toBe(0);
    expect(s.unreadable).toEqual([expect.objectContaining({ path: zip, code: 'zip-bomb', params: expect.objectContaining({ count: 40 }) })]);
    expect(s.unreadable[0]!.message).toMatch(/zip bomb/);
    expect(storeBytes()).toBe(0);
  });

  it('a zip-bomb entry is refused by name; the zip\'s other pictures are imported', async () => {
    const zip = join(src, 'backup.zip');
    put(zip, buildZip([
      { name: 'a.jpg', data: await makeJpeg(1) },
      { name: 'huge.jpg', data: zeroJpeg(16 << 20) },
      { name: 'b.jpg', data: await makeJpeg(2) },
    ]));
    const s = await importPhotos(caseDir, [zip], { thumbnails: false });
    expect(s.new).toBe(2);
    expect(s.unreadable).toEqual([expect.objectContaining({ path: `${zip}!/huge.jpg`, code: 'zip-bomb-entry' })]);
    expect(storeBytes()).toBeLessThan(1 << 20);
  });

  it('a ".zip" that is not a zip is named as not a readable zip, not counted as "not a picture"', async () => {
    const garbage = join(src, 'holiday.zip');
    put(garbage, Buffer.from('this is not a zip at all, just some text that was renamed'));
    put(join(src, 'ok.jpg'), await makeJpeg(3));
    const s = await importPhotos(caseDir, [src], { thumbnails: false });
    expect(s.new).toBe(1);
    expect(s.skipped).toBe(0);
    expect(s.unreadable).toEqual([expect.objectContaining({ path: garbage, code: 'zip-not-readable', message: expect.stringMatching(/not a readable zip/) })]);
  });

  it('a zip that would not fit the free disk space is refused whole; entries an earlier run finished do not count', async () => {
    const zip = join(src, 'phone.zip');
    put(zip, buildZip([{ name: 'a.jpg', data: await makeJpeg(4) }, { name: 'b.jpg', data: await makeJpeg(5) }]));
    const keepFree = ZIP_LIMITS.keepFree;
    try {
      ZIP_LIMITS.keepFree = Number.MAX_SAFE_INTEGER / 2; // as if the disk were full
      const refused = await importPhotos(caseDir, [zip], { thumbnails: false });
      expect(refused.new).toBe(0);
      expect(refused.unreadable).toEqual([expect.objectContaining({ path: zip, code: 'zip-no-space', message: expect.stringMatching(/free/) })]);
      ZIP_LIMITS.keepFree = keepFree;
      expect((await importPhotos(caseDir, [zip], { thumbnails: false })).new).toBe(2);
      ZIP_LIMITS.keepFree = Number.MAX_SAFE_INTEGER / 2;
      const again = await importPhotos(caseDir, [zip], { thumbnails: false });
      expect(again).toMatchObject({ new: 0, unchanged: 2, unreadable: [] });
    } finally {
      ZIP_LIMITS.keepFree = keepFree;
    }
  });
});
