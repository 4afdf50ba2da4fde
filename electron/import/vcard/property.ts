// One vCard property, parsed from its bytes: group, name, parameters and the decoded value.
import { decodeBytes, decodeUtf8, hasHighBytes, isLatinCharset, looksLikeGb18030, normalizeCharset } from '../encoding';
import { isUtf8Text } from '../../platform/utf8';

export interface VProperty {
  group?: string;
  /** Upper-case property name, e.g. "TEL". */
  name: string;
  /** Upper-case parameter name -> values (TYPE lists split at commas, quotes removed). */
  params: Map<string, string[]>;
  /** Lower-case TYPE values, including 2.1 bare parameters such as CELL. */
  types: string[];
  encoding?: 'quoted-printable' | 'base64';
  /**
   * The value bytes after the colon, folding already removed: [valueStart, valueEnd) of `value`, a
   * range rather than a view of its own (a Buffer view per property was ~4% of the parse); see rawValue().
   */
  value: Buffer;
  valueStart: number;
  valueEnd: number;
}

/** A property's value bytes (a view). */
export function rawValue(prop: VProperty): Buffer {
  return prop.value.subarray(prop.valueStart, prop.valueEnd);
}

export interface CharsetContext {
  /** The file was transcoded from UTF-16 to UTF-8: plain values are UTF-8 whatever they declare. */
  transcoded: boolean;
  /** Charset declared elsewhere in the card (e.g. SHIFT_JIS), used for undeclared non-UTF-8 bytes. */
  cardCharset?: string;
  /**
   * The file's code page guessed from all its undeclared non-UTF-8 values (legacy-charset.ts), for
   * the bytes nothing above decides; without one, each value is read as GB18030 or windows-1252.
   */
  guessed?: string;
  /** Collects every charset actually used, for the summary. */
  used?: Set<string>;
  /** Set when a value was read with `guessed`, so the report can say it was a guess. */
  guessUsed?: { value: boolean };
}

const ENCODING_WORDS: Record<string, 'quoted-printable' | 'base64' | 'plain'> = {
  'QUOTED-PRINTABLE': 'quoted-printable',
  QP: 'quoted-printable',
  BASE64: 'base64',
  B: 'base64',
  '8BIT': 'plain',
  '7BIT': 'plain',
};

const COLON = 0x3a;
const QUOTE = 0x22;

/**
 * Index (from `start`) of the colon that ends name and parameters in line[start, end) (colons inside
 * quoted parameters do not count), or -1.
 */
export function findValueColon(line: Uint8Array, start = 0, end = line.length): number {
  let quoted = false;
  for (let i = start; i < end; i++) {
    const b = line[i]!;
    if (b === QUOTE) quoted = !quoted;
    else if (b === COLON && !quoted) return i - start;
  }
  // An unbalanced quote: fall back to the first colon (looked for in the line only, not in the rest of its chunk).
  for (let i = start; i < end; i++) if (line[i] === COLON) return i - start;
  return -1;
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  if (!text.includes('"')) return text.split(sep); // the common case, and much faster
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

export type PropertyHead = Omit<VProperty, 'value' | 'valueStart' | 'valueEnd'>;
const headCache = new Map<string, PropertyHead>();
const HEAD_CACHE_SIZE = 4096;

/**
 * parsePropertyHead, remembered: a file repeats a few heads ("item1.TEL;type=pref", "N", "FN") on
 * every card, and parsing them again was the import's largest single cost (profile of 100k cards).
 * The head is shared between properties, so its params and types are only ever read.
 */
export function cachedPropertyHead(head: string): PropertyHead {
  let parsed = headCache.get(head);
  if (!parsed) {
    if (headCache.size >= HEAD_CACHE_SIZE) headCache.clear();
    parsed = parsePropertyHead(head);
    headCache.set(head, parsed);
  }
  return parsed;
}

/** Parses "group.NAME;PARAM=a,b;BARE" (already decoded to text). */
export function parsePropertyHead(head: string): PropertyHead {
  const parts = splitOutsideQuotes(head, ';');
  const fullName = (parts[0] ?? '').trim();
  const dot = fullName.lastIndexOf('.');
  const group = dot > 0 ? fullName.slice(0, dot) : undefined;
  const name = (dot > 0 ? fullName.slice(dot + 1) : fullName).toUpperCase();
  const params = new Map<string, string[]>();
  const types: string[] = [];
  let encoding: VProperty['encoding'];
  const add = (key: string, values: string[]) => {
    const list = params.get(key) ?? [];
    list.push(...values);
    params.set(key, list);
  };
  for (const raw of parts.slice(1)) {
    const p = raw.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq < 0) {
      // vCard 2.1 bare parameter: an encoding word, or a TYPE value.
      const word = ENCODING_WORDS[p.toUpperCase()];
      if (word) {
        if (word !== 'plain') encoding = word;
        add('ENCODING', [p]);
      } else {
        add('TYPE', [p]);
        types.push(unquote(p).toLowerCase());
      }
      continue;
    }
    const key = p.slice(0, eq).trim().toUpperCase();
    let values = splitOutsideQuotes(p.slice(eq + 1), ',').map(unquote);
    // TYPE="home,voice" is a list too (RFC 6350 allows quoting the whole list).
    if (key === 'TYPE') values = values.flatMap((v) => v.split(','));
    add(key, values);
    if (key === 'TYPE') types.push(...values.map((v) => v.toLowerCase()).filter(Boolean));
    if (key === 'ENCODING') {
      const word = ENCODING_WORDS[(values[0] ?? '').toUpperCase()];
      if (word && word !== 'plain') encoding = word;
    }
  }
  return { group, name, params, types, encoding };
}

/** Decodes "=XX" escapes; a "=" not followed by two hex digits is kept as is. */
export function decodeQuotedPrintable(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(bytes.length);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x3d && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1]!);
      const lo = hexValue(bytes[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        out[o++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[o++] = b;
  }
  return out.subarray(0, o);
}

function hexValue(c: number): number {
  return HEX_VALUES[c]!;
}

/** Byte → its value as a hex digit (0-9, A-F, a-f), else -1. */
const HEX_VALUES = Int8Array.from({ length: 256 }, (_, c) => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
});

/** Chooses the charset for a value's bytes: declared (unless it is a false Latin-1), UTF-8, card hint, the file's guess. */
export function chooseCharset(bytes: Uint8Array, prop: PropertyHead, ctx: CharsetContext, afterQp: boolean): string {
  return decidedCharset(bytes, prop, ctx, afterQp) ?? ctx.guessed ?? (looksLikeGb18030(bytes) ? 'gb18030' : 'windows-1252');
}

/** The charset the value or its card decides, or undefined when only a guess is left. */
export function decidedCharset(bytes: Uint8Array, prop: PropertyHead, ctx: CharsetContext, afterQp: boolean): string | undefined {
  return hasHighBytes(bytes) ? decidedCharsetOfHigh(bytes, prop, ctx, afterQp) : 'utf-8';
}

/** decidedCharset for bytes known to hold a byte >= 0x80. */
function decidedCharsetOfHigh(bytes: Uint8Array, prop: PropertyHead, ctx: CharsetContext, afterQp: boolean): string | undefined {
  if (ctx.transcoded && !afterQp) return 'utf-8';
  const declared = normalizeCharset(prop.params.get('CHARSET')?.[0]);
  // Declared UTF-8 is read as UTF-8 whether or not the bytes are (as below, without checking them).
  if (declared === 'utf-8') return declared;
  const utf8 = isUtf8Text(bytes);
  if (declared) return isLatinCharset(declared) && utf8 ? 'utf-8' : declared;
  if (utf8) return 'utf-8';
  return ctx.cardCharset;
}

/** A value's bytes after quoted-printable or base64 decoding. */
export function valueBytes(prop: VProperty): Uint8Array {
  if (prop.encoding === 'quoted-printable') return decodeQuotedPrintable(rawValue(prop));
  if (prop.encoding === 'base64') return Buffer.from(prop.value.toString('latin1', prop.valueStart, prop.valueEnd).replace(/\s+/g, ''), 'base64');
  return rawValue(prop);
}

/** The value as text: QP or base64 content decoded, then bytes decoded with the chosen charset. */
export function propertyText(prop: VProperty, ctx: CharsetContext): string {
  if (prop.encoding === undefined) {
    // A plain ASCII value (phones, e-mails, most Latin names) is the same in every charset: read from its range, no view made.
    if (!hasHighBytes(prop.value, prop.valueStart, prop.valueEnd)) return decodeUtf8(prop.value, prop.valueStart, prop.valueEnd);
    // (Not in a file whose head was not UTF-8, where a code page was guessed or chosen: there most such values are not.)
    if (!ctx.transcoded && ctx.guessed === undefined && !prop.params.has('CHARSET')) {
      // Undeclared non-ASCII bytes are UTF-8 when they are well-formed, and decoding them tells: ill-formed
      // bytes decode to U+FFFD (as strictly as isUtf8 checks; tested on every sequence of up to 3 bytes).
      // A replacement character in the text (also written as one) leaves the decision to the checks below.
      const text = decodeUtf8(prop.value, prop.valueStart, prop.valueEnd);
      if (!text.includes('\uFFFD')) {
        ctx.used?.add('utf-8');
        return text;
      }
    }
  }
  const bytes = valueBytes(prop);
  // ASCII (phones, e-mails, most Latin names) is the same in every charset: nothing to decide.
  const high = hasHighBytes(bytes);
  const decided = high ? decidedCharsetOfHigh(bytes, prop, ctx, prop.encoding !== undefined) : 'utf-8';
  if (decided === undefined && ctx.guessed && ctx.guessUsed) ctx.guessUsed.value = true;
  const charset = decided ?? chooseCharset(bytes, prop, ctx, prop.encoding !== undefined);
  if (charset !== 'utf-8' || high) ctx.used?.add(charset);
  return decodeBytes(bytes, charset);
}
