// Decrypted WeChat database benchmark: writes a 3.x MSG set of 2,000,000 messages (MSG0..9.db,
// 2,000 chats, a tenth of them groups, one message in ten an app message with an LZ4 block and
// group senders in BytesExtra) in the temp folder, imports it into a fresh case, and reports time
// and peak RSS against a baseline: a minimal script in its own process doing the same SQLite reads
// (every row, the same columns, through iterate()) and nothing else. Goal: peak RSS ≤ 500 MB, which
// only holds when rows are streamed. Cleans up after itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeArchive, importMessages } from '../electron/messages';
import { writePc3, writePc3Scale } from '../test/unit/import/wechat-db/generate';

const TOTAL = Number(process.env.WECHAT_DB_BENCH_TOTAL ?? 2_000_000);
const FILES = 10;
const RSS_GOAL_MB = 500;

/** The baseline: the same reads, in a process of its own so its memory is its own. */
const BASELINE = `
const { DatabaseSync } = require('node:sqlite');
let peak = process.memoryUsage().rss;
const t0 = performance.now();
let rows = 0;
for (const file of JSON.parse(process.argv[1])) {
  const db = new DatabaseSync(file, { readOnly: true });
  const sql = 'SELECT Type, SubType, IsSender, CreateTime, StrTalker, StrContent, DisplayContent, CompressContent, BytesExtra, CAST(MsgSvrID AS TEXT) FROM MSG';
  for (const row of db.prepare(sql).iterate()) if (++rows % 50000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  db.close();
}
console.log(JSON.stringify({ rows, ms: performance.now() - t0, peak: Math.max(peak, process.memoryUsage().rss) }));
`;

/** Run as `node <bench> --generate <account folder>`: writes the set in a process of its own, so its heap is not the import's. */
function generate(account: string): void {
  writePc3(account);
  console.log(JSON.stringify(writePc3Scale(account, { total: TOTAL, files: FILES, chats: 2000 })));
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'relink-wxdb-bench-'));
  try {
    const account = join(root, 'WeChat Files', 'wxid_owner');
    const t0 = performance.now();
    const gen = spawnSync(process.execPath, [process.argv[1]!, '--generate', account], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
    if (gen.status !== 0) throw new Error(`generating failed: ${gen.stderr}`);
    const files = JSON.parse(gen.stdout) as string[];
    const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
    console.log(`generated ${TOTAL} messages in ${files.length} MSG files (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const base = spawnSync(process.execPath, ['-e', BASELINE, JSON.stringify(files)], { encoding: 'utf8' });
    if (base.status !== 0) throw new Error(`baseline failed: ${base.stderr}`);
    const baseline = JSON.parse(base.stdout) as { rows: number; ms: number; peak: number };
    console.log(`baseline (the same SQLite reads, nothing else): ${baseline.rows} rows in ${(baseline.ms / 1000).toFixed(1)} s, peak RSS ${(baseline.peak / 1e6).toFixed(0)} MB`);

    (globalThis as { gc?: () => void }).gc?.();
    const caseDir = join(root, 'case');
    let peak = process.memoryUsage().rss;
    console.log(`RSS before the import: ${(peak / 1e6).toFixed(0)} MB`);
    let atPeak = process.memoryUsage();
    const sample = (): void => {
      const now = process.memoryUsage();
      if (now.rss > peak) [peak, atPeak] = [now.rss, now];
    };
    const sampler = setInterval(sample, 50);
    const load0 = loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const summary = await importMessages(caseDir, [join(root, 'WeChat Files')], { onProgress: sample });
    const ms = performance.now() - t1;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    sample();
    closeArchive(caseDir);
    const errors = summary.files.filter((f) => f.error);
    console.log(`import: ${summary.messages} messages (${summary.duplicates} duplicates, ${errors.length} files with errors) in ${(ms / 1000).toFixed(1)} s = ${Math.round(summary.messages / (ms / 1000))} messages/s`);
    console.log(`import CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${load0.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`);
    const mb = (n: number): string => (n / 1e6).toFixed(0);
    console.log(`at the peak: JS heap ${mb(atPeak.heapTotal)} MB (${mb(atPeak.heapUsed)} used), outside it ${mb(atPeak.external)} MB, the rest (SQLite, code) ${mb(atPeak.rss - atPeak.heapTotal - atPeak.external)} MB`);
    console.log(`import peak RSS: ${(peak / 1e6).toFixed(0)} MB (baseline ${(baseline.peak / 1e6).toFixed(0)} MB, ratio ${(peak / baseline.peak).toFixed(2)}); time ratio ${(ms / baseline.ms).toFixed(1)}× the bare reads`);
    const pass = peak / 1e6 <= RSS_GOAL_MB && summary.messages === TOTAL && errors.length === 0;
    console.log(`${pass ? 'PASS' : 'SHORT'}: peak RSS ${(peak / 1e6).toFixed(0)} MB against the goal of ${RSS_GOAL_MB} MB, ${summary.messages} of ${TOTAL} messages`);
    if (!pass) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--generate') generate(process.argv[3]!);
else await main();
