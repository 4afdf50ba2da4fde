// Files over 16 MB on disk (videos, the odd huge picture or WeChat .dat) are read in 1 MiB pieces
// into a pooled block that every piece reuses (importer.ts, readPieces): what is stored must be
// exactly each file, decoded where it was encoded, while other files are read into the pool's other
// blocks at the same time; a piece ending exactly at the end of a file, or a file whose pieces are
// collected whole (a WeChat 4 V1 .dat), included.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closePhotoArchive, importPhotos } from '../../../electron/photos/index';
import { blobPath } from '../../../electron/platform/content-store';
import { makeJpeg, makeVDat, md5, put, sha256, xorDat } from './fixtures';

const MiB = 1 << 20;
let root: string;
let caseDir: string;
let src: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'relink-large-files-'));
  caseDir = join(root, 'case');
  src = join(root, 'src');
  mkdirSync(caseDir);
});
afterAll(() => {
  closePhotoArchive(caseDir);
  rmSync(root, { recursive: true, force: true });
});

function video(size: number): Buffer {
  const bytes = randomBytes(size);
  Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0]).copy(bytes);
  return bytes;
}

/** A real JPEG followed by `extra` random bytes and an end marker (as a WeChat V1 tail is found by): a picture as large as wanted. */
async function bigJpeg(seed: number, extra: number): Promise<Buffer> {
  return Buffer.concat([await makeJpeg(seed), randomBytes(extra), Buffer.from([0xff, 0xd9])]);
}

describe('files over 16 MB', () => {
  it('are stored byte for byte, decoded where encoded, beside small pictures read at the same time', async () => {
    const expected: { name: string; bytes: Buffer }[] = [];
    const camera = (name: string, bytes: Buffer) => {
      put(join(src, 'DCIM', 'Camera', name), bytes);
      expected.push({ name, bytes });
    };
    camera('VID_long.mp4', video(40 * MiB + 123));
    camera('VID_exact.mp4', video(17 * MiB)); // the last piece fills the block: one more read finds the end
    camera('PANO_huge.jpg', await bigJpeg(1, 20 * MiB));
    for (let i = 0; i < 24; i++) camera(`IMG_${i}.jpg`, await makeJpeg(100 + i));
    const chat = md5('wxid_friend');
    const xorPicture = await bigJpeg(2, 18 * MiB);
    put(join(src, 'WeChat Files', 'wxid_me', 'FileStorage', 'MsgAttach', chat, 'Image', '2023-01', `${md5('x')}.dat`), xorDat(xorPicture, 0x5a));
    expected.push({ name: 'XOR .dat', bytes: xorPicture });
    const v1Picture = await bigJpeg(3, 17 * MiB + 7);
    put(join(src, 'xwechat_files', 'wxid_me_a1b2', 'msg', 'attach', 'c'.repeat(32), '2023-05', 'Img', `${md5('v1')}.dat`), makeVDat(v1Picture, { aesLen: 1024, xorLen: 200, xorKey: 0x37 }));
    expected.push({ name: 'V1 .dat', bytes: v1Picture });

    const summary = await importPhotos(caseDir, [src], { thumbnails: false, concurrency: 3 });
    expect(summary.unreadable).toEqual([]);
    expect(summary.couldNotDecode).toEqual([]);
    expect(summary).toMatchObject({ new: expected.length, decoded: 2 });
    for (const { name, bytes } of expected) {
      const stored = blobPath(caseDir, sha256(bytes));
      expect(stored, name).toBeDefined();
      expect(sha256(readFileSync(stored!)), name).toBe(sha256(bytes));
    }
  });
});
