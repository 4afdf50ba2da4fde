// Prepared records are ordered by key; sortedByKey does it with a numeric sort of each key's leading
// bits packed with its index, then orders ties itself. Compared here with the plain comparison
// sort on keys that share leading digits, whole heads, or everything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedByKey } from '../../../electron/contacts/records';

/** The order by definition: the key's first 13 hex digits as a number, then the key as text. */
function byDefinition<T extends { key: string }>(records: T[]): T[] {
  const head = (key: string) => parseInt(key.slice(1, 14), 16);
  return [...records].sort((a, b) => head(a.key) - head(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));

describe('sortedByKey', () => {
  it('orders random keys as the comparison sort does, ties in leading digits included', () => {
    // Keys made from a few shared beginnings so that leading bits, heads and whole keys collide.
    const key = fc.tuple(fc.constantFrom('', '0', 'fffff', '8000000', '123456789abc', 'abcdef0123456'), hex(16)).map(([shared, rest]) => 'r' + (shared + rest).slice(0, 16));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const records = keys.map((k, i) => ({ key: k, i }));
        expect(sortedByKey(records)).toEqual(byDefinition(records));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders 100k random keys as the comparison sort does', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const records = Array.from({ length: 100_000 }, (_, i) => ({ key: 'r' + Math.floor(next() * 2 ** 52).toString(16).padStart(13, '0') + (i % 4096).toString(16).padStart(3, '0'), i }));
    const want = byDefinition(records).map((r) => r.i);
    expect(sortedByKey(records).findIndex((r, at) => r.i !== want[at])).toBe(-1); // no place differs
  });

  it('keeps to the comparison where a key is not hex', () => {
    const records = ['r00ff', 'rzz', 'r0001', 'r'].map((key) => ({ key }));
    expect(sortedByKey(records)).toEqual(byDefinition(records));
  });
});
