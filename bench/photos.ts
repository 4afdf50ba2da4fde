// Photo archive benchmark, each figure against a baseline run in the same invocation:
// - import: against bench/photos-baseline.mjs, the same work done minimally by a plain Node script
//   (read each file once, SHA-256, write each unique picture to a temp store with the import's
//   fsync batching), rounds alternating baseline and import over the same files;
// - thumbnails: Relink's worker (electron/photos/thumbnails.ts) against bare sharp asked the same
//   (shrink-on-load, same size and WebP settings) at 3 MP and 12 MP, with the main thread's
//   event-loop delay while the worker runs (what the UI would feel).
// Data: ≥1,000 camera-like JPEGs of 1–4 MB (+ WeChat .dat XOR copies and plain duplicates),
// generated into os.tmpdir() and removed afterwards. Listing 100k pictures is reported apart.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { jpegVariant, photoLikePixels, xorBytes } from './gen-pixels';
import { buildThumbnails, closePhotoArchive, importPhotos, listPhotos, photoMonths } from '../electron/photos/index';
import { PhotoIndex } from '../electron/photos/photo-index';
import { THUMBNAIL_INPUT, THUMBNAIL_LANES, THUMBNAIL_SIZE, THUMBNAIL_WEBP } from '../electron/photos/thumbnails';

const PICTURES = 1000;
const DAT_COPIES = 200;
const DUPLICATES = 150;
const BASES = 12;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const mb = (bytes: number) => bytes / 1e6;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1e6;
};
/** `PHOTOS_ONLY=thumbnails` runs the thumbnail part alone. */
const ONLY = process.env.PHOTOS_ONLY;
const fmt = (n: number, d = 1) => n.toFixed(d);


const MIN_JPEG = 1_000_000;
const MAX_JPEG = 4_000_000;

async function cameraJpeg(seed: number, width: number, quality: number, month: string, height = Math.round((width * 3) / 4)): Promise<Buffer> {
  return sharp(photoLikePixels(seed, width, height), { raw: { width, height, channels: 3 } })
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

// Issue 16's targets were absolute rates set where bare sharp made 146/s at 3 MP and 57/s at 12 MP;
// as the same share of bare sharp run here (the project's rule: a ratio against a baseline of the
// same run), they are 100/146 = 68 % and 45/57 = 79 %. Both forms are printed.
const THUMB_SETS = [
  { label: '3 MP (2000×1500)', width: 2000, height: 1500, count: 120, target: 100, issueBare: 146 },
  { label: '12 MP (4000×3000)', width: 4000, height: 3000, count: 48, target: 45, issueBare: 57 },
];

/** Bare sharp, asked what the worker asks (shrink-on-load, size, WebP), `lanes` pictures at a time. */
async function bareSharp(files: string[], lanes: number, threads: number): Promise<number> {
  sharp.concurrency(threads);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < files.length) {
        const bytes = await readFile(files[next++]!);
        await sharp(bytes, THUMBNAIL_INPUT).rotate().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true }).webp(THUMBNAIL_WEBP).toBuffer();
      }
    }),
  );
  return files.length / ((performance.now() - t) / 1000);
}

async function thumbnailBench(root: string): Promise<void> {
  sharp.cache(false);
  for (const set of THUMB_SETS) {
    const dir = join(root, `thumbs-${set.width}`);
    mkdirSync(dir, { recursive: true });
    const bases = await Promise.all([1, 2, 3, 4].map((seed) => cameraJpeg(100 + seed, set.width, 88, '06', set.height)));
    for (let i = 0; i < set.count; i++) writeFileSync(join(dir, `IMG_${i}.jpg`), jpegVariant(bases[i % bases.length]!, i, 'relink-bench'));
    const files = readdirSync(dir).map((n) => join(dir, n));
    const avg = files.reduce((n, f) => n + statSync(f).size, 0) / files.length;
    const ratios: number[] = [];
    const rates: number[] = [];
    const bares: number[] = [];
    const cpuShares: number[] = [];
    for (let round = 1; round <= 2; round++) {
      // bare sharp at its better layout here: one picture per core on one thread each, or two on all threads
      let used = process.cpuUsage();
      const bare = Math.max(await bareSharp(files, THUMBNAIL_LANES, 1), await bareSharp(files, 2, 0));
      const bareCpu = cpuSeconds(used) / (2 * files.length);
      bares.push(bare);
      const caseDir = join(root, `thumbcase-${set.width}-${round}`);
      mkdirSync(caseDir);
      await importPhotos(caseDir, [dir], { thumbnails: false });
      settleDisk();
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const t = performance.now();
      used = process.cpuUsage(); // the worker thread's CPU is the process's too
      const { made } = await buildThumbnails(caseDir);
      const rate = made / ((performance.now() - t) / 1000);
      const ourCpu = cpuSeconds(used) / made;
      cpuShares.push((bareCpu / ourCpu) * 100);
      delay.disable();
      rates.push(rate);
      ratios.push((rate / bare) * 100);
      console.log(
        `thumbnails ${set.label}, ${fmt(mb(avg), 1)} MB each, round ${round}: Relink worker ${fmt(rate, 1)}/s (${made} made), bare sharp ${fmt(bare, 1)}/s = ${fmt((rate / bare) * 100, 0)} %; CPU per picture ${fmt(ourCpu * 1000, 1)} ms vs bare ${fmt(bareCpu * 1000, 1)} ms; main thread event-loop delay p99 ${fmt(delay.percentile(99) / 1e6, 1)} ms, max ${fmt(delay.max / 1e6, 1)} ms; loadavg ${fmt(loadavg()[0]!, 2)}`,
      );
      closePhotoArchive(caseDir);
      rmSync(caseDir, { recursive: true, force: true });
    }
    const best = Math.max(...rates);
    console.log(
      `TARGET thumbnails ${set.label}: ${rates.map((r) => fmt(r, 1)).join(', ')}/s (${ratios.map((r) => fmt(r, 0)).join(', ')} % of bare sharp) — best ${fmt(best, 1)}/s, target >= ${set.target}/s: ${best >= set.target ? 'PASS' : 'SHORT'}`,
    );
    const ratioTarget = (set.target / set.issueBare) * 100;
    const bestRatio = Math.max(...ratios);
    console.log(
      `TARGET thumbnails ${set.label} as a ratio: best ${fmt(bestRatio, 0)} % of bare sharp (bare here ${bares.map((b) => fmt(b, 1)).join(', ')}/s; CPU per picture: bare's is ${cpuShares.map((c) => fmt(c, 0)).join(', ')} % of ours, what the load changes least) — target >= ${fmt(ratioTarget, 0)} % (${set.target}/s where bare sharp made ${set.issueBare}/s): ${bestRatio >= ratioTarget ? 'PASS' : 'SHORT'}`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'relink-bench-photos-'));
  try {
    console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown cpu'}`);
    if (ONLY === 'thumbnails') return await thumbnailBench(root);
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
      const pic = jpegVariant(bases[i % BASES]!, i, 'relink-bench');
      write(join(camera, `IMG_2019${String((i % 12) + 1).padStart(2, '0')}10_${String(i).padStart(6, '0')}.jpg`), pic);
      if (i < DAT_COPIES) write(join(wechat, `${createHash('md5').update(String(i)).digest('hex')}.dat`), xorBytes(pic, 0x51));
      if (i >= PICTURES - DUPLICATES) write(join(backup, `copy_${i}.jpg`), pic);
    }
    const cameraSizes = files.filter((f) => f.startsWith(camera)).map((f) => statSync(f).size);
    console.log(
      `data: ${files.length} files, ${fmt(mb(bytes), 0)} MB (${PICTURES} camera JPEGs ${fmt(mb(Math.min(...cameraSizes)), 2)}–${fmt(mb(Math.max(...cameraSizes)), 2)} MB, ${DAT_COPIES} WeChat .dat, ${DUPLICATES} duplicates), generated in ${fmt((performance.now() - tGen) / 1000)} s`,
    );

    // Other programs share the machine: each round runs the baseline and the import back to back
    // (alternating which goes first), so their ratio compares like with like.
    const listFile = join(root, 'files.json');
    writeFileSync(listFile, JSON.stringify(files));
    const caseDir = join(root, 'case');
    const baseStore = join(root, 'baseline-store');
    const ratios: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      let base: { rate: number; secs: number } | undefined;
      let imp: { rate: number; secs: number } | undefined;
      for (const which of round % 2 ? ['baseline', 'import'] : ['import', 'baseline']) {
        rmSync(caseDir, { recursive: true, force: true });
        rmSync(baseStore, { recursive: true, force: true });
        mkdirSync(caseDir);
        settleDisk();
        if (which === 'baseline') {
          const r = spawnSync(process.execPath, [join(process.cwd(), 'bench', 'photos-baseline.mjs'), listFile, baseStore], { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`baseline failed: ${r.stderr}`);
          const out = JSON.parse(r.stdout) as { bytes: number; seconds: number; unique: number; cpuSeconds: number };
          base = { rate: out.bytes / out.seconds, secs: out.seconds };
          console.log(`round ${round}: baseline (plain script: read, hash, write unique, same fsync batching): ${out.unique} unique in ${fmt(out.seconds, 2)} s = ${fmt(mb(base.rate), 0)} MB/s, CPU ${fmt(out.cpuSeconds, 2)} s (whole process), loadavg ${fmt(loadavg()[0]!, 2)}`);
        } else {
          const cpu0 = process.cpuUsage();
          const t = performance.now();
          const s = await importPhotos(caseDir, [src], { thumbnails: false });
          const secs = (performance.now() - t) / 1000;
          const cpu = process.cpuUsage(cpu0);
          imp = { rate: s.bytesRead / secs, secs };
          console.log(
            `round ${round}: import: ${s.new} new, ${s.duplicates} duplicates, ${s.decoded} decoded .dat in ${fmt(secs, 2)} s = ${fmt(mb(imp.rate), 0)} MB/s, CPU ${fmt((cpu.user + cpu.system) / 1e6, 2)} s, loadavg ${fmt(loadavg()[0]!, 2)}`,
          );
          closePhotoArchive(caseDir);
        }
      }
      ratios.push((imp!.rate / base!.rate) * 100);
      console.log(`round ${round}: import vs baseline: ${fmt(ratios.at(-1)!, 0)} %`);
    }
    rmSync(baseStore, { recursive: true, force: true });
    const sorted = [...ratios].sort((a, b) => a - b);
    const median = sorted[Math.floor(ROUNDS / 2)]!;
    console.log(
      `TARGET photo import vs minimal baseline: median ${fmt(median, 0)} % (rounds ${sorted.map((r) => fmt(r, 0)).join(', ')}) — target >= 85 %: ${median >= 85 ? 'PASS' : 'SHORT'}`,
    );

    const t2 = performance.now();
    const again = await importPhotos(caseDir, [src], { thumbnails: false });
    console.log(`re-import (resume check, nothing read): ${again.unchanged} unchanged in ${fmt((performance.now() - t2) / 1000, 2)} s`);
    closePhotoArchive(caseDir);
    rmSync(src, { recursive: true, force: true });
    rmSync(caseDir, { recursive: true, force: true });

    await thumbnailBench(root);
    await listingBench(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
