// Benchmark of the re-add store (electron/readd): time from an outcome call to "durable" (journal
// line written and fdatasync'ed) with 10k persons that already have progress, median and p95
// (target < 20 ms median). Also: opening the case (snapshot + journal replay) and one compaction.
//
// Run: npx esbuild bench/readd-durability.ts --bundle --platform=node --format=esm --outfile=<tmp>/b.mjs
//      && ./node_modules/.bin/node --expose-gc <tmp>/b.mjs
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person, ReaddAction, ReaddEvent } from '../shared/types';
import { dashboard } from '../electron/readd/dashboard';
import { buildQueue } from '../electron/readd/queue';
import { encodeLine } from '../electron/readd/journal';
import { loadReaddState, readdPaths } from '../electron/readd/load';
import { writeSnapshot } from '../electron/readd/snapshot';
import { applyEvent, countsAgainstLimit, emptyState, progressOf } from '../electron/readd/state';
import { ReaddStore } from '../electron/readd/store';

const PERSONS = 10_000;
const HISTORY_EVENTS = 20_000;
const MEASURED = 1_000;
const ACTIONS: ReaddAction[] = ['sent', 'sent', 'accepted', 'declined', 'notFound', 'later', 'skipped'];

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function line(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label}: median ${percentile(sorted, 50).toFixed(3)} ms, p95 ${percentile(sorted, 95).toFixed(3)} ms, p99 ${percentile(sorted, 99).toFixed(3)} ms, max ${sorted[sorted.length - 1]!.toFixed(3)} ms (n=${sorted.length})`;
}

/** A case with `HISTORY_EVENTS` past outcomes over `PERSONS` persons: journal + snapshot, as the app leaves it. */
function seedCase(caseDir: string): void {
  const random = rng(42);
  const paths = readdPaths(caseDir);
  mkdirSync(paths.dir, { recursive: true });
  const state = emptyState();
  const lines: string[] = [];
  let at = Date.UTC(2025, 0, 1);
  for (let seq = 1; seq <= HISTORY_EVENTS; seq++) {
    // Every person gets at least one outcome; then random ones.
    const personId = seq <= PERSONS ? `person-${seq}` : `person-${1 + Math.floor(random() * PERSONS)}`;
    const action = ACTIONS[Math.floor(random() * ACTIONS.length)]!;
    const prev = progressOf(state, 'default', personId) ?? null;
    const counted = countsAgainstLimit(prev, action);
    at += 60_000;
    const event: ReaddEvent = { seq, at, type: 'outcome', targetId: 'default', personId, action, prev, counted, ...(counted ? { gapMs: 180_000 } : {}) };
    applyEvent(state, event);
    lines.push(encodeLine(event));
  }
  const journal = lines.join('');
  writeFileSync(paths.journal, journal);
  // Snapshot a little behind the journal end, so opening also replays a tail.
  const tail = 300;
  const snapshotState = emptyState();
  let offset = 0;
  const decoded = lines.slice(0, HISTORY_EVENTS - tail);
  for (const text of decoded) offset += Buffer.byteLength(text);
  for (const text of decoded) applyEvent(snapshotState, (JSON.parse(text) as { event: ReaddEvent }).event);
  writeSnapshot(paths.snapshot, snapshotState, offset, decoded.length, Date.now());
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华玉萍红玲芬燕春菊凤洁梅琳云莲雪荣';

function makePersons(): Person[] {
  const random = rng(99);
  const pick = (chars: string): string => chars[Math.floor(random() * chars.length)]!;
  const src = [{ file: 'bench', record: 'row' }];
  return Array.from({ length: PERSONS }, (_, i) => ({
    id: `person-${i + 1}`,
    name: i % 5 === 0 ? `Person ${i}` : pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : ''),
    names: [],
    phones: i % 3 === 0 ? [] : [{ value: `+86138${String(i).padStart(8, '0')}`, sources: src }],
    emails: [],
    wechatIds: i % 2 === 0 ? [{ value: `wx_user_${i}`, sources: src }] : [],
    wxids: [{ value: `wxid_${i}`, sources: src }],
    handles: [],
    labels: i % 50 === 0 ? ['家人'] : [],
    sources: src,
  }));
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'readd-bench-'));
  try {
    const caseDir = join(root, 'case');
    const seedStart = performance.now();
    seedCase(caseDir);
    const paths = readdPaths(caseDir);
    console.log(`setup: ${PERSONS} persons, ${HISTORY_EVENTS} past events, journal ${(statSync(paths.journal).size / 1e6).toFixed(1)} MB, snapshot ${(statSync(paths.snapshot).size / 1e6).toFixed(1)} MB (${(performance.now() - seedStart).toFixed(0)} ms)`);

    const opens: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      const loaded = loadReaddState(caseDir);
      opens.push(performance.now() - start);
      if (loaded.state.lastSeq !== HISTORY_EVENTS) throw new Error(`load saw ${loaded.state.lastSeq} events`);
    }
    console.log(line('load (snapshot + 300-event replay)', opens));

    const openStart = performance.now();
    const store = await ReaddStore.open(caseDir, { compactEvery: 500 });
    console.log(`store open: ${(performance.now() - openStart).toFixed(1)} ms`);

    const random = rng(7);
    const durable: number[] = [];
    for (let i = 0; i < MEASURED; i++) {
      const personId = `person-${1 + Math.floor(random() * PERSONS)}`;
      const action = ACTIONS[Math.floor(random() * ACTIONS.length)]!;
      const start = performance.now();
      await store.record(personId, action);
      durable.push(performance.now() - start);
      // The UI shows the next card between outcomes: background compaction gets its turn here.
      await new Promise((resolve) => setImmediate(resolve));
    }
    console.log(line('outcome -> durable (record, fdatasync)', durable));
    const median = [...durable].sort((a, b) => a - b)[Math.floor(durable.length / 2)]!;
    console.log(`target median < 20 ms: ${median < 20 ? 'met' : 'NOT met'}`);

    const compactions: number[] = [];
    for (let i = 0; i < 5; i++) {
      await store.record(`person-${i + 1}`, 'later');
      const start = performance.now();
      store.compact();
      compactions.push(performance.now() - start);
    }
    console.log(line('compaction (snapshot of 10k persons, atomic write)', compactions));
    const undoStart = performance.now();
    await store.undo();
    console.log(`undo -> durable: ${(performance.now() - undoStart).toFixed(3)} ms`);
    await store.close();
    const persons = makePersons();
    const queueTimes: number[] = [];
    const dashTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      let start = performance.now();
      buildQueue(persons, store.state, undefined, store.settings(), Date.now());
      queueTimes.push(performance.now() - start);
      start = performance.now();
      dashboard(store.state, persons, store.settings(), Date.now());
      dashTimes.push(performance.now() - start);
    }
    console.log(line('buildQueue (10k persons; first run fills the pinyin cache)', queueTimes));
    console.log(line('dashboard (10k persons)', dashTimes));
    const rss = process.memoryUsage().rss / 1e6;
    console.log(`rss: ${rss.toFixed(0)} MB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
