import { describe, expect, it } from 'vitest';
import { emptyContactBook, groupChats, mergePersons, removeFile, replaceFileRecords } from '../../../electron/contacts';
import { contact } from './helpers';

const FILE = 'contacts.csv';

function wechatExport() {
  return [
    contact(FILE, 'row 2', { remark: '老王', wxids: ['wxid_wang'], wechatIds: ['laowang'] }),
    contact(FILE, 'row 3', { nickname: 'Lily', wxids: ['wxid_lily'] }),
    contact(FILE, 'row 4', { remark: '妈妈', phones: ['13700001111'], wxids: ['wxid_mom'] }),
    contact(FILE, 'row 5', { name: 'No Identifier' }),
  ];
}

describe('re-importing a file', () => {
  it('adds nothing when the same file comes again', () => {
    const book = emptyContactBook();
    expect(replaceFileRecords(book, FILE, wechatExport())).toEqual({ added: 4, updated: 0, removed: 0, unchanged: 0 });
    const first = JSON.stringify(book);
    const persons = mergePersons(book).persons;
    expect(replaceFileRecords(book, FILE, wechatExport())).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 4 });
    expect(JSON.stringify(book)).toBe(first);
    expect(mergePersons(book).persons).toEqual(persons);
  });

  it('updates, adds and removes records of an updated export, keeping ids of persons still there', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, FILE, wechatExport());
    const before = mergePersons(book);
    const [wang, lily, mom] = wechatExport();
    const updated = [
      contact(FILE, 'row 2', { remark: '小美', wxids: ['wxid_newfriend'] }),
      { ...mom!, labels: ['家人'], source: { file: FILE, record: 'row 3' } },
      { ...wang!, source: { file: FILE, record: 'row 4' } },
    ];
    expect(replaceFileRecords(book, FILE, updated)).toEqual({ added: 1, updated: 1, removed: 2, unchanged: 1 });

    const after = mergePersons(book);
    const idOf = (result: typeof before, name: string) => result.persons.find((p) => p.name === name)?.id;
    expect(idOf(after, '老王')).toBe(idOf(before, '老王'));
    expect(idOf(after, '妈妈')).toBe(idOf(before, '妈妈'));
    expect(after.persons.find((p) => p.name === '妈妈')!.labels).toEqual(['家人']);
    expect(after.persons.map((p) => p.name).sort()).toEqual(['妈妈', '小美', '老王'].sort());
    expect(lily).toBeDefined();
    expect(after.persons.find((p) => p.name === '老王')!.sources).toEqual([{ file: FILE, record: 'row 4' }]);
  });

  it('keeps every person id when the export lists the same contacts in another order', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, FILE, wechatExport());
    const before = mergePersons(book);
    const reordered = wechatExport()
      .reverse()
      .map((r, i) => ({ ...r, source: { file: FILE, record: `row ${i + 2}` } }));
    expect(replaceFileRecords(book, FILE, reordered)).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 4 });
    const after = mergePersons(book);
    const ids = (result: typeof before) => Object.fromEntries(result.persons.map((p) => [p.name, p.id]));
    expect(ids(after)).toEqual(ids(before));
  });

  it('keeps the id of a person when a later import joins it, and aliases ids of persons merged into it', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'phone.vcf', [contact('phone.vcf', 'card 1', { name: 'Wang', phones: ['13912345678'] })]);
    replaceFileRecords(book, 'google.csv', [contact('google.csv', 'row 2', { name: 'W. Wang', emails: ['wang@example.com'] })]);
    const before = mergePersons(book);
    const phoneId = before.persons.find((p) => p.name === 'Wang')!.id;
    const googleId = before.persons.find((p) => p.name === 'W. Wang')!.id;

    // Imported last but with a record key that may sort first: the earliest import anchors the id.
    replaceFileRecords(book, 'aaa.csv', [contact('aaa.csv', 'row 2', { name: 'Wang', phones: ['+86 139 1234 5678'], emails: ['WANG@example.com'] })]);
    const after = mergePersons(book);
    expect(after.persons).toHaveLength(1);
    expect(after.persons[0]!.id).toBe(phoneId);
    expect(after.aliases.get(googleId)).toBe(phoneId);
    expect(after.aliases.has(phoneId)).toBe(false);
  });

  it('keys files by the display name given at import, whatever the parser put in source.file', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'contacts (1).csv', [contact('/tmp/x/contacts.csv', 'row 2', { name: 'A', phones: ['13700001111'] })]);
    expect(mergePersons(book).persons[0]!.sources).toEqual([{ file: 'contacts (1).csv', record: 'row 2' }]);
  });

  it('removes a file and its groups', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, FILE, wechatExport(), [{ id: '123@chatroom', name: '家庭群', source: { file: FILE, record: 'row 9' } }]);
    expect(replaceFileRecords(book, FILE, [], [])).toEqual({ added: 0, updated: 0, removed: 4, unchanged: 0 });
    expect(Object.keys(book.records)).toEqual([FILE]);
    expect(book.records[FILE]).toHaveLength(0);
    replaceFileRecords(book, FILE, wechatExport(), [{ id: '123@chatroom', name: '家庭群', source: { file: FILE, record: 'row 9' } }]);
    expect(removeFile(book, FILE)).toBe(4);
    expect(book.records).toEqual({});
    expect(book.groups).toEqual([]);
    expect(mergePersons(book).persons).toEqual([]);
  });
});

describe('group chats', () => {
  it('are kept apart, one per id, and replaced with their file', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'a.csv', [], [
      { id: '111@chatroom', source: { file: 'a.csv', record: 'row 5' } },
      { id: '222@chatroom', name: '同学群', source: { file: 'a.csv', record: 'row 6' } },
    ]);
    replaceFileRecords(book, 'b.json', [], [
      { id: '111@chatroom', name: '家庭群', source: { file: 'b.json', record: 'item 1' } },
      { id: ' ', source: { file: 'b.json', record: 'item 2' } },
    ]);
    expect(groupChats(book)).toEqual([
      { id: '111@chatroom', name: '家庭群', source: { file: 'a.csv', record: 'row 5' } },
      { id: '222@chatroom', name: '同学群', source: { file: 'a.csv', record: 'row 6' } },
    ]);
    replaceFileRecords(book, 'a.csv', [], [{ id: '333@chatroom', source: { file: 'a.csv', record: 'row 5' } }]);
    expect(groupChats(book).map((g) => g.id)).toEqual(['111@chatroom', '333@chatroom']);
    expect(groupChats(book)[0]).toEqual({ id: '111@chatroom', name: '家庭群', source: { file: 'b.json', record: 'item 1' } });
    const result = mergePersons(book);
    expect(result.persons).toEqual([]);
    expect(result.groups).toEqual(groupChats(book));
  });
});
