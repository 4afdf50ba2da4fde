// Large media trees (issue 16.4): a generated tree of MEDIA_TREE_GB (default 2; camera JPEGs,
// videos, WeChat .dat, duplicates: gen-media-tree.ts) imported in a child process, as the app would:
// - whole import: time, MB/s, peak RSS of the process (target < 400 MB), and how the time left
//   shown along the way (electron/api/eta.ts, the estimate every job shows) compared with the truth;
// - cancel at ~30%: how long until the import returned, and what it kept;
// - kill -9 at ~40%, then import again: how many files and bytes the second run read and hashed
//   (only what was not stored yet) against the whole tree.
// MEDIA_TREE_KEEP=1 keeps the generated tree in MEDIA_TREE_DIR (default os.tmpdir()) for another run.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtaEstimator } from '../electron/api/eta';
import { closePhotoArchive, importPhotos } from '../electron/photos/index';
import { generateMediaTree, type MediaTree } from './gen-media-tree';

const GB = 1e9;
const fmt = (n: number, d = 1) => n.toFixed(d);

interface ChildLine {
  kind: 'progress' | 'done';
  fraction?: number;
  eta?: number;
  elapsed?: number;
  bytesDone?: number;
  summary?: { new: number; duplicates: number; unchanged: number; decoded: number; bytesRead: number; cancelled: boolean; unreadable: unknown[] };
  maxRssMb?: number;
  /** What was resident at the highest RSS sampled (every 100 ms): where the peak comes from. */
  peak?: { rssMb: number; heapMb: number; externalMb: number; arrayBuffersMb: number; fraction: number };
  hashedFiles?: number;
  cancelMs?: number;
}

/** In the child: import, printing progress (with the shared ETA) and the outcome as JSON lines. */
async function child(caseDir: string, tree: string, cancelAt: number): Promise<void> {
  const controller = new AbortController();
  const eta = new EtaEstimator();
  const started = performance.now();
  let abortedAt = 0;
  let fraction = 0;
  let peak: NonNullable<ChildLine['peak']> | undefined;
  const MB = 2 ** 20;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (peak && m.rss / MB <= peak.rssMb) return;
    peak = { rssMb: m.rss / MB, heapMb: m.heapTotal / MB, externalMb: m.external / MB, arrayBuffersMb: m.arrayBuffers / MB, fraction };
  }, 100);
  const summary = await importPhotos(caseDir, [tree], {
    thumbnails: false,
    signal: controller.signal,
    progressIntervalMs: 250,
    onProgress: (p) => {
      if (p.phase !== 'importing' || !p.bytesTotal) return;
      fraction = p.bytesDone / p.bytesTotal;
      const now = performance.now();
      const line: ChildLine = { kind: 'progress', fraction, eta: eta.update(fraction, now), elapsed: (now - started) / 1000, bytesDone: p.bytesDone };
      process.stdout.write(JSON.stringify(line) + '\n');
      if (cancelAt > 0 && fraction >= cancelAt && !abortedAt) {
        abortedAt = performance.now();
        controller.abort();
      }
    },
  });
  clearInterval(sampler);
  const done: ChildLine = {
    kind: 'done',
    peak,
    summary,
    elapsed: (performance.now() - started) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    ...(abortedAt ? { cancelMs: performance.now() - abortedAt } : {}),
  };
  closePhotoArchive(caseDir);
  process.stdout.write(JSON.stringify(done) + '\n');
}

/** Runs a child import; `killAt` (0..1) kills it with SIGKILL once that fraction of bytes is done. */
function runChild(caseDir: string, tree: string, opts: { killAt?: number; cancelAt?: number } = {}): Promise<{ lines: ChildLine[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [process.argv[1]!, '--child', caseDir, tree, String(opts.cancelAt ?? 0)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: ChildLine[] = [];
    let buffered = '';
    let killed = false;
    c.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffered.slice(0, nl)) as ChildLine;
        buffered = buffered.slice(nl + 1);
        lines.push(line);
        if (opts.killAt !== undefined && !killed && (line.fraction ?? 0) >= opts.killAt) {
          killed = true;
          c.kill('SIGKILL');
        }
      }
    });
    c.on('error', reject);
    c.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`child import failed (${code ?? signal})`));
      else resolve({ lines, killed });
    });
  });
}

function etaAccuracy(lines: ChildLine[], total: number): string {
  const shown: string[] = [];
  for (const at of [0.1, 0.25, 0.5, 0.75]) {
    const l = lines.find((x) => x.kind === 'progress' && (x.fraction ?? 0) >= at && x.eta !== undefined);
    if (!l) continue;
    const truth = total - l.elapsed!;
    shown.push(`at ${Math.round(at * 100)}%: shown ${l.eta} s, took ${fmt(truth, 0)} s`);
  }
  return shown.join('; ');
}

async function main(): Promise<void> {
  const gb = Number(process.env.MEDIA_TREE_GB ?? 2);
  const base = process.env.MEDIA_TREE_DIR ?? tmpdir();
  const tree = join(base, `relink-media-tree-${gb}gb`);
  const work = join(base, `relink-media-tree-cases-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    const stamp = join(tree, '.tree.json');
    let made: MediaTree;
    if (existsSync(stamp)) {
      made = JSON.parse(readFileSync(stamp, 'utf8')) as MediaTree;
      console.log(`tree: reusing ${tree}`);
    } else {
      rmSync(tree, { recursive: true, force: true });
      const t = performance.now();
      made = await generateMediaTree(tree, gb * GB);
      writeFileSync(stamp, JSON.stringify(made));
      console.log(`tree: generated in ${fmt((performance.now() - t) / 1000, 0)} s`);
    }
    console.log(
      `tree: ${made.files} files, ${fmt(made.bytes / GB, 2)} GB: ${made.camera} camera JPEGs, ${made.videos} videos, ${made.dats} WeChat .dat, ${made.duplicates} duplicates`,
    );

    const whole = await runChild(join(work, 'whole'), tree);
    const done = whole.lines.at(-1)!;
    const s = done.summary!;
    console.log(
      `whole import: ${s.new} new, ${s.duplicates} duplicates, ${s.decoded} decoded, ${s.unreadable.length} unreadable in ${fmt(done.elapsed!, 1)} s = ${fmt(s.bytesRead / 1e6 / done.elapsed!, 0)} MB/s, loadavg ${fmt(loadavg()[0]!, 1)}`,
    );
    console.log(`TARGET media tree peak RSS: ${fmt(done.maxRssMb!, 0)} MB — target < 400 MB: ${done.maxRssMb! < 400 ? 'PASS' : 'SHORT'}`);
    const pk = done.peak;
    if (pk) console.log(`highest RSS sampled: ${fmt(pk.rssMb, 0)} MB at ${fmt(pk.fraction * 100, 0)}%: V8 heap ${fmt(pk.heapMb, 0)} MB, external ${fmt(pk.externalMb, 0)} MB (array buffers ${fmt(pk.arrayBuffersMb, 0)} MB)`);
    console.log(`time left shown vs taken: ${etaAccuracy(whole.lines, done.elapsed!)}`);
    rmSync(join(work, 'whole'), { recursive: true, force: true });

    const cancelled = await runChild(join(work, 'cancel'), tree, { cancelAt: 0.3 });
    const c = cancelled.lines.at(-1)!;
    console.log(
      `cancel at 30%: returned ${fmt(c.cancelMs!, 0)} ms after the cancel, cancelled=${c.summary!.cancelled}, kept ${c.summary!.new} pictures (${fmt(c.summary!.bytesRead / GB, 2)} GB read)`,
    );
    rmSync(join(work, 'cancel'), { recursive: true, force: true });

    const caseDir = join(work, 'killed');
    const killed = await runChild(caseDir, tree, { killAt: 0.4 });
    const lastSeen = killed.lines.filter((l) => l.kind === 'progress').at(-1)!;
    const resumed = await runChild(caseDir, tree);
    const r = resumed.lines.at(-1)!;
    const rs = r.summary!;
    console.log(
      `kill -9 at ${fmt(lastSeen.fraction! * 100, 0)}% (${fmt(lastSeen.bytesDone! / GB, 2)} GB done), then again: ${rs.unchanged} files not read again, ${rs.new} new + ${rs.duplicates} duplicates read and hashed (${fmt(rs.bytesRead / GB, 2)} GB of ${fmt(made.bytes / GB, 2)} GB) in ${fmt(r.elapsed!, 1)} s, peak RSS ${fmt(r.maxRssMb!, 0)} MB`,
    );
    // What a kill may lose: the batch being made durable and the one filling (record.ts: ≤ 256 MB each).
    const allowed = (1 - lastSeen.fraction!) * made.bytes + 2 * 256 * 2 ** 20;
    console.log(
      `TARGET resume after kill -9 reads again only what was not stored: ${fmt(rs.bytesRead / GB, 2)} GB read again after ${fmt(lastSeen.fraction! * 100, 0)}% was done (at most ${fmt(allowed / GB, 2)} GB: the rest plus two unrecorded batches) — ${rs.bytesRead <= allowed ? 'PASS' : 'SHORT'}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (process.env.MEDIA_TREE_KEEP !== '1') rmSync(tree, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, Number(process.argv[5]));
else await main();
