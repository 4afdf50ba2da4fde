import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOKEN_SEPARATOR } from '../../../electron/contacts/records';
import { TokenOwners, tokenHash } from '../../../electron/contacts/token-owners';

/** Claims every token of every record in order, as the merge does; returns each claim's answer. */
function claimAll(records: string[][], hash?: (text: string, start: number, end: number) => number): number[] {
  const joined = records.map((tokens) => tokens.join(TOKEN_SEPARATOR));
  const owners = new TokenOwners(1, (i) => joined[i]!, hash);
  const answers: number[] = [];
  joined.forEach((tokens, i) => {
    let start = 0;
    for (const token of records[i]!) {
      answers.push(owners.claim(tokens, start, start + token.length, i));
      start += token.length + 1;
    }
  });
  return answers;
}

/** What a Map<string, first record> answers for the same claims. */
function reference(records: string[][]): number[] {
  const first = new Map<string, number>();
  const answers: number[] = [];
  records.forEach((tokens, i) => {
    for (const token of tokens) {
      const owner = first.get(token);
      answers.push(owner ?? -1);
      if (owner === undefined) first.set(token, i);
    }
  });
  return answers;
}

const token = fc.constantFrom('p:', 'e:', 'w:', 'x:').chain((kind) => fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('1', '2', 'a', 'b', '张') }).map((v) => kind + v));
const records = fc.array(fc.uniqueArray(token, { maxLength: 4 }), { maxLength: 60 });

describe('TokenOwners', () => {
  it('finds the first record holding each token, as a Map of the token texts does (growing past its first size)', () => {
    fc.assert(fc.property(records, (rs) => {
        expect(claimAll(rs)).toEqual(reference(rs));
      }), { numRuns: 300 });
  });

  it('never links different tokens that share a hash: the texts decide', () => {
    const allCollide = () => 42;
    fc.assert(fc.property(records, (rs) => {
        expect(claimAll(rs, allCollide)).toEqual(reference(rs));
      }), { numRuns: 300 });
    expect(claimAll([['p:1'], ['p:2'], ['p:1', 'p:2'], ['p:12']], allCollide)).toEqual([-1, -1, 0, 1, -1]);
  });

  it('answers ownerOf for tokens held, and undefined for others', () => {
    const joined = ['p:1', ['e:a', 'w:b'].join(TOKEN_SEPARATOR)];
    const owners = new TokenOwners(2, (i) => joined[i]!);
    owners.claim(joined[0]!, 0, 3, 0);
    owners.claim(joined[1]!, 0, 3, 1);
    owners.claim(joined[1]!, 4, 7, 1);
    expect([owners.ownerOf('p:1'), owners.ownerOf('w:b'), owners.ownerOf('e:a'), owners.ownerOf('w:a')]).toEqual([0, 1, 1, undefined]);
  });

  it('hashes a token the same wherever it sits in its string, to 32 bits', () => {
    const h = tokenHash('p:+8613800138000', 0, 16);
    expect(tokenHash('x' + TOKEN_SEPARATOR + 'p:+8613800138000', 2, 18)).toBe(h);
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    expect(tokenHash('p:+8613800138001', 0, 16)).not.toBe(h);
  });
});
