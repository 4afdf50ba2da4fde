import { describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords, type ContactBookData } from '../../../electron/contacts';
import type { Person } from '../../../shared/types';
import { contact } from './helpers';

const PHONE_VCF = 'iPhone 通讯录.vcf';
const MEMOTRACE = 'contacts.csv';
const GOOGLE = 'google.csv';

function bookOf(files: Record<string, ReturnType<typeof contact>[]>): ContactBookData {
  const book = emptyContactBook();
  for (const [file, records] of Object.entries(files)) replaceFileRecords(book, file, records);
  return book;
}

function personNamed(persons: Person[], name: string): Person {
  const person = persons.find((p) => p.name === name);
  if (!person) throw new Error(`no person named ${name}: ${persons.map((p) => p.name).join(', ')}`);
  return person;
}

describe('mergePersons across sources', () => {
  const book = bookOf({
    [PHONE_VCF]: [
      contact(PHONE_VCF, 'card 1 (line 1)', { name: '王小明', phones: ['+86 138-0013-8000', '010-12345678'] }),
      contact(PHONE_VCF, 'card 2 (line 9)', { name: 'Alice Chen', phones: ['139 1111 2222'], emails: ['Alice.Chen@Example.com '] }),
      contact(PHONE_VCF, 'card 3 (line 17)', { name: '张三', phones: ['150 0000 1111'] }),
    ],
    [MEMOTRACE]: [
      contact(MEMOTRACE, 'row 2', { remark: '小明', nickname: 'Ming🌙', phones: ['13800138000'], wxids: ['wxid_ming01'], wechatIds: ['xiaoming_88'] }),
      contact(MEMOTRACE, 'row 3', { nickname: '老李', wxids: ['wxid_li02'] }),
      contact(MEMOTRACE, 'row 4', { remark: '章三', wxids: ['wxid_zs03'] }),
    ],
    [GOOGLE]: [contact(GOOGLE, 'row 2', { givenName: 'Alice', familyName: 'Chen', emails: ['alice.chen@example.com'], labels: ['同事'] })],
    'weflow.json': [contact('weflow.json', 'contacts[0]', { nickname: 'Ming', wxids: ['wxid_ming01'], labels: ['朋友'] })],
  });
  const { persons, proposals } = mergePersons(book);

  it('joins the phone vCard and the WeChat export on the same number written two ways', () => {
    const ming = personNamed(persons, '小明');
    expect(ming.phones.map((p) => p.value)).toEqual(['+8613800138000', '+861012345678']);
    expect(ming.phones[0]).toMatchObject({ original: '+86 138-0013-8000' });
    expect(ming.phones[0]!.sources).toEqual([
      { file: PHONE_VCF, record: 'card 1 (line 1)' },
      { file: MEMOTRACE, record: 'row 2' },
    ]);
    expect(ming.names.map((n) => n.value).sort()).toEqual(['Ming', 'Ming🌙', '小明', '王小明'].sort());
    expect(ming.remark).toBe('小明');
  });

  it('joins another WeChat export on the wxid alone, keeping WeChat ID and wxid apart', () => {
    const ming = personNamed(persons, '小明');
    expect(ming.wxids.map((v) => v.value)).toEqual(['wxid_ming01']);
    expect(ming.wechatIds.map((v) => v.value)).toEqual(['xiaoming_88']);
    expect(ming.wxids[0]!.sources).toHaveLength(2);
    expect(ming.labels).toEqual(['朋友']);
    expect(ming.sources).toHaveLength(3);
  });

  it('joins the Google CSV on the e-mail, lower-cased and trimmed', () => {
    const alice = personNamed(persons, 'Alice Chen');
    expect(alice.emails).toEqual([
      {
        value: 'alice.chen@example.com',
        original: 'Alice.Chen@Example.com',
        sources: [
          { file: PHONE_VCF, record: 'card 2 (line 9)' },
          { file: GOOGLE, record: 'row 2' },
        ],
      },
    ]);
    expect(alice.labels).toEqual(['同事']);
  });

  it('keeps wxid-only WeChat friends as persons of their own', () => {
    const li = personNamed(persons, '老李');
    expect(li.wxids.map((v) => v.value)).toEqual(['wxid_li02']);
    expect(li.sources).toEqual([{ file: MEMOTRACE, record: 'row 3' }]);
  });

  it('only proposes Chinese names that read the same with other characters', () => {
    expect(persons.filter((p) => p.name === '张三' || p.name === '章三')).toHaveLength(2);
    const zhang = personNamed(persons, '张三');
    const zhang2 = personNamed(persons, '章三');
    expect(proposals).toEqual([
      expect.objectContaining({
        a: [zhang.id, zhang2.id].sort()[0],
        b: [zhang.id, zhang2.id].sort()[1],
        reason: 'same-pinyin',
      }),
    ]);
  });

  it('accounts for every record exactly once', () => {
    const all = persons.flatMap((p) => p.sources.map((s) => `${s.file}#${s.record}`));
    expect(all.sort()).toEqual(
      Object.values(book.records)
        .flatMap((records) => [...records])
        .map((r) => `${r.source.file}#${r.source.record}`)
        .sort(),
    );
    expect(persons).toHaveLength(5);
  });

  it('sorts persons by pinyin, Latin and Chinese names together (same reading: by character)', () => {
    expect(persons.map((p) => p.name)).toEqual(['Alice Chen', '老李', '小明', '张三', '章三']);
  });
});

describe('mergePersons: names never merge on their own', () => {
  it('proposes same-name persons (case, width and spaces aside) without merging them', () => {
    const book = bookOf({
      'a.vcf': [contact('a.vcf', 'card 1', { name: 'Zhang  San', phones: ['13900001111'] })],
      'b.csv': [contact('b.csv', 'row 2', { name: 'zhang san', emails: ['zs@example.com'] })],
    });
    const { persons, proposals } = mergePersons(book);
    expect(persons).toHaveLength(2);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ reason: 'same-name', names: expect.arrayContaining(['Zhang  San', 'zhang san']) });
  });

  it('does not propose a person with itself or persons whose names differ', () => {
    const book = bookOf({
      'a.vcf': [contact('a.vcf', 'card 1', { name: '李四', phones: ['13900001111'] }), contact('a.vcf', 'card 2', { name: '王五' })],
      'b.csv': [contact('b.csv', 'row 2', { name: '李四', phones: ['+86 139 0000 1111'] })],
    });
    expect(mergePersons(book).proposals).toEqual([]);
  });
});

describe('mergePersons: what links and what does not', () => {
  it('links a legacy WeChat user name (no wxid_ prefix) with the same WeChat ID from another exporter', () => {
    const book = bookOf({
      'memotrace.csv': [contact('memotrace.csv', 'row 2', { nickname: 'Old friend', wxids: ['zhangsan1988'] })],
      'ios_Contacts.csv': [contact('ios_Contacts.csv', 'line 7', { name: '张三', wechatIds: ['ZhangSan1988'] })],
    });
    expect(mergePersons(book).persons).toHaveLength(1);
  });

  it('does not link a wxid_ user name with an equal-looking WeChat ID', () => {
    const book = bookOf({
      'a.csv': [contact('a.csv', 'row 2', { name: 'A', wxids: ['wxid_abc'] })],
      'b.csv': [contact('b.csv', 'row 2', { name: 'B', wechatIds: ['wxid_abc'] })],
    });
    expect(mergePersons(book).persons).toHaveLength(2);
  });

  it('keeps invalid numbers as written and links on them only together with the same name, and only when long enough', () => {
    const book = bookOf({
      'a.vcf': [
        contact('a.vcf', 'card 1', { name: 'A', phones: ['123-4567-8'] }),
        contact('a.vcf', 'card 2', { name: 'Bank', phones: ['95588'] }),
        contact('a.vcf', 'card 3', { name: 'Carol', phones: ['(413) 549-0077'] }),
      ],
      'b.vcf': [
        contact('b.vcf', 'card 1', { name: 'A2', phones: ['12345678'] }),
        contact('b.vcf', 'card 2', { name: 'Bank', phones: ['95588'] }),
        contact('b.vcf', 'card 3', { name: 'Carol', phones: ['413 549 0077'] }),
      ],
    });
    const { persons } = mergePersons(book);
    // Different names: the same digits, which are no valid number here, could be anyone's.
    expect(personNamed(persons, 'A').phones).toEqual([expect.objectContaining({ value: '12345678', original: '123-4567-8' })]);
    expect(personNamed(persons, 'A').sources).toHaveLength(1);
    expect(personNamed(persons, 'A2').sources).toHaveLength(1);
    // The same name and the same long number: one person. A 5-digit service code never links.
    expect(personNamed(persons, 'Carol').sources).toHaveLength(2);
    expect(personNamed(persons, 'Bank').phones[0]!.value).toBe('95588');
    expect(persons.filter((p) => p.name === 'Bank')).toHaveLength(2);
    expect(persons).toHaveLength(5);
  });

  it('does not link on a dial-code-only string (AOSP TEL:p1234p5678w9) that shares digits with a number', () => {
    const book = bookOf({
      'pause.vcf': [contact('pause.vcf', 'card 1', { name: 'Pause Wait', phones: ['p1234p5678w9'] })],
      'other.vcf': [contact('other.vcf', 'card 3', { name: 'Ñ', phones: ['123456789'] })],
    });
    const { persons } = mergePersons(book);
    expect(persons).toHaveLength(2);
    expect(personNamed(persons, 'Pause Wait').phones).toEqual([
      { value: '123456789', original: 'p1234p5678w9', sources: [{ file: 'pause.vcf', record: 'card 1' }] },
    ]);
  });

  it('chains: A~B by phone and B~C by e-mail make one person', () => {
    const book = bookOf({
      'a.vcf': [contact('a.vcf', 'card 1', { name: 'Li', phones: ['13700001111'] })],
      'b.csv': [contact('b.csv', 'row 2', { name: 'Li Lei', phones: ['+8613700001111'], emails: ['lilei@example.com'] })],
      'c.csv': [contact('c.csv', 'row 2', { name: 'Lei', emails: ['LiLei@example.com'] })],
    });
    const { persons } = mergePersons(book);
    expect(persons).toHaveLength(1);
    expect(persons[0]!.sources.map((s) => s.file)).toEqual(['a.vcf', 'b.csv', 'c.csv']);
  });

  it('names a person by remark, then full name, then nickname, then an identifier', () => {
    const name = (fields: Parameters<typeof contact>[2]) => mergePersons(bookOf({ 'f.csv': [contact('f.csv', 'row 1', fields)] })).persons[0]!.name;
    expect(name({ remark: '老王', name: 'Wang Wei', nickname: 'ww' })).toBe('老王');
    expect(name({ name: 'Wang Wei', nickname: 'ww' })).toBe('Wang Wei');
    expect(name({ givenName: '伟', familyName: '王' })).toBe('王伟');
    expect(name({ givenName: 'Wei', familyName: 'Wang' })).toBe('Wei Wang');
    expect(name({ nickname: 'ww', wxids: ['wxid_1'] })).toBe('ww');
    expect(name({ wechatIds: ['ww_88'], wxids: ['wxid_1'] })).toBe('ww_88');
    expect(name({ phones: ['138 0013 8000'] })).toBe('138 0013 8000');
    expect(name({ wxids: ['wxid_1'] })).toBe('wxid_1');
  });

  it('keeps every distinct note and one org, and survives records with missing fields', () => {
    const broken = { source: { file: 'x.json', record: 'item 3' } } as unknown as ReturnType<typeof contact>;
    const book = bookOf({
      'a.vcf': [contact('a.vcf', 'card 1', { name: 'N', phones: ['13700001111'], note: '大学同学', org: 'ACME' })],
      'b.vcf': [contact('b.vcf', 'card 1', { name: 'N', phones: ['13700001111'], note: '借过书', org: 'ACME' })],
      'x.json': [broken],
    });
    const { persons } = mergePersons(book);
    const n = personNamed(persons, 'N');
    expect(n.note).toBe('大学同学\n\n借过书');
    expect(n.org).toBe('ACME');
    expect(persons).toHaveLength(2);
  });

  it('links on identifiers holding control characters exactly (tokens are kept joined by one)', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'odd.csv', [
      contact('odd.csv', 'row 2', { name: 'A', emails: ['a\u0001b@example.com'] }),
      contact('odd.csv', 'row 3', { name: 'B', emails: ['a\u0002b@example.com'] }),
      contact('odd.csv', 'row 4', { name: 'C', wechatIds: ['x\u0002\u0003'] }),
      contact('odd.csv', 'row 5', { name: 'D', wechatIds: ['x\u0001'] }),
      contact('odd.csv', 'row 6', { name: 'E', emails: ['a\u0001b@example.com'], wechatIds: ['x\u0001'] }),
    ]);
    const groups = mergePersons(book)
      .persons.map((p) => p.sources.map((s) => s.record).sort().join('+'))
      .sort();
    expect(groups).toEqual(['row 2+row 5+row 6', 'row 3', 'row 4']);
  });
});
