// Streams a vCard file card by card: bytes in, RawContacts out, one broken card never stops the rest.
import iconv from 'iconv-lite';
import { stat } from 'node:fs/promises';
import { throwIfAborted } from '../abort';
import { readChunks } from '../chunks';
import { describeEncoding, isLegacyEncoding, type FileEncoding } from '../encoding';
import type { ImportRun } from '../run';
import { MAX_CARD_BYTES, VcardAssembler, type AssembledCard } from './assembler';
import { cardToContact } from './card';
import { cardCharset, cardLocator, cardOutcome, reportCard, reportOverlong } from './card-outcome';
import { RangeWorker, splitPoint, splitReading, type RangeEnd, type RangeEvent } from './split-read';
import { ByteLineSplitter } from './lines';
import { GUESS_SAMPLE_BYTES, guessLegacyCharset, reportEncodingGuess, type GuessContext } from '../legacy-charset';
import { decidedCharset, valueBytes, type CharsetContext } from './property';

export { cardLocator } from './card-outcome';

const NEWLINE = Buffer.from('\n');

/**
 * The values of the file's first cards (its head) whose code page nothing declares and that are
 * not UTF-8, one a line: what the file's code page is guessed from, as a whole, since one name
 * alone is often too short to tell Hebrew from Greek or GBK from Big5.
 */
export function undeclaredSample(head: Buffer): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const onCard = (card: AssembledCard) => {
    const ctx: CharsetContext = { transcoded: false, cardCharset: cardCharset(card) };
    for (const p of card.props) {
      if (p.encoding === 'base64' || size >= GUESS_SAMPLE_BYTES) continue;
      const bytes = valueBytes(p);
      if (decidedCharset(bytes, p, ctx, p.encoding !== undefined) !== undefined) continue;
      parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), NEWLINE);
      size += bytes.length + 1;
    }
  };
  const assembler = new VcardAssembler(onCard);
  const splitter = new ByteLineSplitter((line, no) => assembler.line(line, no));
  splitter.push(head);
  splitter.end();
  for (const card of assembler.finish()) onCard(card);
  return Buffer.concat(parts);
}

/** The guessed code page of a vCard file's undeclared non-UTF-8 values, from its head (BOM removed). */
export function guessVcardCharset(encoding: FileEncoding, head: Buffer, context: GuessContext = {}): string | undefined {
  // Only a head that is not UTF-8 can hold undeclared legacy bytes (sniff.ts decided that).
  if (!isLegacyEncoding(encoding)) return undefined;
  return guessLegacyCharset(undeclaredSample(head), context);
}

/**
 * The names of the file's first cards (from its head) with undeclared non-UTF-8 text read in
 * `charset`: what the preview shows so the user can see whether the guess, or their choice, is right.
 */
export function vcardSampleNames(head: Buffer, charset: string, limit = 8): string[] {
  const names: string[] = [];
  const onCard = (card: AssembledCard) => {
    if (names.length >= limit || card.broken) return;
    const ctx: CharsetContext = { transcoded: false, cardCharset: cardCharset(card), guessed: charset, guessUsed: { value: false }, used: new Set() };
    try {
      const c = cardToContact(card, { file: '', record: cardLocator(card) }, ctx);
      const name = c.name ?? [c.familyName, c.givenName].filter(Boolean).join(' ');
      if (name) names.push(name);
    } catch {
      // A card that cannot be read is reported by the import; the preview just shows the others.
    }
  };
  const assembler = new VcardAssembler(onCard);
  const splitter = new ByteLineSplitter((line, no) => assembler.line(line, no), { maxLineBytes: MAX_CARD_BYTES, onOverlong: () => undefined });
  splitter.push(head);
  splitter.end();
  for (const card of assembler.finish()) onCard(card);
  return names;
}

/**
 * Reads the cards. `head` (the first bytes, BOM removed) is where the code page of undeclared
 * non-UTF-8 text is guessed from, unless the user chose it (`chosen`); when a value was read with
 * the guess, an issue says so.
 */
export async function readVcardFile(run: ImportRun, encoding: FileEncoding, bomLength: number, head?: Buffer, chosen?: string, context: GuessContext = {}): Promise<string> {
  const transcoded = encoding === 'utf-16le' || encoding === 'utf-16be';
  const guessed = transcoded ? undefined : (chosen ?? (head ? guessVcardCharset(encoding, head, context) : undefined));
  const guessUsed = { value: false };
  const used = new Set<string>();
  let junkLines = 0;
  let firstJunk: number | undefined;

  const handleCard = (card: AssembledCard, unterminated = false) => {
    const ctx: CharsetContext = { transcoded, cardCharset: cardCharset(card), guessed, guessUsed, used };
    reportCard(run, card, cardOutcome(card, unterminated, run.file, ctx));
  };

  const assembler = new VcardAssembler(handleCard, (line) => {
    junkLines++;
    firstJunk ??= line;
  });
  // A line longer than a whole card may be is dropped as it streams in (never held), and reported.
  const splitter = new ByteLineSplitter((line, no) => assembler.line(line, no), {
    maxLineBytes: MAX_CARD_BYTES,
    onOverlong: (line, bytes) => reportOverlong(run, line, bytes, assembler.droppedLine(line)),
  });
  const decoder = transcoded ? iconv.getDecoder(encoding) : undefined;
  let skipBom = bomLength;
  const readPart = async (start: number, end?: number) => {
    for await (let chunk of readChunks(run.path, { signal: run.signal, onProgress: run.onProgress, start, end })) {
      if (skipBom > 0) {
        const cut = Math.min(skipBom, chunk.length);
        chunk = chunk.subarray(cut);
        skipBom -= cut;
      }
      splitter.push(decoder ? Buffer.from(decoder.write(chunk), 'utf8') : chunk);
    }
  };

  // A large file's later part is read by a worker meanwhile (split-read.ts); its outcomes are reported here.
  const size = (await stat(run.path)).size;
  const split = transcoded ? undefined : await splitPoint(run.path, size, bomLength);
  const worker = split !== undefined ? new RangeWorker(splitReading.workerSource!, { path: run.path, start: split, end: Number.MAX_SAFE_INTEGER, file: run.file, guessed }) : undefined;
  let cardsSeen = 0;
  try {
    await readPart(0, split);
    // The worker's part began at a BEGIN:VCARD line as if it were a file of its own: true only when this part left nothing open.
    const end = worker && splitter.atLineStart && !assembler.hasOpenCard ? await reportRange(run, worker, { cardBase: assembler.cardsSeen, lineBase: splitter.lineCount, size }) : undefined;
    worker?.close();
    if (end) {
      cardsSeen = end.cardsSeen;
      junkLines += end.junkLines;
      if (end.firstJunk !== undefined) firstJunk ??= end.firstJunk + splitter.lineCount;
      for (const cs of end.used) used.add(cs);
      if (end.guessUsed) guessUsed.value = true;
    } else if (split !== undefined) {
      await readPart(split);
    }
  } finally {
    worker?.close();
  }
  if (decoder) {
    const tail = decoder.end();
    if (tail) splitter.push(Buffer.from(tail, 'utf8'));
  }
  splitter.end();
  for (const card of assembler.finish()) handleCard(card, true);
  cardsSeen += assembler.cardsSeen;

  if (cardsSeen === 0) run.error('No vCard found in the file (no BEGIN:VCARD line)', undefined, undefined, { code: 'vcard-none' });
  if (junkLines > 0) {
    run.warn(`Ignored ${junkLines} line(s) outside any card`, undefined, firstJunk, { code: 'vcard-junk-lines', params: { count: junkLines, line: firstJunk ?? 0 } });
  }
  if (transcoded) return describeEncoding(encoding);
  if (guessed && guessUsed.value && !chosen) reportEncodingGuess(run, guessed);
  const names = [...used].map((cs) => (cs === 'utf-8' ? 'UTF-8' : cs.toUpperCase()));
  if (names.length === 0) return encoding === 'utf-8-bom' ? 'UTF-8 (BOM)' : 'UTF-8';
  return names.join(' + ');
}

/**
 * Reports the outcomes of the worker's part, cards numbered and lines counted on from this part's
 * (`cardBase`, `lineBase`). Undefined when the worker failed before any was reported: the caller
 * reads that part itself. A failure after that fails the file (its first records are in already).
 */
async function reportRange(run: ImportRun, worker: RangeWorker, { cardBase, lineBase, size }: { cardBase: number; lineBase: number; size: number }): Promise<RangeEnd | undefined> {
  let reported = false;
  for (;;) {
    const message = await worker.next();
    throwIfAborted(run.signal);
    if ('done' in message) {
      splitReading.partsReported++;
      return message;
    }
    if ('error' in message) {
      if (!reported) return undefined;
      throw new Error(message.error);
    }
    for (const event of JSON.parse(Buffer.from(message.events.buffer, message.events.byteOffset, message.events.byteLength).toString()) as RangeEvent[]) {
      if (event[0] === 0) {
        const [, index, startLine, outcome] = event;
        const place = { index: cardBase + index, startLine: lineBase + startLine };
        if (outcome.kind === 'read' && outcome.contact) outcome.contact.source = { file: run.file, record: cardLocator(place) };
        reportCard(run, place, outcome);
      } else {
        const [, line, bytes, cardIndex, cardStartLine] = event;
        reportOverlong(run, lineBase + line, bytes, cardIndex > 0 ? { index: cardBase + cardIndex, startLine: lineBase + cardStartLine } : undefined);
      }
    }
    reported = true;
    worker.reported(message.events.byteLength);
    run.onProgress?.(message.bytes, size);
  }
}
