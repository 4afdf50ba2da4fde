// Search tokens, made in JS so FTS5 needs no custom tokenizer: runs of CJK characters become
// overlapping bigrams (火锅店 → 火锅 锅店) plus the run's last character alone, so that a one-character
// query can be answered with a prefix query (火*) that covers every position; other letters and
// digits become lowercase words. The FTS table stores only these tokens (contentless, no positions);
// candidates are confirmed against the real text, which also yields the highlight ranges.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

function cjkRunTokens(run: string, out: string[]): void {
  const chars = Array.from(run);
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars[chars.length - 1]!);
}

/** Space-separated tokens to index for a message text. */
export function indexTokens(text: string): string {
  const out: string[] = [];
  const lower = text.toLowerCase();
  let last = 0;
  for (const m of lower.matchAll(CJK)) {
    wordTokens(lower.slice(last, m.index), out);
    cjkRunTokens(m[0], out);
    last = m.index + m[0].length;
  }
  wordTokens(lower.slice(last), out);
  return out.join(' ');
}

function wordTokens(segment: string, out: string[]): void {
  for (const m of segment.matchAll(WORD)) out.push(m[0]);
}

/** The query's parts (whitespace-separated), lowercased; each must occur in a hit's text. */
export function queryParts(query: string): string[] {
  return query
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .filter((p) => p.length > 0);
}

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/**
 * FTS5 MATCH expression for a query, or undefined when the query has nothing indexable
 * (only punctuation or emoji: the caller falls back to a text scan).
 */
export function ftsQuery(query: string): string | undefined {
  const terms: string[] = [];
  for (const part of queryParts(query)) {
    let last = 0;
    for (const m of part.matchAll(CJK)) {
      wordTerms(part.slice(last, m.index), terms);
      const chars = Array.from(m[0]);
      if (chars.length === 1) terms.push(`${quote(chars[0]!)}*`);
      else for (let i = 0; i + 1 < chars.length; i++) terms.push(quote(chars[i]! + chars[i + 1]!));
      last = m.index + m[0].length;
    }
    wordTerms(part.slice(last), terms);
  }
  const unique = [...new Set(terms)];
  return unique.length > 0 ? unique.join(' AND ') : undefined;
}

function wordTerms(segment: string, terms: string[]): void {
  // Word tokens are matched as prefixes so "hel" finds "hello"; the text check keeps results exact.
  for (const m of segment.matchAll(WORD)) terms.push(`${quote(m[0])}*`);
}

/** [start, end) ranges where each query part occurs in text (case-insensitive), sorted and merged; empty when a part is missing. */
export function highlightRanges(text: string, parts: string[]): [number, number][] {
  const lower = text.toLowerCase();
  // toLowerCase can change lengths for a few letters; then offsets would drift, so search the original.
  const haystack = lower.length === text.length ? lower : text;
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
