// Search token schemes compared over the same generated texts (1,000,000 by default, as the
// messages bench): the shipped one (bigrams for every script) against CJK bigrams with bigrams +
// trigrams for other scripts, and trigrams for every script. For each: time to tokenize and index,
// FTS5 size, and per kind of query the first 50 hits and the true count, newest first, every
// candidate checked against its text (so the cost of false candidates shows). Only the index is
// compared here; the messages bench measures the archive as shipped.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fold, indexTokens, planQuery, queryParts } from '../electron/messages/tokens';
import { cjkQueries, latinQueries, rand, sentence } from './gen-messages';

const TOTAL = Number(process.env.MESSAGES_BENCH_TOTAL ?? 1_000_000);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{M}\p{N}]+/gu;

interface Scheme {
  name: string;
  prefix: string;
  tokens(text: string): string;
  match(query: string): string | undefined;
}

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** N-gram sizes: `n` for CJK runs, `other` for the rest. */
type Sizes = { n: number; other: number[] };

const sizesOf = (run: string, sizes: Sizes): number[] => (CJK.test(run) ? [sizes.n] : sizes.other);

/** Every run of the folded text (CJK and other runs apart) cut into its n-grams; the largest n also at the run's end, shorter. */
function grams(text: string, sizes: Sizes): string {
  const out: string[] = [];
  for (const m of fold(text).matchAll(RUN)) {
    const c = Array.from(m[0]);
    const ns = sizesOf(m[0], sizes);
    const top = Math.max(...ns);
    for (const n of ns) for (let i = 0; i < c.length; i++) if (n === top || i + n <= c.length) out.push(c.slice(i, i + n).join(''));
  }
  return out.join(' ');
}

/** A run shorter than every size is a prefix query; else all its n-grams of the largest size that fits. */
function gramQuery(query: string, sizes: Sizes): string | undefined {
  const terms: string[] = [];
  for (const part of queryParts(query)) {
    for (const m of part.matchAll(RUN)) {
      const c = Array.from(m[0]);
      const fits = sizesOf(m[0], sizes).filter((n) => n <= c.length);
      if (fits.length === 0) terms.push(`${quote(m[0])}*`);
      else for (let i = 0, n = Math.max(...fits); i + n <= c.length; i++) terms.push(quote(c.slice(i, i + n).join('')));
    }
  }
  return terms.length > 0 ? [...new Set(terms)].join(' AND ') : undefined;
}

const SCHEMES: Scheme[] = [
  { name: 'shipped: bigrams for every script', prefix: '1', tokens: indexTokens, match: (q) => planQuery(q).match },
  { name: 'CJK bigrams; bigrams + trigrams for other scripts', prefix: '1', tokens: (t) => grams(t, { n: 2, other: [2, 3] }), match: (q) => gramQuery(q, { n: 2, other: [2, 3] }) },
  { name: 'trigrams for every script (2-char queries by prefix)', prefix: '1 2', tokens: (t) => grams(t, { n: 3, other: [3] }), match: (q) => gramQuery(q, { n: 3, other: [3] }) },
];



// Row ids as the archive makes them (UTC seconds × 2^20 + sequence; 1M messages over ~2.3 years
// is ~72 s apart), since the index stores rowid deltas and their size depends on them.
const rowid = (i: number): number => (1_450_000_000 + i * 72) * 2 ** 20;
const textOf = (texts: string[], id: number): string => texts[(id / 2 ** 20 - 1_450_000_000) / 72]!;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (t: number[]): string => {
  const s = [...t].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(3)} ms, p95 ${percentile(s, 95).toFixed(3)} ms`;
};

/**
 * English-like messages: windows of 3-12 consecutive words of the comments and names in
 * TypeScript's lib.dom.d.ts (real words at their natural frequencies, which the generator's ten
 * Latin words are not), and substrings of 3-6 letters of its words as queries.
 */
function englishSet(count: number): { texts: string[]; kinds: [string, string[]][] } | undefined {
  const file = join('node_modules', 'typescript', 'lib', 'lib.dom.d.ts');
  if (!existsSync(file)) return undefined;
  const words = readFileSync(file, 'utf8').match(/[A-Za-z]{2,}/g)!.map((w) => w.toLowerCase());
  const texts = Array.from({ length: count }, () => {
    const at = rand(words.length - 12);
    return words.slice(at, at + 3 + rand(10)).join(' ');
  });
  const queries = Array.from({ length: 200 }, () => {
    const w = words[rand(words.length)]!;
    const len = Math.min(w.length, 3 + rand(4));
    const at = rand(w.length - len + 1);
    return w.slice(at, at + len);
  });
  return { texts, kinds: [['3-6 letters of English words', queries]] };
}

function main(): void {
  const texts = Array.from({ length: TOTAL }, () => sentence());
  compare(`${TOTAL} generated chat texts`, texts, [
    ['2-4 Chinese characters', cjkQueries(texts, 7919)],
    ['2-4 Latin/digits', latinQueries(2, 4)],
    ['5+ Latin/digits', latinQueries(5, 11)],
  ]);
  const english = englishSet(Math.round(TOTAL / 5));
  if (english) compare(`${english.texts.length} English-like texts`, english.texts, english.kinds);
}

function compare(label: string, texts: string[], kinds: [string, string[]][]): void {
  console.log(`\n--- ${label}`);
  const root = mkdtempSync(join(tmpdir(), 'relink-schemes-'));
  try {
    for (const scheme of SCHEMES) {
      const db = new DatabaseSync(join(root, `${SCHEMES.indexOf(scheme)}.sqlite`));
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
      db.exec(`CREATE VIRTUAL TABLE f USING fts5(tokens, content='', detail=none, columnsize=0, prefix='${scheme.prefix}', tokenize='ascii')`);
      const insert = db.prepare('INSERT INTO f (rowid, tokens) VALUES (?, ?)');
      const t0 = performance.now();
      db.exec('BEGIN');
      for (let i = 0; i < texts.length; i++) insert.run(rowid(i), scheme.tokens(texts[i]!));
      db.exec('COMMIT');
      db.exec("INSERT INTO f (f) VALUES ('optimize')");
      const buildS = (performance.now() - t0) / 1000;
      const bytes = (db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'f%'").get() as { b: number }).b;
      console.log(`\n${scheme.name}: tokenize + index ${texts.length} texts in ${buildS.toFixed(1)} s, FTS5 ${(bytes / 1e6).toFixed(1)} MB`);
      for (const [kind, queries] of kinds) {
        const first: number[] = [];
        const count: number[] = [];
        let candidates = 0;
        let hits = 0;
        for (const q of queries) {
          const match = scheme.match(q)!;
          const parts = queryParts(q);
          const stmt = db.prepare('SELECT rowid AS id FROM f WHERE f MATCH ? ORDER BY rowid DESC');
          let s = performance.now();
          let n = 0;
          for (const row of stmt.iterate(match) as Iterable<{ id: number }>) {
            if (parts.every((p) => fold(textOf(texts, row.id)).includes(p)) && ++n >= 50) break;
          }
          first.push(performance.now() - s);
          s = performance.now();
          for (const row of stmt.iterate(match) as Iterable<{ id: number }>) {
            candidates++;
            if (parts.every((p) => fold(textOf(texts, row.id)).includes(p))) hits++;
          }
          count.push(performance.now() - s);
        }
        console.log(`  ${kind}: first 50 hits ${ms(first)}; true count ${ms(count)}; ${hits} hits of ${candidates} candidates (${((100 * hits) / Math.max(1, candidates)).toFixed(1)}%)`);
      }
      db.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
