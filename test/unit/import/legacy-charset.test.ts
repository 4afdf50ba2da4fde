// vCards 2.1/3.0 in a legacy code page that name no CHARSET: the code page is guessed from all the
// file's undeclared values, names come out right, and the report names the guess.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContactFile, previewContactFile } from '../../../electron/import';
import { LEGACY_CHARSETS, type LegacyCharset } from '../../../shared/contract';
import type { RawContact } from '../../../shared/types';
import { guessLegacyCharset, loadLegacyCharsetGuesser } from '../../../electron/import/legacy-charset';
import { cleanupTmp, importBytes, lines, writeFixture } from './helpers';

afterAll(cleanupTmp);
// guessLegacyCharset is called directly here: its detector is loaded first, as the import does.
beforeAll(loadLegacyCharsetGuesser);

/** Realistic people per code page: [family, given, street, city]. */
const PEOPLE: Record<string, [string, string, string, string][]> = {
  'windows-1255': [
    ['קישון', 'אפרים', 'רחוב הרצל 12', 'תל אביב'],
    ['כהן', 'משה', 'שדרות רוטשילד 5', 'ירושלים'],
    ['לוי', 'שרה', 'רחוב הנביאים 8', 'חיפה'],
  ],
  'windows-1253': [
    ['Παπαδόπουλος', 'Γιώργος', 'Οδός Ερμού 25', 'Αθήνα'],
    ['Κωνσταντίνου', 'Μαρία', 'Λεωφόρος Νίκης 3', 'Θεσσαλονίκη'],
    ['Αλεξίου', 'Νίκος', 'Οδός Κορίνθου 9', 'Πάτρα'],
  ],
  'iso-8859-7': [
    ['Γεωργίου', 'Ελένη', 'Οδός Αιόλου 14', 'Αθήνα'],
    ['Νικολάου', 'Δημήτρης', 'Οδός Τσιμισκή 40', 'Θεσσαλονίκη'],
    ['Οικονόμου', 'Κατερίνα', 'Οδός Μαιζώνος 2', 'Πάτρα'],
  ],
  'windows-1251': [
    ['Кличко', 'Віталій', 'вул. Хрещатик, 36', 'Київ'],
    ['Петров', 'Иван', 'ул. Ленина, 5', 'Москва'],
    ['Смирнова', 'Ольга', 'Невский проспект, 28', 'Санкт-Петербург'],
  ],
  'koi8-r': [
    ['Иванов', 'Сергей', 'ул. Тверская, 7', 'Москва'],
    ['Кузнецова', 'Наталья', 'Красный проспект, 12', 'Новосибирск'],
    ['Соколов', 'Дмитрий', 'ул. Баумана, 3', 'Казань'],
  ],
  'windows-1250': [
    ['Wiśniewski', 'Łukasz', 'ul. Świętokrzyska 12', 'Warszawa'],
    ['Kowalczyk', 'Małgorzata', 'ul. Floriańska 5', 'Kraków'],
    ['Wójcik', 'Paweł', 'ul. Długa 44', 'Gdańsk'],
  ],
  'windows-1252': [
    ['Nüßlebaum', 'Sören', 'Hauptstraße 5', 'München'],
    ['Müller', 'François', 'Rue de la Paix 3', 'Genève'],
    ['Schäfer', 'Jürgen', 'Königsallee 12', 'Düsseldorf'],
  ],
  big5: [
    ['陳', '大文', '信義路五段7號', '台北市'],
    ['林', '美玲', '中正路100號', '高雄市'],
    ['張', '志豪', '文化路二段182號', '新北市'],
  ],
  gb18030: [
    ['张', '伟', '朝阳区建国路88号', '北京市'],
    ['王', '芳', '浦东新区世纪大道100号', '上海市'],
    ['李', '娜', '天河区体育西路191号', '广州市'],
  ],
  shift_jis: [
    ['山田', '太郎', '西新宿2-8-1', '東京都新宿区'],
    ['佐藤', '花子', '梅田3-1-1', '大阪市北区'],
    ['鈴木', '一郎', '栄3-5-1', '名古屋市中区'],
  ],
};

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;
const fullName = (family: string, given: string) => (CJK.test(family) ? family + given : `${given} ${family}`);

/** A vCard file as Outlook or an old phone writes it: no CHARSET anywhere, bytes in the code page. */
function legacyVcard(charset: string, version: '2.1' | '3.0'): Buffer {
  const enc = (s: string) => iconv.encode(s, charset);
  const cards = PEOPLE[charset]!.flatMap(([family, given, street, city]) => [
    'BEGIN:VCARD',
    `VERSION:${version}`,
    Buffer.concat([Buffer.from('N:'), enc(`${family};${given}`), Buffer.from(version === '3.0' ? ';;;' : '')]),
    Buffer.concat([Buffer.from('FN:'), enc(fullName(family, given))]),
    'TEL;CELL:+1 650 253 0000',
    Buffer.concat([Buffer.from('ADR;HOME:;;'), enc(`${street};${city}`), Buffer.from(';;;')]),
    'END:VCARD',
  ]);
  return lines(...cards);
}

/** Two names of one code page read the same text from these bytes (ISO-8859-8 and windows-1255 letters). */
function decodesAlike(bytes: Buffer, a: string, b: string): boolean {
  return iconv.decode(bytes, a) === iconv.decode(bytes, b);
}

describe('legacy code pages without a CHARSET', () => {
  for (const charset of Object.keys(PEOPLE)) {
    for (const version of ['2.1', '3.0'] as const) {
      it(`reads ${charset} names in a vCard ${version} and names the guess`, async () => {
        const bytes = legacyVcard(charset, version);
        const { contacts, summary } = await importBytes(`${charset}.vcf`, bytes);
        expect(contacts.map((c) => c.name)).toEqual(PEOPLE[charset]!.map(([family, given]) => fullName(family, given)));
        expect(contacts.map((c) => c.familyName)).toEqual(PEOPLE[charset]!.map(([family]) => family));
        expect(contacts[0]!.countries).toBeUndefined(); // the country field is empty here
        const guessed = summary.issues.find((i) => i.code === 'encoding-guessed');
        expect(guessed, JSON.stringify(summary.issues)).toMatchObject({ severity: 'warning', file: summary.file });
        const named = String(guessed!.params!.encoding);
        expect(decodesAlike(bytes, named, charset), `${named} for ${charset}`).toBe(true);
        expect(guessed!.message).toBe(`Encoding guessed: ${named} (the file names no charset); if names look garbled, the guess was wrong`);
        expect(summary.encoding.toLowerCase()).toContain(named);
      });
    }
  }

  it('names the guess in the preview too', async () => {
    const preview = await previewContactFile(writeFixture('hebrew.vcf', legacyVcard('windows-1255', '2.1')));
    expect(preview.encoding).toBe('windows-1255');
    expect(preview.issues.map((i) => [i.code, i.params])).toEqual([['encoding-guessed', { encoding: 'windows-1255' }]]);
  });

  it('shows the first names read with the guess in the preview', async () => {
    const preview = await previewContactFile(writeFixture('greek.vcf', legacyVcard('windows-1253', '3.0')));
    expect(preview.legacyCharset).toEqual({ charset: 'windows-1253', chosen: false, names: PEOPLE['windows-1253']!.map(([f, g]) => fullName(f, g)) });
  });

  describe('the user may read a file in another code page than the guess', () => {
    const importWith = async (path: string, charset?: LegacyCharset) => {
      const contacts: RawContact[] = [];
      const summary = await importContactFile(path, { charset, onContact: (c) => contacts.push(c) });
      return { names: contacts.map((c) => c.name), summary };
    };
    for (const charset of Object.keys(PEOPLE) as LegacyCharset[]) {
      it(`${charset}: chosen, it is what the names are read in, in the preview and the import, and no guess is reported`, async () => {
        const path = writeFixture(`${charset}-chosen.vcf`, legacyVcard(charset, '2.1'));
        const right = PEOPLE[charset]!.map(([family, given]) => fullName(family, given));
        // Another code page than the file's: the names change, so the choice, not the guess, was used.
        const other: LegacyCharset = charset === 'gb18030' ? 'big5' : 'gb18030';
        const wrong = await importWith(path, other);
        expect(wrong.names).not.toEqual(right);
        expect(wrong.summary.issues.filter((i) => i.code === 'encoding-guessed')).toEqual([]);
        const preview = await previewContactFile(path, { charset: other });
        expect(preview.legacyCharset).toEqual({ charset: other, chosen: true, names: wrong.names });
        expect(preview.issues.filter((i) => i.code === 'encoding-guessed')).toEqual([]);
        // Choosing the file's own code page reads every name right.
        const chosen = await importWith(path, charset);
        expect(chosen.names).toEqual(right);
        expect(chosen.summary.issues).toEqual([]);
        expect((await previewContactFile(path, { charset })).legacyCharset).toEqual({ charset, chosen: true, names: right });
      });
    }

    it('a declared CHARSET still wins, and UTF-8 values stay UTF-8, whatever was chosen', async () => {
      const path = writeFixture('mixed.vcf', lines(
        'BEGIN:VCARD',
        'VERSION:2.1',
        Buffer.concat([Buffer.from('FN;CHARSET=windows-1251:'), iconv.encode('Віталій Кличко', 'windows-1251')]),
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:2.1',
        'FN:אפרים קישון',
        'END:VCARD',
      ));
      expect((await importWith(path, 'windows-1255')).names).toEqual(['Віталій Кличко', 'אפרים קישון']);
    });

    it('every code page the guess can give may be chosen', async () => {
      for (const charset of Object.keys(PEOPLE)) {
        const guess = guessLegacyCharset(iconv.encode(PEOPLE[charset]!.flat().join('\n'), charset));
        expect(LEGACY_CHARSETS, `${charset} → ${guess}`).toContain(guess);
      }
    });
  });

  it('guesses nothing for a UTF-8 file, and a declared charset wins over the guess', async () => {
    const utf8 = await importBytes('utf8.vcf', lines('BEGIN:VCARD', 'VERSION:2.1', 'FN:אפרים קישון', 'END:VCARD'));
    expect(utf8.summary.issues).toEqual([]);
    const declared = await importBytes('declared.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:2.1',
      Buffer.concat([Buffer.from('FN;CHARSET=windows-1251:'), iconv.encode('Віталій Кличко', 'windows-1251')]),
      'END:VCARD',
    ));
    expect(declared.contacts[0]!.name).toBe('Віталій Кличко');
    expect(declared.summary.issues).toEqual([]);
  });

  it('guessLegacyCharset keeps to the code pages contact files are written in', () => {
    expect(guessLegacyCharset(new Uint8Array())).toBeUndefined();
    expect(guessLegacyCharset(iconv.encode('אפרים קישון\nתל אביב\nרחוב הרצל', 'windows-1255'))).toBe('windows-1255');
    expect(guessLegacyCharset(iconv.encode('北京市朝阳区建国路88号\n上海市浦东新区', 'gb18030'))).toBe('gb18030');
  });
});
