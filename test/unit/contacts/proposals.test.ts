import { describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, rejectProposal, replaceFileRecords } from '../../../electron/contacts';
import { contact } from './helpers';

function namesakes(count: number) {
  const book = emptyContactBook();
  replaceFileRecords(
    book,
    'phone.vcf',
    Array.from({ length: count }, (_, i) => contact('phone.vcf', `card ${i + 1}`, { name: '王伟', phones: [`1390000${String(i).padStart(4, '0')}`] })),
  );
  return book;
}

describe('merge proposals', () => {
  it('chains namesakes (k persons, k-1 proposals) instead of proposing every pair', () => {
    const result = mergePersons(namesakes(5));
    expect(result.persons).toHaveLength(5);
    expect(result.proposals).toHaveLength(4);
    const ids = result.persons.map((p) => p.id).sort();
    expect(result.proposals.map((p) => [p.a, p.b])).toEqual(ids.slice(0, -1).map((id, i) => [id, ids[i + 1]]));
    expect(new Set(result.proposals.map((p) => p.id)).size).toBe(4);
  });

  it('offers the next candidate once a pair is rejected', () => {
    const book = namesakes(3);
    const first = mergePersons(book);
    const [ab] = first.proposals;
    rejectProposal(book, ab!, first);
    const after = mergePersons(book);
    const ids = first.persons.map((p) => p.id).sort();
    expect(after.proposals.map((p) => [p.a, p.b])).toEqual([
      [ids[0], ids[2]],
      [ids[1], ids[2]],
    ]);
  });

  it('proposes on nicknames only for persons without a remark or full name', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'a.csv', [
      contact('a.csv', 'row 2', { nickname: 'Sunny', wxids: ['wxid_1'] }),
      contact('a.csv', 'row 3', { nickname: 'Sunny', wxids: ['wxid_2'] }),
      contact('a.csv', 'row 4', { remark: '老王', nickname: 'Sunny', wxids: ['wxid_3'] }),
    ]);
    const { proposals, persons } = mergePersons(book);
    const idOf = (wxid: string) => persons.find((p) => p.wxids[0]!.value === wxid)!.id;
    expect(proposals.map((p) => [p.a, p.b].sort())).toEqual([[idOf('wxid_1'), idOf('wxid_2')].sort()]);
  });
});

describe('recomputation after changes', () => {
  it('merges records put into the book as a plain array (as read from disk) and does not serve stale persons', () => {
    const book = emptyContactBook();
    const a = contact('a.vcf', 'card 1', { name: 'A', phones: ['13700001111'] });
    replaceFileRecords(book, 'a.vcf', [a]);
    expect(mergePersons(book).persons).toHaveLength(1);
    const records = book.records as Record<string, unknown>;
    records['a.vcf'] = [a, contact('a.vcf', 'card 2', { name: 'B', phones: ['13700002222'] })];
    expect(mergePersons(book).persons.map((p) => p.name)).toEqual(['A', 'B']);
    records['a.vcf'] = [a, contact('a.vcf', 'card 2', { name: 'A2', phones: ['13700001111'] })];
    const merged = mergePersons(book).persons;
    expect(merged).toHaveLength(1);
    expect(merged[0]!.names.map((n) => n.value)).toEqual(['A', 'A2']);
  });

  it('returns the same person objects when nothing about them changed', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'a.vcf', [
      contact('a.vcf', 'card 1', { name: '张三', phones: ['13700001111'] }),
      contact('a.vcf', 'card 2', { name: '张三', phones: ['13700002222'] }),
      contact('a.vcf', 'card 3', { name: '李四', phones: ['13700003333'] }),
    ]);
    const before = mergePersons(book);
    rejectProposal(book, before.proposals[0]!, before);
    const after = mergePersons(book);
    expect(after.persons).toEqual(before.persons);
    for (const p of after.persons) expect(before.persons).toContain(p);
  });
});
