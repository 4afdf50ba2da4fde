// The name the user fixes for a person: which names are offered, and that the choice survives
// re-imports, merges and splits, and is the name every consumer reads (person.name).
import { describe, expect, it } from 'vitest';
import {
  acceptProposal,
  clearPersonName,
  emptyContactBook,
  mergePersons,
  recordsOfPerson,
  removeFile,
  replaceFileRecords,
  searchPersons,
  setPersonName,
  splitPerson,
  type ContactBookData,
} from '../../../electron/contacts';
import { nameCandidates, recordNotes } from '../../../electron/contacts/name-choice';
import type { Person } from '../../../shared/types';
import { contact } from './helpers';

function only(persons: Person[], has: (p: Person) => boolean): Person {
  const found = persons.filter(has);
  if (found.length !== 1) throw new Error(`${found.length} persons match`);
  return found[0]!;
}
const withPhone = (phone: string) => (p: Person) => p.phones.some((v) => v.value.endsWith(phone));

/** 王伟 in a phone book (row 2 of a spreadsheet with a note) and the same phone in a WeChat list with a remark. */
function book(): ContactBookData {
  const b = emptyContactBook();
  replaceFileRecords(b, 'sheet.csv', [
    contact('sheet.csv', 'row 2', { givenName: '伟', familyName: '王', phones: ['13800138000'], note: '大学室友', org: '星辰科技' }),
    contact('sheet.csv', 'row 3', { name: '李娜', phones: ['13900139000'] }),
  ]);
  replaceFileRecords(b, 'friends.csv', [contact('friends.csv', 'row 2', { remark: '伟哥', nickname: 'Wei', phones: ['13800138000'], wxids: ['wxid_ww'] })]);
  return b;
}

describe('the names a person can be shown by', () => {
  it('lists every name of every record, with its field and record, and the notes', () => {
    const b = book();
    const result = mergePersons(b);
    const wang = only(result.persons, withPhone('13800138000'));
    const records = recordsOfPerson(b, result, wang.id).map((r) => r.record);
    expect(nameCandidates(records)).toEqual([
      { value: '王伟', seen: [{ kind: 'name', source: { file: 'sheet.csv', record: 'row 2' } }] },
      { value: '伟', seen: [{ kind: 'givenName', source: { file: 'sheet.csv', record: 'row 2' } }] },
      { value: '王', seen: [{ kind: 'familyName', source: { file: 'sheet.csv', record: 'row 2' } }] },
      { value: '星辰科技', seen: [{ kind: 'org', source: { file: 'sheet.csv', record: 'row 2' } }] },
      { value: '伟哥', seen: [{ kind: 'remark', source: { file: 'friends.csv', record: 'row 2' } }] },
      { value: 'Wei', seen: [{ kind: 'nickname', source: { file: 'friends.csv', record: 'row 2' } }] },
    ]);
    expect(recordNotes(records)).toEqual([{ text: '大学室友', source: { file: 'sheet.csv', record: 'row 2' } }]);
  });

  it('gives one entry per value, with every record that carries it', () => {
    const records = [
      contact('a.vcf', 'card 1', { name: '张三', nickname: '张三' }),
      contact('b.csv', 'row 2', { remark: '张三' }),
    ];
    expect(nameCandidates(records)).toEqual([
      {
        value: '张三',
        seen: [
          { kind: 'name', source: { file: 'a.vcf', record: 'card 1' } },
          { kind: 'nickname', source: { file: 'a.vcf', record: 'card 1' } },
          { kind: 'remark', source: { file: 'b.csv', record: 'row 2' } },
        ],
      },
    ]);
  });
});

describe('fixing a name', () => {
  it('a picked name is the person name in the list order, the search and proposals; clearing restores the records’ name', () => {
    const b = book();
    const before = mergePersons(b);
    const wang = only(before.persons, withPhone('13800138000'));
    expect(wang.name).toBe('伟哥');
    expect(setPersonName(b, wang.id, { pick: '王伟' }, before)).toBe(true);

    const after = mergePersons(b);
    const fixed = only(after.persons, withPhone('13800138000'));
    expect(fixed).toMatchObject({ id: wang.id, name: '王伟', chosenName: { typed: false, automatic: '伟哥' } });
    expect(searchPersons(after.persons, 'wangwei').map((p) => p.id)).toEqual([wang.id]);

    expect(setPersonName(b, wang.id, { name: '  Aaron  ' })).toBe(true);
    const typed = mergePersons(b);
    // Sorted by the chosen name: Aaron before 李娜 (li).
    expect(typed.persons[0]).toMatchObject({ id: wang.id, name: 'Aaron', chosenName: { typed: true, automatic: '伟哥' } });
    expect(b.names).toHaveLength(1);

    expect(clearPersonName(b, wang.id)).toBe(true);
    expect(b.names).toEqual([]);
    const cleared = only(mergePersons(b).persons, withPhone('13800138000'));
    expect(cleared.name).toBe('伟哥');
    expect(cleared.chosenName).toBeUndefined();
    expect(clearPersonName(b, wang.id)).toBe(false);
  });

  it('refuses a pick the person does not carry, an unknown person and an empty typed name', () => {
    const b = book();
    const wang = only(mergePersons(b).persons, withPhone('13800138000'));
    expect(setPersonName(b, wang.id, { pick: '李娜' })).toBe(false);
    expect(setPersonName(b, 'p-nobody', { name: 'X' })).toBe(false);
    expect(setPersonName(b, wang.id, { name: '   ' })).toBe(false);
    expect(b.names ?? []).toEqual([]);
  });

  it('shows the chosen name in proposals between namesakes', () => {
    const b = emptyContactBook();
    replaceFileRecords(b, 'a.vcf', [contact('a.vcf', 'card 1', { name: '张三', phones: ['13900001111'] })]);
    replaceFileRecords(b, 'b.csv', [contact('b.csv', 'row 2', { name: '张三', wxids: ['wxid_zs'] })]);
    const first = mergePersons(b);
    const a = only(first.persons, withPhone('13900001111'));
    setPersonName(b, a.id, { name: '张三（老家）' }, first);
    const [proposal] = mergePersons(b).proposals;
    expect(proposal!.names.sort()).toEqual(['张三', '张三（老家）']);
  });
});

describe('a fixed name survives', () => {
  it('re-importing the files, reordered and updated', () => {
    const b = book();
    const wang = only(mergePersons(b).persons, withPhone('13800138000'));
    setPersonName(b, wang.id, { name: '王老师' });
    replaceFileRecords(b, 'sheet.csv', [
      contact('sheet.csv', 'row 2', { name: '赵六', phones: ['13700137000'] }),
      contact('sheet.csv', 'row 3', { name: '李娜', phones: ['13900139000'] }),
      contact('sheet.csv', 'row 4', { givenName: '伟', familyName: '王', phones: ['13800138000'], note: '大学室友，现在在深圳' }),
    ]);
    replaceFileRecords(b, 'friends.csv', [contact('friends.csv', 'row 2', { remark: '伟哥2', phones: ['13800138000'], wxids: ['wxid_ww'] })]);
    const after = mergePersons(b).persons;
    expect(only(after, withPhone('13800138000'))).toMatchObject({ id: wang.id, name: '王老师' });
    expect(after.filter((p) => p.name === '王老师')).toHaveLength(1);
  });

  it('the file of its record being removed: the next record of the person carries it', () => {
    const b = book();
    const wang = only(mergePersons(b).persons, withPhone('13800138000'));
    setPersonName(b, wang.id, { pick: '王伟' });
    removeFile(b, 'sheet.csv');
    expect(only(mergePersons(b).persons, withPhone('13800138000')).name).toBe('王伟');
  });

  it('a merge with another person, and the later choice wins when both had one; a split gives each its own back', () => {
    const b = emptyContactBook();
    replaceFileRecords(b, 'a.vcf', [contact('a.vcf', 'card 1', { name: '张三', phones: ['13900001111'] })]);
    replaceFileRecords(b, 'b.csv', [contact('b.csv', 'row 2', { remark: '张三', wxids: ['wxid_zs'] })]);
    const first = mergePersons(b);
    const a = only(first.persons, withPhone('13900001111'));
    const bPerson = only(first.persons, (p) => p.wxids.length > 0);
    setPersonName(b, bPerson.id, { name: '三哥' }, first);

    // Merging: the only choice stays, whichever side it was made on.
    acceptProposal(b, mergePersons(b).proposals[0]!);
    const merged = mergePersons(b);
    expect(merged.persons).toHaveLength(1);
    expect(merged.persons[0]!.name).toBe('三哥');

    // Splitting back: each part as before (the typed name went with the record it was typed on).
    splitPerson(b, merged.persons[0]!.id);
    let apart = mergePersons(b);
    expect(only(apart.persons, withPhone('13900001111')).name).toBe('张三');
    expect(only(apart.persons, (p) => p.wxids.length > 0).name).toBe('三哥');

    // Both with a choice, merged: the later one shows; split again, each has its own.
    setPersonName(b, only(apart.persons, withPhone('13900001111')).id, { name: '张老三' }, apart);
    acceptProposal(b, { a: a.id, b: only(mergePersons(b).persons, (p) => p.wxids.length > 0).id });
    expect(mergePersons(b).persons.map((p) => p.name)).toEqual(['张老三']);
    splitPerson(b, mergePersons(b).persons[0]!.id);
    apart = mergePersons(b);
    expect(only(apart.persons, withPhone('13900001111')).name).toBe('张老三');
    expect(only(apart.persons, (p) => p.wxids.length > 0).name).toBe('三哥');
  });

  it('a split: a picked name stays with the record it was read from, a typed one with the first record', () => {
    const b = book();
    const wang = only(mergePersons(b).persons, withPhone('13800138000'));
    const [firstKey] = mergePersons(b).personRecords.get(wang.id)!;
    const firstFile = recordsOfPerson(b, mergePersons(b), wang.id)[0]!.record.source.file;
    // Pick the name of the record that is not the first one, then split every record apart.
    const otherName = firstFile === 'sheet.csv' ? '伟哥' : '王伟';
    setPersonName(b, wang.id, { pick: otherName });
    splitPerson(b, wang.id);
    let parts = mergePersons(b).persons.filter(withPhone('13800138000'));
    expect(parts).toHaveLength(2);
    const holder = (name: string) => parts.find((p) => p.names.some((n) => n.value === name))!;
    expect(holder(otherName).name).toBe(otherName);
    expect(holder(otherName).chosenName?.typed).toBe(false);
    expect(parts.filter((p) => p.chosenName)).toHaveLength(1);

    // A typed name, set on the person before the split, stays with the part holding its first record.
    const b2 = book();
    const wang2 = only(mergePersons(b2).persons, withPhone('13800138000'));
    setPersonName(b2, wang2.id, { name: '老王' });
    splitPerson(b2, wang2.id);
    const result2 = mergePersons(b2);
    parts = result2.persons.filter(withPhone('13800138000'));
    const withFirst = parts.find((p) => result2.personRecords.get(p.id)![0] === firstKey)!;
    expect(withFirst.name).toBe('老王');
    expect(parts.filter((p) => p.name === '老王')).toHaveLength(1);
  });
});
