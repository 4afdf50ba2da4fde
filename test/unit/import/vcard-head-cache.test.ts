// Property heads repeat on every card: each distinct head is parsed once and shared (the import's
// largest cost at 100k cards before), and what is shared reads the same as a fresh parse.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedPropertyHead, parsePropertyHead } from '../../../electron/import/vcard/property';
import { splitValue, unescapeValue } from '../../../electron/import/vcard/card';
import { cleanupTmp, importBytes } from './helpers';

afterAll(cleanupTmp);

describe('cachedPropertyHead', () => {
  it('parses a head once and hands the same result to every property that repeats it', () => {
    const a = cachedPropertyHead('item1.TEL;type=pref;type=CELL');
    expect(cachedPropertyHead('item1.TEL;type=pref;type=CELL')).toBe(a);
    expect(a).toEqual(parsePropertyHead('item1.TEL;type=pref;type=CELL'));
    expect(cachedPropertyHead('N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE')).toMatchObject({ name: 'N', encoding: 'quoted-printable', params: new Map([['CHARSET', ['UTF-8']], ['ENCODING', ['QUOTED-PRINTABLE']]]) });
  });

  it('stays bounded: a file of ever new heads does not grow it without end', () => {
    const first = cachedPropertyHead('X-FIRST');
    for (let i = 0; i < 5000; i++) cachedPropertyHead(`X-CUSTOM-${i};TYPE=a${i}`);
    expect(cachedPropertyHead('X-FIRST')).not.toBe(first);
    expect(cachedPropertyHead('X-FIRST')).toEqual(first);
  });
});

describe('heads remembered by their place in the card', () => {
  it('a head of the same length at the same place in the next card is read as itself, not as the one before', async () => {
    const card = (tel: string, email: string) => ['BEGIN:VCARD', 'VERSION:3.0', 'FN:A', tel, email, 'END:VCARD'].join('\r\n');
    const text = [
      card('TEL;TYPE=CELL:111', 'EMAIL;TYPE=WORK:a@x.org'),
      card('TEL;TYPE=HOME:222', 'EMAIL;TYPE=HOME:b@x.org'),
      card('TEL;TYPE=HOME:333', 'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0'),
      card('TEL;TYPE=HOME:444', 'NOTE:=E5=BC=A0'),
    ].join('\r\n');
    const { contacts } = await importBytes('places.vcf', text);
    expect(contacts.map((c) => [c.phones[0]?.label, c.emails[0]?.label ?? c.note])).toEqual([
      ['mobile', 'work'],
      ['home', 'home'],
      ['home', '张'],
      ['home', '=E5=BC=A0'],
    ]);
  });
});

describe('splitValue', () => {
  it('undoes escapes as before: 3.0 escapes every character, 2.1 only ";" and ","', () => {
    expect(splitValue('a\\,b,c\\;d;e\\nf\\\\g\\', ';', false)).toEqual(['a,b,c;d', 'e\nf\\g\\']);
    expect(splitValue('a\\,b,c', ',', false)).toEqual(['a,b', 'c']);
    expect(splitValue('a\\,b\\n;c\\', ';', true)).toEqual(['a,b\\n', 'c\\']);
    expect(splitValue('x\\;;y', null, true)).toEqual(['x;;y']);
    expect(splitValue('plain;parts', ';', false)).toEqual(['plain', 'parts']);
  });
});

describe('splitValue against its definition, character by character', () => {
  /** The character loop splitValue was before it went from backslash to separator by indexOf. */
  function byCharacter(text: string, sep: ';' | ',' | null, v21: boolean): string[] {
    const out: string[] = [];
    let cur = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\\' && i + 1 < text.length) {
        const next = text[i + 1]!;
        if (v21) {
          if (next === ';' || next === ',') {
            cur += next;
            i++;
          } else cur += ch;
          continue;
        }
        cur += next === 'n' || next === 'N' ? '\n' : next;
        i++;
        continue;
      }
      if (ch === sep) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  }

  it('gives the same components on random values of separators, escapes and text', () => {
    const chars = fc.constantFrom('a', '张', ';', ',', '\\', 'n', 'N', ':', ' ');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), fc.constantFrom<';' | ',' | null>(';', ',', null), fc.boolean(), (parts, sep, v21) => {
        const text = parts.join('');
        expect(splitValue(text, sep, v21)).toEqual(byCharacter(text, sep, v21));
        // The one-component path (FN, TEL, NOTE…) too.
        expect(unescapeValue(text, v21)).toBe(byCharacter(text, null, v21)[0]);
      }),
      { numRuns: 20000 },
    );
  });
});
