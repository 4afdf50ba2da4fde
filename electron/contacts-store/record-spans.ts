// Where each record of a contact book file lies in the file's bytes, so that reading a book packs
// every record as the bytes it already is (see contacts/packed-records.ts) instead of writing it
// out again with JSON.stringify: at 100k records that was ~0.5 s of a 4 s open, and 40 MB of
// strings for the collector.
//
// Only called on bytes JSON.parse has just accepted as a whole, so the text is valid JSON: the
// scan follows its structure (strings, nesting) and nothing else. Any layout it does not expect
// (a repeated key, where JSON.parse keeps the last) gives no spans, and the book is packed from
// its objects as before.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Per file: start and end byte of each record of its list, in list order (2 numbers per record). */
export type RecordSpans = Map<string, Uint32Array>;

/** The spans of the records in `book.records` of a book file's bytes; undefined when not found plainly. */
export function recordSpans(bytes: Uint8Array): RecordSpans | undefined {
  if (bytes.length >= 2 ** 32) return undefined;
  try {
    return new Scanner(bytes).book();
  } catch {
    return undefined;
  }
}

class Unexpected extends Error {}

class Scanner {
  private at = 0;

  constructor(private readonly bytes: Uint8Array) {}

  book(): RecordSpans | undefined {
    let spans: RecordSpans | undefined;
    let seenRecords = false;
    const keys = new Set<string>();
    this.expect(OPEN_OBJECT);
    this.members((key) => {
      if (keys.has(key)) throw new Unexpected();
      keys.add(key);
      if (key !== 'records') return this.skipValue();
      seenRecords = true;
      spans = this.peek() === OPEN_OBJECT ? this.files() : (this.skipValue(), undefined);
    });
    return seenRecords ? spans : undefined;
  }

  /** The records object: each file's list, when it is a list. */
  private files(): RecordSpans {
    const spans: RecordSpans = new Map();
    this.expect(OPEN_OBJECT);
    this.members((file) => {
      if (spans.has(file)) throw new Unexpected();
      if (this.peek() !== OPEN_ARRAY) {
        this.skipValue();
        spans.set(file, new Uint32Array(0)); // not a list: no records (and none packed from spans)
        return;
      }
      spans.set(file, this.elements());
    });
    return spans;
  }

  private elements(): Uint32Array {
    let out = new Uint32Array(2 * 1024);
    let n = 0;
    this.expect(OPEN_ARRAY);
    this.skipSpace();
    if (this.peek() === CLOSE_ARRAY) {
      this.at++;
      return out.slice(0, 0);
    }
    for (;;) {
      this.skipSpace();
      const start = this.at;
      this.skipValue();
      if (n + 2 > out.length) {
        const bigger = new Uint32Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[n++] = start;
      out[n++] = this.at;
      this.skipSpace();
      const next = this.bytes[this.at++];
      if (next === CLOSE_ARRAY) return out.slice(0, n);
      if (next !== COMMA) throw new Unexpected();
    }
  }

  /** Calls `member(key)` for each member of the object just opened, positioned on its value. */
  private members(member: (key: string) => void): void {
    this.skipSpace();
    if (this.peek() === CLOSE_OBJECT) {
      this.at++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const key = this.key();
      this.skipSpace();
      this.expect(COLON);
      this.skipSpace();
      member(key);
      this.skipSpace();
      const next = this.bytes[this.at++];
      if (next === CLOSE_OBJECT) return;
      if (next !== COMMA) throw new Unexpected();
    }
  }

  private key(): string {
    const start = this.at;
    this.skipString();
    return JSON.parse(Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.at - start).toString('utf8')) as string;
  }

  private skipValue(): void {
    const first = this.peek();
    if (first === QUOTE) return this.skipString();
    if (first === OPEN_OBJECT || first === OPEN_ARRAY) return this.skipNested();
    // A number, true, false or null: up to the next delimiter.
    while (this.at < this.bytes.length) {
      const b = this.bytes[this.at]!;
      if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isSpace(b)) break;
      this.at++;
    }
  }

  /** An object or array, strings inside skipped whole (they may hold brackets). */
  private skipNested(): void {
    this.at = endOfNested(this.bytes, this.at);
  }

  /** A string, from its opening quote to just after its closing one (a quote after an odd run of backslashes is escaped). */
  private skipString(): void {
    const bytes = this.bytes;
    if (bytes[this.at] !== QUOTE) throw new Unexpected();
    let from = this.at + 1;
    for (;;) {
      const quote = bytes.indexOf(QUOTE, from);
      if (quote < 0) throw new Unexpected();
      let slashes = 0;
      while (bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
      if (slashes % 2 === 0) {
        this.at = quote + 1;
        return;
      }
      from = quote + 1;
    }
  }

  private skipSpace(): void {
    while (this.at < this.bytes.length && isSpace(this.bytes[this.at]!)) this.at++;
  }

  private peek(): number | undefined {
    return this.bytes[this.at];
  }

  private expect(byte: number): void {
    if (this.bytes[this.at] !== byte) throw new Unexpected();
    this.at++;
  }
}

/**
 * Where the object or array opening at `start` ends (just after its closing bracket). One tight
 * loop over the bytes (most of a book is inside records): this runs over every byte of the file.
 */
function endOfNested(bytes: Uint8Array, start: number): number {
  let depth = 0;
  let inString = false;
  const length = bytes.length;
  for (let i = start; i < length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++; // the escaped byte is never the string's end
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
    else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 0) return i + 1;
  }
  throw new Unexpected();
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}
