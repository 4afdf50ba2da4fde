// A large vCard file read on both cores: while the reader parses the file's first part on its own
// thread, a worker thread parses the rest (from a BEGIN:VCARD line on) and sends what became of
// each card (card-outcome.ts), in batches of JSON text. The reader reports them in file order once
// its part is done, with each card's number and line in the whole file, so the result is the
// same, byte for byte, as reading the file in one go: the worker's part must start where the
// reader's part leaves no card open and no line unfinished, else the reader reads on by itself.
// Most of an import's time after the parse (preparing, packing, merging) stays on the reader's
// thread; the worker is given the larger part so both finish their share at about the same time.
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { readChunks } from '../chunks';
import { VcardAssembler, MAX_CARD_BYTES } from './assembler';
import { cardCharset, cardOutcome, type CardOutcome } from './card-outcome';
import { ByteLineSplitter } from './lines';
import type { CharsetContext } from './property';

/** The worker's code, bundled by scripts/bundles.mjs (range-worker.ts); absent where the sources run unbundled. */
declare const __RELINK_VCARD_WORKER__: string | undefined;

export const splitReading = {
  /** Without it (tests, unbundled runs) every file is read on the calling thread. */
  workerSource: typeof __RELINK_VCARD_WORKER__ === 'string' ? __RELINK_VCARD_WORKER__ : undefined,
  /** Smaller files are read in one go: a worker takes ~50 ms to start. */
  minBytes: Number(process.env.RELINK_VCARD_SPLIT_MIN ?? 4 << 20),
  /** Where the reader's part ends, as a share of the file (the next BEGIN:VCARD line after it). */
  at: Number(process.env.RELINK_VCARD_SPLIT_AT ?? 0.4),
  /** Parts a worker read and the reader reported (for tests: that a file was split). */
  partsReported: 0,
};

/** The part of a file a worker reads: bytes [start, end). */
export interface RangeJob {
  path: string;
  start: number;
  end: number;
  /** The name contacts' sources carry. */
  file: string;
  /** The file's guessed or chosen code page (see CharsetContext.guessed). */
  guessed?: string;
}

/** A card's outcome at its place in the part; a dropped overlong line (cardIndex 0: outside any card). */
export type RangeEvent = [kind: 0, index: number, startLine: number, outcome: CardOutcome] | [kind: 1, line: number, bytes: number, cardIndex: number, cardStartLine: number];

export interface RangeEnd {
  done: true;
  cardsSeen: number;
  junkLines: number;
  firstJunk?: number;
  used: string[];
  guessUsed: boolean;
}

/**
 * What the worker posts: batches of events (JSON of RangeEvent[] in UTF-8, moved rather than copied,
 * and outside the reader's heap while they wait) with the file position reached, then its end.
 */
export type RangeMessage = { events: Uint8Array; bytes: number } | RangeEnd | { error: string };

/**
 * A batch is sent once its JSON reaches this many characters (at most 3 bytes each in UTF-8): its
 * bytes stay under the C heap's 128 KiB mmap threshold. A larger block is mapped on its own, and
 * freeing it (on the reader's thread) raises that threshold for good, after which every large
 * block of either thread may stay resident in the heap: 500-card batches (~350 KB) cost ~12 MB of
 * peak RSS at 100k cards.
 */
const BATCH_CHARS = 32 << 10;
/**
 * Batches' bytes the reader has not reported yet, at most: the worker waits beyond. While the reader
 * reads its own part they pile up; batches are freed on the reader's thread but stay in the worker's
 * malloc arena, resident (unbounded, a 100k-card import peaked ~50 MB higher than on one thread).
 */
export const MAX_UNREPORTED_BYTES = Number(process.env.RELINK_VCARD_SPLIT_QUEUE ?? 2 << 20);
const encoder = new TextEncoder();
const SPLIT_WINDOW = 1 << 20;
const MARK = Buffer.from('\nBEGIN:VCARD');

/** Where a worker's part may begin: just after a line break, at a BEGIN:VCARD line; undefined when the file is not split. */
export async function splitPoint(path: string, size: number, bomLength: number): Promise<number | undefined> {
  if (!splitReading.workerSource || size < splitReading.minBytes) return undefined;
  const from = Math.max(bomLength, Math.floor(size * splitReading.at));
  const handle = await open(path, 'r');
  try {
    const window = Buffer.alloc(Math.min(SPLIT_WINDOW, size - from));
    const { bytesRead } = await handle.read(window, 0, window.length, from);
    for (let at = window.indexOf(MARK); at >= 0 && at + MARK.length < bytesRead; at = window.indexOf(MARK, at + 1)) {
      const next = window[at + MARK.length];
      if (next === 0x0d || next === 0x0a) return from + at + 1;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

/** Parses bytes [start, end) of the file as a file of its own, posting its outcomes (run on the worker). */
export async function readRange(job: RangeJob, post: (message: RangeMessage, transfer?: ArrayBuffer[]) => void, room?: () => Promise<void> | undefined): Promise<void> {
  const guessUsed = { value: false };
  const used = new Set<string>();
  // Each event's JSON, joined into a batch's array text when sent.
  let events: string[] = [];
  let chars = 0;
  let bytes = job.start;
  let junkLines = 0;
  let firstJunk: number | undefined;
  const flush = () => {
    if (events.length === 0) return;
    // TextEncoder's bytes have a buffer of their own (a small Buffer shares the pool's, which must not be moved).
    const text = encoder.encode(`[${events.join(',')}]`);
    post({ events: text, bytes }, [text.buffer as ArrayBuffer]);
    events = [];
    chars = 0;
  };
  const push = (event: RangeEvent) => {
    const json = JSON.stringify(event);
    events.push(json);
    chars += json.length + 1;
    if (chars >= BATCH_CHARS) flush();
  };
  const onCard = (card: Parameters<typeof cardOutcome>[0], unterminated = false) => {
    const ctx: CharsetContext = { transcoded: false, cardCharset: cardCharset(card), guessed: job.guessed, guessUsed, used };
    push([0, card.index, card.startLine, cardOutcome(card, unterminated, job.file, ctx)]);
  };
  const assembler = new VcardAssembler(onCard, (line) => {
    junkLines++;
    firstJunk ??= line;
  });
  const splitter = new ByteLineSplitter((line, no) => assembler.line(line, no), {
    maxLineBytes: MAX_CARD_BYTES,
    onOverlong: (line, size) => {
      const card = assembler.droppedLine(line);
      push([1, line, size, card?.index ?? 0, card?.startLine ?? 0]);
    },
  });
  for await (const chunk of readChunks(job.path, { start: job.start, end: job.end, onProgress: (position) => (bytes = position) })) {
    const full = room?.();
    if (full) await full;
    splitter.push(chunk);
  }
  splitter.end();
  for (const card of assembler.finish()) onCard(card, true);
  flush();
  post({ done: true, cardsSeen: assembler.cardsSeen, junkLines, firstJunk, used: [...used], guessUsed: guessUsed.value });
}

/** A worker reading one part of a file; its messages are taken in order with next(). */
export class RangeWorker {
  private readonly worker: Worker;
  private readonly queue: RangeMessage[] = [];
  private waiting: ((message: RangeMessage) => void) | undefined;
  private ended = false;

  constructor(source: string, job: RangeJob) {
    // Its objects live no longer than a batch: a small young generation is enough (the default grows to 32 MB and more).
    this.worker = new Worker(source, { eval: true, workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.on('message', (message: RangeMessage) => this.put(message));
    this.worker.on('error', (err) => this.put({ error: err.message }));
    this.worker.on('exit', (code) => this.put({ error: `the reading worker stopped (exit code ${code})` }));
  }

  /** A batch's events were reported: the worker may send that many bytes more. */
  reported(bytes: number): void {
    this.worker.postMessage(bytes);
  }

  /** The next message; an error once the worker failed or stopped before its end. */
  next(): Promise<RangeMessage> {
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    this.ended = true;
    this.queue.length = 0;
    this.worker.removeAllListeners('exit');
    void this.worker.terminate();
  }

  private put(message: RangeMessage): void {
    if (this.ended) return;
    if ('done' in message || 'error' in message) this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(message);
    else this.queue.push(message);
  }
}
