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
  /** Raw bytes of the property (name, parameters and value) without the folding: its first line… */
  piece?: Buffer;
  /** …and the lines that continue it, if any (most properties have none: no list made for them). */
  more?: Buffer[];
  encoding?: 'quoted-printable' | 'base64';
  softBreak: boolean;
  base64Open: boolean;
  /** The head of its first line when it was whole there (its colon found): what closePending needs if no line follows. */
  head?: HeadInfo;
  /** Where that colon is in `piece`. */
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
}

/** A card bigger than this is reported and skipped instead of being held in memory. */
export const MAX_CARD_BYTES = 8 << 20;

const SPACE = 0x20;
const TAB = 0x09;

function trimEnd(line: Buffer): Buffer {
  let end = line.length;
  while (end > 0 && (line[end - 1] === SPACE || line[end - 1] === TAB)) end--;
  return end === line.length ? line : line.subarray(0, end);
}

function asciiUpper(line: Buffer, max = 16): string {
  return line.subarray(0, max).toString('latin1').trim().toUpperCase();
}

function isMarker(line: Buffer, marker: 'BEGIN:VCARD' | 'END:VCARD'): boolean {
  if (line.length < marker.length || line.length > marker.length + 8) return false;
  if (line.length === marker.length && startsWithAscii(line, marker)) return true; // as written almost always
  // Cheap first-letter test before any string work: this runs for every line.
  const first = line[0]! | 0x20;
  if (first !== (marker.charCodeAt(0) | 0x20) && line[0] !== SPACE && line[0] !== TAB) return false;
  return asciiUpper(line, marker.length + 8).replace(/\s+/g, '') === marker;
}

/** A quoted-printable soft line break: the "=" that ended the property's last line so far is not part of it. */
function dropLastByte(p: PendingProp): void {
  if (p.more?.length) p.more[p.more.length - 1] = p.more[p.more.length - 1]!.subarray(0, -1);
  else if (p.piece) p.piece = p.piece.subarray(0, -1);
}

function startsWithBytes(line: Buffer, bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (line[i] !== bytes[i]) return false;
  return true;
}

/** Places of a card whose heads are remembered (see headAt): more than any card has but a huge one. */
const MAX_RECENT_HEADS = 256;

function startsWithAscii(line: Buffer, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (line[i] !== text.charCodeAt(i)) return false;
  return true;
}

const QP_PARAM = /QUOTED-PRINTABLE/i;
const B64_PARAM = /;\s*(ENCODING\s*=\s*)?(B|BASE64)\s*(;|$)/i;

/**
 * A property line starts with a name made of letters, digits, '-', '_' and '.' (group), then ';' or ':'.
 * Without a colon it may still start a property whose parameters go on in folded lines.
 */
function looksLikePropertyStart(line: Buffer, colon: number): boolean {
  if (colon === 0) return false;
  const end = colon < 0 ? line.length : colon;
  let i = 0;
  for (; i < end; i++) {
    const b = line[i]!;
    const ok = (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) || b === 0x2d || b === 0x5f || b === 0x2e;
    if (!ok) break;
  }
  if (i === 0 || !(line[0]! >= 0x41 && line[0]! <= 0x5a) && !(line[0]! >= 0x61 && line[0]! <= 0x7a) && colon < 0) return false;
  return i === end || line[i] === 0x3b;
}

/**
 * Properties that only a vCard has: outside any card, one of them starts a card whose BEGIN:VCARD
 * line is missing (as a card without END:VCARD is read to the next card), instead of being junk.
 * Upper case only, as every exporter writes them: a stray "Note: …" line stays junk.
 */
const CARD_PROPERTY = /^(?:[A-Za-z0-9-]+\.)?(VERSION|FN|N|TEL|EMAIL|NICKNAME|ORG|TITLE|NOTE|ADR|BDAY|UID|URL|PHOTO|REV|PRODID|CATEGORIES|X-WECHAT-ID)[;:]/;

function looksLikeBase64(line: Buffer): boolean {
  return /^[A-Za-z0-9+/=]+$/.test(line.toString('latin1').trim());
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

  line(raw: Buffer, lineNo: number): void {
    const card = this.stack[this.stack.length - 1];
    const pending = card?.pending;
    // A quoted-printable value that ended in "=" continues on this line, even if it looks like a comment.
    if (card && pending?.softBreak && !isMarker(raw, 'END:VCARD') && !isMarker(raw, 'BEGIN:VCARD')) {
      dropLastByte(pending);
      const line = trimEnd(raw);
      this.append(card, line);
      pending.softBreak = line.length > 0 && line[line.length - 1] === 0x3d;
      return;
    }
    if (raw.length === 0 || (raw.length < 3 && trimEnd(raw).length === 0)) {
      if (pending) pending.base64Open = false;
      return;
    }
    const first = raw[0]!;
    if ((first === SPACE || first === TAB) && card && pending) {
      // Folded line: drop the one whitespace that folding added.
      const qp = pending.encoding === 'quoted-printable';
      const line = qp ? trimEnd(raw.subarray(1)) : raw.subarray(1);
      this.append(card, line);
      if (qp) pending.softBreak = line.length > 0 && line[line.length - 1] === 0x3d;
      return;
    }
    if (isMarker(raw, 'BEGIN:VCARD')) {
      if (card?.missingBegin) {
        // A card that had no BEGIN:VCARD ends where the next one begins: never nest inside it.
        this.closePending(card);
        this.stack.pop();
        this.emit(card);
      } else if (card) this.closePending(card);
      this.stack.push({ index: ++this.cardCount, startLine: lineNo, props: [], bytes: 0, heads: 0 });
      return;
    }
    if (isMarker(raw, 'END:VCARD')) {
      if (!card) return this.onJunk?.(lineNo);
      this.closePending(card);
      this.stack.pop();
      card.endLine = lineNo;
      this.emit(card);
      return;
    }
    if (!card) {
      if (CARD_PROPERTY.test(raw.subarray(0, 80).toString('latin1'))) {
        this.stack.push({ index: ++this.cardCount, startLine: lineNo, props: [], bytes: 0, heads: 0, missingBegin: true });
        this.line(raw, lineNo);
      } else if (trimEnd(raw).length > 0) this.onJunk?.(lineNo);
      return;
    }
    if (first === 0x23 /* # */) return; // comment line
    const line = trimEnd(raw);
    const colon = findValueColon(line);
    if (pending?.base64Open && colon < 0 && looksLikeBase64(line)) {
      this.append(card, line);
      return;
    }
    if (!looksLikePropertyStart(line, colon)) {
      // A value that went on over several lines without folding: keep it with the previous property.
      if (pending && !pending.encoding) {
        this.append(card, Buffer.from(' '));
        this.append(card, line);
      }
      return;
    }
    this.closePending(card);
    // Name and parameters are parsed when the property is complete: they may be folded too.
    const head = this.headAt(card.heads++, line, colon < 0 ? line.length : colon);
    const encoding = head.encoding;
    card.pending = {
      encoding,
      softBreak: encoding === 'quoted-printable' && colon >= 0 && line.length > colon + 1 && line[line.length - 1] === 0x3d,
      base64Open: encoding === 'base64',
      head: colon < 0 ? undefined : head,
      colon,
    };
    this.append(card, line);
  }

  /**
   * What the head line[0, end) says. Cards of a file repeat their heads in the same order, so the
   * head at the same place of the previous card is compared byte for byte first: no string is made
   * and looked up for most property lines.
   */
  private headAt(place: number, line: Buffer, end: number): HeadInfo {
    const recent = this.recentHeads[place];
    if (recent && recent.bytes.length === end && startsWithBytes(line, recent.bytes)) return recent.info;
    const info = headInfoOf(line.toString('latin1', 0, end));
    if (place < MAX_RECENT_HEADS) this.recentHeads[place] = { bytes: Buffer.from(line.subarray(0, end)), info };
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

  private append(card: OpenCard, bytes: Buffer): void {
    if (card.broken) return;
    card.bytes += bytes.length;
    if (card.bytes > MAX_CARD_BYTES) {
      this.breakCard(card, `card is larger than ${MAX_CARD_BYTES >> 20} MB`);
      return;
    }
    const p = card.pending;
    if (!p) return;
    if (p.piece === undefined) p.piece = bytes;
    else (p.more ??= []).push(bytes);
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
    let rawValue: Buffer;
    if (p.piece && !p.more && p.head?.parsed) {
      // On one line with an ASCII head: parsed when the line came (the usual case).
      head = p.head.parsed;
      rawValue = p.piece.subarray(p.colon + 1);
    } else {
      const data = !p.piece ? Buffer.alloc(0) : p.more ? Buffer.concat([p.piece, ...p.more]) : p.piece;
      const colon = findValueColon(data);
      head = cachedPropertyHead(decodeHead(data.subarray(0, colon < 0 ? data.length : colon)));
      rawValue = colon < 0 ? Buffer.alloc(0) : data.subarray(colon + 1);
    }
    if (!head.name) return;
    const prop: VProperty = { group: head.group, name: head.name, params: head.params, types: head.types, encoding: head.encoding, rawValue };
    if (prop.name === 'VERSION') card.version = rawValue.toString('latin1').trim();
    card.props.push(prop);
  }

  /** Hands the card on as it is: copying it without the assembler's own fields (object rest) cost ~5% of the parse. */
  private emit(card: OpenCard): void {
    this.onCard(card);
  }
}
