// Substring search in every script: tokens, query plans, the archive's answers against a naive scan
// (property test), true counts and paging, and the upgrade of an archive written before this scheme.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { closeArchive, countMessages, getMessages, importMessages, listChats, searchMessages } from '../../../electron/messages';
import { fold, indexTokens, planQuery } from '../../../electron/messages/tokens';
import { cleanup, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const T0 = Date.UTC(2023, 4, 1) / 1000;

/** Imports the texts as one MemoTrace chat, oldest first; returns the case folder. */
async function archiveOf(texts: string[], root = tempDir()): Promise<string> {
  const caseDir = join(root, 'case');
  const rows = texts.map((text, i) => [i + 1, 1, 1, 0, i % 2, T0 + i * 60, '', text, strTime(T0 + i * 60), i % 2 ? '' : '小王', i % 2 ? '我' : 'Wang', i % 2 ? 'wxid_me' : 'wxid_wang']);
  await importMessages(caseDir, [writeFixture(root, 'data/小王(wxid_wang)/小王_utf8.csv', memotraceCsv(rows))]);
  return caseDir;
}

const found = (caseDir: string, query: string): string[] => searchMessages(caseDir, query, { limit: Infinity }).map((h) => h.text);

describe('search tokens', () => {
  it('every run of letters and digits gives its bigrams and its last character', () => {
    expect(indexTokens('今晚吃火锅 at 7PM!')).toBe('今晚 晚吃 吃火 火锅 锅 at t 7p pm m');
    expect(indexTokens('火锅ok')).toBe('火锅 锅o ok k');
  });

  it('the tokenizer loop gives what a letter/mark/digit run match gives, on any text (property)', () => {
    // The specification written plainly: runs of letters, marks and digits of the folded text, each
    // its bigrams of code points and its last one.
    const plain = (t: string): string =>
      [...fold(t).matchAll(/[\p{L}\p{M}\p{N}]+/gu)]
        .flatMap((m) => {
          const c = Array.from(m[0]);
          return [...c.slice(1).map((ch, i) => c[i]! + ch), c[c.length - 1]!];
        })
        .join(' ');
    const unit = fc.oneof(fc.constantFrom(...ALPHABET, '\u0301', '\u0660', 'İ', 'ς', '\u3000', '\uD800', '\uDC00', '_', '\u00B2'), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (units) => {
        expect(indexTokens(units.join(''))).toBe(plain(units.join('')));
      }),
      { numRuns: 2000 },
    );
  });

  it('plans a query: one character by prefix, more by bigrams; one or two characters alone are exact', () => {
    expect(planQuery('火锅店')).toMatchObject({ match: '"火锅" AND "锅店"', exact: false });
    expect(planQuery('火')).toMatchObject({ match: '"火"*', exact: true });
    expect(planQuery('火锅')).toMatchObject({ match: '"火锅"', exact: true });
    expect(planQuery('Ok')).toMatchObject({ match: '"ok"', exact: true });
    expect(planQuery('ELLO')).toMatchObject({ match: '"el" AND "ll" AND "lo"', exact: false });
    expect(planQuery('aaa')).toMatchObject({ match: '"aa"', exact: false });
    expect(planQuery('it.')).toMatchObject({ match: '"it"', exact: false });
    expect(planQuery('火锅ok')).toMatchObject({ parts: ['火锅ok'], match: '"火锅" AND "锅o" AND "ok"', exact: false });
    expect(planQuery('!!!')).toEqual({ parts: ['!!!'], exact: false });
  });

  it('folds case, full width and final sigma without changing the length', () => {
    expect(fold('ＩＰｈｏｎｅ　１５')).toBe('iphone 15');
    expect(fold('ΟΔΟΣ')).toBe('οδοσ');
    const odd = 'İstanbul';
    expect(fold(odd)).toHaveLength(odd.length);
  });
});

describe('substring search in the archive', () => {
  const TEXTS = [
    'hello there',
    '看 github.com 上的项目',
    '我的新号码是13800138000',
    'see you 9amBeijing',
    'Beijing2019 的照片',
    '周末一起吃火锅吗',
    '火锅ok不',
    'iPhone 15 到了',
    'ＩＰｈｏｎｅ　１５ Pro 全角',
    'Σ ΟΔΟΣ ΟΣΑ',
    'a',
  ];

  it('finds words inside words, digits inside numbers, in every script', async () => {
    const caseDir = await archiveOf(TEXTS);
    expect(found(caseDir, 'ello')).toEqual(['hello there']);
    expect(found(caseDir, 'ithub')).toEqual(['看 github.com 上的项目']);
    expect(found(caseDir, 'b.co')).toEqual(['看 github.com 上的项目']);
    expect(found(caseDir, '8000')).toEqual(['我的新号码是13800138000']);
    expect(found(caseDir, 'Beijing')).toEqual(['Beijing2019 的照片', 'see you 9amBeijing']);
    expect(found(caseDir, 'BEIJING20')).toEqual(['Beijing2019 的照片']);
    expect(found(caseDir, '火锅ok')).toEqual(['火锅ok不']);
    expect(found(caseDir, '锅o')).toEqual(['火锅ok不']);
    expect(found(caseDir, 'ΟΣ')).toEqual(['Σ ΟΔΟΣ ΟΣΑ']);
    closeArchive(caseDir);
  });

  it('multi-word queries need every word, in any order; full width matches half width', async () => {
    const caseDir = await archiveOf(TEXTS);
    expect(found(caseDir, 'iPhone 15')).toEqual(['ＩＰｈｏｎｅ　１５ Pro 全角', 'iPhone 15 到了']);
    expect(found(caseDir, '15 iphone')).toEqual(['ＩＰｈｏｎｅ　１５ Pro 全角', 'iPhone 15 到了']);
    expect(found(caseDir, 'ｐｒｏ')).toEqual(['ＩＰｈｏｎｅ　１５ Pro 全角']);
    expect(found(caseDir, 'iphone 16')).toEqual([]);
    closeArchive(caseDir);
  });

  it('one character finds every message containing it; two letters likewise (substring, not word start)', async () => {
    const caseDir = await archiveOf(TEXTS);
    expect(found(caseDir, '火')).toEqual(['火锅ok不', '周末一起吃火锅吗']);
    expect(found(caseDir, '吗')).toEqual(['周末一起吃火锅吗']);
    expect(found(caseDir, 'A')).toEqual(TEXTS.filter((t) => t.toLowerCase().includes('a')).reverse());
    expect(found(caseDir, '9')).toEqual(['Beijing2019 的照片', 'see you 9amBeijing']);
    expect(found(caseDir, 'ok')).toEqual(['火锅ok不']);
    expect(found(caseDir, 'ng')).toEqual(['Beijing2019 的照片', 'see you 9amBeijing']);
    expect(found(caseDir, 're')).toEqual(['hello there']);
    closeArchive(caseDir);
  });

  it('counts every hit and pages through them, with filters', async () => {
    const texts = Array.from({ length: 430 }, (_, i) => (i % 3 === 0 ? `第${i}次 火锅 party` : i % 3 === 1 ? `火锅${i}` : `吃饭 ${i}`));
    const caseDir = await archiveOf(texts);
    const want = texts.filter((t) => t.includes('火锅')).reverse();
    expect(countMessages(caseDir, '火锅')).toBe(want.length);
    expect(countMessages(caseDir, '火锅 party')).toBe(texts.filter((t) => t.includes('party')).length);
    const pages: string[] = [];
    for (let offset = 0; offset < want.length; offset += 50) pages.push(...searchMessages(caseDir, '火锅', { offset, limit: 50 }).map((h) => h.text));
    expect(pages).toEqual(want);
    expect(countMessages(caseDir, '火锅', { sender: 'wxid_me' })).toBe(texts.filter((t, i) => i % 2 === 1 && t.includes('火锅')).length);
    const chatId = listChats(caseDir)[0]!.id;
    expect(countMessages(caseDir, '火锅', { chatId })).toBe(want.length);
    expect(countMessages(caseDir, '火锅', { chatId: String(Number(chatId) + 1) })).toBe(0);
    expect(countMessages(caseDir, '1', { to: strTime(T0 + 99 * 60).slice(0, 10) })).toBe(texts.filter((t) => t.includes('1')).length);
    closeArchive(caseDir);
  });
});

/** The specification written plainly: every whitespace-separated part occurs in the text, ignoring case and width. */
function naive(texts: string[], query: string): string[] {
  const norm = (s: string): string => s.normalize('NFKC').toLowerCase();
  const parts = norm(query).split(/\s+/).filter(Boolean);
  if (parts.length === 0) return [];
  return texts.filter((t) => parts.every((p) => norm(t).includes(p)));
}

// Scripts, digits, full-width forms, punctuation, an emoji and a CJK character outside the BMP.
const ALPHABET = [...'abBeEgilnoO019 8.,-!', ...'我们火锅吃好的', ...'ＡｂＯ１', ...'Яяж', ...'あカ한', '😀', '𠀀', 'é'];
const text = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 24 }).map((a) => a.join('').trim() || 'x');

describe('search equals a naive scan (property)', () => {
  it('every substring of every text is found, and any query returns exactly what includes() says, with the true count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
        fc.array(fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 5 }).map((a) => a.join('')), { maxLength: 4 }),
        async (texts, picks, randomQueries) => {
          const caseDir = await archiveOf(texts);
          try {
            const stored = getMessages(caseDir, listChats(caseDir)[0]!.id, { limit: 1000 }).messages.map((m) => m.text);
            const substrings = picks.map(([t, a, b]) => {
              const chars = Array.from(stored[t % stored.length]!);
              const start = a % chars.length;
              return chars.slice(start, start + 1 + (b % Math.min(6, chars.length - start))).join('');
            });
            for (const q of [...substrings, ...randomQueries]) {
              const want = naive(stored, q).reverse();
              if (substrings.includes(q) && q.trim()) expect(want.length, q).toBeGreaterThan(0);
              expect(found(caseDir, q), q).toEqual(want);
              expect(countMessages(caseDir, q), q).toBe(want.length);
            }
          } finally {
            closeArchive(caseDir);
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('archives written before substring search', () => {
  it('rebuilds the index on open and records the schema version', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    mkdirSync(join(caseDir, 'messages'), { recursive: true });
    const file = join(caseDir, 'messages', 'archive.sqlite');
    copyFileSync(join(__dirname, 'fixtures', 'archive-before-substring-search.sqlite'), file);
    const before = new DatabaseSync(file, { readOnly: true });
    expect((before.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(0);
    before.close();
    expect(found(caseDir, 'ello')).toEqual(['hello there']);
    expect(found(caseDir, '8000')).toEqual(['我的新号码是13800138000']);
    expect(found(caseDir, 'Beijing')).toEqual(['Beijing2019 的照片', 'see you 9amBeijing']);
    expect(found(caseDir, '火锅')).toEqual(['火锅ok不', '周末一起吃火锅吗']);
    expect(countMessages(caseDir, 'o')).toBe(5);
    closeArchive(caseDir);
    const after = new DatabaseSync(file, { readOnly: true });
    expect((after.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(1);
    after.close();
    // Opened again: already upgraded, same answers; a new import indexes the new scheme too.
    expect(found(caseDir, 'ithub')).toEqual(['看 github.com 上的项目']);
    await archiveOf(['another hello'], root);
    expect(found(caseDir, 'ello')).toEqual(['another hello', 'hello there']);
    closeArchive(caseDir);
  });
});
