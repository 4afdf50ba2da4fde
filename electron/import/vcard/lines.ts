// Splits a byte stream into physical lines (CRLF, LF or lone CR), keeping line numbers.
// A line is handed on as a range of a chunk buffer, not as a Buffer view of it (making a view per
// line was two thirds of the splitter's time); only a line cut by a chunk boundary is copied, once,
// when it ends. Linear in the input: each byte is scanned once and the unfinished line's pieces are kept
// as a list (joining them at every chunk made a 64 MB one-line file take 73 s). A line longer than
// `maxLineBytes` is not kept at all: its bytes are dropped as they come and it is reported.

/** A line is the bytes [start, end) of `data`, which the handler may keep views of but never change. */
export type LineHandler = (data: Buffer, start: number, end: number, lineNo: number) => void;

const EMPTY = Buffer.alloc(0);

export interface LineSplitterOptions {
  /** Longest line kept (default: unlimited). */
  maxLineBytes?: number;
  /** A longer line ended (or the input did): its number and length; it was not passed to the handler. */
  onOverlong?: (lineNo: number, bytes: number) => void;
}

const LF = 0x0a;
const CR = 0x0d;
const NO_WORDS = new Int32Array(0);

export class ByteLineSplitter {
  /** The unfinished line's bytes from earlier chunks (copies: chunk buffers are reused). */
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  /** Bytes of the unfinished line dropped because it is already too long; 0 when it is not. */
  private overlongBytes = 0;
  private lineNo = 0;
  /** A CR ended the previous chunk: a LF at the start of the next one belongs to it. */
  private pendingCr = false;
  /** Bytes copied so far (for tests: stays proportional to the input). */
  copiedBytes = 0;
  private readonly maxLineBytes: number;

  constructor(
    private readonly onLine: LineHandler,
    private readonly options: LineSplitterOptions = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? Number.POSITIVE_INFINITY;
  }

  push(chunk: Buffer): void {
    let data = chunk;
    // (An empty chunk, as a UTF-16 decoder gives for one byte, leaves a pending CR pending.)
    if (this.pendingCr && chunk.length > 0) {
      this.pendingCr = false;
      if (data.length > 0 && data[0] === LF) data = data.subarray(1);
    }
    const n = data.length;
    let start = 0;
    // One pass over the bytes in JavaScript: a line end is the only byte <= CR that matters. Two
    // native indexOf calls per line (LF, then CR) cost three times this loop on CRLF files.
    // Where the bytes are aligned they are tested four at a time first: a 32-bit word none of whose
    // bytes is below 0x0E holds no line end (a third less time on 3.0 and 2.1 files).
    const lead = (4 - (data.byteOffset & 3)) & 3;
    const wordCount = n > lead ? (n - lead) >> 2 : 0;
    const words = wordCount > 0 ? new Int32Array(data.buffer, data.byteOffset + lead, wordCount) : NO_WORDS;
    const wordsEnd = lead + wordCount * 4;
    for (let i = 0; i < n; i++) {
      if (i >= lead && i < wordsEnd && ((i - lead) & 3) === 0) {
        const x = words[(i - lead) >> 2]!;
        // Some byte of x is below 0x0E exactly when this is not 0 (the "has less than" bit trick).
        if (((x - 0x0e0e0e0e) & ~x & 0x80808080) === 0) {
          i += 3;
          continue;
        }
      }
      const b = data[i]!;
      if (b > CR || (b !== LF && b !== CR)) continue;
      this.finishLine(data, start, i);
      if (b === CR) {
        if (i + 1 < n) {
          if (data[i + 1] === LF) i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
    }
    if (start < n) this.keep(data.subarray(start));
  }

  end(): void {
    if (this.pieceBytes > 0 || this.overlongBytes > 0) this.finishLine(EMPTY, 0, 0);
  }

  private keep(rest: Buffer): void {
    if (this.overlongBytes > 0) {
      this.overlongBytes += rest.length;
      return;
    }
    if (this.pieceBytes + rest.length > this.maxLineBytes) {
      this.overlongBytes = this.pieceBytes + rest.length;
      this.pieces = [];
      this.pieceBytes = 0;
      return;
    }
    this.pieces.push(Buffer.from(rest));
    this.pieceBytes += rest.length;
    this.copiedBytes += rest.length;
  }

  private finishLine(data: Buffer, start: number, end: number): void {
    const lineNo = ++this.lineNo;
    const bytes = this.overlongBytes + this.pieceBytes + end - start;
    if (this.overlongBytes > 0 || bytes > this.maxLineBytes) {
      this.overlongBytes = 0;
      this.pieces = [];
      this.pieceBytes = 0;
      this.options.onOverlong?.(lineNo, bytes);
      return;
    }
    if (this.pieces.length === 0) {
      this.onLine(data, start, end, lineNo);
      return;
    }
    this.pieces.push(data.subarray(start, end));
    const line = Buffer.concat(this.pieces, bytes);
    this.copiedBytes += bytes;
    this.pieces = [];
    this.pieceBytes = 0;
    this.onLine(line, 0, bytes, lineNo);
  }
}
