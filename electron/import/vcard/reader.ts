// Streams a vCard file card by card: bytes in, RawContacts out, one broken card never stops the rest.
import iconv from 'iconv-lite';
import { readChunks } from '../chunks';
import { hasContent } from '../contact';
import { describeEncoding, isLegacyEncoding, normalizeCharset, isLatinCharset, type FileEncoding } from '../encoding';
import type { ImportRun } from '../run';
import { MAX_CARD_BYTES, VcardAssembler, type AssembledCard } from './assembler';
import { cardToContact } from './card';
import { ByteLineSplitter } from './lines';
import { GUESS_SAMPLE_BYTES, guessLegacyCharset, loadLegacyCharsetGuesser, reportEncodingGuess, type GuessContext } from '../legacy-charset';
import { decidedCharset, valueBytes, type CharsetContext } from './property';

/** Charset a card declares for some property (e.g. SHIFT_JIS), used for its undeclared bytes too. */
function cardCharset(card: AssembledCard): string | undefined {
  for (const p of card.props) {
    const cs = normalizeCharset(p.params.get('CHARSET')?.[0]);
    if (cs && !isLatinCharset(cs)) return cs;
  }
  return undefined;
}

export function cardLocator(card: { index: number; startLine: number }): string {
  return `card ${card.index} (line ${card.startLine})`;
}

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
  const splitter = new ByteLineSplitter((data, start, end, no) => assembler.line(data, start, end, no));
  splitter.push(head);
  splitter.end();
  for (const card of assembler.finish()) onCard(card);
  return Buffer.concat(parts);
}

/** The guessed code page of a vCard file's undeclared non-UTF-8 values, from its head (BOM removed). */
export async function guessVcardCharset(encoding: FileEncoding, head: Buffer, context: GuessContext = {}): Promise<string | undefined> {
  // Only a head that is not UTF-8 can hold undeclared legacy bytes (sniff.ts decided that).
  if (!isLegacyEncoding(encoding)) return undefined;
  await loadLegacyCharsetGuesser();
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
  const splitter = new ByteLineSplitter((data, start, end, no) => assembler.line(data, start, end, no), { maxLineBytes: MAX_CARD_BYTES, onOverlong: () => undefined });
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
  const guessed = transcoded ? undefined : (chosen ?? (head ? await guessVcardCharset(encoding, head, context) : undefined));
  const guessUsed = { value: false };
  const used = new Set<string>();
  let junkLines = 0;
  let firstJunk: number | undefined;

  const handleCard = (card: AssembledCard, unterminated = false) => {
    const record = cardLocator(card);
    const where = { card: card.index, line: card.startLine };
    if (card.broken) {
      if (card.brokenReported) return run.skip();
      run.error(`Skipped: ${card.broken}`, record, card.startLine, { code: 'card-too-large', params: { ...where, mb: MAX_CARD_BYTES >> 20 } });
      run.skip();
      return;
    }
    try {
      const ctx: CharsetContext = { transcoded, cardCharset: cardCharset(card), guessed, guessUsed, used };
      const contact = cardToContact(card, { file: run.file, record }, ctx);
      if (card.missingBegin) run.warn('Card has no BEGIN:VCARD line; read it from its first property', record, card.startLine, { code: 'card-no-begin', params: where });
      if (unterminated) run.warn('Card has no END:VCARD (file cut short?); imported what was there', record, card.startLine, { code: 'card-truncated', params: where });
      if (!hasContent(contact)) {
        run.warn('Skipped: card has no name, phone, e-mail or ID', record, card.startLine, { code: 'card-empty', params: where });
        run.skip();
        return;
      }
      run.emit(contact);
    } catch (err) {
      run.error(`Skipped: card could not be read (${(err as Error).message})`, record, card.startLine, { code: 'card-unreadable', params: where });
      run.skip();
    }
  };

  const assembler = new VcardAssembler(handleCard, (line) => {
    junkLines++;
    firstJunk ??= line;
  });
  // A line longer than a whole card may be is dropped as it streams in (never held), and reported.
  const splitter = new ByteLineSplitter((data, start, end, no) => assembler.line(data, start, end, no), {
    maxLineBytes: MAX_CARD_BYTES,
    onOverlong: (line, bytes) => {
      const mb = MAX_CARD_BYTES >> 20;
      const card = assembler.droppedLine(line);
      const what = card ? `${cardLocator(card)}: its line ${line}` : `line ${line}`;
      run.error(`Skipped ${what} is ${(bytes / 2 ** 20).toFixed(1)} MB long, longer than a card may be (${mb} MB)`, card ? cardLocator(card) : `line ${line}`, line, {
        code: 'line-too-long',
        params: { line, mb },
      });
    },
  });
  const decoder = transcoded ? iconv.getDecoder(encoding) : undefined;
  let skipBom = bomLength;

  for await (let chunk of readChunks(run.path, { signal: run.signal, onProgress: run.onProgress })) {
    if (skipBom > 0) {
      const cut = Math.min(skipBom, chunk.length);
      chunk = chunk.subarray(cut);
      skipBom -= cut;
    }
    splitter.push(decoder ? Buffer.from(decoder.write(chunk), 'utf8') : chunk);
  }
  if (decoder) {
    const tail = decoder.end();
    if (tail) splitter.push(Buffer.from(tail, 'utf8'));
  }
  splitter.end();
  for (const card of assembler.finish()) handleCard(card, true);

  if (assembler.cardsSeen === 0) run.error('No vCard found in the file (no BEGIN:VCARD line)', undefined, undefined, { code: 'vcard-none' });
  if (junkLines > 0) {
    run.warn(`Ignored ${junkLines} line(s) outside any card`, undefined, firstJunk, { code: 'vcard-junk-lines', params: { count: junkLines, line: firstJunk ?? 0 } });
  }
  if (transcoded) return describeEncoding(encoding);
  if (guessed && guessUsed.value && !chosen) reportEncodingGuess(run, guessed);
  const names = [...used].map((cs) => (cs === 'utf-8' ? 'UTF-8' : cs.toUpperCase()));
  if (names.length === 0) return encoding === 'utf-8-bom' ? 'UTF-8 (BOM)' : 'UTF-8';
  return names.join(' + ');
}
