// Phones as written: a national number is read in the region its own record names (its
// international numbers, its addresses' countries), never turned into a made-up number of the
// case's region; a "+" is never dropped; values that are no number are reported, not stored.
import { afterAll, describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords, type ContactBookData } from '../../../electron/contacts';
import { countryOf, evidenceRegion } from '../../../electron/contacts/phone-region';
import type { Person, RawContact } from '../../../shared/types';
import { cleanupTmp, importBytes, lines } from '../import/helpers';
import { contact } from './helpers';

afterAll(cleanupTmp);

function bookOf(files: Record<string, RawContact[]>): ContactBookData {
  const book = emptyContactBook(); // region CN, as for most users
  for (const [file, records] of Object.entries(files)) replaceFileRecords(book, file, records);
  return book;
}

function personNamed(persons: Person[], name: string): Person {
  const person = persons.find((p) => p.name === name);
  if (!person) throw new Error(`no person named ${name}: ${persons.map((p) => p.name).join(', ')}`);
  return person;
}

const withCountries = (raw: RawContact, ...countries: string[]): RawContact => ({ ...raw, countries });

describe('countryOf: an address country as people write it', () => {
  it.each([
    ['United Kingdom', 'GB'], ['UK', 'GB'], ['U.K.', 'GB'], ['英国', 'GB'], ['Vereinigtes Königreich', 'GB'], ['Royaume-Uni', 'GB'],
    ['GB', 'GB'], ['gb', 'GB'], ['GBR', 'GB'], ['Deutschland', 'DE'], ['Germany', 'DE'], ['德国', 'DE'], ['DE', 'DE'], ['DEU', 'DE'],
    ['USA', 'US'], ['United States', 'US'], ['美国', 'US'], ['中国', 'CN'], ['China', 'CN'], ['Ελλάδα', 'GR'], ['ישראל', 'IL'],
    ['Україна', 'UA'], ['Polska', 'PL'], ['日本', 'JP'], ['台灣', 'TW'], ['香港', 'HK'],
  ])('%s → %s', (written, code) => {
    expect(countryOf(written)).toBe(code);
  });

  it('knows no made-up country', () => {
    expect(countryOf('Atlantis')).toBeUndefined();
    expect(countryOf('')).toBeUndefined();
  });
});

describe('evidenceRegion', () => {
  it('reads the international numbers and the address countries, and only one region counts', () => {
    expect(evidenceRegion(contact('a.vcf', 'card 1', { phones: ['+44 20 7946 0018', '07700 900123'] }))).toBe('GB');
    expect(evidenceRegion(contact('a.vcf', 'card 1', { phones: ['0044 20 7946 0018'] }))).toBe('GB');
    expect(evidenceRegion(withCountries(contact('a.vcf', 'card 1', { phones: ['07911 123456'] }), '英国'))).toBe('GB');
    expect(evidenceRegion(contact('a.vcf', 'card 1', { phones: ['+86 138 0013 8000'] }))).toBe('CN');
    // Two regions (a Briton with a German address): no evidence either way.
    expect(evidenceRegion(withCountries(contact('a.vcf', 'card 1', { phones: ['+44 20 7946 0018'] }), 'Deutschland'))).toBeUndefined();
    expect(evidenceRegion(contact('a.vcf', 'card 1', { phones: ['13800138000'] }))).toBeUndefined();
  });
});

describe('national numbers in the region their record names', () => {
  it('a British card\'s 07700 900123 never becomes a Chinese number, nor merges with the Chinese one', async () => {
    const uk = await importBytes('uk.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Oliver Smith',
      'TEL;TYPE=WORK:+44 20 7946 0018',
      'TEL;TYPE=CELL:07700 900123',
      'ADR;TYPE=HOME:;;10 Downing Street;London;;SW1A 2AA;United Kingdom',
      'END:VCARD',
    ));
    expect(uk.contacts[0]!.countries).toEqual(['United Kingdom']);
    // 0770 0900 123 is a valid number of Fangchenggang: what 07700 900123 read in CN would be.
    const book = bookOf({ 'uk.vcf': uk.contacts, 'cn.csv': [contact('cn.csv', 'row 2', { name: '王芳', phones: ['0770 0900 123'] })] });
    const { persons } = mergePersons(book);
    expect(persons).toHaveLength(2);
    const oliver = personNamed(persons, 'Oliver Smith');
    expect(oliver.phones.map((p) => p.value)).toEqual(['+442079460018', '07700900123']);
    expect(personNamed(persons, '王芳').phones.map((p) => p.value)).toEqual(['+867700900123']);
  });

  it('reads a number in the region of the address, in any language', () => {
    const book = bookOf({
      'de.vcf': [withCountries(contact('de.vcf', 'card 1', { name: 'Jürgen Schäfer', phones: ['030 12345678', '0176 12345678'] }), 'Deutschland')],
      'gb.vcf': [withCountries(contact('gb.vcf', 'card 1', { name: 'Amelia Jones', phones: ['07911 123456'] }), '英国')],
      'cn.vcf': [contact('cn.vcf', 'card 1', { name: '李娜', phones: ['13800138000', '010-67255922'] })],
    });
    const { persons } = mergePersons(book);
    expect(personNamed(persons, 'Jürgen Schäfer').phones.map((p) => p.value)).toEqual(['+493012345678', '+4917612345678']);
    expect(personNamed(persons, 'Amelia Jones').phones.map((p) => p.value)).toEqual(['+447911123456']);
    expect(personNamed(persons, '李娜').phones.map((p) => p.value)).toEqual(['+8613800138000', '+861067255922']);
  });

  it('still reads a Chinese mobile as Chinese beside one foreign number (no other country writes 1 and ten digits)', () => {
    const book = bookOf({
      'google.csv': [contact('google.csv', 'row 2', { name: '王二狗', phones: ['010 8729 3467', '176 1027 8819', '+1 413-210-0000'] })],
    });
    const [person] = mergePersons(book).persons;
    // The card's evidence is the +1 number: the Beijing landline cannot be told from a US one, so it stays as written.
    expect(person!.phones.map((p) => p.value)).toEqual(['01087293467', '+8617610278819', '+14132100000']);
  });

  it('keeps a number no region validates as written, unmerged with a stranger who has the same digits', () => {
    const book = bookOf({
      'a.vcf': [withCountries(contact('a.vcf', 'card 1', { name: 'Oliver', phones: ['07700 900123'] }), 'UK')],
      'b.vcf': [contact('b.vcf', 'card 1', { name: 'Someone Else', phones: ['077 0090 0123'] })],
    });
    const { persons } = mergePersons(book);
    expect(persons).toHaveLength(2);
    expect(personNamed(persons, 'Oliver').phones[0]).toMatchObject({ value: '07700900123', original: '07700 900123' });
  });

  it('never drops a leading "+", even when the number cannot be validated', async () => {
    const { contacts } = await importBytes('plus.vcf', lines('BEGIN:VCARD', 'VERSION:3.0', 'FN:Nowhere Man', 'TEL:+999 123 4567', 'END:VCARD'));
    const { persons } = mergePersons(bookOf({ 'plus.vcf': contacts }));
    expect(persons[0]!.phones[0]).toMatchObject({ value: '+9991234567', original: '+999 123 4567' });
  });
});

describe('phone values that are no number', () => {
  it('are reported with file and record, and not stored (one digit of "7yy-zzz-xxx" is no number)', async () => {
    const { contacts, summary } = await importBytes('redacted.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Redacted Person',
      'TEL;TYPE=CELL:7yy-zzz-xxx',
      'TEL;TYPE=HOME:xxx',
      'TEL;TYPE=WORK:N/A',
      'TEL;TYPE=OTHER:+1 650 253 0000 ext. 12',
      'TEL:-',
      'TEL:p1234p5678w9',
      'TEL;VALUE=uri:tel:+1-418-656-9254;ext=102',
      'TEL:xxx-xxx-1234',
      'END:VCARD',
    ));
    expect(contacts[0]!.phones.map((p) => p.value)).toEqual(['+1 650 253 0000 ext. 12', 'p1234p5678w9', '+1-418-656-9254;ext=102']);
    const junk = summary.issues.filter((i) => i.code === 'phone-junk');
    expect(junk.map((i) => [i.file, i.record, i.params?.value, i.severity])).toEqual([
      [summary.file, 'card 1 (line 1)', '7yy-zzz-xxx', 'warning'],
      [summary.file, 'card 1 (line 1)', 'xxx', 'warning'],
      [summary.file, 'card 1 (line 1)', 'N/A', 'warning'],
      [summary.file, 'card 1 (line 1)', 'xxx-xxx-1234', 'warning'],
    ]);
    expect(junk[0]!.message).toBe('Not a phone number, left out: "7yy-zzz-xxx"');
  });

  it('a whole column of them: the first twenty listed, then a count', async () => {
    const cards = Array.from({ length: 25 }, (_, i) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:Person ${i}`, 'TEL:n/a', 'END:VCARD']).flat();
    const { contacts, summary } = await importBytes('placeholders.vcf', lines(...cards));
    expect(contacts).toHaveLength(25);
    expect(contacts.every((c) => c.phones.length === 0)).toBe(true);
    expect(summary.issues.filter((i) => i.code === 'phone-junk')).toHaveLength(20);
    expect(summary.issues.filter((i) => i.code === 'phone-junk-more').map((i) => i.params)).toEqual([{ count: 5 }]);
  });
});

describe('a card whose only phone is no number', () => {
  it('is an empty card: skipped, and reported as one', async () => {
    const { contacts, summary } = await importBytes('only-junk.vcf', lines('BEGIN:VCARD', 'VERSION:3.0', 'TEL:N/A', 'END:VCARD'));
    expect(contacts).toEqual([]);
    expect(summary.issues.map((i) => i.code)).toEqual(['card-empty']);
  });
});
