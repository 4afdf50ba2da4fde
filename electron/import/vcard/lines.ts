// Splits a byte stream into physical lines (CRLF, LF or lone CR), keeping line numbers.
// Lines are views into the chunk buffers; only a line cut by a chunk boundary is copied.

export type LineHandler = (line: Buffer, lineNo: number) => void;

const LF = 0x0a;
const CR = 0x0d;

export class ByteLineSplitter {
  private rest: Buffer | undefined;
  private lineNo = 0;
  /** A CR ended the previous chunk: a LF at the start of the next one belongs to it. */
  private pendingCr = false;

  constructor(private readonly onLine: LineHandler) {}

  push(chunk: Buffer): void {
    let data = chunk;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (data.length > 0 && data[0] === LF) data = data.subarray(1);
    }
    if (this.rest) {
      data = Buffer.concat([this.rest, data]);
      this.rest = undefined;
    }
    let start = 0;
    const n = data.length;
    let i = 0;
    while (i < n) {
      const b = data[i]!;
      if (b !== LF && b !== CR) {
        // Jump to the next line break quickly; CR is rare so look for LF first.
        const lf = data.indexOf(LF, i);
        const end = lf < 0 ? n : lf;
        const cr = data.subarray(i, end).indexOf(CR);
        i = cr < 0 ? end : i + cr;
        continue;
      }
      this.onLine(data.subarray(start, i), ++this.lineNo);
      if (b === CR) {
        if (i + 1 < n) {
          if (data[i + 1] === LF) i++;
        } else {
          this.pendingCr = true;
        }
      }
      i++;
      start = i;
    }
    if (start < n) this.rest = Buffer.from(data.subarray(start));
  }

  end(): void {
    if (this.rest && this.rest.length > 0) this.onLine(this.rest, ++this.lineNo);
    this.rest = undefined;
  }
}
