// The contact book on disk: streamed atomic writes that read back as the same book, files written
// by the former one-string writer still read, an unreadable file is kept aside and reported.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyContactBook, fileRecords, mergePersons, personCount, replaceFileRecords, storedRecord, type ContactBookData } from '../../../electron/contacts';
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

/** The pieces bookJsonParts gives (strings and UTF-8 bytes) as one text. */
const jsonText = (book: ContactBookData) =>
  Buffer.concat([...bookJsonParts(book)].map((part) => (typeof part === 'string' ? Buffer.from(part) : part))).toString('utf8');

const isBook = (v: unknown): v is ContactBookData => typeof v === 'object' && v !== null && (v as ContactBookData).version === 1;

describe('bookJsonParts', () => {
  it('joins to the same JSON value as JSON.stringify, for ordinary and odd books', () => {
    const odd = { ...sampleBook(), extra: { kept: true }, records: { 'a.vcf': [undefined, { x: 1 }], 'b.vcf': undefined, 'c.vcf': 'not a list' } };
    for (const book of [sampleBook(), emptyContactBook(), odd, { records: {} }, { records: null, version: 1 }] as unknown as ContactBookData[]) {
      const text = jsonText(book);
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
    expect(JSON.parse(JSON.stringify(again.data))).toEqual(JSON.parse(JSON.stringify(sampleBook())));
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

  it('rewrites case.json when the person count changes or its time is over a minute old, not for every change', async () => {
    const folder = join(dir, 'case');
    const contacts = await new ContactsRepository().get(folder);
    const caseFile = join(folder, 'case.json');
    await contacts.update((book) => Object.assign(book, sampleBook()));
    const counted = JSON.parse(readFileSync(caseFile, 'utf8')) as { persons: number; updatedAt: string };
    expect(counted.persons).toBe(contacts.persons().length);
    // A change that leaves the count (a pair kept apart) within the minute: case.json as it was.
    const recent = JSON.stringify({ ...counted, updatedAt: new Date(Date.now() - 30_000).toISOString() });
    writeFileSync(caseFile, recent);
    await contacts.update((book) => void book);
    expect(readFileSync(caseFile, 'utf8')).toBe(recent);
    // An hour-old time is written again, whatever changed.
    writeFileSync(caseFile, JSON.stringify({ ...counted, updatedAt: new Date(Date.now() - 3_600_000).toISOString() }));
    await contacts.update((book) => void book);
    expect(Date.parse((JSON.parse(readFileSync(caseFile, 'utf8')) as { updatedAt: string }).updatedAt)).toBeGreaterThan(Date.now() - 60_000);
    // A new count is written at once.
    await contacts.update((book) => void (book.records = {}));
    expect((JSON.parse(readFileSync(caseFile, 'utf8')) as { persons: number }).persons).toBe(0);
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
  it('storedRecord sets the file and the locator; replaceFileRecords packs records, which read back equal', () => {
    const parsed = contact('other name', 'card 7', { name: 'A', phones: ['123 4567 890'], labels: ['x'] });
    parsed.phones[0]!.label = 'Mobile';
    const stored = storedRecord(parsed, 'phone.vcf', 0);
    expect(stored).toEqual({ ...parsed, source: { file: 'phone.vcf', record: 'card 7' } });
    expect(storedRecord(stored, 'phone.vcf', 0)).toBe(stored);
    const { source: _, ...unplaced } = parsed;
    expect(storedRecord(unplaced as typeof parsed, 'f.vcf', 4).source).toEqual({ file: 'f.vcf', record: 'record 5' });
    const book = emptyContactBook();
    replaceFileRecords(book, 'phone.vcf', [stored]);
    expect(fileRecords(book, 'phone.vcf').at(0)).toEqual(stored);
    replaceFileRecords(book, 'renamed.vcf', fileRecords(book, 'phone.vcf'));
    expect(fileRecords(book, 'renamed.vcf').at(0).source.file).toBe('renamed.vcf');
  });

  it('a book whose records are still arrays (read from disk) is packed on first use', () => {
    const book = JSON.parse(JSON.stringify(sampleBook())) as ContactBookData;
    expect(Array.isArray(book.records['phone.vcf'])).toBe(true);
    expect(mergePersons(book).persons.map((p) => p.name)).toEqual(mergePersons(sampleBook()).persons.map((p) => p.name));
    expect(Array.isArray(book.records['phone.vcf'])).toBe(false);
    expect([...fileRecords(book, 'phone.vcf')]).toEqual([...fileRecords(sampleBook(), 'phone.vcf')]);
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
