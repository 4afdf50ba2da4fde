// Temp files a killed import left (store ".part", thumbnail ".tmp") are removed when the case's photo
// store is next opened, before any import; temps of running processes (this one, another) are kept.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closePhotoArchive, listPhotos } from '../../../electron/photos/index';
import { contentStoreDir } from '../../../electron/platform/content-store';
import { thumbnailFile } from '../../../electron/photos/thumbnails';

let caseDir: string;
beforeEach(() => {
  caseDir = mkdtempSync(join(tmpdir(), 'relink-leftovers-'));
});
afterEach(() => {
  closePhotoArchive(caseDir);
  rmSync(caseDir, { recursive: true, force: true });
});

/** The id of a process that ran and exited: no process has it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function touch(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'half written');
  return path;
}

describe('leftovers of a killed import', () => {
  it('are removed on the next open of the store, only when their writer is gone', () => {
    const dead = deadPid();
    const tmp = join(contentStoreDir(caseDir), '.tmp');
    const sha = 'ab'.repeat(32);
    const deadPart = touch(join(tmp, `${dead}-0123456789abcdef.part`));
    const livePart = touch(join(tmp, `${process.pid}-0123456789abcdef.part`));
    const otherLivePart = touch(join(tmp, `${process.ppid}-fedcba9876543210.part`));
    const deadThumb = touch(`${thumbnailFile(caseDir, sha)}.${dead}.7.tmp`);
    const liveThumb = touch(`${thumbnailFile(caseDir, sha)}.${process.pid}.8.tmp`);
    const notATemp = touch(join(tmp, 'notes.txt'));

    listPhotos(caseDir, {}); // opens the store's index, as the app and every command do first

    expect(existsSync(deadPart)).toBe(false);
    expect(existsSync(deadThumb)).toBe(false);
    expect(existsSync(livePart)).toBe(true);
    expect(existsSync(otherLivePart)).toBe(true);
    expect(existsSync(liveThumb)).toBe(true);
    expect(existsSync(notATemp)).toBe(true);
  });
});
