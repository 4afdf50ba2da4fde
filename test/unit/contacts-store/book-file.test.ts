// The contact book on disk: streamed atomic writes that read back as the same book, files written
// by the former one-string writer still read, an unreadable file is kept aside and reported.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, personCount, replaceFileRecords, storedRecord, type ContactBookData } from '../../../electron/contacts';
import { bookJsonParts, ContactBookFile } from '../../../electron/contacts-store/book-file';
import { CONTACTS_FILE, ContactsRepository } from '../../../electron/contacts-store/contacts-repository';
import { contact } from '../contacts/helpers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-book-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sampleBook(): ContactBookData {
  const book = emptyContactBook('CN');
  replaceFileRecords(book, 'phone.vcf', [
    contact('phone.vcf', 'card 1', { name: '王小明', phones: ['+86 138 0013 8000'], labels: ['同学'], note: 'line "one"\nline two' }),
    contact('phone.vcf', 'card 2', { name: 'Zoë \u2028 Smith', emails: ['zoe@example.com'] }),
  ]);
  replaceFileRecords(book, 'empty.csv', []);
  replaceFileRecords(book, 'wechat.csv', [contact('wechat.csv', 'row 2', { remark: '小明', wxids: ['wxid_ming'] })], [
    { id: '123@chatroom', name: '同学群', source: { file: 'wechat.csv', record: 'row 9' } },
  ]);
  book.decisions.rejected.push(['ra', 'rb']);
  return book;
}

const isBook = (v: unknown): v is ContactBookData => typeof v === 'object' && v !== null && (v as ContactBookData).version === 1;

describe('bookJsonParts', () => {
  it('joins to the same JSON value as JSON.stringify, for ordinary and odd books', () => {
    const odd = { ...sampleBook(), extra: { kept: true }, records: { 'a.vcf': [undefined, { x: 1 }], 'b.vcf': undefined, 'c.vcf': 'not a list' } };
    for (const book of [sampleBook(), emptyContactBook(), odd, { records: {} }, { records: null, version: 1 }] as unknown as ContactBookData[]) {
      const text = [...bookJsonParts(book)].join('');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(book)));
    }
  });
});

describe('ContactBookFile', () => {
  it('persists through a fresh instance reading the real file, leaving no temp file', async () => {
    const file = join(dir, 'contacts.json');
    const db = new Low<ContactBookData>(new ContactBookFile(file, isBook), emptyContactBook());
    await db.read();
    db.data = sampleBook();
    await db.write();

    const again = new Low<ContactBookData>(new ContactBookFile(file, isBook), emptyContactBook());
    await again.read();
    expect(again.data).toEqual(JSON.parse(JSON.stringify(sampleBook())));
    expect(Object.keys(again.data.records)).toEqual(['phone.vcf', 'empty.csv', 'wechat.csv']);
    expect(mergePersons(again.data).persons.map((p) => p.name).sort()).toEqual(mergePersons(sampleBook()).persons.map((p) => p.name).sort());
    expect(readdirSync(dir)).toEqual(['contacts.json']);
  });

  it('keeps the last of several overlapping writes', async () => {
    const file = join(dir, 'contacts.json');
    const adapter = new ContactBookFile(file, isBook);
    const first = sampleBook();
    const last = emptyContactBook('US');
    await Promise.all([adapter.write(first), adapter.write(last)]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(last);
  });
});

describe('ContactsRepository storage', () => {
  it('saves an update so that a new repository (a restart) reads the same book and person count', async () => {
    const folder = join(dir, 'case');
    const contacts = await new ContactsRepository().get(folder);
    await contacts.update((book) => Object.assign(book, sampleBook()));
    const persons = contacts.persons().map((p) => p.id);

    const reopened = await new ContactsRepository().get(folder);
    expect(reopened.corrupt).toBeUndefined();
    expect(reopened.persons().map((p) => p.id)).toEqual(persons);
    expect(await new ContactsRepository().counts(folder)).toEqual({ persons: persons.length });
  });

  it('reads a contacts.json written in one piece by the former writer', async () => {
    const folder = join(dir, 'case');
    await new ContactsRepository().get(folder); // creates the case
    writeFileSync(join(folder, CONTACTS_FILE), JSON.stringify(sampleBook()));
    const contacts = await new ContactsRepository().get(folder);
    expect(contacts.corrupt).toBeUndefined();
    expect(contacts.book.records['phone.vcf']).toHaveLength(2);
    expect(contacts.persons().map((p) => p.name)).toContain('王小明');
  });

  it('keeps an unreadable contacts.json aside, reports it and starts empty', async () => {
    const folder = join(dir, 'case');
    await new ContactsRepository().get(folder);
    writeFileSync(join(folder, CONTACTS_FILE), '{"version":1,"records":{"phone.vcf":[{"source"');
    const contacts = await new ContactsRepository().get(folder);
    expect(contacts.corrupt?.file).toBe(join(folder, CONTACTS_FILE));
    expect(contacts.corrupt?.keptAs).toMatch(/contacts\.json\.corrupt-/);
    expect(readFileSync(contacts.corrupt!.keptAs, 'utf8')).toContain('phone.vcf');
    expect(contacts.book.records).toEqual({});
  });
});

describe('stored records and lazy persons', () => {
  it('storedRecord copies the lists and sets the file; replaceFileRecords keeps stored records as they are', () => {
    const parsed = contact('other name', 'card 7', { name: 'A', phones: ['123 4567 890'], labels: ['x'] });
    parsed.phones[0]!.label = 'Mobile';
    const stored = storedRecord(parsed, 'phone.vcf', 0);
    expect(stored).toEqual({ ...parsed, source: { file: 'phone.vcf', record: 'card 7' } });
    expect(stored.phones).not.toBe(parsed.phones);
    expect(stored.labels).not.toBe(parsed.labels);
    const book = emptyContactBook();
    replaceFileRecords(book, 'phone.vcf', [stored]);
    expect(book.records['phone.vcf']![0]).toBe(stored);
    replaceFileRecords(book, 'renamed.vcf', [stored]);
    expect(book.records['renamed.vcf']![0]!.source.file).toBe('renamed.vcf');
  });

  it('storedRecord shares one frozen empty list between records and keeps every text as it was', () => {
    const a = storedRecord(contact('f.vcf', 'card 1', { name: 'A', phones: ['138 0013 8000'] }), 'f.vcf', 0);
    const b = storedRecord(contact('f.vcf', 'card 2', { name: 'B', emails: ['b@example.com'] }), 'f.vcf', 1);
    expect(a.wxids).toEqual([]);
    expect(a.wxids).toBe(b.wxids);
    expect(a.emails).toBe(b.phones);
    expect(Object.isFrozen(a.wxids)).toBe(true);
    const note = ['第1位联系人', '住在北京市海淀区中关村大街1号'].join('，');
    const withRopes = contact('f.vcf', `card ${3} (line ${40})`, { name: 'C', note, phones: ['+86 ' + '138 0013 8000'] });
    expect(storedRecord(withRopes, 'f.vcf', 2)).toEqual({ ...withRopes, source: { file: 'f.vcf', record: 'card 3 (line 40)' } });
  });

  it('personCount matches the persons built on demand, which compare like a plain list', () => {
    const result = mergePersons(sampleBook());
    expect(personCount(result)).toBe(3);
    expect(personCount(result)).toBe(mergePersons(sampleBook()).persons.length);
    expect(Object.keys(result)).toContain('persons');
    expect(result.persons).toBe(result.persons);
    expect({ ...result }.persons).toEqual(mergePersons(sampleBook()).persons);
  });
});
