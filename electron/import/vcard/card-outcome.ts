// What became of one card, apart from reporting it: read into a contact (maybe with warnings),
// unreadable, or too large. The reader reports an outcome at once; the worker that reads a large
// file's later part (split-read.ts) sends its outcomes to the reader, which reports them with the
// card's place in the whole file. One place for the messages, whichever thread read the card.
import type { RawContact } from '../../../shared/types';
import { hasContent } from '../contact';
import type { ImportRun } from '../run';
import { MAX_CARD_BYTES, type AssembledCard } from './assembler';
import { cardToContact } from './card';
import { isLatinCharset, normalizeCharset } from '../encoding';
import type { CharsetContext } from './property';

/** Charset a card declares for some property (e.g. SHIFT_JIS), used for its undeclared bytes too. */
export function cardCharset(card: AssembledCard): string | undefined {
  for (const p of card.props) {
    const cs = normalizeCharset(p.params.get('CHARSET')?.[0]);
    if (cs && !isLatinCharset(cs)) return cs;
  }
  return undefined;
}

export type CardOutcome =
  /** Kept whole was impossible; `reported`: the line that broke it was reported already. */
  | { kind: 'broken'; reason: string; reported?: boolean }
  | { kind: 'unreadable'; message: string }
  /** Read; `contact` absent when the card held nothing to find a person by. */
  | { kind: 'read'; contact?: RawContact; missingBegin?: boolean; unterminated?: boolean };

/** Where a card is: its number in the file and its first line. */
export interface CardPlace {
  index: number;
  startLine: number;
}

export function cardLocator(card: CardPlace): string {
  return `card ${card.index} (line ${card.startLine})`;
}

/** Reads `card`; its contact's source names `file` and the card's locator. */
export function cardOutcome(card: AssembledCard, unterminated: boolean, file: string, ctx: CharsetContext): CardOutcome {
  if (card.broken) return card.brokenReported ? { kind: 'broken', reason: card.broken, reported: true } : { kind: 'broken', reason: card.broken };
  let contact: RawContact;
  try {
    contact = cardToContact(card, { file, record: cardLocator(card) }, ctx);
  } catch (err) {
    return { kind: 'unreadable', message: (err as Error).message };
  }
  const outcome: CardOutcome = { kind: 'read' };
  if (hasContent(contact)) outcome.contact = contact;
  if (card.missingBegin) outcome.missingBegin = true;
  if (unterminated) outcome.unterminated = true;
  return outcome;
}

/** Reports what became of the card at `place`: its contact emitted, or why not, and its warnings. */
export function reportCard(run: ImportRun, place: CardPlace, outcome: CardOutcome): void {
  const record = cardLocator(place);
  const where = { card: place.index, line: place.startLine };
  if (outcome.kind === 'broken') {
    if (!outcome.reported) run.error(`Skipped: ${outcome.reason}`, record, place.startLine, { code: 'card-too-large', params: { ...where, mb: MAX_CARD_BYTES >> 20 } });
    run.skip();
    return;
  }
  if (outcome.kind === 'unreadable') {
    run.error(`Skipped: card could not be read (${outcome.message})`, record, place.startLine, { code: 'card-unreadable', params: where });
    run.skip();
    return;
  }
  if (outcome.missingBegin) run.warn('Card has no BEGIN:VCARD line; read it from its first property', record, place.startLine, { code: 'card-no-begin', params: where });
  if (outcome.unterminated) run.warn('Card has no END:VCARD (file cut short?); imported what was there', record, place.startLine, { code: 'card-truncated', params: where });
  if (!outcome.contact) {
    run.warn('Skipped: card has no name, phone, e-mail or ID', record, place.startLine, { code: 'card-empty', params: where });
    run.skip();
    return;
  }
  run.emit(outcome.contact);
}

/** A line longer than a card may be was dropped (`card`: the card it was in, if any). */
export function reportOverlong(run: ImportRun, line: number, bytes: number, card: CardPlace | undefined): void {
  const mb = MAX_CARD_BYTES >> 20;
  const what = card ? `${cardLocator(card)}: its line ${line}` : `line ${line}`;
  run.error(`Skipped ${what} is ${(bytes / 2 ** 20).toFixed(1)} MB long, longer than a card may be (${mb} MB)`, card ? cardLocator(card) : `line ${line}`, line, {
    code: 'line-too-long',
    params: { line, mb },
  });
}
