// Message archive benchmark: generates 1,000,000 messages as MemoTrace per-chat CSVs in the temp
// folder, imports them, and reports import rate, peak RSS, archive size and search latency per kind
// of query (2–4 Chinese characters; Latin/digit substrings of 2–4 and of 5+ characters; two words;
// one character): p50/p95 of the first page (50 newest hits) and of the true count, against a
// baseline in the same process — a naive scan (fold + includes) over the same texts held in memory.
// Cleans up after itself.
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { closeArchive, countMessages, importMessages, searchMessages } from '../electron/messages';
import { archive } from '../electron/messages/store';
import { fold, queryParts } from '../electron/messages/tokens';
import { cjkQueries, LATIN, latinQueries, rand, WORDS, writeMemoTraceChats } from './gen-messages';

const TOTAL = Number(process.env.MESSAGES_BENCH_TOTAL ?? 1_000_000);
const CHATS = 200;

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

function ftsBytes(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const row = db.prepare("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'message_fts%'").get() as { bytes: number };
    return row.bytes;
  } finally {
    db.close();
  }
}



function twoWordQueries(): string[] {
  return Array.from({ length: 200 }, () => `${WORDS[rand(WORDS.length)]!.slice(0, 2)} ${LATIN[rand(LATIN.length)]!.slice(0, 3)}`);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'relink-msg-bench-'));
  try {
    const t0 = performance.now();
    const { files, bytes, samples } = await writeMemoTraceChats(join(root, 'export'), TOTAL, CHATS);
    console.log(`generated ${TOTAL} messages in ${CHATS} MemoTrace CSVs (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    (globalThis as { gc?: () => void }).gc?.();
    const caseDir = join(root, 'case');
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const load0 = loadavg()[0]!;
    const summary = await importMessages(caseDir, [join(root, 'export')], { onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)) });
    const importMs = performance.now() - t1;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`import: ${summary.messages} messages in ${(importMs / 1000).toFixed(1)} s = ${Math.round(summary.messages / (importMs / 1000))} messages/s (${files.length} files, ${summary.duplicates} duplicates)`);
    // Other work may share the machine: CPU time (user + system) compares runs better than wall time.
    console.log(`import CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (user ${(cpu.user / 1e6).toFixed(1)} s, system ${(cpu.system / 1e6).toFixed(1)} s); load average ${load0.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`);
    console.log(`import peak RSS: ${(peak / 1e6).toFixed(0)} MB`);
    closeArchive(caseDir);
    if (process.env.MESSAGES_BENCH_KEEP) console.log(`kept archive: ${join(caseDir, 'messages', 'archive.sqlite')}`);
    console.log(`archive size (messages + index, after checkpoint): ${(dirSize(join(caseDir, 'messages')) / 1e6).toFixed(1)} MB`);
    console.log(`search index size (FTS5 tables): ${(ftsBytes(join(caseDir, 'messages', 'archive.sqlite')) / 1e6).toFixed(1)} MB`);
    const kinds: [string, string[]][] = [
      ['2-4 Chinese characters', cjkQueries(samples)],
      ['2-4 Latin letters/digits (substrings)', latinQueries(2, 4)],
      ['5+ Latin letters/digits (substrings)', latinQueries(5, 11)],
      ['two words (Chinese + Latin, any order)', twoWordQueries()],
      ['one character', ['火', '锅', '我', '天', '哈', 'o', 'e', '1', '8', 'w']],
    ];
    for (const [, qs] of kinds) for (const q of qs.slice(0, 10)) searchMessages(caseDir, q, { limit: 50 }); // warm the page cache
    // Baseline: every text in memory, newest first, scanned with the same fold and includes.
    const texts = (archive(caseDir).prepare('SELECT text FROM messages ORDER BY id DESC').all() as { text: string }[]).map((r) => r.text);
    const naiveFirstPage = (q: string): number => {
      const parts = queryParts(q);
      let n = 0;
      for (let i = 0; i < texts.length && n < 50; i++) if (parts.every((p) => fold(texts[i]!).includes(p))) n++;
      return n;
    };
    const naiveCount = (q: string): number => {
      const parts = queryParts(q);
      let n = 0;
      for (const t of texts) if (parts.every((p) => fold(t).includes(p))) n++;
      return n;
    };
    const ms = (sorted: number[]): string => `p50 ${percentile(sorted, 50).toFixed(3)} ms, p95 ${percentile(sorted, 95).toFixed(3)} ms`;
    const timed = (qs: string[], f: (q: string) => number): { times: number[]; total: number } => {
      const times: number[] = [];
      let total = 0;
      for (const q of qs) {
        const s = performance.now();
        total += f(q);
        times.push(performance.now() - s);
      }
      return { times: times.sort((a, b) => a - b), total };
    };
    for (const [kind, qs] of kinds) {
      const page = timed(qs, (q) => searchMessages(caseDir, q, { limit: 50 }).length);
      const count = timed(qs, (q) => countMessages(caseDir, q));
      const naivePage = timed(qs.slice(0, 20), naiveFirstPage);
      const few = qs.slice(0, 5);
      const naiveAll = timed(few, naiveCount);
      const indexedAll = few.reduce((n, q) => n + countMessages(caseDir, q), 0);
      if (naiveAll.total !== indexedAll) throw new Error(`count differs from the naive scan for ${few.join(', ')}: ${indexedAll} vs ${naiveAll.total}`);
      console.log(`search, ${qs.length} queries of ${kind}: first 50 hits ${ms(page.times)} (${page.total} hits); true count ${ms(count.times)} (${count.total} in all)`);
      console.log(`  baseline naive scan of ${texts.length} texts: first 50 hits ${ms(naivePage.times)} (20 queries); count ${ms(naiveAll.times)} (5 queries, same totals)`);
    }
    closeArchive(caseDir);
  } finally {
    if (!process.env.MESSAGES_BENCH_KEEP) rmSync(root, { recursive: true, force: true });
  }
}

await main();
