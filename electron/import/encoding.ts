// Byte-level text encoding helpers: BOMs, UTF-8 validation, charset names, decoding.
import iconv from 'iconv-lite';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

export function detectBom(head: Uint8Array): Bom | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without BOM: text made of mostly ASCII has a zero in every other byte.
 * Returns the byte order when at least a third of the sampled pairs look like that.
 */
export function sniffUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(head.length >> 1, 2048);
  if (pairs < 2) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZero++;
    if (head[2 * i + 1] === 0) oddZero++;
  }
  if (oddZero > pairs / 3 && evenZero < pairs / 20) return 'utf-16le';
  if (evenZero > pairs / 3 && oddZero < pairs / 20) return 'utf-16be';
  return undefined;
}

/** Sniffing found bytes that are not UTF-8 (nor UTF-16): their code page is the user's choice or a guess (legacy-charset.ts). */
export function isLegacyEncoding(encoding: string): boolean {
  return encoding === 'gb18030' || encoding === 'windows-1252';
}

/** Whether bytes[start, end) hold a byte >= 0x80 (not ASCII). */
export function hasHighBytes(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

const CHARSET_ALIASES: Record<string, string> = {
  'SHIFT-JIS': 'shift_jis',
  SJIS: 'shift_jis',
  'X-SJIS': 'shift_jis',
  'MS_KANJI': 'shift_jis',
  'WINDOWS-31J': 'cp932',
  GB2312: 'gb18030', // decode the superset: phones that say GB2312 often write GBK characters
  GBK: 'gb18030',
  CP936: 'gb18030',
  'X-GBK': 'gb18030',
  ASCII: 'utf-8',
  'US-ASCII': 'utf-8',
  UTF8: 'utf-8',
};

/** Maps a declared charset to an iconv-lite name, or undefined when it is unknown. */
export function normalizeCharset(declared: string | undefined): string | undefined {
  if (!declared) return undefined;
  // Asked for every value that declares one (2.1 cards: most), and iconv-lite's lookup is not cheap.
  let known = normalizedCharsets.get(declared);
  if (known === undefined) {
    if (normalizedCharsets.size >= 256) normalizedCharsets.clear();
    known = lookUpCharset(declared) ?? null;
    normalizedCharsets.set(declared, known);
  }
  return known ?? undefined;
}

/** Declared charset → normalizeCharset's answer (null: unknown). */
const normalizedCharsets = new Map<string, string | null>();

function lookUpCharset(declared: string): string | undefined {
  const upper = declared.trim().replace(/^"|"$/g, '').toUpperCase();
  if (!upper) return undefined;
  const alias = CHARSET_ALIASES[upper];
  if (alias) return alias;
  return iconv.encodingExists(upper) ? upper.toLowerCase() : undefined;
}

/** Single-byte Western charsets, often declared by phones whose bytes are really UTF-8. */
export function isLatinCharset(charset: string): boolean {
  // (UTF-8, the usual declaration, answered without the regular expression.)
  return charset === 'utf-8' || /^(iso-?8859-1|latin-?1|windows-1252|cp1252|iso-?8859-15|utf-8)$/.test(charset);
}

export function decodeBytes(bytes: Uint8Array, charset: string): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (charset === 'utf-8') return decodeUtf8(buffer, 0, buffer.length);
  return iconv.decode(buffer, charset);
}

/** buffer[start, end) read as UTF-8. */
export function decodeUtf8(buffer: Buffer, start: number, end: number): string {
  return utf8Slice ? utf8Slice.call(buffer, start, end) : buffer.toString('utf8', start, end);
}

/**
 * Buffer's own UTF-8 decoder, which toString('utf8') calls after checking its arguments: a vCard
 * import decodes every value apart (a million at 100k cards), and those checks were ~4% of its
 * parse. Not in Node's typings; toString where it is missing.
 */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, start: number, end: number) => string }).utf8Slice;

/** Human-readable name for summaries. */
export function describeEncoding(enc: string): string {
  switch (enc) {
    case 'utf-8-bom':
      return 'UTF-8 (BOM)';
    case 'utf-8':
      return 'UTF-8';
    case 'utf-16le':
      return 'UTF-16LE';
    case 'utf-16be':
      return 'UTF-16BE';
    case 'gb18030':
      return 'GB18030';
    case 'windows-1252':
      return 'windows-1252';
    default:
      return enc;
  }
}

/**
 * Undeclared non-UTF-8 bytes are GB18030 (Chinese Windows/phones) unless they clearly read as
 * Western single-byte text: GB2312/GBK characters are pairs of bytes >= 0xA1 (or a lead byte with a
 * trail byte), while Latin-1 puts lone high bytes between ASCII letters ("speci\xE4l").
 */
export function looksLikeGb18030(bytes: Uint8Array): boolean {
  let strong = 0;
  let weak = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (b === 0x80 || b === 0xff) return false;
    const t = bytes[i + 1];
    if (t === undefined) return false;
    if (t >= 0xa1 && t <= 0xfe) strong++;
    else if (t >= 0x30 && t <= 0x39) {
      // Four-byte GB18030 sequence: lead, digit, lead, digit.
      const t2 = bytes[i + 2];
      const t3 = bytes[i + 3];
      if (t2 === undefined || t3 === undefined || t2 < 0x81 || t2 > 0xfe || t3 < 0x30 || t3 > 0x39) return false;
      strong++;
      i += 2;
    } else if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xa0)) weak++;
    else return false;
    i++;
  }
  return strong >= weak;
}
