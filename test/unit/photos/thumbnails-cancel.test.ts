// A photo import cancelled while thumbnails are still queued stops its thumbnail worker for good
// (before: the queued pictures started a new worker after the close, which kept the app from
// quitting), and the pictures it did not reach keep no thumbnail state, so they are made later
// (before: each was marked "failed" and never tried again by buildThumbnails).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThumbnails, closePhotoArchive, importPhotos } from '../../../electron/photos/index';
import { photoIndex } from '../../../electron/photos/photo-index';
import { noisePixels, put } from './fixtures';

let work: string;
let folder: string;
const PICTURES = 150;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relink-thumb-cancel-'));
  folder = join(work, 'DCIM');
  const base = await sharp(noisePixels(3, 1200, 900), { raw: { width: 1200, height: 900, channels: 3 } }).jpeg().toBuffer();
  for (let i = 0; i < PICTURES; i++) {
    const text = Buffer.from(`n-${i}`);
    put(join(folder, `IMG_${i}.jpg`), Buffer.concat([base.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, text.length + 2]), text, base.subarray(2)]));
  }
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe('cancelling an import with thumbnails queued', () => {
  it('leaves no worker running and no picture marked failed', async () => {
    const caseDir = join(work, 'case');
    const before = ports();
    const controller = new AbortController();
    const summary = await importPhotos(caseDir, [folder], {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: (p) => {
        if (p.phase === 'importing' && p.filesScanned >= PICTURES / 2) controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    expect(summary.thumbnails.failed).toBe(0);
    expect(ports()).toBe(before);
    const index = photoIndex(caseDir);
    const recorded = index.list({ limit: 1000 }).total;
    expect(recorded).toBeGreaterThan(0);
    // every recorded picture has a thumbnail or is still to be made: none was given up on
    expect(summary.thumbnails.made + index.missingThumbnails().length).toBe(recorded);
    const later = await buildThumbnails(caseDir);
    expect(later.failed).toBe(0);
    expect(index.missingThumbnails()).toEqual([]);
    closePhotoArchive(caseDir);
  }, 120_000);
});
