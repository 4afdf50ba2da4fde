// Every vCard and CSV file of the shared corpus: cards that carry a name come out with a clean one.
import { readdirSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, filesUnder, hasCorpus } from '../../corpus';
import { emptyContactBook, mergePersons, replaceFileRecords } from '../../../electron/contacts';
import { cleanupTmp, importPath, looksBroken } from './helpers';

/** Card counts per file from SOURCES.md (the corpus' own description). */
function expectedCards(): Map<string, number> {
  const out = new Map<string, number>();
  const text = readFileSync(corpusPath('SOURCES.md'), 'utf8');
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells[1]?.startsWith('vcard/') && /^\d+$/.test(cells[8] ?? '')) out.set(cells[1], Number(cells[8]));
    if (cells[1]?.startsWith('csv/') && /^\d+$/.test(cells[9] ?? '')) out.set(cells[1], Number(cells[9]));
  }
  // SOURCES.md counts physical lines here; one quoted field spans two lines, so there are 2 records.
  out.set('csv/thunderbird/export.csv', 2);
  return out;
}

/** Cards whose source has no FN, N, nickname or org at all (checked by hand): no name to recover. */
const NAMELESS: Record<string, number> = {
  'vcard/ez-vcard/John_Doe_ANDROID.vcf': 2, // cards 1-2 have only EMAIL and CATEGORIES
  'vcard/node-vcf/quoted-list.vcf': 1, // only TEL
  'vcard/ical.js/vcard_grouped.vcf': 1, // only ADR
  'vcard/node-vcf/photo-base64.vcf': 1, // only a truncated PHOTO
  'vcard/kde-kcontacts/vcard7.vcf': 1, // only LABEL and UID
  'vcard/aosp-opt-vcard/v21_android_custom_prop.vcf': 1, // only X-ANDROID-CUSTOM
  'vcard/folkerkinzel-vcards/Photo Outlook v2.vcf': 1, // only PHOTO, X-MS-OL-DESIGN and REV
  'vcard/sabre-vobject/issue64.vcf': 1, // only a PHOTO
};

/**
 * Files cut off inside a value by their makers: the value's last character is incomplete in the
 * source itself (Cropped_2_1.vcf ends in "=C3=", half of "ä"), so only that field may show it.
 */
const CUT_INSIDE: Record<string, 'note'> = {
  'vcard/folkerkinzel-vcards/Cropped_2_1.vcf': 'note',
};

afterAll(cleanupTmp);

describe.skipIf(!hasCorpus)('shared corpus', () => {
  it('recovers a clean name from every named card of every vCard and CSV file', async () => {
    const expected = expectedCards();
    const files = [...filesUnder(corpusPath('vcard')), ...filesUnder(corpusPath('csv'))].filter((f) => /\.(vcf|csv)$/.test(f));
    let total = 0;
    let recovered = 0;
    const problems: string[] = [];
    for (const path of files) {
      const rel = relative(corpusPath(), path);
      const { contacts, summary } = await importPath(path);
      const cards = expected.get(rel);
      expect(cards, `${rel} is listed in SOURCES.md`).toBeDefined();
      const read = contacts.length + summary.skipped;
      if (cards! > 0 && read !== cards) problems.push(`${rel}: ${read} cards read of ${cards}`);
      total += cards!;
      const named = contacts.filter((c) => c.name);
      recovered += named.length;
      const nameless = NAMELESS[rel] ?? 0;
      if (named.length !== cards! - nameless) problems.push(`${rel}: ${named.length} named of ${cards} (${nameless} nameless)`);
      for (const c of contacts) {
        const fields = { name: c.name, givenName: c.givenName, familyName: c.familyName, note: c.note, org: c.org };
        if (CUT_INSIDE[rel]) delete fields[CUT_INSIDE[rel]];
        for (const text of Object.values(fields).filter(Boolean) as string[]) {
          if (looksBroken(text)) problems.push(`${rel} ${c.source.record}: broken text ${JSON.stringify(text.slice(0, 60))}`);
        }
        expect(c.source.file).toBe(rel.split('/').pop());
        expect(c.source.record).toMatch(/^(card \d+ \(line \d+\)|row \d+)$/);
      }
      if (cards === 0) {
        // An empty file is reported as such, with no cards (SOURCES.md: Empty.vcf is a bare BOM).
        expect(contacts, rel).toEqual([]);
        expect(summary.issues.map((i) => [i.code, i.severity, i.file]), rel).toEqual([['file-empty', 'error', rel.split('/').pop()]]);
      } else expect(summary.issues.filter((i) => i.severity === 'error'), rel).toEqual([]);
    }
    console.log(`corpus: recovered ${recovered}/${total} cards with a clean name (${Object.values(NAMELESS).reduce((a, b) => a + b)} cards have no name in the source)`);
    expect(problems).toEqual([]);
    expect(total).toBeGreaterThan(100);
  });

  it('decodes Japanese Shift_JIS names, per property, with quoted-printable', async () => {
    const one = await importPath(corpusPath('vcard/aosp-opt-vcard/v21_japanese_1.vcf'));
    expect(one.contacts[0]!.name).toBe('安藤ロイド');
    const two = await importPath(corpusPath('vcard/aosp-opt-vcard/v21_japanese_2.vcf'));
    expect(two.contacts[0]).toMatchObject({ name: '安藤 ロイド 1', familyName: '安藤', note: 'メモ' });
    const three = await importPath(corpusPath('vcard/aosp-opt-vcard/v21_multiple_entry.vcf'));
    expect(three.contacts.map((c) => c.name)).toEqual(['安藤ロイド3', '安藤ロイド4', '安藤ロイド5']);
    expect(three.summary.encoding).toContain('SHIFT_JIS');
    const v30 = await importPath(corpusPath('vcard/aosp-opt-vcard/v30_japanese.vcf'));
    expect(v30.contacts[0]!.familyName).toBe('伊能');
  });

  it('keeps quoted-printable continuation lines that look like comments, and multi-line QP UTF-8', async () => {
    const comment = await importPath(corpusPath('vcard/aosp-opt-vcard/v21_invalid_comment_line.vcf'));
    expect(comment.contacts[0]!.note).toBe('This is an (sharp ->#<- sharp) example. This message must NOT be ignored.');
    const kde = await importPath(corpusPath('vcard/kde-kcontacts/vcard10.vcf'));
    expect(kde.contacts).toHaveLength(5);
    expect(kde.contacts[3]!.note).toBe('Sprechzeiten:\nMo   8–12, 15–18\nDi     8–12\nMi    8–12, 14–15\nDo 14–19\nFr     8–12');
  });

  it('unfolds UTF-8 characters split across folded lines', async () => {
    const { contacts } = await importPath(corpusPath('vcard/kde-kcontacts/vcard9.vcf'));
    expect(contacts[0]!.note).toMatch(/^Длинный комментарий/);
    expect(looksBroken(contacts[0]!.note!)).toBe(false);
  });

  it('reads nested cards, groups with Apple labels and inline photos', async () => {
    const nest = await importPath(corpusPath('vcard/aosp-opt-vcard/v21_nest.vcf'));
    expect(nest.contacts.map((c) => c.name).sort()).toEqual(['nest1', 'nest2', 'parent']);
    const iphone = await importPath(corpusPath('vcard/ez-vcard/John_Doe_IPHONE.vcf'));
    expect(iphone.contacts[0]!.phones.some((p) => p.label === 'AssistantPhone' && p.value === '905-222-1234')).toBe(true);
    expect(iphone.contacts[0]!.photo?.mime).toBe('image/jpeg');
    const malformed = await importPath(corpusPath('vcard/aosp-opt-vcard/v21_malformed_photo.vcf'));
    expect(malformed.contacts[0]!.photo).toBeUndefined();
    expect(malformed.contacts[0]!.name).toBe('fullname');
  });

  it('reads the Thunderbird CSV exports, semicolon-delimited and with a multi-line quoted field', async () => {
    const semi = await importPath(corpusPath('csv/thunderbird/csv_semicolon.csv'));
    expect(semi.summary.format).toBe('csv-thunderbird');
    expect(semi.contacts.map((c) => [c.name, c.emails[0]?.value])).toEqual([
      ['John Doe', 'john@doe.invalid'],
      ['Jane Doe', 'jane@doe.invalid'],
    ]);
    const exp = await importPath(corpusPath('csv/thunderbird/export.csv'));
    expect(exp.contacts[1]).toMatchObject({ name: 'contact number two', note: "here's some unicode text…" });
  });

  describe('legacy code pages without a CHARSET (FolkerKinzel/VCards): every name read right', () => {
    const folker = (name: string) => corpusPath('vcard/folkerkinzel-vcards', name);
    const names = async (name: string) => (await importPath(folker(name))).contacts.map((c) => [c.name, c.familyName, c.givenName]);
    const guessOf = async (name: string) => (await importPath(folker(name))).summary.issues.filter((i) => i.code === 'encoding-guessed').map((i) => i.params?.encoding);

    it('Hebrew windows-1255, guessed and named as a guess; the same names as the UTF-8 twin', async () => {
      expect(await names('MultiAnsiFilterTests__Hebrew.vcf')).toEqual([['אפרים קישון', 'Kishon', 'Ephraim']]);
      expect(await names('MultiAnsiFilterTests__Hebrew.vcf')).toEqual(await names('Utf-8__Hebrew.vcf'));
      expect(await guessOf('MultiAnsiFilterTests__Hebrew.vcf')).toEqual(['windows-1255']);
    });

    it('Greek and Ukrainian: undeclared names read in the code page another property of the card declares', async () => {
      expect(await names('MultiAnsiFilterTests__Greek.vcf')).toEqual([['Βαγγέλης', 'Παπαθανασίου', 'Ευάγγελος Οδυσσέας']]);
      expect(await names('MultiAnsiFilterTests__Greek.vcf')).toEqual(await names('Utf-8__Greek.vcf'));
      // The UTF-8 twin marks the stress (Володи́мирович), which windows-1251 cannot write.
      expect(await names('MultiAnsiFilterTests__Ukrainian.vcf')).toEqual([['Віталій Володимирович Кличко', 'Кличко', 'Віталій Володимирович']]);
      expect((await names('Utf-8__Ukrainian.vcf'))[0]!.map((n) => n?.normalize('NFD').replace(/\u0301/g, '').normalize('NFC'))).toEqual(
        (await names('MultiAnsiFilterTests__Ukrainian.vcf'))[0],
      );
    });

    it('German windows-1252, also when the declared charset is unknown ("Murks")', async () => {
      for (const file of ['MultiAnsiFilterTests__German.vcf', 'MultiAnsiFilterTests__Murks.vcf']) {
        expect(await names(file), file).toEqual([['Sören Täve Nüßlebaum', 'Nüßlebaum', 'Sören Täve']]);
      }
      expect(await guessOf('MultiAnsiFilterTests__German.vcf')).toEqual(['windows-1252']);
    });

    it('vCard 3.0 in windows-1252 and in UTF-16 with a BOM read like the UTF-8 original', async () => {
      const expected = [['Folker Kinzel', 'Kinzel', 'Folker'], ['KMS Außenstelle', 'KMS', 'WSF']];
      expect(await names('MultiAnsiFilterTests__v3Ansi.vcf')).toEqual(expected);
      expect(await names('MultiAnsiFilterTests__v3Utf16Bom.vcf')).toEqual(expected);
      expect(await names('v3.vcf')).toEqual(expected);
      expect((await importPath(folker('MultiAnsiFilterTests__v3Utf16Bom.vcf'))).summary.encoding).toBe('UTF-16LE');
      expect((await importPath(folker('MultiAnsiFilterTests__v3Ansi.vcf'))).contacts[1]!.emails[0]!.value).toBe('blablö@blub.com');
    });

    it('Outlook ANSI cards (AnsiIssue*, Label*): names, organisation and the address country', async () => {
      for (const file of ['AnsiIssue.vcf', 'AnsiIssueInvalidEncoding.vcf', 'AnsiIssueNoEncoding.vcf']) {
        const { contacts } = await importPath(folker(file));
        expect(contacts.map((c) => [c.name, c.familyName, c.givenName, c.countries]), file).toEqual([['Ralf Rastral', 'Rastral', 'Ralf', ['Deutschland']]]);
      }
      for (const file of ['LabelIssue.vcf', 'LabelTest1.vcf', 'LabelTest2.vcf']) {
        const { contacts } = await importPath(folker(file));
        // LabelTest2 has its addresses as LABEL text only, none with a country.
        const countries = file === 'LabelTest2.vcf' ? undefined : ['Deutschland'];
        expect(contacts.map((c) => [c.name, c.org, c.countries]), file).toEqual([['Rudi Wimmel', 'Wurstdarm KG', countries]]);
      }
    });

    it('the other files: names as their sources write them', async () => {
      expect(await names('v2_1.vcf')).toEqual([['Maxl', 'Mustermann', 'Max Middle Name']]);
      expect(await names('Cropped_2_1.vcf')).toEqual([['Maxl', 'Mustermann', 'Max Middle Name']]);
      expect(await names('v4.vcf')).toEqual([['Möhrke Gerda', 'Möhrke', 'Gerda'], ['Dr. Max Horst Mustermann jr. Maxl SED', 'Mustermann', 'Max Horst']]);
      expect(await names('MultiAnsiFilterTests__utf-8.vcf')).toEqual([['孔夫子', 'Konfuzius', undefined]]);
      expect(await names('Photo v3.vcf')).toEqual([['Emma Musterfrau', 'Musterfrau', 'Emma']]);
      expect((await importPath(folker('LargeFile.vcf'))).contacts).toHaveLength(1000);
      const empty = await importPath(folker('Empty.vcf'));
      expect(empty.contacts).toEqual([]);
      expect(empty.summary.issues.map((i) => [i.code, i.message])).toEqual([['file-empty', 'The file is empty']]);
    });
  });

  describe('FolkerKinzel/VCards, every file: its names, and the code page named as a guess exactly where one was guessed', () => {
    // [file, names of its cards (or how many, all named), the guess the report names (none: UTF-8, UTF-16, or a CHARSET on the card decides)]
    const FILES: [string, string[] | number, string?][] = [
      ['AnsiIssue.vcf', ['Ralf Rastral'], 'windows-1252'],
      ['AnsiIssueInvalidEncoding.vcf', ['Ralf Rastral'], 'windows-1252'],
      ['AnsiIssueNoEncoding.vcf', ['Ralf Rastral'], 'windows-1252'],
      ['Cropped_2_1.vcf', ['Maxl']],
      ['Empty.vcf', []],
      ['LabelIssue.vcf', ['Rudi Wimmel']],
      ['LabelTest1.vcf', ['Rudi Wimmel']],
      ['LabelTest2.vcf', ['Rudi Wimmel']],
      ['LargeFile.vcf', 1000],
      ['Library v2.vcf', ['Herr Max Anderer Mustermann sen.']],
      ['MultiAnsiFilterTests__German.vcf', ['Sören Täve Nüßlebaum'], 'windows-1252'],
      ['MultiAnsiFilterTests__Greek.vcf', ['Βαγγέλης']],
      ['MultiAnsiFilterTests__Hebrew.vcf', ['אפרים קישון'], 'windows-1255'],
      ['MultiAnsiFilterTests__Murks.vcf', ['Sören Täve Nüßlebaum'], 'windows-1252'],
      ['MultiAnsiFilterTests__Ukrainian.vcf', ['Віталій Володимирович Кличко']],
      ['MultiAnsiFilterTests__utf-8.vcf', ['孔夫子']],
      ['MultiAnsiFilterTests__v3Ansi.vcf', ['Folker Kinzel', 'KMS Außenstelle'], 'windows-1252'],
      ['MultiAnsiFilterTests__v3Utf16Bom.vcf', ['Folker Kinzel', 'KMS Außenstelle']],
      ['Outlook v2.vcf', ['Herr Max Anderer Mustermann sen.']],
      ['Photo Outlook v2.vcf', []],
      ['Photo v3.vcf', ['Emma Musterfrau']],
      ['Utf-8__Greek.vcf', ['Βαγγέλης']],
      ['Utf-8__Hebrew.vcf', ['אפרים קישון']],
      ['Utf-8__Ukrainian.vcf', ['Віталій Володи́мирович Кличко́']],
      ['WhatsAppIssue.vcf', ['zzMad Perla 45']],
      ['v2_1.vcf', ['Maxl']],
      ['v3.vcf', ['Folker Kinzel', 'KMS Außenstelle']],
      ['v4.vcf', ['Möhrke Gerda', 'Dr. Max Horst Mustermann jr. Maxl SED']],
    ];

    it('lists every file of the folder', () => {
      expect(FILES.map(([f]) => f).sort()).toEqual(readdirSync(corpusPath('vcard/folkerkinzel-vcards')).filter((f) => f.endsWith('.vcf')).sort());
    });

    for (const [file, names, guess] of FILES) {
      it(file, async () => {
        const { contacts, summary } = await importPath(corpusPath('vcard/folkerkinzel-vcards', file));
        if (typeof names === 'number') {
          expect(contacts.filter((c) => c.name && !looksBroken(c.name))).toHaveLength(names);
        } else expect(contacts.map((c) => c.name)).toEqual(names);
        expect(summary.issues.filter((i) => i.code === 'encoding-guessed').map((i) => i.params?.encoding)).toEqual(guess ? [guess] : []);
        if (guess) expect(summary.encoding.toLowerCase()).toBe(guess);
      });
    }
  });

  describe('an iCloud export and its Google CSV conversion (icloud-to-google)', () => {
    it('reads the four people of the vCard and of the CSV, and together they are four persons', async () => {
      const vcf = await importPath(corpusPath('vcard/icloud-to-google/contacts.vcf'));
      const csv = await importPath(corpusPath('csv/icloud-to-google/converted_contact.csv'));
      const people = ['Antonion', 'Jimmy Aun', 'San Zhang', 'Benjamin'];
      expect(vcf.contacts.map((c) => c.name)).toEqual(people);
      expect(csv.contacts.map((c) => c.name)).toEqual(people);
      const book = emptyContactBook();
      replaceFileRecords(book, 'contacts.vcf', vcf.contacts);
      replaceFileRecords(book, 'converted_contact.csv', csv.contacts);
      const { persons } = mergePersons(book);
      expect(persons.map((p) => p.name).sort()).toEqual([...people].sort());
      expect(persons.every((p) => p.sources.length === 2)).toBe(true);
      // "(413) 549-0077" is no valid Chinese number: kept as written, and linked only with the same name.
      expect(persons.find((p) => p.name === 'Antonion')!.phones.map((p) => p.value)).toEqual(['4135490077']);
      expect(persons.find((p) => p.name === 'Jimmy Aun')!.phones.map((p) => p.value)).toEqual(['+14132101156']);
    });

    it('reads the Chinese contact of the other Google CSV with its phones and e-mails', async () => {
      const { contacts, summary } = await importPath(corpusPath('csv/icloud-to-google/contacts.csv'));
      expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(contacts).toHaveLength(1);
      expect(contacts[0]!.phones.map((p) => p.value)).toEqual(['010 8729 3467', '176 1027 8819', '+1 413-210-0000', '176 1027 0000', '176 1027 1219']);
      expect(contacts[0]!.emails.map((e) => e.value)).toContain('wangergou@umass.edu');
    });
  });
});
