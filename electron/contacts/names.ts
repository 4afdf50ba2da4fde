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
const syllableCache = new Map<string, string[]>();
const SYLLABLE_CACHE_LIMIT = 500_000;

/** Case-, width-, space- and punctuation-insensitive form; '' when nothing is left. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(NOT_NAME_CHAR, '');
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/**
 * Pinyin syllables of a name, toneless, ü written v: "张三" → ["zhang", "san"]. Latin words and
 * digit runs are kept as lower-case syllables of their own: "Bob 张" → ["bob", "zhang"].
 */
export function nameSyllables(name: string): string[] {
  const cached = syllableCache.get(name);
  if (cached) return cached;
  const syllables: string[] = [];
  let latin = '';
  let first = true;
  for (const ch of name.normalize('NFKC').toLowerCase()) {
    if (HAN.test(ch)) {
      if (latin) syllables.push(...latinWords(latin));
      latin = '';
      syllables.push(readingOf(ch, first));
    } else {
      latin += ch;
    }
    first = false;
  }
  if (latin) syllables.push(...latinWords(latin));
  if (syllableCache.size >= SYLLABLE_CACHE_LIMIT) syllableCache.clear();
  syllableCache.set(name, syllables);
  return syllables;
}

/** Whole pinyin of a name containing Chinese characters ("zhangsan"), else undefined. */
export function pinyinKey(name: string): string | undefined {
  if (!hasHan(name)) return undefined;
  const key = nameSyllables(name).join('');
  return key || undefined;
}

/** First letters of the syllables: "张三" → "zs", "Bob 张" → "bz". */
export function pinyinInitials(name: string): string {
  return nameSyllables(name)
    .map((s) => s[0] ?? '')
    .join('');
}

/**
 * Sort key that puts names by pinyin, Latin names among them ("Alice" < "张三" (zhang) < "Zoe"),
 * and names starting with neither a letter nor a Chinese character last ("#" group of phone books).
 */
export function nameSortKey(name: string): string {
  const syllables = nameSyllables(name);
  const startsWithLetter = /^[a-z]/.test(syllables[0] ?? '');
  return (startsWithLetter ? '0' : '1') + syllables.join(' ');
}

function latinWords(text: string): string[] {
  return text.match(LATIN_WORD) ?? [];
}

function readingOf(ch: string, asSurname: boolean): string {
  const cacheKey = asSurname ? '^' + ch : ch;
  let reading = readingCache.get(cacheKey);
  if (reading === undefined) {
    reading = pinyin(ch, { toneType: 'none', v: true, surname: asSurname ? 'head' : 'off' }).toLowerCase();
    readingCache.set(cacheKey, reading);
  }
  return reading;
}
