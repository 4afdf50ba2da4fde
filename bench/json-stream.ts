// Streaming JSON readers compared on one generated Telegram Desktop result.json (600k messages,
// ~200 MB; JSON_STREAM_TOTAL to change): each reads every message object of chats.list[*].messages
// in its own process (CPU time, wall time, peak RSS). Baseline: JSON.parse of the whole text. Ours:
// electron/messages/json-items.ts (a scanner for boundaries, JSON.parse per message). The npm
// parsers are measured when installed (`npm install --no-save @streamparser/json stream-json` in a
// scratch copy); they are not dependencies. Goal for ours: ≤ 1.5x the baseline's CPU, peak RSS
// ≤ 200 MB (the baseline holds the whole text and tree: ~780 MB).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonItemScanner } from '../electron/messages/json-items';
import { CHAT_JSON_LAYOUT } from '../electron/messages/formats/json-chats';
import { writeTelegramExport } from './gen-telegram';

const TOTAL = Number(process.env.JSON_STREAM_TOTAL ?? 600_000);
const CANDIDATES = ['JSON.parse (whole)', 'relink json-items', '@streamparser/json', 'stream-json'] as const;
type Candidate = (typeof CANDIDATES)[number];

interface Result {
  which: Candidate;
  messages: number;
  wall: number;
  cpu: number;
  peakMB: number;
  missing?: boolean;
}

const chunks = (file: string) => createReadStream(file, { highWaterMark: 256 * 1024 });

/** Reads every message of the file with one candidate; counts them. */
async function read(which: Candidate, file: string, take: (m: unknown) => void, sample: () => void): Promise<boolean> {
  switch (which) {
    case 'JSON.parse (whole)': {
      const root = JSON.parse(readFileSync(file, 'utf8')) as { chats: { list: { messages: unknown[] }[] } };
      sample();
      for (const chat of root.chats.list) for (const m of chat.messages) take(m);
      return true;
    }
    case 'relink json-items': {
      const scanner = new JsonItemScanner(CHAT_JSON_LAYOUT);
      const decoder = new TextDecoder();
      for await (const b of chunks(file)) {
        for (const e of scanner.write(decoder.decode(b as Buffer, { stream: true }))) if (e.type === 'item') take(e.value);
        sample();
      }
      for (const e of scanner.end()) if (e.type === 'item') take(e.value);
      return true;
    }
    case '@streamparser/json': {
      const mod = (await import('@streamparser/json' as string).catch(() => undefined)) as { JSONParser: new (o: object) => { onValue: (v: { value: unknown }) => void; write: (b: Uint8Array) => void } } | undefined;
      if (!mod) return false;
      const parser = new mod.JSONParser({ paths: ['$.chats.list.*.messages.*'], keepStack: false });
      parser.onValue = ({ value }) => take(value);
      for await (const b of chunks(file)) {
        parser.write(b as Buffer);
        sample();
      }
      return true;
    }
    case 'stream-json': {
      const load = async (m: string) => (await import(m)) as Record<string, unknown>;
      const mods = await Promise.all(['stream-json', 'stream-json/filters/pick.js', 'stream-json/streamers/stream-values.js', 'stream-chain'].map((m) => load(m).catch(() => undefined)));
      if (mods.some((m) => !m)) return false;
      const [sj, pick, values, chain] = mods as Record<string, (...a: unknown[]) => unknown>[];
      const pipe = (chain!.default as (s: unknown[]) => AsyncIterable<{ value: unknown }>)([
        chunks(file),
        sj!.parser!(),
        pick!.pick!({ filter: /^chats\.list\.\d+\.messages\.\d+$/ }),
        values!.streamValues!(),
      ]);
      for await (const { value } of pipe) {
        take(value);
        sample();
      }
      return true;
    }
  }
}

async function child(which: Candidate, file: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let messages = 0;
  const ok = await read(which, file, () => messages++, sample);
  clearInterval(timer);
  sample();
  const cpu = process.cpuUsage(cpu0);
  const result: Result = { which, messages, wall: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, peakMB: peak / 1e6, missing: !ok };
  console.log(JSON.stringify(result));
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') return child(process.argv[3] as Candidate, process.argv[4]!);
  const root = mkdtempSync(join(tmpdir(), 'relink-json-bench-'));
  try {
    const file = join(root, 'result.json');
    const bytes = await writeTelegramExport(file, TOTAL);
    console.log(`generated a Telegram result.json of ${TOTAL} messages (${(bytes / 1e6).toFixed(0)} MB)`);
    const results: Result[] = [];
    for (const which of CANDIDATES) {
      const run = spawnSync(process.execPath, [process.argv[1]!, '--child', which, file], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${which} failed: ${run.stderr}`);
      const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as Result;
      if (r.missing) {
        console.log(`${which}: not installed, skipped`);
        continue;
      }
      if (r.messages !== TOTAL) throw new Error(`${which} read ${r.messages} of ${TOTAL} messages`);
      results.push(r);
    }
    const base = results[0]!;
    for (const r of results) {
      console.log(`${r.which.padEnd(20)} CPU ${r.cpu.toFixed(2)} s (${(r.cpu / base.cpu).toFixed(2)}x the baseline), wall ${r.wall.toFixed(2)} s, peak RSS ${r.peakMB.toFixed(0)} MB`);
    }
    const ours = results.find((r) => r.which === 'relink json-items')!;
    const pass = ours.cpu / base.cpu <= 1.5 && ours.peakMB <= 200;
    console.log(`target: ours ≤ 1.5x JSON.parse's CPU and ≤ 200 MB: ${(ours.cpu / base.cpu).toFixed(2)}x, ${ours.peakMB.toFixed(0)} MB — ${pass ? 'PASS' : 'SHORT'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
