// A small young generation while contacts are imported (importContactFiles runs inside
// withSmallYoungGeneration), and the young generation a worker thread starts with
// (startWithYoungGeneration, at the end).
//
// Why: V8 doubles the young generation whenever more bytes survived its scavenges, since it last
// grew, than the young generation holds; on a machine with much memory it goes up to 64 MB per
// semi-space. A contact import keeps ~80 MB of small objects (prepared records, the merge), so
// after 100k cards the young generation was 134 MB, empty but resident: a third of the import's
// peak. Kept at 16 MB the same import is as fast (bench contacts-import). The message import, which
// makes many short-lived rows, ran 30-45% slower at 16 MB (bench messages) but as fast at 32 MB,
// its own stop (messages/index.ts). Not for the whole process: other work keeps V8's sizing.
//
// `--max-semi-space-size` is a start-up flag (and cannot be given to a packaged Electron main
// process); V8 reads `--semi-space-growth-factor` each time it grows the young generation, though,
// so setting it to 1 once the young generation reached the stop keeps it there, and setting it back
// to V8's default (2) lets it grow again. A young generation that is already bigger when an import
// starts stays as it is (V8 shrinks it when the process is idle).
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';

/**
 * The young generation (new space: both semi-spaces) stops growing once it holds this much. GC
 * notifications arrive after the collection, in a later task, and each collection before it may
 * have doubled it again: it ends between this and 4x this (measured: 16 MB after 100k cards).
 */
export const YOUNG_GENERATION_STOP_MB = 8;
const V8_DEFAULT_GROWTH_FACTOR = 2;

let holders = 0;
let observer: PerformanceObserver | undefined;
let heldStop: number | undefined;

/** Runs `work` with the young generation kept small (see above); nested and concurrent calls share it. */
export async function withSmallYoungGeneration<T>(work: () => Promise<T>, stopAtMb = YOUNG_GENERATION_STOP_MB): Promise<T> {
  if (holders++ === 0) {
    heldStop = stopAtMb;
    keepSmall(stopAtMb);
  }
  try {
    return await work();
  } finally {
    if (--holders === 0) letGrow();
  }
}

function keepSmall(stopAtMb: number): void {
  if (youngGenerationMb() >= stopAtMb) return setGrowthFactor(1);
  const watcher = new PerformanceObserver(() => {
    if (youngGenerationMb() < stopAtMb) return;
    setGrowthFactor(1);
    watcher.disconnect();
  });
  watcher.observe({ entryTypes: ['gc'] });
  observer = watcher;
}

/** The stop in force while some work runs withSmallYoungGeneration, else undefined. */
export const youngGenerationStop = (): number | undefined => heldStop;

function letGrow(): void {
  heldStop = undefined;
  observer?.disconnect();
  observer = undefined;
  setGrowthFactor(V8_DEFAULT_GROWTH_FACTOR);
}

function setGrowthFactor(factor: number): void {
  setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

/** What the young generation holds now (used or not), in MB. */
export function youngGenerationMb(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? space.space_size / 1024 / 1024 : 0;
}

/**
 * Starts a thread whose isolate begins with `semiSpaceMb` per semi-space (young generation: twice
 * that). A new isolate takes its starting size from --min-semi-space-size, read when the thread
 * creates it, so the flag is set for the start and put back once the thread runs. Why: while a
 * hold above is in force, the process-wide growth factor of 1 keeps a thread started under it at
 * V8's 1 MB start for good, and a thread that makes many short-lived objects (the contact parse)
 * then spends a fifth of its time scavenging.
 */
export function startWithYoungGeneration(semiSpaceMb: number, start: () => Worker): Worker {
  const restore = () => setFlagsFromString(`--min-semi-space-size=${V8_DEFAULT_MIN_SEMI_SPACE}`);
  setFlagsFromString(`--min-semi-space-size=${semiSpaceMb}`);
  let worker: Worker;
  try {
    worker = start();
  } catch (err) {
    restore();
    throw err;
  }
  worker.once('online', restore);
  worker.once('exit', restore);
  return worker;
}

/** V8's default: no minimum (its own starting size). */
const V8_DEFAULT_MIN_SEMI_SPACE = 0;
