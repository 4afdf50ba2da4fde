// Search tokens, made in JS so FTS5 needs no custom tokenizer (the table uses the `ascii` tokenizer,
// which keeps every token exactly as written here). Search is by substring in every script, like
// WeChat's: a query finds every message whose text contains it.
//
// The text is first folded (lowercase, full-width ASCII → ASCII, final sigma → sigma), keeping its
// length so that match offsets in the folded text are offsets in the original. Then each run of
// letters, marks and digits — Chinese, Latin, digits, Cyrillic alike — becomes its overlapping
// bigrams plus its last character alone (火锅店 → 火锅 锅店 店; github → gi it th hu ub b), so every
// position starts a token. A query run of one character is a prefix query (火*, o*: the prefix index
// answers it); longer ones need all their bigrams. Every occurrence of a query run in a text lies
// inside one text run, where those bigrams were made, so there are no false negatives. Candidates
// are confirmed against the folded text (no false positives), which also yields the highlight
// ranges. Bigrams for every script were measured against trigrams for Latin and digits (README,
// Design): a smaller index and a faster import for the same query times.

const RUN = /[\p{L}\p{M}\p{N}]+/gu;
const RUN_ONLY = /^[\p{L}\p{M}\p{N}]+$/u;
const SURROGATE = /[\uD800-\uDFFF]/;
const chars = (run: string): string[] => (SURROGATE.test(run) ? Array.from(run) : run.split(''));

/**
 * The index side of the tokens: fold and indexTokens, with all they use. Written to need nothing
 * outside itself: an import's batch mover thread runs its source text (batch-move.ts), so both
 * threads make the same tokens from one definition.
 */
export function makeIndexTokenizer(): { fold: (text: string) => string; indexTokens: (text: string) => string } {
  const FULL_WIDTH = /[\uFF01-\uFF5E\u3000ς]/g;

  const narrow = (ch: string): string => (ch === '\u3000' ? ' ' : ch === 'ς' ? 'σ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

  /**
   * The text as search compares it: lowercase, full-width letters/digits/punctuation as ASCII, the
   * ideographic space as a space, ς as σ (so a Greek substring matches wherever it sits in a word).
   * Same length as the input, character for character.
   */
  function fold(text: string): string {
    let lower = text.toLowerCase();
    // A few letters lowercase to two code units (İ → i̇): keep those as they are.
    if (lower.length !== text.length) lower = Array.from(text, (ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
    return lower.replace(FULL_WIDTH, narrow);
  }

  const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
  /** Per BMP code unit: 0 not looked up yet, 1 a letter, mark or digit, 2 not (surrogates are 2; pairs are tested whole). */
  const bmpClass = new Uint8Array(0x10000);

  function isWordUnit(code: number): boolean {
    let c = bmpClass[code]!;
    if (c === 0) bmpClass[code] = c = code >= 0xd800 && code <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
    return c === 1;
  }

  /**
   * Space-separated tokens to index for a message text: each run of letters, marks and digits of the
   * folded text gives its bigrams of code points and its last code point. Written as one loop over the
   * code units (a regex per run and an array per text took a fifth of a 1M-message import); the same
   * tokens as a `[\p{L}\p{M}\p{N}]+` match per run, which a test compares on random texts.
   */
  function indexTokens(text: string): string {
    const s = fold(text);
    let out = '';
    let prev = ''; // the run's previous code point; '' outside a run
    for (let i = 0; i < s.length; ) {
      const code = s.charCodeAt(i);
      let ch: string;
      let word: boolean;
      if (code < 0x80) {
        ch = s[i]!;
        word = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a);
        i++;
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        ch = s.slice(i, i + 2);
        word = WORD_CHAR.test(ch);
        i += 2;
      } else {
        ch = s[i]!;
        word = isWordUnit(code);
        i++;
      }
      if (word) {
        if (prev) out += out ? ` ${prev}${ch}` : prev + ch;
        prev = ch;
      } else if (prev) {
        out += out ? ` ${prev}` : prev;
        prev = '';
      }
    }
    if (prev) out += out ? ` ${prev}` : prev;
    return out;
  }

  return { fold, indexTokens };
}

export const { fold, indexTokens } = makeIndexTokenizer();

/** The query's parts (whitespace-separated), folded; each must occur in a hit's text. */
export function queryParts(query: string): string[] {
  return fold(query.normalize('NFC'))
    .split(/\s+/)
    .filter((p) => p.length > 0);
}

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

export interface QueryPlan {
  /** Folded parts, every one of which a hit's folded text contains. */
  parts: string[];
  /** FTS5 MATCH expression for candidates; undefined when nothing in the query is indexed (only punctuation or emoji). */
  match?: string;
  /** True when every row the MATCH returns is a hit (one part of one or two letters/digits): counting needs no text check. */
  exact: boolean;
}

export function planQuery(query: string): QueryPlan {
  const parts = queryParts(query);
  const terms: string[] = [];
  for (const part of parts) {
    for (const m of part.matchAll(RUN)) {
      const c = chars(m[0]);
      if (c.length === 1) terms.push(`${quote(c[0]!)}*`);
      else for (let i = 0; i + 1 < c.length; i++) terms.push(quote(c[i]! + c[i + 1]!));
    }
  }
  const unique = [...new Set(terms)];
  // One or two letters/digits are one term that holds exactly them (not so "aaa", whose one bigram is "aa").
  const short = parts.length === 1 && RUN_ONLY.test(parts[0]!) && chars(parts[0]!).length <= 2;
  return { parts, ...(unique.length > 0 ? { match: unique.join(' AND ') } : {}), exact: short };
}

/** True when the folded text contains every part (parts from queryParts). */
export function containsAll(text: string, parts: string[]): boolean {
  const folded = fold(text);
  return parts.every((p) => folded.includes(p));
}

/** [start, end) ranges where each query part occurs in text (folded comparison), sorted and merged; empty when a part is missing. */
export function highlightRanges(text: string, parts: string[]): [number, number][] {
  const haystack = fold(text);
  const ranges: [number, number][] = [];
  for (const part of parts) {
    let from = 0;
    let found = false;
    for (;;) {
      const at = haystack.indexOf(part, from);
      if (at < 0) break;
      ranges.push([at, at + part.length]);
      found = true;
      from = at + part.length;
    }
    if (!found) return [];
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
