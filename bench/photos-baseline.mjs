// The photo import's work done minimally, as a plain Node script (run by bench/photos.ts in the
// same invocation): read every file once, undo WeChat's XOR on .dat files, SHA-256 the bytes,
// and write each picture not seen before to a temp store with the same durability batching as
// the import (content-store.ts commitTemps via record.ts): temps written without fsync, then per
// batch of up to 64 files / 256 MB, fdatasync two at a time, rename under the hash into <aa>/
// shards, fsync the folders; the next batch fills while one is flushed. No index, no dates, no
// placement: what is left of the import when everything Relink adds is taken out.
// Usage: node photos-baseline.mjs <file-list.json> <store-dir>  → prints {"bytes","seconds","unique","cpuSeconds"}
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

const [listFile, store] = process.argv.slice(2);
const files = JSON.parse(readFileSync(listFile, 'utf8'));
const LANES = 3;
const MAX_BATCH_FILES = 64;
const MAX_BATCH_BYTES = 256 * 1024 * 1024;
const tmpDir = join(store, '.tmp');

const seen = new Set();
let batch = [];
let batchBytes = 0;
let flushing;

async function inLanes(items, lanes, work) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

async function flush(temps) {
  await inLanes(temps, 2, async (t) => {
    await t.handle.datasync();
    await t.handle.close();
  });
  const dirs = new Set();
  for (const t of temps) {
    const dir = join(store, t.sha.slice(0, 2));
    if (!existsSync(dir)) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      dirs.add(store);
    }
    await rename(t.path, join(dir, t.sha));
    dirs.add(dir);
  }
  await inLanes([...dirs], 2, async (d) => {
    const h = await open(d, 'r');
    await h.sync();
    await h.close();
  });
}

function kick() {
  if (flushing || batch.length === 0) return;
  const temps = batch;
  batch = [];
  batchBytes = 0;
  flushing = flush(temps).then(() => {
    flushing = undefined;
    kick();
  });
}

let bytes = 0;
const t0 = performance.now();
await mkdir(tmpDir, { recursive: true, mode: 0o700 });
await inLanes(files, LANES, async (file) => {
  const data = await readFile(file);
  bytes += data.length;
  if (file.endsWith('.dat')) {
    const key = data[0] ^ 0xff; // a JPEG starts FF D8
    for (let i = 0; i < data.length; i++) data[i] ^= key;
  }
  const sha = createHash('sha256').update(data).digest('hex');
  if (seen.has(sha)) return;
  seen.add(sha);
  const path = join(tmpDir, `${randomBytes(8).toString('hex')}.part`);
  const handle = await open(path, 'wx', 0o600);
  await handle.write(data, 0, data.length, 0);
  batch.push({ sha, path, handle });
  batchBytes += data.length;
  kick();
  while (flushing && (batch.length >= MAX_BATCH_FILES || batchBytes >= MAX_BATCH_BYTES)) await flushing;
});
while (flushing || batch.length) {
  kick();
  await flushing;
}
const cpu = process.cpuUsage();
console.log(JSON.stringify({ bytes, seconds: (performance.now() - t0) / 1000, unique: seen.size, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
