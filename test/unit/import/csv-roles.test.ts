// Column roles come from the whole header (issue 11, point 1): in an address book made by a person
// 备注 / Notes / Remarks is a note, never the name; in a WeChat friend list 备注 is the remark name
// the user gave, and it is the name shown. Checked on generated books, through to the merged person.
import { afterAll, describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords } from '../../../electron/contacts';
import { suggestMapping } from '../../../electron/import';
import type { Person } from '../../../shared/types';
import { excelBook, wechatList, WECHAT_LISTS, type GeneratedBook } from './csv-books';
import { cleanupTmp, importBytes } from './helpers';

afterAll(cleanupTmp);

/** Imports the book and merges it as the app does; the person of each data row, in file order. */
async function personsByRow(book: GeneratedBook): Promise<Person[]> {
  const { contacts, summary } = await importBytes('book.csv', book.bytes);
  expect(summary.issues.filter((i) => i.severity === 'error'), book.kind).toEqual([]);
  const data = emptyContactBook();
  replaceFileRecords(data, 'book.csv', contacts);
  const persons = mergePersons(data).persons;
  return book.rows.map((_, r) => {
    const record = `row ${r + 2}`;
    const person = persons.find((p) => p.sources.some((s) => s.record === record));
    if (!person) throw new Error(`${book.kind}: no person from ${record}`);
    return person;
  });
}

describe('address books made in Excel (GB18030 and UTF-8 BOM, shuffled columns, synonyms)', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`book ${seed}: every person is named by the name column, the note stays a note`, async () => {
      const book = excelBook(seed);
      const persons = await personsByRow(book);
      book.rows.forEach((row, r) => {
        const person = persons[r]!;
        expect(person.name, `${book.kind} row ${r + 2}`).toBe(row.name);
        expect(person.remark, `${book.kind} row ${r + 2}`).toBeUndefined();
        expect(person.note, `${book.kind} row ${r + 2}`).toBe(row.note);
        expect(person.nickname, `${book.kind} row ${r + 2}`).toBe(row.nickname);
      });
    });
  }

  it('the book from the issue: 姓名,手机号码,微信号,电子邮件,备注,标签 reads 备注 as a note', () => {
    expect(suggestMapping(['姓名', '手机号码', '微信号', '电子邮件', '备注', '标签'])).toEqual({
      0: 'name', 1: 'phone', 2: 'wechatId', 3: 'email', 4: 'note', 5: 'label',
    });
  });

  it('Thunderbird zh-CN (名字, 姓氏, 显示名称, 昵称 … 备注) reads 备注 as a note', () => {
    expect(Object.values(suggestMapping(['名字', '姓氏', '显示名称', '昵称', '主要电子邮件', '备注']))).toEqual([
      'givenName', 'familyName', 'name', 'nickname', 'email', 'note',
    ]);
  });

  it('headers in traditional characters (zh-TW/HK phones and Excel) read as their simplified forms', () => {
    expect(suggestMapping(['姓名', '手機', '行動電話', '電子郵件', '備註', '暱稱', '標籤'])).toEqual({
      0: 'name', 1: 'phone', 2: 'phone', 3: 'email', 4: 'note', 5: 'nickname', 6: 'label',
    });
    expect(suggestMapping(['聯絡人', '電話號碼', '微信號'])).toEqual({ 0: 'name', 1: 'phone', 2: 'wechatId' });
  });

  it('a header with nothing else to name a row keeps 备注 as the one name the user wrote', () => {
    expect(suggestMapping(['手机', '备注'])).toEqual({ 0: 'phone', 1: 'remark' });
    expect(suggestMapping(['Phone', 'Notes'])).toEqual({ 0: 'phone', 1: 'note' });
  });
});

describe('WeChat friend lists (MemoTrace, chatlog, WeFlow, XgHao, PyWxDump keys, hand-made)', () => {
  for (const kind of WECHAT_LISTS) {
    for (let seed = 1; seed <= 8; seed++) {
      it(`${kind} ${seed}: the remark the user gave is the name, the nickname stays the nickname`, async () => {
        const book = wechatList(seed * 31 + kind.length, kind);
        const persons = await personsByRow(book);
        book.rows.forEach((row, r) => {
          expect(persons[r]!.name, `${book.kind} row ${r + 2}`).toBe(row.name);
          expect(persons[r]!.nickname, `${book.kind} row ${r + 2}`).toBe(row.nickname);
        });
      });
    }
  }

  it('a friend list with a column of real names is an address book: its 备注 is a note', () => {
    expect(suggestMapping(['姓名', '微信号', '昵称', '备注'])).toEqual({ 0: 'name', 1: 'wechatId', 2: 'nickname', 3: 'note' });
    expect(suggestMapping(['wxid', 'nickname', 'remark', 'account'])).toEqual({ 0: 'wxid', 1: 'nickname', 2: 'remark', 3: 'wechatId' });
  });
});
