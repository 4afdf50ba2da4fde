// Name helpers: a comparable form of a name, its pinyin (for same-sounding Chinese names,
// pinyin-aware sorting and search by "zhangsan" / "zs").
//
// Pinyin is read one character at a time (the first one as a surname: 单 → shan, 曾 → zeng) and
// memoised per character: whole-name pinyin-pro calls cost ~5 µs each, too slow to redo for
// 100k names on every merge, and names are rarely dictionary words anyway.
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const NOT_NAME_CHAR = /[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu;
const LATIN_WORD = /[a-z0-9]+/g;

const readingCache = new Map<string, string>();
/** Name → its spaced reading: the other forms are made from it when asked (one string per name kept, not four). */
const nameCache = new Map<string, string>();
const NAME_CACHE_LIMIT = 500_000;

/** Pinyin of a name, toneless, ü written v; Latin words and digit runs kept as syllables of their own. */
export interface NameReading {
  /** "zhang san", "bob zhang". */
  spaced: string;
  /** "zhangsan". */
  joined: string;
  /** "zs". */
  initials: string;
  /** See nameSortKey. */
  sortKey: string;
}

/** Case-, width-, space- and punctuation-insensitive form; '' when nothing is left. */
export function normalizeName(name: string): string {
  // Most names in Chinese address books are ideographs only, which all three steps leave as they are.
  if (allIdeographs(name)) return name;
  return name.normalize('NFKC').toLowerCase().replace(NOT_NAME_CHAR, '');
}

/**
 * Whether every character is a CJK Unified Ideograph (U+4E00–U+9FFF): Han, unchanged by NFKC and
 * by lower-casing, neither space nor punctuation (the compatibility ideographs, which NFKC does
 * change, are at U+F900).
 */
export function allIdeographs(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x4e00 || code > 0x9fff) return false;
  }
  return true;
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export function readName(name: string): NameReading {
  const spaced = spacedReading(name);
  return { spaced, joined: joinedOf(spaced), initials: initialsOf(spaced), sortKey: sortKeyOf(spaced) };
}

/** "zhang san": syllables (never holding a space themselves) joined by one space, memoised per name. */
function spacedReading(name: string): string {
  let spaced = nameCache.get(name);
  if (spaced === undefined) {
    spaced = nameSyllables(name).join(' ');
    if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
    nameCache.set(name, spaced);
  }
  return spaced;
}

function joinedOf(spaced: string): string {
  return spaced.replaceAll(' ', '');
}

function initialsOf(spaced: string): string {
  return spaced.split(' ').map((s) => s[0] ?? '').join('');
}

function sortKeyOf(spaced: string): string {
  return (/^[a-z]/.test(spaced) ? '0' : '1') + spaced;
}

/** "张三" → ["zhang", "san"], "Bob 张" → ["bob", "zhang"]; a name's first Chinese character is read as a surname. */
export function nameSyllables(name: string): string[] {
  if (allIdeographs(name)) {
    const syllables = new Array<string>(name.length);
    for (let i = 0; i < name.length; i++) syllables[i] = readingOfCode(name.charCodeAt(i), i === 0);
    return syllables;
  }
  const syllables: string[] = [];
  let latin = '';
  let first = true;
  for (const ch of name.normalize('NFKC').toLowerCase()) {
    if (isHan(ch)) {
      if (latin) syllables.push(...latinWords(latin));
      latin = '';
      syllables.push(readingOf(ch, first));
    } else {
      latin += ch;
    }
    first = false;
  }
  if (latin) syllables.push(...latinWords(latin));
  return syllables;
}

/** HAN.test(ch) for one character, without the regular expression for the common cases. */
function isHan(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (code >= 0x4e00 && code <= 0x9fff) return true; // CJK Unified Ideographs: all Han
  if (code < 0x2e80) return false; // no Han character comes before the CJK radicals
  return HAN.test(ch);
}

/** Whole pinyin of a name containing Chinese characters ("zhangsan"), else undefined. */
export function pinyinKey(name: string): string | undefined {
  if (!hasHan(name)) return undefined;
  return joinedOf(spacedReading(name)) || undefined;
}

/** First letters of the syllables: "张三" → "zs", "Bob 张" → "bz". */
export function pinyinInitials(name: string): string {
  return initialsOf(spacedReading(name));
}

/**
 * Sort key that puts names by pinyin, Latin names among them ("Alice" < "张三" (zhang) < "Zoe"),
 * and names starting with neither a letter nor a Chinese character last ("#" group of phone books).
 */
export function nameSortKey(name: string): string {
  return sortKeyOf(spacedReading(name));
}

function latinWords(text: string): string[] {
  return text.match(LATIN_WORD) ?? [];
}

function readingOf(ch: string, asSurname: boolean): string {
  if (ch.length === 1) return readingOfCode(ch.charCodeAt(0), asSurname);
  const key = asSurname ? '^' + ch : ch;
  let reading = readingCache.get(key);
  if (reading === undefined) readingCache.set(key, (reading = readCharacter(ch, asSurname)));
  return reading;
}

/** Memoised by character code (no string made per character), surnames apart. */
function readingOfCode(code: number, asSurname: boolean): string {
  const cache = asSurname ? surnameCodeCache : codeCache;
  let reading = cache.get(code);
  if (reading === undefined) cache.set(code, (reading = readCharacter(String.fromCharCode(code), asSurname)));
  return reading;
}

function readCharacter(ch: string, asSurname: boolean): string {
  return pinyin(ch, { toneType: 'none', v: true, surname: asSurname ? 'head' : 'off' }).toLowerCase();
}

const codeCache = new Map<number, string>();
const surnameCodeCache = new Map<number, string>();

/**
 * Small integers for name keys, so that grouping 100k persons by name uses arrays rather than
 * string maps. Ids are handed out for the life of the process (prepared records keep them), so
 * this table only grows: a few hundred thousand distinct names at most, some MB.
 */
const internedIds = new Map<string, number>();

export function internName(text: string): number {
  let id = internedIds.get(text);
  if (id === undefined) {
    id = internedIds.size;
    internedIds.set(text, id);
  }
  return id;
}

/**
 * Interned ids of a normalized name and of its pinyin (-1: no Chinese characters). The pinyin's id
 * is kept by the name's id in a typed array (-2: not read yet): no object or map entry per name.
 * The reading is not put in the name cache: listing reads display names, not normalized ones.
 */
export function nameIds(normalizedName: string): { id: number; readingId: number } {
  const id = internName(normalizedName);
  if (id >= readingIds.length) {
    const bigger = new Int32Array(Math.max(readingIds.length * 2, id + 1)).fill(NOT_READ);
    bigger.set(readingIds);
    readingIds = bigger;
  }
  let readingId = readingIds[id]!;
  if (readingId === NOT_READ) {
    const reading = hasHan(normalizedName) ? nameSyllables(normalizedName).join('') : '';
    readingId = reading ? internName(reading) : -1;
    readingIds[id] = readingId;
  }
  return { id, readingId };
}

const NOT_READ = -2;
let readingIds = new Int32Array(1024).fill(NOT_READ);

export function internedNameCount(): number {
  return internedIds.size;
}

/** For benchmarks: measure the cold path. */
export function clearNameCaches(): void {
  readingCache.clear();
  codeCache.clear();
  surnameCodeCache.clear();
  nameCache.clear();
}
