// Streams a vCard file card by card: bytes in, RawContacts out, one broken card never stops the rest.
import iconv from 'iconv-lite';
import { readChunks } from '../chunks';
import { hasContent } from '../contact';
import { describeEncoding, normalizeCharset, isLatinCharset, type FileEncoding } from '../encoding';
import type { ImportRun } from '../run';
import { MAX_CARD_BYTES, VcardAssembler, type AssembledCard } from './assembler';
import { cardToContact } from './card';
import { ByteLineSplitter } from './lines';
import type { CharsetContext } from './property';

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

export async function readVcardFile(run: ImportRun, encoding: FileEncoding, bomLength: number): Promise<string> {
  const transcoded = encoding === 'utf-16le' || encoding === 'utf-16be';
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
      const ctx: CharsetContext = { transcoded, cardCharset: cardCharset(card), fallback: 'gb18030', used };
      const contact = cardToContact(card, { file: run.file, record }, ctx);
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
  const splitter = new ByteLineSplitter((line, no) => assembler.line(line, no), {
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
  const names = [...used].map((cs) => (cs === 'utf-8' ? 'UTF-8' : cs.toUpperCase()));
  if (names.length === 0) return encoding === 'utf-8-bom' ? 'UTF-8 (BOM)' : 'UTF-8';
  return names.join(' + ');
}
