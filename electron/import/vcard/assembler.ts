// Groups physical lines into cards and properties: BEGIN/END (nesting allowed, as old phones wrote),
// folding, quoted-printable soft line breaks (the next line belongs to the value whatever it holds),
// 2.1 base64 blocks without indentation, comment and junk lines.
import { hasHighBytes } from '../encoding';
import { isUtf8Text } from '../../platform/utf8';
import { cachedPropertyHead, findValueColon, type PropertyHead, type VProperty } from './property';

export interface AssembledCard {
  index: number;
  startLine: number;
  endLine?: number;
  version?: string;
  props: VProperty[];
  /** Set when the card could not be kept whole (too large). */
  broken?: string;
  /** The card's properties began without a BEGIN:VCARD line (read anyway, and reported). */
  missingBegin?: boolean;
  /** The reason was reported already (a line too long to keep): the card is only counted as skipped. */
  brokenReported?: boolean;
}

interface PendingProp {
  /** Raw bytes of the property (name, parameters and value) without the folding: its first line, [pieceStart, pieceEnd) of `piece`… */
  piece?: Buffer;
  pieceStart: number;
  pieceEnd: number;
  /** …and the lines that continue it, if any (most properties have none: no list made for them). */
  more?: Buffer[];
  encoding?: 'quoted-printable' | 'base64';
  softBreak: boolean;
  base64Open: boolean;
  /** The head of its first line when it was whole there (its colon found): what closePending needs if no line follows. */
  head?: HeadInfo;
  /** Where that colon is, from pieceStart. */
  colon: number;
}

interface OpenCard extends AssembledCard {
  pending?: PendingProp;
  bytes: number;
  /** Property lines begun so far: the place of the next one's head in recentHeads. */
  heads: number;
}

/** A head seen at some place of a card: its bytes (a copy) and what it says. */
interface RecentHead {
  bytes: Buffer;
  info: HeadInfo;
  /** No quote in its bytes: a line that repeats them and then has a colon has its value's colon right there. */
  plain: boolean;
}

/** A card bigger than this is reported and skipped instead of being held in memory. */
export const MAX_CARD_BYTES = 8 << 20;

const SPACE = 0x20;
const TAB = 0x09;
const ONE_SPACE = Buffer.from(' ');

/** Lines are ranges [start, end) of a buffer (see lines.ts): the end of line[start, end) without its trailing blanks. */
function trimEnd(line: Buffer, start: number, end: number): number {
  while (end > start && (line[end - 1] === SPACE || line[end - 1] === TAB)) end--;
  return end;
}

function asciiUpper(line: Buffer, start: number, end: number): string {
  return line.toString('latin1', start, end).trim().toUpperCase();
}

function isMarker(line: Buffer, start: number, end: number, marker: 'BEGIN:VCARD' | 'END:VCARD'): boolean {
  const length = end - start;
  if (length < marker.length || length > marker.length + 8) return false;
  if (length === marker.length && startsWithAscii(line, start, marker)) return true; // as written almost always
  // Cheap first-letter test before any string work: this runs for every line.
  const first = line[start]! | 0x20;
  if (first !== (marker.charCodeAt(0) | 0x20) && line[start] !== SPACE && line[start] !== TAB) return false;
  return asciiUpper(line, start, end).replace(/\s+/g, '') === marker;
}

/** A quoted-printable soft line break: the "=" that ended the property's last line so far is not part of it. */
function dropLastByte(p: PendingProp): void {
  if (p.more?.length) p.more[p.more.length - 1] = p.more[p.more.length - 1]!.subarray(0, -1);
  else if (p.pieceEnd > p.pieceStart) p.pieceEnd--;
}

function startsWithBytes(line: Buffer, start: number, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (line[start + i] !== bytes[i]) return false;
  return true;
}

const COLON = 0x3a;
const QUOTE = 0x22;

/** Whether line[start, end) holds a quote (a loop: Buffer#indexOf would search on to the end of the chunk). */
function hasQuoteBefore(line: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (line[i] === QUOTE) return true;
  return false;
}

/**
 * Whether line[start, end) is `head` (a plain one, see RecentHead) then a colon: its property
 * starts there and its value's colon is the one after the head, as findValueColon and
 * looksLikePropertyStart would find scanning the line (the head passed them when it was seen).
 */
function repeatsHead(line: Buffer, start: number, end: number, head: RecentHead): boolean {
  const length = head.bytes.length;
  return head.plain && length > 0 && end - start > length && line[start + length] === COLON && startsWithBytes(line, start, head.bytes);
}

/** Places of a card whose heads are remembered (see headAt): more than any card has but a huge one. */
const MAX_RECENT_HEADS = 256;

function startsWithAscii(line: Buffer, start: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (line[start + i] !== text.charCodeAt(i)) return false;
  return true;
}

const QP_PARAM = /QUOTED-PRINTABLE/i;
const B64_PARAM = /;\s*(ENCODING\s*=\s*)?(B|BASE64)\s*(;|$)/i;

/**
 * A property line starts with a name made of letters, digits, '-', '_' and '.' (group), then ';' or ':'.
 * Without a colon it may still start a property whose parameters go on in folded lines.
 */
function looksLikePropertyStart(line: Buffer, start: number, lineEnd: number, colon: number): boolean {
  if (colon === 0) return false;
  const end = colon < 0 ? lineEnd : start + colon;
  let i = start;
  for (; i < end; i++) {
    const b = line[i]!;
    const ok = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e;
    if (!ok) break;
  }
  const first = line[start]!;
  if (i === start || !(first >= 0x41 && first <= 0x5a) && !(first >= 0x61 && first <= 0x7a) && colon < 0) return false;
  return i === end || line[i] === 0x3b;
}

/**
 * Properties that only a vCard has: outside any card, one of them starts a card whose BEGIN:VCARD
 * line is missing (as a card without END:VCARD is read to the next card), instead of being junk.
 * Upper case only, as every exporter writes them: a stray "Note: …" line stays junk.
 */
const CARD_PROPERTY = /^(?:[A-Za-z0-9-]+\.)?(VERSION|FN|N|TEL|EMAIL|NICKNAME|ORG|TITLE|NOTE|ADR|BDAY|UID|URL|PHOTO|REV|PRODID|CATEGORIES|X-WECHAT-ID)[;:]/;

function looksLikeBase64(line: Buffer, start: number, end: number): boolean {
  return /^[A-Za-z0-9+/=]+$/.test(line.toString('latin1', start, end).trim());
}

/** What a property line's head (its bytes before the value's colon, read as Latin-1) tells. */
interface HeadInfo {
  /** The encoding it declares, which decides how the lines after it are read. */
  encoding: VProperty['encoding'];
  /** The parsed head when its bytes are ASCII (the Latin-1 reading is then the text); else undefined. */
  parsed?: PropertyHead;
}

const headInfos = new Map<string, HeadInfo>();

/**
 * What a head says, remembered per head, as the same few repeat on every card: one lookup per
 * property line gives both the encoding and, for a property on one line, its parsed head.
 */
function headInfoOf(head: string): HeadInfo {
  let known = headInfos.get(head);
  if (known === undefined) {
    if (headInfos.size >= 4096) headInfos.clear();
    const encoding = QP_PARAM.test(head) ? 'quoted-printable' : B64_PARAM.test(head) ? 'base64' : undefined;
    known = { encoding, parsed: NON_ASCII.test(head) ? undefined : cachedPropertyHead(head) };
    headInfos.set(head, known);
  }
  return known;
}

const NON_ASCII = /[^\x00-\x7f]/;

function decodeHead(bytes: Buffer): string {
  return hasHighBytes(bytes) && !isUtf8Text(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

export class VcardAssembler {
  private readonly stack: OpenCard[] = [];
  /** The head last seen at each place of a card (see headAt). */
  private readonly recentHeads: RecentHead[] = [];
  private cardCount = 0;

  constructor(
    private readonly onCard: (card: AssembledCard) => void,
    private readonly onJunk?: (line: number) => void,
  ) {}

  get cardsSeen(): number {
    return this.cardCount;
  }

  /** Takes the line raw[start, rawEnd) (see lines.ts: a range, so that no Buffer is made for a line). */
  line(raw: Buffer, start: number, rawEnd: number, lineNo: number): void {
    const card = this.stack[this.stack.length - 1];
    const pending = card?.pending;
    // A quoted-printable value that ended in "=" continues on this line, even if it looks like a comment.
    if (card && pending?.softBreak && !isMarker(raw, start, rawEnd, 'END:VCARD') && !isMarker(raw, start, rawEnd, 'BEGIN:VCARD')) {
      dropLastByte(pending);
      const end = trimEnd(raw, start, rawEnd);
      this.append(card, raw, start, end);
      pending.softBreak = end > start && raw[end - 1] === 0x3d;
      return;
    }
    if (rawEnd === start || (rawEnd - start < 3 && trimEnd(raw, start, rawEnd) === start)) {
      if (pending) pending.base64Open = false;
      return;
    }
    const first = raw[start]!;
    if ((first === SPACE || first === TAB) && card && pending) {
      // Folded line: drop the one whitespace that folding added.
      const qp = pending.encoding === 'quoted-printable';
      const end = qp ? trimEnd(raw, start + 1, rawEnd) : rawEnd;
      this.append(card, raw, start + 1, end);
      if (qp) pending.softBreak = end > start + 1 && raw[end - 1] === 0x3d;
      return;
    }
    if (isMarker(raw, start, rawEnd, 'BEGIN:VCARD')) {
      if (card?.missingBegin) {
        // A card that had no BEGIN:VCARD ends where the next one begins: never nest inside it.
        this.closePending(card);
        this.stack.pop();
        this.emit(card);
      } else if (card) this.closePending(card);
      this.stack.push({ index: ++this.cardCount, startLine: lineNo, props: [], bytes: 0, heads: 0 });
      return;
    }
    if (isMarker(raw, start, rawEnd, 'END:VCARD')) {
      if (!card) return this.onJunk?.(lineNo);
      this.closePending(card);
      this.stack.pop();
      card.endLine = lineNo;
      this.emit(card);
      return;
    }
    if (!card) {
      if (CARD_PROPERTY.test(raw.toString('latin1', start, Math.min(rawEnd, start + 80)))) {
        this.stack.push({ index: ++this.cardCount, startLine: lineNo, props: [], bytes: 0, heads: 0, missingBegin: true });
        this.line(raw, start, rawEnd, lineNo);
      } else if (trimEnd(raw, start, rawEnd) > start) this.onJunk?.(lineNo);
      return;
    }
    if (first === 0x23 /* # */) return; // comment line
    const end = trimEnd(raw, start, rawEnd);
    const recent = this.recentHeads[card.heads];
    let colon: number;
    let head: HeadInfo;
    if (recent !== undefined && repeatsHead(raw, start, end, recent)) {
      // The head at this place of the previous card again (cards of a file repeat their heads in
      // order): where its value begins and what it says are known without scanning the line.
      colon = recent.bytes.length;
      this.closePending(card);
      card.heads++;
      head = recent.info;
    } else {
      colon = findValueColon(raw, start, end);
      if (pending?.base64Open && colon < 0 && looksLikeBase64(raw, start, end)) {
        this.append(card, raw, start, end);
        return;
      }
      if (!looksLikePropertyStart(raw, start, end, colon)) {
        // A value that went on over several lines without folding: keep it with the previous property.
        if (pending && !pending.encoding) {
          this.append(card, ONE_SPACE, 0, 1);
          this.append(card, raw, start, end);
        }
        return;
      }
      this.closePending(card);
      // Name and parameters are parsed when the property is complete: they may be folded too.
      head = this.headAt(card.heads++, raw, start, colon < 0 ? end - start : colon);
    }
    const encoding = head.encoding;
    card.pending = {
      encoding,
      softBreak: encoding === 'quoted-printable' && colon >= 0 && end - start > colon + 1 && raw[end - 1] === 0x3d,
      base64Open: encoding === 'base64',
      head: colon < 0 ? undefined : head,
      colon,
      pieceStart: 0,
      pieceEnd: 0,
    };
    this.append(card, raw, start, end);
  }

  /**
   * What the head line[start, start + length) says. Cards of a file repeat their heads in the same order, so the
   * head at the same place of the previous card is compared byte for byte first: no string is made
   * and looked up for most property lines.
   */
  private headAt(place: number, line: Buffer, start: number, length: number): HeadInfo {
    const recent = this.recentHeads[place];
    if (recent && recent.bytes.length === length && startsWithBytes(line, start, recent.bytes)) return recent.info;
    const info = headInfoOf(line.toString('latin1', start, start + length));
    if (place < MAX_RECENT_HEADS) {
      const bytes = Buffer.from(line.subarray(start, start + length));
      this.recentHeads[place] = { bytes, info, plain: !bytes.includes(QUOTE) };
    }
    return info;
  }

  /**
   * A line too long to keep was dropped here: the card it belongs to cannot be whole, and is skipped
   * (the caller reports the line). Returns that card, if the line was inside one.
   */
  droppedLine(lineNo: number): AssembledCard | undefined {
    const card = this.stack[this.stack.length - 1];
    if (!card) return undefined;
    if (!card.broken) this.breakCard(card, `line ${lineNo} is longer than ${MAX_CARD_BYTES >> 20} MB`);
    card.brokenReported = true;
    return card;
  }

  /** Cards still open at the end of the file (no END:VCARD), innermost first. */
  finish(): AssembledCard[] {
    const open: AssembledCard[] = [];
    while (this.stack.length) {
      const card = this.stack.pop()!;
      this.closePending(card);
      open.push(card);
    }
    return open;
  }

  /** Adds bytes[start, end) to the pending property (a view of them is kept, no copy). */
  private append(card: OpenCard, bytes: Buffer, start: number, end: number): void {
    if (card.broken) return;
    card.bytes += end - start;
    if (card.bytes > MAX_CARD_BYTES) {
      this.breakCard(card, `card is larger than ${MAX_CARD_BYTES >> 20} MB`);
      return;
    }
    const p = card.pending;
    if (!p) return;
    if (p.piece === undefined) {
      // The first line stays a range: most properties are one line, and their value is the only view made.
      p.piece = bytes;
      p.pieceStart = start;
      p.pieceEnd = end;
    } else (p.more ??= []).push(bytes.subarray(start, end));
  }

  private breakCard(card: OpenCard, reason: string): void {
    card.broken = reason;
    card.props = [];
    card.pending = undefined;
  }

  private closePending(card: OpenCard): void {
    const p = card.pending;
    if (!p || card.broken) return;
    card.pending = undefined;
    let head: PropertyHead;
    let value: Buffer;
    let valueStart: number;
    let valueEnd: number;
    if (p.piece && !p.more && p.head?.parsed) {
      // On one line with an ASCII head: parsed when the line came (the usual case).
      head = p.head.parsed;
      value = p.piece;
      valueStart = Math.min(p.pieceStart + p.colon + 1, p.pieceEnd);
      valueEnd = p.pieceEnd;
    } else if (p.piece && p.more && p.head?.parsed && !hasQuoteBefore(p.piece, p.pieceStart, p.pieceStart + p.colon)) {
      // Folded or soft-broken over lines (2.1 quoted-printable notes) with an ASCII head whole on
      // its first line: no quote before its colon, so reading the joined lines would find the same
      // colon and head. Only the value's lines are joined.
      head = p.head.parsed;
      value = Buffer.concat([p.piece.subarray(Math.min(p.pieceStart + p.colon + 1, p.pieceEnd), p.pieceEnd), ...p.more]);
      valueStart = 0;
      valueEnd = value.length;
    } else {
      const first = p.piece?.subarray(p.pieceStart, p.pieceEnd);
      const data = !first ? Buffer.alloc(0) : p.more ? Buffer.concat([first, ...p.more]) : first;
      const colon = findValueColon(data);
      head = cachedPropertyHead(decodeHead(data.subarray(0, colon < 0 ? data.length : colon)));
      value = data;
      valueStart = colon < 0 ? data.length : colon + 1;
      valueEnd = data.length;
    }
    if (!head.name) return;
    const prop: VProperty = { group: head.group, name: head.name, params: head.params, types: head.types, encoding: head.encoding, value, valueStart, valueEnd };
    if (prop.name === 'VERSION') card.version = value.toString('latin1', valueStart, valueEnd).trim();
    card.props.push(prop);
  }

  /** Hands the card on as it is: copying it without the assembler's own fields (object rest) cost ~5% of the parse. */
  private emit(card: OpenCard): void {
    this.onCard(card);
  }
}
