import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { nameSyllables, normalizeName } from '../../../electron/contacts/names';

/** The general forms, without the shortcuts for names made only of ideographs. */
const generalNormalized = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu, '');
const generalReading = (ch: string, surname: boolean) => pinyin(ch, { toneType: 'none', v: true, surname: surname ? 'head' : 'off' }).toLowerCase();

const ideograph = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
const other = fc.constantFrom('A', 'b', ' ', '·', '-', 'Ａ', '１', '（', '\uf900', '𠀀', 'é', '\u200b', '张', '単');
const mixed = fc.array(fc.oneof(ideograph, other), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
const ideographsOnly = fc.array(ideograph, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));

describe('name forms', () => {
  it('normalizes names of ideographs only, and any other, as NFKC + lower case + no punctuation does', () => {
    fc.assert(
      fc.property(fc.oneof(ideographsOnly, mixed), (name) => {
        expect(normalizeName(name)).toBe(generalNormalized(name));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a name of ideographs one character at a time, the first as a surname', () => {
    fc.assert(
      fc.property(ideographsOnly, (name) => {
        expect(nameSyllables(name)).toEqual([...name].map((ch, i) => generalReading(ch, i === 0)));
      }),
      { numRuns: 500 },
    );
    expect(nameSyllables('单田芳')).toEqual(['shan', 'tian', 'fang']);
    expect(nameSyllables('Bob 张')).toEqual(['bob', 'zhang']);
    expect(nameSyllables('曾 Zeng')).toEqual(['zeng', 'zeng']);
  });
});
