// The vCard parse's fast paths give what the general paths they stand for give, on tricky input.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { labelFromTypes, splitValue, unescapeValue } from '../../../electron/import/vcard/card';
import { addEmail, addPhone, newContact, splitList } from '../../../electron/import/contact';
import { VcardAssembler } from '../../../electron/import/vcard/assembler';
import { ByteLineSplitter } from '../../../electron/import/vcard/lines';
import { decidedCharset, parsePropertyHead, propertyText, rawValue, type VProperty } from '../../../electron/import/vcard/property';
import { normalizeCharset } from '../../../electron/import/encoding';
import { isUtf8 } from 'node:buffer';
import { cleanupTmp, importBytes } from './helpers';

afterAll(cleanupTmp);

const valueChars = fc.constantFrom('a', '张', '𠀋', ';', ',', '\\', 'n', 'N', ':', ' ', '\t', '\u0001', '\ufeff');

describe('unescapeValue (one component, no array)', () => {
  it('is the one component splitValue gives when nothing splits, for 3.0 and 2.1 escapes', () => {
    expect(unescapeValue('a\\,b\\;c\\nd\\\\e\\', false)).toBe('a,b;c\nd\\e\\');
    expect(unescapeValue('a\\,b\\;c\\nd\\\\e\\', true)).toBe('a,b;c\\nd\\\\e\\');
    fc.assert(
      fc.property(fc.array(valueChars, { maxLength: 24 }), fc.boolean(), (parts, v21) => {
        const text = parts.join('');
        expect(unescapeValue(text, v21)).toBe(splitValue(text, null, v21)[0]);
      }),
      { numRuns: 20000 },
    );
  });
});

describe('N: given and middle name', () => {
  const card = (n: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nN:${n}\r\nTEL:1\r\nEND:VCARD\r\n`;
  /** What cardToContact did before: the parts that clean() keeps, as written, joined by a space, then cleaned. */
  const reference = (given?: string, middle?: string) => {
    const clean = (v?: string) => (v === undefined ? undefined : v.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, '').trim() || undefined);
    return clean([given, middle].filter((s) => clean(s)).join(' '));
  };

  it('joins the parts that hold something, as written, and cleans the whole', async () => {
    const names = [';', ';A', ';A ;B', ';A;B', '; A ; B ', ';\u0001;B', ';A;\u0001', ';\t;\t', ';张;三丰', ';\ufeff A;B\u0001', 'F', 'F;;M'];
    const { contacts } = await importBytes('n.vcf', names.map(card).join(''));
    const expected = names.map((n) => {
      const [, given, middle] = n.split(';');
      return reference(given, middle);
    });
    expect(contacts.map((c) => c.givenName)).toEqual(expected);
    expect(expected).toContain('A  B'); // the inner spaces stay: only the whole is trimmed
  });
});

describe('splitList (labels: CATEGORIES, group columns)', () => {
  /** What splitList was before it skipped the regular expression's split for one-label values. */
  const reference = (value: string) => {
    const v = value.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, '').trim();
    if (!v) return [];
    return v
      .split(/\s*(?::::|[,，;；|、])\s*/)
      .map((s) => s.trim().replace(/^\*\s*/, ''))
      .filter((s) => s && !/^(my ?contacts|none|system group: my contacts)$/i.test(s));
  };

  it('gives the labels the general split gives, on separators, spaces, stars and system groups', () => {
    expect(splitList(' * My Contacts ::: 同学、朋友 | none ;x')).toEqual(['同学', '朋友', 'x']);
    expect(splitList('*  family')).toEqual(['family']);
    expect(splitList('a:b')).toEqual(['a:b']);
    const pieces = fc.constantFrom('a', '同学', ' ', '\t', '*', ':', ':::', ',', '，', ';', '；', '|', '、', 'none', 'NONE', 'My Contacts', 'mycontacts', 'System Group: My Contacts', 'ſystem group: my contacts', 'Ｍy contacts', '\u0001', '\ufeff');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 10 }), (parts) => {
        const text = parts.join('');
        expect(splitList(text)).toEqual(reference(text));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('property values read from a range of a larger buffer', () => {
  const heads = ['NOTE', 'NOTE;CHARSET=GBK', 'NOTE;CHARSET=ISO-8859-1', 'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8', 'NOTE;ENCODING=b'];
  const bytePieces = fc.constantFrom(
    Buffer.from('a'),
    Buffer.from(' '),
    Buffer.from('='),
    Buffer.from('=E5=BC=A0'),
    Buffer.from('张', 'utf8'),
    Buffer.from([0xd5, 0xc5]), // 张 in GBK
    Buffer.from([0xe4]), // ä in Latin-1
    Buffer.from('QUJD'),
  );

  it('read as a standalone copy of the value is read, whatever the charset, encoding or bytes around it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...heads),
        fc.array(bytePieces, { maxLength: 8 }),
        fc.uint8Array({ maxLength: 4 }),
        fc.uint8Array({ maxLength: 4 }),
        fc.boolean(),
        (headText, pieces, before, after, transcoded) => {
          const head = parsePropertyHead(headText);
          const bytes = Buffer.concat(pieces);
          const around = Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
          const inRange: VProperty = { ...head, value: around, valueStart: before.length, valueEnd: before.length + bytes.length };
          const alone: VProperty = { ...head, value: Buffer.from(bytes), valueStart: 0, valueEnd: bytes.length };
          const ctx = () => ({ transcoded, used: new Set<string>(), guessUsed: { value: false } });
          const [a, b] = [ctx(), ctx()];
          expect(propertyText(inRange, a)).toBe(propertyText(alone, b));
          expect([...a.used]).toEqual([...b.used]);
          expect(rawValue(inRange).equals(bytes)).toBe(true);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('a line that repeats the head at its place in the previous card', () => {
  /** Each card's properties as the assembler gives them. */
  function assemble(text: string): string[][] {
    const cards: string[][] = [];
    const assembler = new VcardAssembler((card) =>
      cards.push(card.props.map((p) => JSON.stringify([p.group, p.name, [...p.params], p.types, p.encoding, rawValue(p).toString('latin1'), card.version]))),
    );
    const splitter = new ByteLineSplitter((data, start, end, no) => assembler.line(data, start, end, no));
    splitter.push(Buffer.from(text, 'latin1'));
    splitter.end();
    for (const card of assembler.finish()) cards.push(card.props.map((p) => p.name));
    return cards;
  }

  it('is read as the first card of a file reads it (where nothing is remembered yet)', () => {
    const lines = fc.constantFrom(
      'TEL:1', 'TEL:2:3', 'TEL;TYPE=CELL:4', 'TEL;TYPE=CELL', 'TEL;X="a:b":5', 'TEL;X="a:b', 'TEL;X="a', 'item1.TEL:6', 'TEL',
      'NOTE;ENCODING=QUOTED-PRINTABLE:=E5=', 'NOTE;ENCODING=QUOTED-PRINTABLE:x', 'PHOTO;ENCODING=b:QUJD', 'QUJD', ' folded', '\tfolded:x',
      'junk text', 'TEL junk:7', '#comment', '', 'VERSION:2.1', 'VERSION:3.0', ':8', '1TEL:9', 'TEL;:10', 'TEL ', 'TEL :11',
    );
    fc.assert(
      fc.property(fc.array(fc.array(lines, { maxLength: 5 }), { minLength: 2, maxLength: 6 }), (cards) => {
        const texts = cards.map((card) => ['BEGIN:VCARD', ...card, 'END:VCARD'].join('\r\n'));
        expect(assemble(texts.join('\r\n'))).toEqual(texts.flatMap(assemble));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('phone and e-mail labels remembered per TYPE list', () => {
  it('are the labels of each property’s own TYPE list, across many heads and repeats', async () => {
    const typeLists = ['CELL', 'CELL;WORK', 'PREF;HOME', 'PREF;WORK', 'HOME', 'WORK;VOICE', 'TYPE=pref,cell', 'TYPE=x-custom', 'X-ABC;PREF', 'TYPE=12;TYPE=fax', ''];
    const heads = Array.from({ length: 600 }, (_, i) => `TEL${typeLists[i % typeLists.length] ? ';' + typeLists[i % typeLists.length] : ''}${i % 5 === 0 ? ';X-N=' + i : ''}`);
    const order = [...heads, ...[...heads].reverse()];
    const cards = order.map((head, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A${i}\r\n${head}:${100 + i}\r\nEND:VCARD\r\n`);
    const { contacts } = await importBytes('labels.vcf', cards.join(''));
    const expected = order.map((head) => labelFromTypes(parsePropertyHead(head).types));
    expect(contacts.map((c) => c.phones[0]?.label)).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(4);
  });
});

describe('a property over several lines', () => {
  function props(text: string): string[] {
    const out: string[] = [];
    const assembler = new VcardAssembler((card) => out.push(...card.props.map((p) => `${p.name} ${JSON.stringify([...p.params])} ${rawValue(p).toString('latin1')}`)));
    const splitter = new ByteLineSplitter((data, start, end, no) => assembler.line(data, start, end, no));
    splitter.push(Buffer.from(text, 'latin1'));
    splitter.end();
    assembler.finish();
    return out;
  }

  it('finds its head and value colon in the joined lines, also when a quote on the first line is closed on a later one', () => {
    expect(props('BEGIN:VCARD\r\nTEL;X="a:b\r\n c":123\r\nNOTE;ENCODING=QUOTED-PRINTABLE:=E5=\r\n=BC=A0\r\nNOTE:x\r\n y\r\nEND:VCARD\r\n')).toEqual([
      'TEL [["X",["a:bc"]]] 123',
      'NOTE [["ENCODING",["QUOTED-PRINTABLE"]]] =E5=BC=A0',
      'NOTE [] xy',
    ]);
    // The same head again in the next card (remembered at its place) and with the quote closed on its first line.
    expect(props('BEGIN:VCARD\r\nTEL;X="a:b\r\n c":1\r\nEND:VCARD\r\nBEGIN:VCARD\r\nTEL;X="a:b\r\n c":2\r\nTEL;X="a:b":3\r\n 4\r\nEND:VCARD\r\n')).toEqual([
      'TEL [["X",["a:bc"]]] 1',
      'TEL [["X",["a:bc"]]] 2',
      'TEL [["X",["a:b"]]] 34',
    ]);
  });
});

describe('addPhone and addEmail without their regular expressions for the usual values', () => {
  const clean = (v: string) => v.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, '').trim() || undefined;
  /** What addPhone kept before (undefined: nothing). */
  const referencePhone = (value: string) => {
    const v = clean(value)?.replace(/^tel:/i, '');
    return !v || !/[\p{L}\p{N}]/u.test(v) ? undefined : v;
  };
  /** What addEmail kept before. */
  const referenceEmail = (value: string) => {
    let v = clean(value);
    if (!v) return undefined;
    const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(v);
    if (angle) v = angle[1]!;
    v = v.replace(/^mailto:/i, '').trim();
    return v || undefined;
  };
  const pieces = fc.constantFrom('tel:', 'TeL:', 'tel', 'mailto:', 'MAILTO:', 'maİlto:', 'Kel:', '\u212Ael:', 'x', '1', '１', '٣', '-', ' ', '+', '<', '>', '@', 'a@b', ':', '\u0001', '张', 'ſ');

  it('keep what the regular expressions kept', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const c = newContact({ file: 'f', record: 'r' });
        addPhone(c, text);
        addEmail(c, text);
        expect(c.phones[0]?.value).toBe(referencePhone(text));
        expect(c.emails[0]?.value).toBe(referenceEmail(text));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('the charset a value declares', () => {
  /** decidedCharset as it was: the bytes checked for UTF-8 first, then the declaration (a Latin one yields to UTF-8 bytes). */
  const reference = (bytes: Buffer, declared: string | undefined, cardCharset: string | undefined, transcoded: boolean, afterQp: boolean) => {
    if (!bytes.some((b) => b >= 0x80)) return 'utf-8';
    if (transcoded && !afterQp) return 'utf-8';
    const utf8 = isUtf8(bytes);
    if (declared) return /^(iso-?8859-1|latin-?1|windows-1252|cp1252|iso-?8859-15|utf-8)$/.test(declared) && utf8 ? 'utf-8' : declared;
    if (utf8) return 'utf-8';
    return cardCharset;
  };
  const bytePieces = fc.constantFrom(Buffer.from('a'), Buffer.from('张'), Buffer.from([0xd5, 0xc5]), Buffer.from([0xe4]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe5, 0xbc]));

  it('decides as before for UTF-8, Latin and other declarations, valid and broken bytes', () => {
    const declarations = [undefined, 'UTF-8', 'utf8', 'ISO-8859-1', 'windows-1252', 'GBK', 'Big5', 'SHIFT_JIS', 'x-unknown'];
    fc.assert(
      fc.property(fc.array(bytePieces, { maxLength: 5 }), fc.constantFrom(...declarations), fc.constantFrom(undefined, 'shift_jis'), fc.boolean(), fc.boolean(), (pieces, charset, cardCharset, transcoded, afterQp) => {
        const bytes = Buffer.concat(pieces);
        const head = parsePropertyHead(charset ? `NOTE;CHARSET=${charset}` : 'NOTE');
        expect(decidedCharset(bytes, head, { transcoded, cardCharset }, afterQp)).toBe(reference(bytes, normalizeCharset(charset), cardCharset, transcoded, afterQp));
      }),
      { numRuns: 10000 },
    );
  });
});

describe('undeclared non-ASCII values read as UTF-8 by decoding them first', () => {
  it('reads what the byte checks read, on well-formed, ill-formed and replacement-character bytes', () => {
    // Edge sequences: overlong forms, surrogates, beyond U+10FFFF, cut sequences, a real U+FFFD, GBK and Latin-1.
    const pieces = fc.constantFrom(
      ...[[0x61], [0xe5, 0xbc, 0xa0], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0x9f, 0xbf],
        [0xf0, 0x8f, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe5, 0xbc],
        [0xef, 0xbf, 0xbd], [0xd5, 0xc5], [0xe4], [0x80], [0xff]].map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(fc.array(pieces, { minLength: 1, maxLength: 5 }), fc.constantFrom(undefined, 'shift_jis'), fc.constantFrom(undefined, 'big5'), (parts, cardCharset, guessed) => {
        const bytes = Buffer.concat(parts);
        const prop = (head: string): VProperty => ({ ...parsePropertyHead(head), value: bytes, valueStart: 0, valueEnd: bytes.length });
        const ctx = () => ({ transcoded: false, cardCharset, guessed, used: new Set<string>(), guessUsed: { value: false } });
        const [fast, checked] = [ctx(), ctx()];
        // An unknown charset declared is no declaration for the decision, but keeps the value on the byte checks.
        expect(propertyText(prop('NOTE'), fast)).toBe(propertyText(prop('NOTE;CHARSET=x-unknown-charset'), checked));
        expect([...fast.used]).toEqual([...checked.used]);
        expect(fast.guessUsed).toEqual(checked.guessUsed);
      }),
      { numRuns: 20000 },
    );
  });
});
