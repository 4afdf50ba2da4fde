import { describe, expect, it } from 'vitest';
import {
  acceptProposal,
  emptyContactBook,
  mergePersons,
  recordsOfPerson,
  rejectProposal,
  replaceFileRecords,
  splitPerson,
  type ContactBookData,
} from '../../../electron/contacts';
import type { Person } from '../../../shared/types';
import { contact } from './helpers';

function named(persons: Person[], name: string): Person {
  const found = persons.find((p) => p.name === name || p.names.some((n) => n.value === name));
  if (!found) throw new Error(`no ${name}`);
  return found;
}

function twoZhangSan(): ContactBookData {
  const book = emptyContactBook();
  replaceFileRecords(book, 'phone.vcf', [
    contact('phone.vcf', 'card 1', { name: '张三', phones: ['13900001111'] }),
    contact('phone.vcf', 'card 2', { name: '李四', phones: ['13900002222'] }),
  ]);
  replaceFileRecords(book, 'wechat.csv', [contact('wechat.csv', 'row 2', { remark: '张三', wxids: ['wxid_zs'] })]);
  return book;
}

describe('accepting and rejecting proposals', () => {
  it('accept merges the two persons for good, keeping the older id and aliasing the other', () => {
    const book = twoZhangSan();
    const before = mergePersons(book);
    expect(before.proposals).toHaveLength(1);
    const [proposal] = before.proposals;
    expect(acceptProposal(book, proposal!, before)).toBe(true);

    const after = mergePersons(book);
    expect(after.proposals).toEqual([]);
    expect(after.persons).toHaveLength(2);
    const zhang = named(after.persons, '张三');
    expect(zhang.sources.map((s) => s.file)).toEqual(['phone.vcf', 'wechat.csv']);
    const vcardPersonId = before.persons.find((p) => p.sources[0]!.file === 'phone.vcf' && p.name === '张三')!.id;
    const wechatPersonId = before.persons.find((p) => p.sources[0]!.file === 'wechat.csv')!.id;
    expect(zhang.id).toBe(vcardPersonId);
    expect(after.aliases.get(wechatPersonId)).toBe(vcardPersonId);
  });

  it('reject removes the proposal and keeps the persons apart, also after a reordered re-import', () => {
    const book = twoZhangSan();
    const before = mergePersons(book);
    expect(rejectProposal(book, before.proposals[0]!, before)).toBe(true);
    expect(mergePersons(book).proposals).toEqual([]);

    replaceFileRecords(book, 'phone.vcf', [...book.records['phone.vcf']!].reverse());
    const after = mergePersons(book);
    expect(after.proposals).toEqual([]);
    expect(after.persons.map((p) => p.id).sort()).toEqual(before.persons.map((p) => p.id).sort());
  });

  it('accepting after rejecting wins (the user changed their mind)', () => {
    const book = twoZhangSan();
    const result = mergePersons(book);
    rejectProposal(book, result.proposals[0]!, result);
    acceptProposal(book, result.proposals[0]!);
    expect(book.decisions.rejected).toEqual([]);
    expect(mergePersons(book).persons).toHaveLength(2);
  });

  it('refuses unknown or identical persons', () => {
    const book = twoZhangSan();
    expect(acceptProposal(book, { a: 'p0', b: 'p1' })).toBe(false);
    const id = mergePersons(book).persons[0]!.id;
    expect(rejectProposal(book, { a: id, b: id })).toBe(false);
    expect(book.decisions).toEqual({ accepted: [], rejected: [], splits: [] });
  });
});

describe('splitting a person', () => {
  function ming(): ContactBookData {
    const book = emptyContactBook();
    replaceFileRecords(book, 'phone.vcf', [contact('phone.vcf', 'card 1', { name: '王小明', phones: ['+86 138 0013 8000'] })]);
    replaceFileRecords(book, 'memotrace.csv', [contact('memotrace.csv', 'row 2', { remark: '小明', phones: ['13800138000'], wxids: ['wxid_ming'] })]);
    replaceFileRecords(book, 'weflow.json', [contact('weflow.json', 'contacts[4]', { nickname: '明明', wxids: ['wxid_ming'] })]);
    return book;
  }

  it('detaches a record into its own person; the rest keeps the id; nothing is lost; no proposal brings it back', () => {
    const book = ming();
    const before = mergePersons(book);
    expect(before.persons).toHaveLength(1);
    const person = before.persons[0]!;
    const weflowKey = recordsOfPerson(book, before, person.id).find((r) => r.record.source.file === 'weflow.json')!.key;

    expect(splitPerson(book, person.id, [weflowKey], before)).toEqual([weflowKey]);
    const after = mergePersons(book);
    expect(after.persons).toHaveLength(2);
    expect(after.recordIndex.get(weflowKey)).not.toBe(person.id);
    const rest = after.persons.find((p) => p.id === person.id)!;
    expect(rest.sources.map((s) => s.file)).toEqual(['phone.vcf', 'memotrace.csv']);
    const detached = after.persons.find((p) => p.id !== person.id)!;
    expect(detached.wxids.map((w) => w.value)).toEqual(['wxid_ming']);
    expect(after.proposals).toEqual([]);
  });

  it('merges back with acceptProposal, under the original id', () => {
    const book = ming();
    const before = mergePersons(book);
    const id = before.persons[0]!.id;
    splitPerson(book, id, undefined, before);
    const split = mergePersons(book);
    expect(split.persons).toHaveLength(3);
    for (const other of split.persons.filter((p) => p.id !== id)) acceptProposal(book, { a: id, b: other.id });
    const again = mergePersons(book);
    expect(again.persons).toHaveLength(1);
    expect(again.persons[0]!.id).toBe(id);
    expect(again.persons[0]!.sources).toEqual(before.persons[0]!.sources);
  });

  it('splitting off the anchoring record gives the rest a new id, reachable through aliases', () => {
    const book = ming();
    const before = mergePersons(book);
    const id = before.persons[0]!.id;
    const anchor = before.personRecords.get(id)![0]!;
    splitPerson(book, id, [anchor], before);
    const after = mergePersons(book);
    expect(after.persons).toHaveLength(2);
    expect(after.persons.map((p) => p.id)).not.toContain(id);
    const restId = after.aliases.get(id)!;
    expect(after.persons.find((p) => p.id === restId)!.sources.map((s) => s.file)).toEqual(['memotrace.csv', 'weflow.json']);
  });

  it('ignores record keys that are not in the person', () => {
    const book = ming();
    const result = mergePersons(book);
    expect(splitPerson(book, result.persons[0]!.id, ['r0000000000000000'], result)).toEqual([]);
    expect(splitPerson(book, 'nobody', undefined, result)).toEqual([]);
  });
});
