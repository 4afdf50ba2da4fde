// Messages at the sizes people hold (issue 16.1): 2,000,000 messages over the formats — one WhatsApp
// text of 400k, one Telegram result.json of 600k (Telegram Desktop's layout), MemoTrace CSV folders
// of 1M — imported into one case through the real import, each format in its own process (peak RSS
// per format). Baseline for each, in the same run: a minimal script doing the same work the fastest
// known way (read the file whole, split lines / JSON.parse, regex, insert rows into a plain SQLite
// table in big transactions; no index, no duplicate check, no search tokens). Then: the 400k chat
// opened at its newest message (the two calls the conversation view makes) and a page in the
// middle, and search p95 at 2M. Targets: import ≤ 60 s in all, peak RSS ≤ 500 MB for every format,
// opening < 1 s, first page of search hits p95 ≤ 1 ms. MESSAGES_2M_SCALE=0.1 for a quick run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { closeArchive, getMessages, importMessages, listChats, searchMessages } from '../electron/messages';
import { cjkQueries, latinQueries, sentence, writeMemoTraceChats } from './gen-messages';
import { writeTelegramExport } from './gen-telegram';
import { writeWhatsAppText } from './gen-whatsapp';

const SCALE = Number(process.env.MESSAGES_2M_SCALE ?? 1);
const COUNTS = { memotrace: Math.round(1_000_000 * SCALE), whatsapp: Math.round(400_000 * SCALE), telegram: Math.round(600_000 * SCALE) };
type Format = keyof typeof COUNTS;
const FORMATS: Format[] = ['memotrace', 'whatsapp', 'telegram'];
const TOTAL = COUNTS.memotrace + COUNTS.whatsapp + COUNTS.telegram;

const paths = (root: string): Record<Format, string> => ({
  memotrace: join(root, 'memotrace'),
  whatsapp: join(root, 'WhatsApp Chat with Ana.txt'),
  telegram: join(root, 'result.json'),
});

interface Measured {
  seconds: number;
  cpu: number;
  peakMB: number;
  rows: number;
  /** The longest the event loop was held (ms): how long the app's other calls would wait during the import. */
  loopMaxMs: number;
}

/** Runs `work` with RSS sampled every 20 ms; prints the figures as JSON for the parent. */
async function measured(work: (sample: () => void) => Promise<number>): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const rows = await work(sample);
  clearInterval(timer);
  sample();
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  const out: Measured = { seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, peakMB: peak / 1e6, rows, loopMaxMs: loop.max / 1e6 };
  console.log(JSON.stringify(out));
}

/** The baseline: plain reading, splitting and parsing, rows into a table with no index. */
function baseline(format: Format, path: string, dbPath: string): number {
  const db = new DatabaseSync(dbPath);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE IF NOT EXISTS m (chat TEXT, at INTEGER, sender TEXT, text TEXT)');
  const insert = db.prepare('INSERT INTO m VALUES (?, ?, ?, ?)');
  let rows = 0;
  const add = (chat: string, at: number, sender: string, text: string): void => {
    if (rows % 50_000 === 0) db.exec(rows ? 'COMMIT; BEGIN' : 'BEGIN');
    insert.run(chat, at, sender, text);
    rows++;
  };
  if (format === 'memotrace') {
    for (const folder of readdirSync(path)) {
      for (const file of readdirSync(join(path, folder))) {
        const lines = readFileSync(join(path, folder, file), 'utf8').split('\r\n');
        for (let i = 1; i < lines.length; i++) {
          const f = lines[i]!.split(',');
          if (f.length >= 12) add(folder, Number(f[5]) * 1000, f[11]!, f[7]!);
        }
      }
    }
  } else if (format === 'whatsapp') {
    const header = /^(\d\d)\/(\d\d)\/(\d{4}), (\d\d):(\d\d) - ([^:]+): (.*)$/;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const m = header.exec(line);
      if (m) add('Ana', Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4]), Number(m[5])), m[6]!, m[7]!);
    }
  } else {
    const root = JSON.parse(readFileSync(path, 'utf8')) as { chats: { list: { name: string; messages: { date_unixtime: string; from?: string; text: unknown }[] }[] } };
    for (const chat of root.chats.list) {
      for (const m of chat.messages) add(chat.name, Number(m.date_unixtime) * 1000, m.from ?? '', typeof m.text === 'string' ? m.text : JSON.stringify(m.text));
    }
  }
  db.exec('COMMIT');
  db.close();
  return rows;
}

async function generate(root: string): Promise<void> {
  const p = paths(root);
  mkdirSync(p.memotrace, { recursive: true });
  const mt = await writeMemoTraceChats(p.memotrace, COUNTS.memotrace, 200);
  await writeWhatsAppText(p.whatsapp, COUNTS.whatsapp);
  const tg = await writeTelegramExport(p.telegram, COUNTS.telegram);
  const mb = (n: number): string => (n / 1e6).toFixed(0);
  console.log(`generated ${TOTAL} messages: MemoTrace ${COUNTS.memotrace} in 200 CSVs (${mb(mt.bytes)} MB), WhatsApp ${COUNTS.whatsapp} in one text (${mb(statSync(p.whatsapp).size)} MB), Telegram ${COUNTS.telegram} in one result.json (${mb(tg)} MB)`);
}

function child(args: string[]): Measured {
  const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'SHORT');

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  if (mode === '--generate') return generate(a!);
  if (mode === '--baseline') return measured(async () => baseline(a as Format, b!, c!));
  if (mode === '--import') {
    return measured(async (sample) => {
      const summary = await importMessages(c!, [b!], { onProgress: sample });
      const errors = summary.files.filter((f) => f.error);
      if (errors.length) throw new Error(errors.map((f) => `${f.file}: ${f.error}`).join('; '));
      closeArchive(c!);
      return summary.messages;
    });
  }

  const root = mkdtempSync(join(tmpdir(), 'relink-2m-bench-'));
  try {
    const gen = spawnSync(process.execPath, [process.argv[1]!, '--generate', root], { stdio: 'inherit' });
    if (gen.status !== 0) throw new Error('generating the exports failed');
    const p = paths(root);
    const caseDir = join(root, 'case');
    console.log(`load average ${loadavg()[0]!.toFixed(1)} before`);
    let importSeconds = 0;
    let baseSeconds = 0;
    let allRss = true;
    for (const format of FORMATS) {
      const base = child(['--baseline', format, p[format], join(root, 'baseline.sqlite')]);
      const ours = child(['--import', format, p[format], caseDir]);
      if (ours.rows < COUNTS[format] * 0.99) throw new Error(`${format}: ${ours.rows} of ${COUNTS[format]} messages imported`);
      importSeconds += ours.seconds;
      baseSeconds += base.seconds;
      allRss &&= ours.peakMB <= 500;
      console.log(
        `${format.padEnd(9)} ${COUNTS[format]} messages: import ${ours.seconds.toFixed(1)} s (CPU ${ours.cpu.toFixed(1)} s), baseline ${base.seconds.toFixed(1)} s (CPU ${base.cpu.toFixed(1)} s): ${(ours.seconds / base.seconds).toFixed(2)}x; ` +
          `peak RSS ${ours.peakMB.toFixed(0)} MB (baseline ${base.peakMB.toFixed(0)} MB), target ≤ 500 MB: ${verdict(ours.peakMB <= 500)}; ` +
          `event loop held at most ${ours.loopMaxMs.toFixed(0)} ms`,
      );
    }
    console.log(`import of ${TOTAL} messages: ${importSeconds.toFixed(1)} s, baseline ${baseSeconds.toFixed(1)} s (${(importSeconds / baseSeconds).toFixed(2)}x), target ≤ ${(60 * SCALE).toFixed(0)} s: ${verdict(importSeconds <= 60 * SCALE)}`);
    console.log(`peak RSS ≤ 500 MB for every format: ${verdict(allRss)}; load average ${loadavg()[0]!.toFixed(1)} after`);

    // Opening the biggest chat as the conversation view does: the first page (total), then the newest page.
    const chats = listChats(caseDir);
    const big = chats.reduce((x, y) => (y.messages > x.messages ? y : x));
    const opens: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const first = getMessages(caseDir, big.id, { offset: 0, limit: 200 });
      getMessages(caseDir, big.id, { offset: first.total - 200, limit: 200 });
      opens.push(performance.now() - t0);
    }
    const t1 = performance.now();
    getMessages(caseDir, big.id, { offset: Math.floor(big.messages / 2), limit: 200 });
    const middle = performance.now() - t1;
    opens.sort((x, y) => x - y);
    console.log(`open the ${big.messages}-message chat at its newest message: median ${percentile(opens, 50).toFixed(0)} ms, worst ${opens[opens.length - 1]!.toFixed(0)} ms (a page in the middle ${middle.toFixed(0)} ms), target < 1000 ms: ${verdict(opens[opens.length - 1]! < 1000)}`);

    // Search at 2M: first page of hits, p95 per kind of query.
    const samples = Array.from({ length: 400 }, sentence);
    const kinds: [string, string[]][] = [
      ['2-4 Chinese characters', cjkQueries(samples)],
      ['2-4 Latin letters/digits', latinQueries(2, 4)],
    ];
    for (const [, qs] of kinds) for (const q of qs.slice(0, 10)) searchMessages(caseDir, q, { limit: 50 });
    for (const [kind, qs] of kinds) {
      const times = qs.map((q) => {
        const t0 = performance.now();
        searchMessages(caseDir, q, { limit: 50 });
        return performance.now() - t0;
      });
      times.sort((x, y) => x - y);
      const p95 = percentile(times, 95);
      console.log(`search at ${TOTAL}, ${qs.length} queries of ${kind}: first 50 hits p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, target p95 ≤ 1 ms: ${verdict(p95 <= 1)}`);
    }
    closeArchive(caseDir);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
