// A media tree the size people bring (issue 16: "40–55 GB", "hundreds of GB"), generated the way
// phones and WeChat lay it out, its size a parameter: camera JPEGs of 1–4 MB under DCIM/Camera
// (each unique: a numbered COM segment on one of a few real encoder outputs), videos (MP4 with an
// ftyp box and incompressible data, 20–160 MB, so the import streams them), WeChat PC .dat pictures
// (XOR-encoded copies) under FileStorage/MsgAttach/<md5>/Image/<month>, and duplicates (a backup
// folder holding copies of camera pictures). Shares by bytes: 65% camera, 20% video, 7% .dat,
// 8% duplicates.
import { createHash, randomFillSync } from 'node:crypto';
import { mkdirSync, openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { jpegVariant, photoLikePixels, xorBytes } from './gen-pixels';

export interface MediaTree {
  files: number;
  bytes: number;
  camera: number;
  videos: number;
  dats: number;
  duplicates: number;
}


async function baseJpegs(): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const [i, width] of [1600, 2000, 2400, 2800].entries()) {
    const height = (width * 3) / 4;
    out.push(
      await sharp(photoLikePixels(i + 7, width, height), { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 84 })
        .withExif({ IFD0: { Make: 'Gen', Model: 'Tree' }, IFD2: { DateTimeOriginal: `20${15 + i}:0${i + 1}:1${i} 10:00:00` } })
        .toBuffer(),
    );
  }
  return out;
}



/** An MP4-shaped file of `size` bytes: ftyp box, then one mdat box of random data. */
function writeVideo(path: string, size: number, chunk: Buffer): void {
  const fd = openSync(path, 'w');
  try {
    const head = Buffer.alloc(32);
    head.writeUInt32BE(24, 0);
    head.write('ftypisom', 4, 'latin1');
    head.writeUInt32BE(0x200, 12);
    head.write('isomiso2', 16, 'latin1');
    head.writeUInt32BE(size - 24, 24);
    head.write('mdat', 28, 'latin1');
    writeSync(fd, head);
    for (let left = size - head.length; left > 0; left -= chunk.length) {
      randomFillSync(chunk, 0, Math.min(64, chunk.length)); // each chunk differs: no two videos alike
      writeSync(fd, chunk, 0, Math.min(left, chunk.length));
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes a tree of about `targetBytes` under `root`. */
export async function generateMediaTree(root: string, targetBytes: number, onFile?: (tree: MediaTree) => void): Promise<MediaTree> {
  const bases = await baseJpegs();
  const tree: MediaTree = { files: 0, bytes: 0, camera: 0, videos: 0, dats: 0, duplicates: 0 };
  const camera = join(root, 'DCIM', 'Camera');
  const videos = join(root, 'DCIM', 'Video');
  const backup = join(root, 'Backup 2021');
  for (const d of [camera, videos, backup]) mkdirSync(d, { recursive: true });
  const chunk = randomFillSync(Buffer.alloc(4 << 20));
  const add = (path: string, data: Buffer | number, kind: keyof Omit<MediaTree, 'files' | 'bytes'>) => {
    if (typeof data === 'number') writeVideo(path, data, chunk);
    else writeFileSync(path, data);
    tree.files++;
    tree.bytes += typeof data === 'number' ? data : data.length;
    tree[kind]++;
    onFile?.(tree);
  };
  let n = 0;
  let videoBytes = 0;
  let datBytes = 0;
  let dupBytes = 0;
  while (tree.bytes < targetBytes) {
    const month = String((n % 12) + 1).padStart(2, '0');
    const pic = jpegVariant(bases[n % bases.length]!, n, 'relink-media-tree');
    add(join(camera, `IMG_20${16 + (n % 8)}${month}10_${String(n).padStart(7, '0')}.jpg`), pic, 'camera');
    if (datBytes < tree.bytes * 0.07) {
      const md5 = createHash('md5').update(`chat-${n % 40}`).digest('hex');
      const dir = join(root, 'WeChat Files', 'wxid_gen', 'FileStorage', 'MsgAttach', md5, 'Image', `20${16 + (n % 8)}-${month}`);
      mkdirSync(dir, { recursive: true });
      const other = jpegVariant(bases[(n + 1) % bases.length]!, 10_000_000 + n, 'relink-media-tree');
      add(join(dir, `${createHash('md5').update(String(n)).digest('hex')}.dat`), xorBytes(other, 0x5a), 'dats');
      datBytes += other.length;
    }
    if (dupBytes < tree.bytes * 0.08) {
      add(join(backup, `copy_${n}.jpg`), pic, 'duplicates');
      dupBytes += pic.length;
    }
    if (videoBytes < tree.bytes * 0.2) {
      const size = (20 + ((n * 37) % 141)) << 20;
      add(join(videos, `VID_${String(n).padStart(7, '0')}.mp4`), size, 'videos');
      videoBytes += size;
    }
    n++;
  }
  return tree;
}
