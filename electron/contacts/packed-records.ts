// The records one file brought into the book, packed: each record's JSON text in UTF-8, one after
// the other (comma-separated) in a few large buffers, with where each one starts and ends.
//
// Why: a case holds every record of every import for its whole life. As JS objects, 100k vCard
// records take ~120 MB of heap (each string, list and object has its own header), which the
// garbage collector walks on every major collection; packed they take ~40 MB outside the heap,
// which it never walks. A record is decoded (JSON.parse, a few microseconds) when it is needed:
// while its file is prepared for the merge, when a person is built, when a record is shown.
// The packed text is also what the book file holds, so saving a book writes these buffers.
import type { RawContact } from '../../shared/types';

/** Buffers are filled up to this size; a larger record gets a buffer of its own. */
const CHUNK_BYTES = 1 << 20;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit: room for a text of n units is 3n bytes. */
const MAX_BYTES_PER_UNIT = 3;
const COMMA = 0x2c;

/** Read-only: records are values, and a file's new import brings a new PackedRecords. */
export class PackedRecords implements Iterable<RawContact> {
  /** Made by RecordPacker.finish(). */
  constructor(
    /** Each chunk: records' JSON separated by commas, exactly as long as what it holds. */
    private readonly chunks: readonly Buffer[],
    /** Per record: chunk index, start and end byte (3 numbers). */
    private readonly spans: Uint32Array,
    readonly length: number,
  ) {}

  static readonly EMPTY = new PackedRecords([], new Uint32Array(0), 0);

  /** Packs records given as objects (a book read from disk, tests). `undefined` packs as null, as in JSON. */
  static from(records: Iterable<unknown>): PackedRecords {
    const packer = new RecordPacker();
    for (const record of records) packer.push(record);
    return packer.finish();
  }

  /** Record `index`, decoded: a new object on every call, which the caller may keep or change. */
  at(index: number): RawContact {
    return JSON.parse(this.jsonAt(index)) as RawContact;
  }

  /** The JSON text of record `index`. */
  jsonAt(index: number): string {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`no record ${index} (of ${this.length})`);
    const s = this.spans;
    return this.chunks[s[3 * index]!]!.toString('utf8', s[3 * index + 1]!, s[3 * index + 2]!);
  }

  *[Symbol.iterator](): Iterator<RawContact> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** JSON.stringify(book) writes the records as the array they are. */
  toJSON(): RawContact[] {
    return [...this];
  }

  /** The records as the inside of a JSON array ("{…},{…}"), in UTF-8 pieces: the packed bytes themselves. */
  *jsonBody(): Generator<Uint8Array> {
    for (let i = 0; i < this.chunks.length; i++) {
      if (i > 0) yield SEPARATOR;
      yield this.chunks[i]!;
    }
  }
}

const SEPARATOR = Uint8Array.of(COMMA);

/** Builds a PackedRecords one record at a time (as a parser gives them). */
export class RecordPacker {
  private readonly chunks: Buffer[] = [];
  private current: Buffer | undefined;
  private used = 0;
  private spans = new Uint32Array(3 * 1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends a record (any JSON value; `undefined` becomes null, as in a JSON array). */
  push(record: unknown): void {
    this.pushText(JSON.stringify(record) ?? 'null');
  }

  /** Appends a record given as its JSON text (one JSON value, as JSON.stringify gives it). */
  pushText(json: string): void {
    const start = this.room(json.length * MAX_BYTES_PER_UNIT);
    this.used += this.current!.write(json, start, 'utf8');
    this.recordSpan(start);
  }

  /** Appends a record given as its JSON text in UTF-8: `bytes` from `start` to `end` (one JSON value). */
  pushJson(bytes: Uint8Array, start: number, end: number): void {
    const at = this.room(end - start);
    this.current!.set(bytes.subarray(start, end), at);
    this.used += end - start;
    this.recordSpan(at);
  }

  /** Where the next record starts, with room for `bytes` more after its separator. */
  private room(bytes: number): number {
    if (!this.current || this.current.length - this.used < 1 + bytes) this.startChunk(1 + bytes);
    if (this.used > 0) this.current![this.used++] = COMMA;
    return this.used;
  }

  private recordSpan(start: number): void {
    if (3 * (this.count + 1) > this.spans.length) {
      const grown = new Uint32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    const at = 3 * this.count++;
    this.spans[at] = this.chunks.length - 1;
    this.spans[at + 1] = start;
    this.spans[at + 2] = this.used;
  }

  /** The packed records; the packer must not be used afterwards. */
  finish(): PackedRecords {
    this.closeChunk();
    if (this.count === 0) return PackedRecords.EMPTY;
    return new PackedRecords(this.chunks, this.spans.slice(0, 3 * this.count), this.count);
  }

  private startChunk(room: number): void {
    this.closeChunk();
    this.current = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, room));
    this.used = 0;
    this.chunks.push(this.current);
  }

  /**
   * A chunk is cut to what it holds (nothing more is written when the book is saved). A full one
   * keeps its buffer: the room left is less than one record's worst case, and copying every chunk
   * out (40 MB at 100k cards) cost more than its bytes, V8 counting each copy as new external memory.
   * One mostly empty (the last, a small file's) is copied out, so no large room is kept for good.
   */
  private closeChunk(): void {
    if (!this.current) return;
    if (this.used < this.current.length - (this.current.length >> 3)) {
      const exact = Buffer.allocUnsafeSlow(this.used);
      this.current.copy(exact, 0, 0, this.used);
      this.chunks[this.chunks.length - 1] = exact;
    } else if (this.used < this.current.length) {
      this.chunks[this.chunks.length - 1] = this.current.subarray(0, this.used);
    }
    this.current = undefined;
  }
}
