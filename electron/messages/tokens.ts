// Search tokens, made in JS so FTS5 needs no custom tokenizer (the table uses the `ascii` tokenizer,
// which keeps every token exactly as written here). Search is by substring in every script, like
// WeChat's: a query finds every message whose text contains it.
//
// The text is first folded (lowercase, full-width ASCII → ASCII, final sigma → sigma), keeping its
// length so that match offsets in the folded text are offsets in the original. Then each run of
// letters, marks and digits is cut into tokens:
// - CJK runs (Han, kana, Hangul): overlapping bigrams (火锅店 → 火锅 锅店) plus the last character
//   alone, so every position starts a token;
// - other runs (Latin, digits, Cyrillic…): overlapping bigrams AND trigrams (github → gi it th hu ub
//   git ith thu hub) plus the last character alone.
// A query run of one character is a prefix query (火*, o*: the prefix index answers it); of two, the
// bigram itself; longer CJK runs need all their bigrams, longer other runs all their trigrams. Every
// occurrence of a query run in a text lies inside one text run, where those tokens were made, so
// there are no false negatives. Candidates are confirmed against the folded text (no false
// positives), which also yields the highlight ranges.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN = /[\p{L}\p{M}\p{N}]+/gu;
const SURROGATE = /[\uD800-\uDFFF]/;
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000ς]/g;

const narrow = (ch: string): string => (ch === '\u3000' ? ' ' : ch === 'ς' ? 'σ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/**
 * The text as search compares it: lowercase, full-width letters/digits/punctuation as ASCII, the
 * ideographic space as a space, ς as σ (so a Greek substring matches wherever it sits in a word).
 * Same length as the input, character for character.
 */
export function fold(text: string): string {
  let lower = text.toLowerCase();
  // A few letters lowercase to two code units (İ → i̇): keep those as they are.
  if (lower.length !== text.length) lower = Array.from(text, (ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
  return lower.replace(FULL_WIDTH, narrow);
}

const chars = (run: string): string[] => (SURROGATE.test(run) ? Array.from(run) : run.split(''));

function cjkTokens(run: string, out: string[]): void {
  const c = chars(run);
  for (let i = 0; i + 1 < c.length; i++) out.push(c[i]! + c[i + 1]!);
  out.push(c[c.length - 1]!);
}

function wordTokens(run: string, out: string[]): void {
  const c = chars(run);
  for (let i = 0; i + 1 < c.length; i++) {
    out.push(c[i]! + c[i + 1]!);
    if (i + 2 < c.length) out.push(c[i]! + c[i + 1]! + c[i + 2]!);
  }
  out.push(c[c.length - 1]!);
}

/** Calls `cjk` or `word` for each run of the folded text, in order. */
function eachRun(folded: string, cjk: (run: string) => void, word: (run: string) => void): void {
  for (const m of folded.matchAll(RUN)) {
    const run = m[0];
    if (!HAS_CJK.test(run)) {
      word(run);
      continue;
    }
    let last = 0;
    for (const c of run.matchAll(CJK)) {
      if (c.index > last) word(run.slice(last, c.index));
      cjk(c[0]);
      last = c.index + c[0].length;
    }
    if (last < run.length) word(run.slice(last));
  }
}

/** Space-separated tokens to index for a message text. */
export function indexTokens(text: string): string {
  const out: string[] = [];
  eachRun(
    fold(text),
    (run) => cjkTokens(run, out),
    (run) => wordTokens(run, out),
  );
  return out.join(' ');
}

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
  /** True when every row the MATCH returns is a hit (one part, one run, one term): counting needs no text check. */
  exact: boolean;
}

function runTerms(run: string, n: number, terms: string[]): void {
  const c = chars(run);
  if (c.length === 1) terms.push(`${quote(c[0]!)}*`);
  else if (c.length === 2) terms.push(quote(c[0]! + c[1]!));
  else for (let i = 0; i + n <= c.length; i++) terms.push(quote(c.slice(i, i + n).join('')));
}

export function planQuery(query: string): QueryPlan {
  const parts = queryParts(query);
  const terms: string[] = [];
  let runs = 0;
  for (const part of parts) {
    eachRun(
      part,
      (run) => (runs++, runTerms(run, 2, terms)),
      (run) => (runs++, runTerms(run, 3, terms)),
    );
  }
  const unique = [...new Set(terms)];
  const whole = parts.length === 1 && RUN_ONLY.test(parts[0]!) && runs === 1;
  return { parts, ...(unique.length > 0 ? { match: unique.join(' AND ') } : {}), exact: whole && unique.length === 1 };
}

const RUN_ONLY = /^[\p{L}\p{M}\p{N}]+$/u;

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
