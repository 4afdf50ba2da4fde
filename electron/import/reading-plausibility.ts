// How much a reading of undeclared bytes in one code page looks like what people write in contact
// files: names, places, notes. Statistical detectors (jschardet) need text to count; one short name
// gives them a handful of bytes, and the bytes of 张伟 in GBK read as KOI8-R "уен╟" as readily as
// anything. What tells them apart is what the reading is made of: CJK readings are judged by how
// common their characters are (the code pages order them so), alphabetic readings by whether their
// words are words at all (one script, one case pattern, letters where words may have them).
import { decodeBytes } from './encoding';

/** Code pages that write a character in two bytes (Shift_JIS half-width kana in one). */
export const CJK_CHARSETS = new Set(['gb18030', 'big5', 'shift_jis']);

/** What one character of a CJK reading is worth: the code page's common block, its rare block, the rest. */
const COMMON = 1;
const LESS_COMMON = 0.5;
const RARE = 0.15;
const ODD = 0;

/**
 * GB2312 level 1 (lead B0–D7) holds the 3,755 characters of nearly all Chinese text, level 2
 * (D8–F7) 3,008 rarer ones (many given names among them); GBK's additions (a trail below A1, a lead
 * below A1) are mostly traditional and rare forms; rows A1–A9 are symbols, kana, Greek, Cyrillic and
 * box drawing, and F8–FE / AA–AF user-defined.
 */
function gbCharWeight(lead: number, trail: number): number {
  if (trail >= 0xa1) {
    if (lead >= 0xb0 && lead <= 0xd7) return COMMON;
    if (lead >= 0xd8 && lead <= 0xf7) return LESS_COMMON;
    return ODD;
  }
  return RARE;
}

/** Big5: A440–C67E are the 5,401 frequent characters, C940–F9D5 the 7,652 less frequent; the rest symbols and extensions. */
function big5CharWeight(lead: number, trail: number): number {
  const code = (lead << 8) | trail;
  if (code >= 0xa440 && code <= 0xc67e) return COMMON;
  if (code >= 0xc940 && code <= 0xf9d5) return LESS_COMMON;
  return ODD;
}

/** Shift_JIS: hiragana and katakana (82, 83), JIS level 1 kanji (889F–9872) common, level 2 (989F–EAA4) less. */
function sjisCharWeight(lead: number, trail: number): number {
  const code = (lead << 8) | trail;
  if ((code >= 0x829f && code <= 0x82f1) || (code >= 0x8340 && code <= 0x8396)) return COMMON;
  if (code >= 0x889f && code <= 0x9872) return COMMON;
  if (code >= 0x989f && code <= 0xeaa4) return LESS_COMMON;
  if (code >= 0x824f && code <= 0x829a) return RARE; // full-width letters and digits
  return ODD;
}

const isAsciiLetter = (b: number | undefined) => b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

const isTrail = {
  gb18030: (t: number) => t >= 0x40 && t <= 0xfe && t !== 0x7f,
  big5: (t: number) => (t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe),
  shift_jis: (t: number) => t >= 0x40 && t <= 0xfc && t !== 0x7f,
};

/**
 * The mean worth of the multi-byte characters of a CJK reading, or 0 when the bytes are not that
 * code page at all (a lone lead byte, a byte no character starts with). Half-width katakana are odd
 * in a name: they are what Shift_JIS makes of most GBK and Big5 bytes.
 */
function cjkPlausibility(bytes: Uint8Array, charset: 'gb18030' | 'big5' | 'shift_jis'): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    count++;
    if (charset === 'shift_jis' && b >= 0xa1 && b <= 0xdf) continue; // half-width katakana: worth nothing
    const isLead = charset === 'shift_jis' ? (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc) : b >= 0x81 && b <= 0xfe;
    const t = bytes[i + 1];
    if (!isLead || t === undefined) return 0;
    if (charset === 'gb18030' && t >= 0x30 && t <= 0x39) {
      i += 3; // a four-byte sequence: outside GBK, odd in a contact file
      continue;
    }
    if (!isTrail[charset](t)) return 0;
    // A trail byte that is an ASCII letter, in a run of ASCII letters, is a word's letter: Polish
    // "Ma\xb3gorzata" is no Big5 character between "Ma" and "orzata".
    const inLatinWord = isAsciiLetter(t) && (isAsciiLetter(bytes[i - 1]) || isAsciiLetter(bytes[i + 2]));
    if (!inLatinWord) sum += charset === 'gb18030' ? gbCharWeight(b, t) : charset === 'big5' ? big5CharWeight(b, t) : sjisCharWeight(b, t);
    i++;
  }
  return count === 0 ? 1 : sum / count;
}

/** Punctuation outside ASCII that names and addresses do carry. */
const NAME_PUNCTUATION = /[\u00a0«»„“”‘’‚–—…·№\u00ad]/u;
const LETTER = /[\p{L}\p{M}]/u;
const HEBREW_FINAL = 'ךםןףץ';
const HEBREW_NOT_FINAL = 'כמנפצ';
const LOWERCASE_ONLY = 0.5;
const LATIN_PAGES = new Set(['windows-1250', 'windows-1252', 'iso-8859-2']);
const EDGE_PUNCTUATION = new RegExp(`^${NAME_PUNCTUATION.source}+|${NAME_PUNCTUATION.source}+$`, 'gu');
/** Letters by Unicode's count that no name is spelled with: the ordinal indicators (GBK bytes A1–BF read as Latin-1). */
const NOT_NAME_LETTERS = 'ªº';

/** The script of a letter the single-byte code pages here can write (by code point: this runs per letter). */
function scriptOf(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c < 0x250 || (c >= 0x1e00 && c < 0x1f00)) return 'latin';
  if (c >= 0x370 && c < 0x400) return 'greek';
  if (c >= 0x400 && c < 0x530) return 'cyrillic';
  if (c >= 0x590 && c < 0x600) return 'hebrew';
  return 'other';
}

/**
 * Whether a word with letters beyond ASCII is one people write: one script; no capital after a
 * small letter ("ХЕО" or "Ивано" are words, "едУє" is not); Greek ς and Hebrew final letters only
 * at its end; no Cyrillic word starting with ь, ъ or ы; in a Latin code page, letters beyond ASCII
 * beside ASCII ones, never four in a row ("ÕÅÎ", "Íõ" are GBK bytes, "Żółkiewski", "Åsa" names).
 */
function wordIsWritten(word: string, latinPage: boolean): boolean {
  const chars = [...word];
  const scripts = new Set(chars.map(scriptOf));
  if (scripts.size > 1 || scripts.has('other')) return false;
  let lowerSeen = false;
  let beyondAsciiRun = 0;
  let asciiLetters = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const last = i === chars.length - 1;
    const upper = ch !== ch.toLowerCase();
    if (upper && lowerSeen) return false;
    if (ch !== ch.toUpperCase()) lowerSeen = true;
    if (ch === 'ς' && !last) return false;
    if (HEBREW_FINAL.includes(ch) && !last) return false;
    if (HEBREW_NOT_FINAL.includes(ch) && last && chars.length > 1) return false;
    if (i === 0 && /[ьъыЬЪЫ]/.test(ch)) return false;
    if (ch < '\u0080') {
      asciiLetters++;
      beyondAsciiRun = 0;
    } else if (++beyondAsciiRun >= 4 && latinPage) return false;
  }
  return !latinPage || asciiLetters > 0 || chars.length === 1;
}

/** The share of an alphabetic reading's words (those with letters beyond ASCII) that are written ones; a symbol in a word spoils it. */
function alphabeticPlausibility(text: string, charset: string): number {
  const latinPage = LATIN_PAGES.has(charset);
  let words = 0;
  let written = 0;
  let cased = false;
  let capitalized = false;
  for (const token of text.split(/[\s\d!-/:-@[-`{-~]+/u)) {
    if (!/[^\u0000-\u007f]/u.test(token)) continue;
    words++;
    // Quotes and dashes around a word («Рога и копыта»), never inside it.
    const word = token.replace(EDGE_PUNCTUATION, '');
    const letters = [...word].every((ch) => ch < '\u0080' || (LETTER.test(ch) && !NOT_NAME_LETTERS.includes(ch)));
    if (word && letters && wordIsWritten(word, latinPage)) written++;
    const first = word[0] ?? '';
    if (first.toLowerCase() !== first.toUpperCase()) cased = true;
    if (first !== first.toLowerCase()) capitalized = true;
  }
  if (words === 0) return 1;
  // Names are written with a capital: a reading whose every word is small letters ("ед", "ан" for
  // the GBK bytes of 赵, 廖) is a weaker one.
  return (written / words) * (cased && !capitalized ? LOWERCASE_ONLY : 1);
}

/** How plausible a reading of `bytes` in `charset` is, from 0 (not text people write) to 1. */
export function readingPlausibility(bytes: Uint8Array, charset: string): number {
  if (charset === 'gb18030' || charset === 'big5' || charset === 'shift_jis') return cjkPlausibility(bytes, charset);
  return alphabeticPlausibility(decodeBytes(bytes, charset), charset);
}
