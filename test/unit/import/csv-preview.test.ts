// The CSV preview shows the name each of the first rows will get and the column it comes from, and
// warns when one value would name many rows (issue 11, point 1).
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords } from '../../../electron/contacts';
import { previewContactFile } from '../../../electron/import';
import { excelBook, NOTES, pick, random, wechatList, WECHAT_LISTS, type GeneratedBook } from './csv-books';
import { cleanupTmp, importBytes, importPath, writeFixture } from './helpers';

afterAll(cleanupTmp);

async function mergedNames(path: string): Promise<Map<string, string>> {
  const { contacts } = await importPath(path);
  const book = emptyContactBook();
  replaceFileRecords(book, 'f.csv', contacts);
  const byRow = new Map<string, string>();
  for (const person of mergePersons(book).persons) for (const s of person.sources) byRow.set(s.record!, person.name);
  return byRow;
}

async function expectPreviewAgrees(book: GeneratedBook): Promise<void> {
  const path = writeFixture('book.csv', book.bytes);
  const preview = await previewContactFile(path);
  const merged = await mergedNames(path);
  expect(preview.names!.length, book.kind).toBe(Math.min(8, book.rows.length));
  for (const shown of preview.names!) {
    expect(shown.name, `${book.kind} row ${shown.row}`).toBe(merged.get(`row ${shown.row}`));
    expect(shown.name, `${book.kind} row ${shown.row}`).toBe(book.rows[shown.row - 2]!.name);
    expect(shown.columns.length, `${book.kind} row ${shown.row}`).toBeGreaterThan(0);
  }
  expect(preview.issues.filter((i) => i.code === 'csv-name-repeated'), book.kind).toEqual([]);
}

describe('preview names', () => {
  it('are the names the merged persons get, for generated Excel books', async () => {
    for (let seed = 1; seed <= 25; seed++) await expectPreviewAgrees(excelBook(seed));
  });

  it('are the names the merged persons get, for WeChat friend lists', async () => {
    for (const kind of WECHAT_LISTS) for (let seed = 1; seed <= 4; seed++) await expectPreviewAgrees(wechatList(seed * 7 + 3, kind));
  });

  it('name the column each came from: the name column, never the note', async () => {
    const csv = '姓名,手机号码,微信号,电子邮件,备注,标签\r\n张伟,13800138000,zw88,,"大学室友, 住在上海; 喜欢打球",同学\r\n,13900139000,,,老家,\r\n';
    const preview = await previewContactFile(writeFixture('book.csv', iconv.encode(csv, 'gb18030')));
    expect(preview.names).toEqual([
      { row: 2, name: '张伟', columns: [0] },
      // No name on this row: the phone names it, as the person list will.
      { row: 3, name: '13900139000', columns: [1] },
    ]);
  });

  it('follow the mapping the user chose', async () => {
    const path = writeFixture('book.csv', '姓名,手机,备注\r\n张伟,13800138000,老家\r\n');
    expect((await previewContactFile(path)).names).toEqual([{ row: 2, name: '张伟', columns: [0] }]);
    expect((await previewContactFile(path, { mapping: { 0: 'ignore', 1: 'phone', 2: 'name' } })).names).toEqual([{ row: 2, name: '老家', columns: [2] }]);
  });

  it('name both columns of a family + given name', async () => {
    const preview = await previewContactFile(writeFixture('book.csv', '名字,姓氏,手机\r\n伟,张,13800138000\r\n'));
    expect(preview.names).toEqual([{ row: 2, name: '张伟', columns: [0, 1] }]);
  });
});

/** A book with no name column: its 备注 (the one name the user wrote) holds `repeated` × `value` among unique names. */
function remarkOnlyBook(seed: number, rows: number, repeated: number, value: string): Buffer {
  const rnd = random(seed);
  const lines = ['手机,备注'];
  for (let i = 0; i < rows; i++) lines.push(`13${String(100_000_000 + i * 7_919).slice(-9)},${i < repeated ? value : `${pick(rnd, ['王', '李', '赵'])}${i}号`}`);
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`);
}

describe('warning when one value would name many rows', () => {
  it('a category read as names (8 × 老家 in 60 rows) is named, with its count and column, in the preview and the import', async () => {
    const bytes = remarkOnlyBook(1, 60, 8, '老家');
    const preview = await previewContactFile(writeFixture('book.csv', bytes));
    const warnings = preview.issues.filter((i) => i.code === 'csv-name-repeated');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', params: { name: '老家', count: 8, rows: 60, column: '备注' } });
    const { summary } = await importBytes('book.csv', bytes);
    expect(summary.issues.filter((i) => i.code === 'csv-name-repeated').map((i) => i.params)).toEqual([{ name: '老家', count: 8, rows: 60, column: '备注' }]);
  });

  it('notes forced to be the names (the mapping of issue 11) are named', async () => {
    const lines = ['姓名,手机号码,备注'];
    for (let i = 0; i < 600; i++) lines.push(`人${i},1380000${String(i).padStart(4, '0')},${i % 12 === 0 ? `"${NOTES[(i / 12) % 3]}"` : ''}`);
    const path = writeFixture('book.csv', iconv.encode(lines.join('\r\n'), 'gb18030'));
    const preview = await previewContactFile(path, { mapping: { 0: 'name', 1: 'phone', 2: 'remark' } });
    const warned = preview.issues.filter((i) => i.code === 'csv-name-repeated').map((i) => i.params?.name);
    expect(warned.sort()).toEqual([NOTES[0], NOTES[1], NOTES[2]].sort());
    // Read as the header says, the notes stay notes: no warning.
    expect((await previewContactFile(path)).issues.filter((i) => i.code === 'csv-name-repeated')).toEqual([]);
  });

  it('a few namesakes are no warning: 4 × 张伟 in 40 rows, 9 × 张伟 in 1,000', async () => {
    for (const [rows, repeated] of [[40, 4], [1000, 9]] as const) {
      const preview = await previewContactFile(writeFixture('book.csv', remarkOnlyBook(2, rows, repeated, '张伟')));
      expect(preview.issues.filter((i) => i.code === 'csv-name-repeated'), `${repeated} in ${rows}`).toEqual([]);
    }
  });

  it('5 rows of 20 with the same name is a warning', async () => {
    const preview = await previewContactFile(writeFixture('book.csv', remarkOnlyBook(3, 20, 5, '同事')));
    expect(preview.issues.filter((i) => i.code === 'csv-name-repeated').map((i) => i.params?.count)).toEqual([5]);
  });
});
