// A small, fast, dependency-free 64-bit string hash (cyrb53's mixing, both lanes kept).
// Record keys and person ids are built from it and are persisted (decisions, re-add progress),
// so this function must NEVER change: changing it would change every stored id.
//
// The hex text is made in one piece (String.fromCharCode), not by concatenation: V8 keeps a
// concatenation of 13+ characters as a rope (a "cons string", two parts and a node), and record
// keys and person ids live as long as the case, 100k of each.

export function hash64(text: string): string {
  return prefixedHash64('', text);
}

/** prefix + hash64(text) as one flat string; `prefix` is at most one character ("r", "p", "m"). */
export function prefixedHash64(prefix: string, text: string): string {
  return prefixedHash64Of(prefix, text);
}

/** prefixedHash64(prefix, parts.join('')), without making the joined text. */
export function prefixedHash64Of(prefix: string, ...parts: string[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const text of parts) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const codes = prefix ? CODES_17 : CODES_16;
  let at = 0;
  if (prefix) codes[at++] = prefix.charCodeAt(0);
  at = putHex8(codes, at, h2);
  putHex8(codes, at, h1);
  return String.fromCharCode.apply(null, codes);
}

const CODES_16: number[] = new Array<number>(16).fill(48);
const CODES_17: number[] = new Array<number>(17).fill(48);
const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

function putHex8(codes: number[], at: number, n: number): number {
  for (let shift = 28; shift >= 0; shift -= 4) codes[at++] = HEX_DIGITS[(n >>> shift) & 15]!;
  return at;
}

/**
 * `prefix + body` as one flat string when both are short one-byte texts (ids, link tokens);
 * otherwise plain concatenation. Same text either way.
 */
export function flatConcat(prefix: string, body: string): string {
  const length = prefix.length + body.length;
  if (length < 13 || length > 64) return prefix + body;
  const codes = new Array<number>(length);
  for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
  for (let i = 0; i < body.length; i++) codes[prefix.length + i] = body.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}

/**
 * The same text as one flat string. Parsers build values by concatenation ("card 12 (line 130)",
 * "+86 138 0013 8000"), which V8 keeps as ropes of pieces: several times the size of the text,
 * kept as long as the record is. Short texts are never ropes; long ones (photos) are left alone.
 */
export function flatText<T>(text: T): T {
  if (typeof text !== 'string' || text.length < 13 || text.length > 512) return text;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return String.fromCharCode.apply(null, codes) as T;
}
