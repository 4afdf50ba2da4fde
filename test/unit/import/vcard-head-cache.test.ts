// Property heads repeat on every card: each distinct head is parsed once and shared (the import's
// largest cost at 100k cards before), and what is shared reads the same as a fresh parse.
import { describe, expect, it } from 'vitest';
import { cachedPropertyHead, parsePropertyHead } from '../../../electron/import/vcard/property';

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
