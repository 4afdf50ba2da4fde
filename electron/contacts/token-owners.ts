// Which record first holds each link token ("p:+86…", "e:…"), for the merge's linking.
//
// An open-addressing table in typed arrays (12 bytes a slot), keyed by a 32-bit hash of the token
// read in place from the record's token string. Why not a Map<string, number>: 100k records hold ~300k tokens, and as
// Map keys (each a substring cut out of its record) they lived through the whole linking: ~25 MB,
// promoted to the old generation, then garbage at every merge. A hash hit is checked against the
// token the slot was made for (its place in the owner's token string), so two different tokens
// with one hash never link records: the hash only finds candidates, equality of the texts decides.
import { TOKEN_SEPARATOR } from './records';

const EMPTY = -1;
/** Slots in use at most, as a share of all: linear probing stays short below this. */
const MAX_LOAD = 0.7;

export type TokenHash = (text: string, start: number, end: number) => number;

export class TokenOwners {
  private hashes: Uint32Array;
  private owners: Int32Array;
  /** Where the slot's token starts in its owner's token string. */
  private starts: Int32Array;
  private count = 0;

  /**
   * `expected`: about how many tokens will be claimed (the table grows past it). `tokensOf(record)`
   * is the record's token string (tokens joined by TOKEN_SEPARATOR); `hash`
   * is replaceable for tests (a constant one makes every token collide).
   */
  constructor(
    expected: number,
    private readonly tokensOf: (record: number) => string,
    private readonly hash: TokenHash = tokenHash,
  ) {
    let capacity = 16;
    while (capacity * MAX_LOAD < expected) capacity *= 2;
    this.hashes = new Uint32Array(capacity);
    this.owners = new Int32Array(capacity).fill(EMPTY);
    this.starts = new Int32Array(capacity);
  }

  /**
   * The first record holding the token text[start, end); when none did, `record` becomes its owner
   * and the answer is -1.
   */
  claim(text: string, start: number, end: number, record: number): number {
    const h = this.hash(text, start, end);
    const mask = this.owners.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const owner = this.owners[slot]!;
      if (owner === EMPTY) {
        this.hashes[slot] = h;
        this.owners[slot] = record;
        this.starts[slot] = start;
        if (++this.count > this.owners.length * MAX_LOAD) this.grow();
        return -1;
      }
      if (this.hashes[slot] === h && this.isToken(slot, text, start, end)) return owner;
    }
  }

  /** The first record holding `token`, if any. */
  ownerOf(token: string): number | undefined {
    const h = this.hash(token, 0, token.length);
    const mask = this.owners.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const owner = this.owners[slot]!;
      if (owner === EMPTY) return undefined;
      if (this.hashes[slot] === h && this.isToken(slot, token, 0, token.length)) return owner;
    }
  }

  /** Whether the slot was made for the token text[start, end). */
  private isToken(slot: number, text: string, start: number, end: number): boolean {
    const tokens = this.tokensOf(this.owners[slot]!);
    const at = this.starts[slot]!;
    const length = end - start;
    const stop = at + length;
    if (stop > tokens.length || (stop < tokens.length && tokens[stop] !== TOKEN_SEPARATOR)) return false;
    for (let i = 0; i < length; i++) if (tokens.charCodeAt(at + i) !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private grow(): void {
    const { hashes, owners, starts } = this;
    this.hashes = new Uint32Array(owners.length * 2);
    this.owners = new Int32Array(owners.length * 2).fill(EMPTY);
    this.starts = new Int32Array(owners.length * 2);
    const mask = this.owners.length - 1;
    for (let i = 0; i < owners.length; i++) {
      if (owners[i] === EMPTY) continue;
      let slot = hashes[i]! & mask;
      while (this.owners[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[i]!;
      this.owners[slot] = owners[i]!;
      this.starts[slot] = starts[i]!;
    }
  }
}

/** cyrb53's mixing over text[start, end), 32 bits kept (a separator never occurs inside a token). */
export function tokenHash(text: string, start: number, end: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  return h1 >>> 0;
}
