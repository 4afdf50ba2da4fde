// Search token schemes compared over the same generated texts (1,000,000 by default, as the
// messages bench): the shipped one (CJK bigrams; bigrams + trigrams for other scripts) against
// bigrams for every script and trigrams for every script. For each: time to tokenize and index,
// FTS5 size, and per kind of query the first 50 hits and the true count, newest first, every
// candidate checked against its text (so the cost of false candidates shows). Only the index is
// compared here; the messages bench measures the archive as shipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fold, indexTokens, planQuery, queryParts } from '../electron/messages/tokens';
import { LATIN, rand, sentence } from './gen-messages';

const TOTAL = Number(process.env.MESSAGES_BENCH_TOTAL ?? 1_000_000);
const RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{M}\p{N}]+/gu;

interface Scheme {
  name: string;
  prefix: string;
  tokens(text: string): string;
  match(query: string): string | undefined;
}

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/** Every run of the folded text cut into n-grams (n = 2 or 3) plus its shorter tails. */
function grams(text: string, n: number): string {
  const out: string[] = [];
  for (const m of fold(text).matchAll(RUN)) {
    const c = Array.from(m[0]);
    for (let i = 0; i < c.length; i++) out.push(c.slice(i, i + n).join(''));
  }
  return out.join(' ');
}

function gramQuery(query: string, n: number): string | undefined {
  const terms: string[] = [];
  for (const part of queryParts(query)) {
    for (const m of part.matchAll(RUN)) {
      const c = Array.from(m[0]);
      if (c.length < n) terms.push(`${quote(m[0])}*`);
      else for (let i = 0; i + n <= c.length; i++) terms.push(quote(c.slice(i, i + n).join('')));
    }
  }
  return terms.length > 0 ? [...new Set(terms)].join(' AND ') : undefined;
}

const SCHEMES: Scheme[] = [
  { name: 'shipped: CJK bigrams, other scripts bigrams + trigrams', prefix: '1', tokens: indexTokens, match: (q) => planQuery(q).match },
  { name: 'bigrams for every script', prefix: '1', tokens: (t) => grams(t, 2), match: (q) => gramQuery(q, 2) },
  { name: 'trigrams for every script (2-char queries by prefix)', prefix: '1 2', tokens: (t) => grams(t, 3), match: (q) => gramQuery(q, 3) },
];

function cjkQueries(texts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < 200; i++) {
    const chars = Array.from(texts[(i * 7919) % texts.length]!).filter((ch) => /\p{Script=Han}/u.test(ch));
    const len = 2 + (i % 3);
    if (chars.length < len) continue;
    const at = rand(chars.length - len + 1);
    out.push(chars.slice(at, at + len).join(''));
  }
  return out;
}

function latinQueries(min: number, max: number): string[] {
  const out: string[] = [];
  while (out.length < 200) {
    const word = LATIN[rand(LATIN.length)]!;
    const len = min + rand(max - min + 1);
    if (word.length < len) continue;
    const at = rand(word.length - len + 1);
    out.push(word.slice(at, at + len));
  }
  return out;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (t: number[]): string => {
  const s = [...t].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(3)} ms, p95 ${percentile(s, 95).toFixed(3)} ms`;
};

function main(): void {
  const texts = Array.from({ length: TOTAL }, () => sentence());
  const kinds: [string, string[]][] = [
    ['2-4 Chinese characters', cjkQueries(texts)],
    ['2-4 Latin/digits', latinQueries(2, 4)],
    ['5+ Latin/digits', latinQueries(5, 11)],
  ];
  const root = mkdtempSync(join(tmpdir(), 'relink-schemes-'));
  try {
    for (const scheme of SCHEMES) {
      const db = new DatabaseSync(join(root, `${SCHEMES.indexOf(scheme)}.sqlite`));
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
      db.exec(`CREATE VIRTUAL TABLE f USING fts5(tokens, content='', detail=none, columnsize=0, prefix='${scheme.prefix}', tokenize='ascii')`);
      const insert = db.prepare('INSERT INTO f (rowid, tokens) VALUES (?, ?)');
      const t0 = performance.now();
      db.exec('BEGIN');
      for (let i = 0; i < texts.length; i++) insert.run(i + 1, scheme.tokens(texts[i]!));
      db.exec('COMMIT');
      db.exec("INSERT INTO f (f) VALUES ('optimize')");
      const buildS = (performance.now() - t0) / 1000;
      const bytes = (db.prepare("SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'f%'").get() as { b: number }).b;
      console.log(`\n${scheme.name}: tokenize + index ${TOTAL} texts in ${buildS.toFixed(1)} s, FTS5 ${(bytes / 1e6).toFixed(1)} MB`);
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
            if (parts.every((p) => fold(texts[row.id - 1]!).includes(p)) && ++n >= 50) break;
          }
          first.push(performance.now() - s);
          s = performance.now();
          for (const row of stmt.iterate(match) as Iterable<{ id: number }>) {
            candidates++;
            if (parts.every((p) => fold(texts[row.id - 1]!).includes(p))) hits++;
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
