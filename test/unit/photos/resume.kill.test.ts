// A photo import killed with SIGKILL half way resumes without reading or hashing again any file
// it had recorded as stored: the second run hashes exactly the files the first did not record.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleNodeScript } from '../node-script';
import { closePhotoArchive, importPhotos, listPhotos } from '../../../electron/photos/index';
import { HashWorker } from '../../../electron/photos/hash-worker';
import { photoIndex } from '../../../electron/photos/photo-index';
import { makeJpeg, put, xorDat } from './fixtures';

const FILES = 300;
let work: string;
let script: string;
let folder: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relink-photo-resume-'));
  script = await bundleNodeScript('test/unit/photos/fixtures/slow-import.ts', join(work, 'slow-import.mjs'));
  folder = join(work, 'phone');
  const base = await makeJpeg(1, '2021:05:01 10:00:00', 64);
  for (let i = 0; i < FILES; i++) {
    // unique pictures: a numbered COM segment after SOI; every tenth a WeChat .dat, every 15th a duplicate
    const text = Buffer.from(`pic-${i}`);
    const com = Buffer.from([0xff, 0xfe, 0, text.length + 2]);
    const pic = Buffer.concat([base.subarray(0, 2), com, text, base.subarray(2)]);
    if (i % 10 === 0) put(join(folder, 'WeChat Files', 'wxid_a', 'FileStorage', 'MsgAttach', 'a'.repeat(32), 'Image', '2021-05', `${i}.dat`), xorDat(pic, 0x33));
    else put(join(folder, 'DCIM', `IMG_${i}.jpg`), pic);
    if (i % 15 === 0) put(join(folder, 'backup', `copy_${i}.jpg`), pic);
  }
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('photo import after kill -9', () => {
  it('reads and hashes again only the files the killed run had not recorded', async () => {
    const caseDir = join(work, 'case');
    const all = filesUnder(folder);
    const child = spawn(process.execPath, [script, caseDir, folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<string | null>((r) => child.once('exit', (_code, signal) => r(signal)));
    // Kill once half the files were handed over: by then at least one batch was recorded.
    await new Promise<void>((resolve) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const last = [...out.matchAll(/scanned (\d+)/g)].at(-1);
        if (last && Number(last[1]) >= all.length / 2) resolve();
      });
    });
    child.kill('SIGKILL');
    expect(await exited, `the import ended by itself: ${stderr}`).toBe('SIGKILL');

    const index = photoIndex(caseDir);
    const recorded = all.filter((f) => {
      const row = index.scanned(f);
      return row && row.outcome === 'stored' && row.size === statSync(f).size;
    });
    closePhotoArchive(caseDir);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThan(all.length);

    const hashed = vi.spyOn(HashWorker.prototype, 'hash');
    try {
      const summary = await importPhotos(caseDir, [folder], { thumbnails: false });
      expect(summary.unchanged).toBe(recorded.length);
      expect(hashed).toHaveBeenCalledTimes(all.length - recorded.length);
      const recordedBytes = recorded.reduce((n, f) => n + statSync(f).size, 0);
      const allBytes = all.reduce((n, f) => n + statSync(f).size, 0);
      expect(summary.bytesRead).toBe(allBytes - recordedBytes);
    } finally {
      hashed.mockRestore();
    }
    // Nothing lost or doubled: every unique picture once.
    expect((await listPhotos(caseDir, { limit: 1000 })).total).toBe(FILES);
    closePhotoArchive(caseDir);
  }, 120_000);
});
