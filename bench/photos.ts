// Photo archive benchmark: import throughput against the machine's own limits, measured in the
// same run: raw SHA-256 speed (in memory) and sequential read speed of the very files imported.
// Data: ≥1,000 camera-like JPEGs of 1–4 MB (+ WeChat .dat XOR copies and plain duplicates),
// generated into os.tmpdir() and removed afterwards. Thumbnails and listing are reported apart.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildThumbnails, closePhotoArchive, importPhotos, listPhotos, photoMonths } from '../electron/photos/index';
import { PhotoIndex } from '../electron/photos/photo-index';

const PICTURES = 1000;
const DAT_COPIES = 200;
const DUPLICATES = 150;
const BASES = 12;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const mb = (bytes: number) => bytes / 1e6;
const fmt = (n: number, d = 1) => n.toFixed(d);

function noise(seed: number, width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < px.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    // Smooth gradient plus some noise: compresses like a real photo.
    px[i] = ((i / 3) % width) / 12 + (((i / 3 / width) | 0) % 200) / 3 + (x & 0x3f);
  }
  return px;
}

const MIN_JPEG = 1_000_000;
const MAX_JPEG = 4_000_000;

async function cameraJpeg(seed: number, width: number, quality: number, month: string): Promise<Buffer> {
  const height = Math.round((width * 3) / 4);
  return sharp(noise(seed, width, height), { raw: { width, height, channels: 3 } })
    .jpeg({ quality })
    .withExif({ IFD0: { Make: 'Bench', Model: 'Cam' }, IFD2: { DateTimeOriginal: `2019:${month}:10 10:00:00` } })
    .toBuffer();
}

/**
 * Camera JPEGs spread over 1.2–3.8 MB. JPEG size follows the pixel count, so each base is made at
 * a first guess of its width, then once more at the width that size says, until it fits 1–4 MB.
 */
async function baseJpegs(): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let i = 0; i < BASES; i++) {
    const target = 1.2e6 + (2.6e6 * i) / (BASES - 1);
    const quality = 80 + (i % 4) * 4;
    const month = String((i % 12) + 1).padStart(2, '0');
    let width = 2400;
    let jpeg = await cameraJpeg(i + 1, width, quality, month);
    for (let tries = 0; tries < 4 && Math.abs(jpeg.length - target) > target * 0.08; tries++) {
      width = Math.round((width * Math.sqrt(target / jpeg.length)) / 8) * 8;
      jpeg = await cameraJpeg(i + 1, width, quality, month);
    }
    if (jpeg.length < MIN_JPEG || jpeg.length > MAX_JPEG) throw new Error(`bench JPEG ${i} is ${jpeg.length} bytes, not 1–4 MB`);
    out.push(jpeg);
  }
  return out;
}

/** A unique variant of a JPEG: a COM segment right after SOI carrying the picture number. */
function variant(base: Buffer, n: number): Buffer {
  const text = Buffer.from(`relink-bench-${n}`);
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), com, text, base.subarray(2)]);
}

function xor(b: Buffer, key: number): Buffer {
  const out = Buffer.allocUnsafe(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b[i]! ^ key;
  return out;
}

const SHA_BENCH_BYTES = 4 * 64 * 1024 * 1024;

function shaThroughput(): number {
  const buf = Buffer.alloc(SHA_BENCH_BYTES / 4, 0x5a);
  const h = createHash('sha256');
  const t = performance.now();
  for (let i = 0; i < 4; i++) h.update(buf);
  h.digest();
  return SHA_BENCH_BYTES / ((performance.now() - t) / 1000);
}

async function readThroughput(files: string[]): Promise<number> {
  let bytes = 0;
  const t = performance.now();
  for (const f of files) {
    for await (const chunk of createReadStream(f, { highWaterMark: 1 << 20 })) bytes += (chunk as Buffer).length;
  }
  return bytes / ((performance.now() - t) / 1000);
}

/**
 * Waits until the kernel has written every dirty page to disk. The generated tree (3.5 GB) and
 * the previous round's archive would otherwise still be flushing while a round runs, and the
 * import's own flushes (it makes each batch durable) would queue behind the bench's writes.
 */
function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

async function listingBench(root: string): Promise<void> {
  const caseDir = join(root, 'case-100k');
  const idx = new PhotoIndex(caseDir);
  const N = 100_000;
  const t0 = performance.now();
  idx.transaction(() => {
    for (let i = 0; i < N; i++) {
      const sha = createHash('sha256').update(String(i)).digest('hex');
      const month = String((i % 12) + 1).padStart(2, '0');
      idx.insertPhoto({ sha256: sha, type: 'jpeg', mime: 'image/jpeg', size: 2_000_000, date: `20${10 + (i % 14)}-${month}-01T00:00:00`, dateSource: 'exif', thumbnailOnly: false });
      idx.addOrigin(sha, { path: `/phone/DCIM/Camera/IMG_${i}.jpg`, kind: i % 3 === 0 ? 'wechat' : 'camera', name: `IMG_${i}.jpg`, mtime: '2020-01-01T00:00:00.000Z' });
      if (i % 10 === 0) idx.addOrigin(sha, { path: `/backup/IMG_${i}.jpg`, kind: 'backup', name: `IMG_${i}.jpg`, mtime: '2020-01-01T00:00:00.000Z' });
    }
  });
  const fill = performance.now() - t0;
  idx.close();
  const time = async (label: string, f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    console.log(`list 100k: ${label}: ${fmt(performance.now() - t, 1)} ms`);
  };
  console.log(`list 100k: index filled with ${N} pictures in ${fmt(fill / 1000, 1)} s`);
  await time('first page (200)', () => listPhotos(caseDir, { limit: 200 }));
  await time('first page again (warm)', () => listPhotos(caseDir, { limit: 200 }));
  await time('page at offset 50,000', () => listPhotos(caseDir, { offset: 50_000, limit: 200 }));
  await time('origin=wechat first page', () => listPhotos(caseDir, { origin: 'wechat', limit: 200 }));
  await time('duplicatesOnly first page', () => listPhotos(caseDir, { duplicatesOnly: true, limit: 200 }));
  await time('photoMonths', () => photoMonths(caseDir));
  closePhotoArchive(caseDir);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'relink-bench-photos-'));
  try {
    console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown cpu'}`);
    const tGen = performance.now();
    const bases = await baseJpegs();
    const src = join(root, 'src');
    const files: string[] = [];
    let bytes = 0;
    const write = (path: string, data: Buffer) => {
      writeFileSync(path, data);
      files.push(path);
      bytes += data.length;
    };
    const camera = join(src, 'DCIM', 'Camera');
    const wechat = join(src, 'WeChat Files', 'wxid_bench', 'FileStorage', 'MsgAttach', 'a'.repeat(32), 'Image', '2020-05');
    const backup = join(src, 'old-backup');
    for (const d of [camera, wechat, backup]) mkdirSync(d, { recursive: true });
    for (let i = 0; i < PICTURES; i++) {
      const pic = variant(bases[i % BASES]!, i);
      write(join(camera, `IMG_2019${String((i % 12) + 1).padStart(2, '0')}10_${String(i).padStart(6, '0')}.jpg`), pic);
      if (i < DAT_COPIES) write(join(wechat, `${createHash('md5').update(String(i)).digest('hex')}.dat`), xor(pic, 0x51));
      if (i >= PICTURES - DUPLICATES) write(join(backup, `copy_${i}.jpg`), pic);
    }
    const cameraSizes = files.filter((f) => f.startsWith(camera)).map((f) => statSync(f).size);
    console.log(
      `data: ${files.length} files, ${fmt(mb(bytes), 0)} MB (${PICTURES} camera JPEGs ${fmt(mb(Math.min(...cameraSizes)), 2)}–${fmt(mb(Math.max(...cameraSizes)), 2)} MB, ${DAT_COPIES} WeChat .dat, ${DUPLICATES} duplicates), generated in ${fmt((performance.now() - tGen) / 1000)} s`,
    );

    // Other programs may share the machine: each round measures the limits and the import back to
    // back, so the percentage compares like with like; CPU time shows what the import itself costs.
    const caseDir = join(root, 'case');
    const percents: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      rmSync(caseDir, { recursive: true, force: true });
      mkdirSync(caseDir);
      settleDisk();
      const shaCpu0 = process.cpuUsage();
      const sha = shaThroughput();
      const shaCpu = process.cpuUsage(shaCpu0);
      const readCpu0 = process.cpuUsage();
      const read = await readThroughput(files);
      const readCpu = process.cpuUsage(readCpu0);
      const limit = Math.min(sha, read);
      const cpu0 = process.cpuUsage();
      const t = performance.now();
      const s = await importPhotos(caseDir, [src], { thumbnails: false });
      const secs = (performance.now() - t) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const rate = s.bytesRead / secs;
      percents.push((rate / limit) * 100);
      console.log(`round ${round}: raw SHA-256 ${fmt(mb(sha), 0)} MB/s, sequential read (same files) ${fmt(mb(read), 0)} MB/s, loadavg ${fmt(loadavg()[0]!, 2)}`);
      console.log(`round ${round}: import: ${s.new} new, ${s.duplicates} duplicates, ${s.decoded} decoded .dat, ${s.unreadable.length} unreadable in ${fmt(secs, 2)} s`);
      console.log(
        `round ${round}: import: ${fmt(mb(rate), 0)} MB/s, ${fmt(files.length / secs, 0)} files/s, ${fmt(s.new / secs, 0)} new pictures/s, CPU ${fmt(cpu.user / 1e6, 2)} s user + ${fmt(cpu.system / 1e6, 2)} s system (${fmt((cpu.user + cpu.system) / 1e4 / secs, 0)} % of one core)`,
      );
      // Load-independent view: CPU the import spent against CPU the two baselines need for these bytes.
      const floorCpu = ((shaCpu.user + shaCpu.system) / 1e6) * (s.bytesRead / SHA_BENCH_BYTES) + (readCpu.user + readCpu.system) / 1e6;
      console.log(`round ${round}: import CPU ${fmt((cpu.user + cpu.system) / 1e6, 2)} s vs ${fmt(floorCpu, 2)} s to hash + read the same bytes in the baselines`);
      console.log(`round ${round}: import vs slower of hash/read: ${fmt((rate / limit) * 100, 0)} % (target >= 70 %)`);
      if (round < ROUNDS) closePhotoArchive(caseDir);
    }
    const sorted = [...percents].sort((a, b) => a - b);
    console.log(`import vs slower of hash/read over ${ROUNDS} rounds: median ${fmt(sorted[Math.floor(ROUNDS / 2)]!, 0)} %, best ${fmt(sorted[ROUNDS - 1]!, 0)} %, worst ${fmt(sorted[0]!, 0)} % (target >= 70 %)`);

    const t2 = performance.now();
    const again = await importPhotos(caseDir, [src], { thumbnails: false });
    console.log(`re-import (resume check, nothing read): ${again.unchanged} unchanged in ${fmt((performance.now() - t2) / 1000, 2)} s`);

    const t3 = performance.now();
    const thumbs = await buildThumbnails(caseDir);
    const tsecs = (performance.now() - t3) / 1000;
    console.log(`thumbnails (worker thread, sharp, 256 px WebP): ${thumbs.made} made, ${thumbs.failed} failed in ${fmt(tsecs, 1)} s = ${fmt(thumbs.made / tsecs, 1)} pictures/s`);
    closePhotoArchive(caseDir);
    rmSync(src, { recursive: true, force: true });
    rmSync(caseDir, { recursive: true, force: true });

    await listingBench(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
