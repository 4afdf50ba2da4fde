// Legacy code pages on short inputs (issue 11.4): one card with a Chinese name of one to three
// characters and no CHARSET is read in GB18030 / Big5 / Shift_JIS, not as single-byte letter soup
// (张伟 in GBK was guessed KOI8-R: "уен╟"); one card of a Cyrillic, Greek, Hebrew or Polish name is
// never read as CJK; the case's region weighs the guess. CSV files that are not UTF-8 or UTF-16 are
// guessed by the same detector, name the guess and are read in the code page the user picks.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContactFile, previewContactFile } from '../../../electron/import';
import { guessLegacyCharset, loadLegacyCharsetGuesser } from '../../../electron/import/legacy-charset';
import { undeclaredSample } from '../../../electron/import/vcard/reader';
import type { LegacyCharset } from '../../../shared/contract';
import type { RawContact } from '../../../shared/types';
import { cleanupTmp, writeFixture } from './helpers';

afterAll(cleanupTmp);
// guessLegacyCharset is called directly here: its detector is loaded first, as the import does.
beforeAll(loadLegacyCharsetGuesser);

const CJK_PAGES = ['gb18030', 'big5', 'shift_jis'];
const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

/** One card as an old phone or Outlook writes it: N and FN in the code page, no CHARSET. */
function oneCard(name: string, charset: string, family = CJK.test(name) ? name.slice(0, 1) : name.split(' ').at(-1)!): Buffer {
  const given = CJK.test(name) ? name.slice(1) : name.split(' ').slice(0, -1).join(' ');
  const enc = (s: string) => iconv.encode(s, charset);
  return Buffer.concat([
    Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nN:'),
    enc(`${family};${given}`),
    Buffer.from(';;;\r\nFN:'),
    enc(name),
    Buffer.from('\r\nTEL;CELL:13800138000\r\nEND:VCARD\r\n'),
  ]);
}

async function importWith(path: string, opts: { region?: string; charset?: LegacyCharset } = {}) {
  const contacts: RawContact[] = [];
  const summary = await importContactFile(path, { ...opts, onContact: (c) => contacts.push(c) });
  return { names: contacts.map((c) => c.name), summary, guess: summary.issues.find((i) => i.code === 'encoding-guessed')?.params?.encoding };
}

/** Short names people hold: the hundred commonest surnames with common given-name characters (GB2312 level 1 and 2). */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国斌飞宇浩凯婷琪萱瑶欣怡梓涵子轩博文晨阳雪梅琳佳慧颖昊皓璐晗'.split('');
const TW_SURNAMES = '陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高簡朱鍾施游詹沈彭胡余盧潘顏'.split('');
const TW_GIVEN = '志明淑芬雅婷怡君家豪冠宇俊傑建宏美玲惠如宗翰欣怡佳穎承恩心怡文雄'.split('');
const JAPANESE = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '太郎', '花子', '一郎', '健', 'さくら', 'ゆかり', '翔太', '美咲', '大輔', '恵子', 'ヨシコ', 'ケン', '陽菜', '蓮', '山田太郎'];

/** Names of one and two characters (and the three-character 王小明 kind), as their code page writes them. */
function chineseNames(surnames: string[], given: string[]): string[] {
  const names: string[] = [];
  surnames.forEach((s, i) => names.push(s, ...given.map((g) => s + g), s + given[i % given.length]! + given[(i * 7 + 3) % given.length]!));
  return names;
}

/**
 * The share of one-card files whose names the guess reads right. Names whose bytes are also valid
 * UTF-8 (郑 is D6 A3, a Hebrew accent in UTF-8) are read as UTF-8 before any guess: left out here.
 */
function rightShare(names: string[], charset: string, region?: string): { share: number; wrong: string[] } {
  let right = 0;
  let counted = 0;
  const wrong: string[] = [];
  for (const name of names) {
    if (isUtf8(iconv.encode(name, charset))) continue;
    counted++;
    const sample = undeclaredSample(oneCard(name, charset));
    const guess = guessLegacyCharset(sample, { region });
    if (guess && iconv.decode(sample, guess).split('\n').includes(name)) right++;
    else wrong.push(`${name}→${guess}`);
  }
  return { share: right / counted, wrong };
}

describe('one short card in a CJK code page', () => {
  it('FN 张伟 in GBK is read as 张伟, in a CN case and without a region, and the guess is named', async () => {
    const path = writeFixture('zhang-wei.vcf', oneCard('张伟', 'gb18030'));
    for (const region of ['CN', undefined]) {
      const { names, guess, summary } = await importWith(path, { region });
      expect(names).toEqual(['张伟']);
      expect(guess).toBe('gb18030');
      expect(summary.encoding).toBe('GB18030');
    }
    const preview = await previewContactFile(path, { region: 'CN' });
    expect(preview.legacyCharset).toEqual({ charset: 'gb18030', chosen: false, names: ['张伟'] });
  });

  // Each of these was read as single-byte letters before (KOI8-R, ISO-8859-5, windows-1252 …).
  const earlierWrong: [string, string, string][] = [
    ['张伟', 'gb18030', 'CN'],
    ['赵敏', 'gb18030', 'CN'],
    ['孙艳', 'gb18030', 'CN'],
    ['潘', 'gb18030', 'CN'],
    ['沈晨', 'gb18030', 'CN'],
    ['林', 'big5', 'TW'],
    ['張', 'big5', 'TW'],
    ['吳', 'big5', 'TW'],
    ['劉', 'big5', 'TW'],
    ['蓮', 'shift_jis', 'JP'],
  ];
  for (const [name, charset, region] of earlierWrong) {
    it(`${name} in ${charset} (${region} case) is read right`, async () => {
      const { names, guess } = await importWith(writeFixture(`${charset}.vcf`, oneCard(name, charset)), { region });
      expect(names).toEqual([name]);
      expect(guess).toBe(charset);
    });
  }

  it('GBK names of one to three characters in a CN case: at least 98 in 100 read right (92 with jschardet and priors alone)', () => {
    const { share, wrong } = rightShare(chineseNames(SURNAMES, GIVEN), 'gb18030', 'CN');
    expect(share, wrong.join(' ')).toBeGreaterThanOrEqual(0.98);
  });

  it('Big5 names in a TW case and Shift_JIS names in a JP case: every one read right', () => {
    expect(rightShare(chineseNames(TW_SURNAMES, TW_GIVEN), 'big5', 'TW').wrong).toEqual([]);
    expect(rightShare(JAPANESE, 'shift_jis', 'JP').wrong).toEqual([]);
  });

  it('Shift_JIS names are read as Japanese in a CN case too (GBK cannot read their bytes as common characters)', () => {
    expect(rightShare(JAPANESE, 'shift_jis', 'CN').wrong).toEqual([]);
  });

  it('the region decides between two readings that are both common characters (Big5 陳 is GBK 朝)', () => {
    const sample = undeclaredSample(oneCard('陳', 'big5'));
    expect(guessLegacyCharset(sample, { region: 'TW' })).toBe('big5');
    expect(guessLegacyCharset(sample, { region: 'HK' })).toBe('big5');
    expect(guessLegacyCharset(sample, { region: 'CN' })).toBe('gb18030');
  });
});

describe('one short card in an alphabetic code page is never read as CJK, even in a CN case', () => {
  const NAMES: Record<string, string[]> = {
    'windows-1251': ['Иван Петров', 'Ольга Смирнова', 'Сергей Иванов', 'Наталья Кузнецова', 'Анна Павлова', 'Олег Орлов', 'Віталій Кличко', 'Андрій Шевченко', 'Юлия Волкова', 'Игорь Козлов', 'Дмитрий Соколов', 'Елена Попова'],
    'windows-1253': ['Νίκος Αλεξίου', 'Γιώργος Παπαδόπουλος', 'Μαρία Κωνσταντίνου', 'Ελένη Γεωργίου', 'Κώστας Νικολάου', 'Σοφία Οικονόμου', 'Άννα Ιωάννου', 'Χρήστος Δημητρίου', 'Νίκη Βλάχου', 'Ζωή Μαρκου'],
    'windows-1255': ['משה כהן', 'שרה לוי', 'נועה פרידמן', 'אבי מזרחי', 'יעל אברהם', 'דוד בן-גוריון', 'רחל גולדברג', 'אפרים קישון', 'עמית שפירא', 'נועם חיים'],
    'windows-1250': ['Łukasz Wiśniewski', 'Małgorzata Kowalczyk', 'Paweł Wójcik', 'Zofia Dąbrowska', 'Żaneta Lis', 'Jiří Dvořák', 'Šimon Čech', 'Agnieszka Szczęsna', 'Grzegorz Żółkiewski', 'Tomáš Novák'],
  };
  for (const [charset, names] of Object.entries(NAMES)) {
    it(`${charset}: ${names.length} one-card files, none read as CJK`, async () => {
      for (const name of names) {
        const { names: read, guess } = await importWith(writeFixture(`${charset}.vcf`, oneCard(name, charset)), { region: 'CN' });
        expect(CJK_PAGES, `${name} → ${guess}`).not.toContain(guess);
        // Central and Western European pages share most letters: which of them one Czech name is in
        // is jschardet's call (Šimon Čech reads "Šimon Èech" in windows-1252), never a CJK one's.
        if (charset === 'windows-1250') expect(['windows-1250', 'iso-8859-2', 'windows-1252'], name).toContain(guess);
        else expect(read, `${name} → ${guess}`).toEqual([name]);
      }
    });
  }
});

// ---- CSV -----------------------------------------------------------------------------------

/** An address book as Excel saves it: a header, CRLF, a field quoted when it holds a comma or quote. */
function excelCsv(header: string[], rows: string[][], separator = ','): string {
  const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(field).join(separator)).join('\r\n') + '\r\n';
}

const BOOKS: Record<string, { header: string[]; rows: string[][] }> = {
  gb18030: {
    header: ['姓名', '手机号码', '备注'],
    rows: [['张伟', '13800138000', '大学室友, 住在上海'], ['王芳', '13900139000', ''], ['李娜', '13700137000', '老家']],
  },
  big5: {
    header: ['姓名', '電話', '備註'],
    rows: [['陳大文', '0912345678', '同事'], ['林美玲', '0987654321', '台北市信義路'], ['張志豪', '0922333444', '']],
  },
  'windows-1251': {
    header: ['Name', 'Mobile Phone', 'Notes'],
    rows: [['Иван Петров', '+7 495 123-45-67', 'коллега'], ['Ольга Смирнова', '+7 812 765-43-21', 'соседка, Невский проспект'], ['Віталій Кличко', '+380 44 123 4567', '']],
  },
};

describe('CSV files in a legacy code page', () => {
  for (const [charset, book] of Object.entries(BOOKS)) {
    const names = book.rows.map((r) => r[0]!);
    it(`${charset}: the names are read right, the preview and the report name the guess`, async () => {
      const path = writeFixture(`${charset}.csv`, iconv.encode(excelCsv(book.header, book.rows), charset));
      const { names: read, guess, summary } = await importWith(path, { region: 'CN' });
      expect(read).toEqual(names);
      expect(guess).toBe(charset);
      expect(summary.encoding.toLowerCase()).toBe(charset);
      const preview = await previewContactFile(path, { region: 'CN' });
      expect(preview.headers).toEqual(book.header);
      expect(preview.legacyCharset).toEqual({ charset, chosen: false, names });
      expect(preview.issues.map((i) => [i.code, i.params])).toEqual([['encoding-guessed', { encoding: charset }]]);
    });
  }

  it('a one-row GBK CSV (姓名 and one name) is read right, not as single-byte letters', async () => {
    const path = writeFixture('one.csv', iconv.encode(excelCsv(['姓名', '手机'], [['张伟', '13800138000']]), 'gb18030'));
    expect((await importWith(path, { region: 'CN' })).names).toEqual(['张伟']);
    expect((await importWith(path)).names).toEqual(['张伟']);
  });

  it('the user may read a CSV in another code page: the preview and the import read it so, and no guess is named', async () => {
    const book = BOOKS.big5!;
    const path = writeFixture('big5-chosen.csv', iconv.encode(excelCsv(book.header, book.rows), 'big5'));
    const wrong = await importWith(path, { charset: 'gb18030' });
    expect(wrong.names).not.toEqual(book.rows.map((r) => r[0]));
    expect(wrong.guess).toBeUndefined();
    const preview = await previewContactFile(path, { charset: 'gb18030' });
    expect(preview.legacyCharset).toEqual({ charset: 'gb18030', chosen: true, names: wrong.names });
    // Read so, the header says nothing either: the user is asked for the columns, not told of a guess.
    expect(preview.issues.map((i) => i.code)).toEqual(['csv-choose-columns']);
    const right = await importWith(path, { charset: 'big5' });
    expect(right.names).toEqual(book.rows.map((r) => r[0]));
    expect(right.summary.issues).toEqual([]);
  });

  it('UTF-16LE with a BOM (Excel "Unicode text", tab-separated) and UTF-8 with a BOM are read as such, no guess, whatever was chosen', async () => {
    const book = BOOKS.gb18030!;
    const names = book.rows.map((r) => r[0]!);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(excelCsv(book.header, book.rows, '\t'), 'utf-16le')]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(excelCsv(book.header, book.rows))]);
    for (const [name, bytes, encoding] of [['unicode.txt', utf16, 'UTF-16LE'], ['utf8.csv', utf8, 'UTF-8 (BOM)']] as const) {
      const path = writeFixture(name, bytes);
      for (const charset of [undefined, 'big5'] as const) {
        const { names: read, guess, summary } = await importWith(path, { charset });
        expect(read, name).toEqual(names);
        expect(guess, name).toBeUndefined();
        expect(summary.encoding).toBe(encoding);
        expect((await previewContactFile(path, { charset })).legacyCharset, name).toBeUndefined();
      }
    }
  });
});
