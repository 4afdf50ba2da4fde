// The one CSV tokenizer (contact spreadsheets and chat exporters' CSVs alike), streaming over decoded
// text: quoted fields with embedded newlines and doubled quotes, CRLF/LF/CR line ends, a quote or
// CRLF split across chunks. A runaway quote (no closing quote for many lines) or a row over 1 MB is
// reported and reset so that one bad row cannot swallow the rest of the file; a row the file cuts
// inside a quoted field is reported, not given out half.

export type RowHandler = (fields: string[], line: number, quotedAll: boolean) => void;

/** Why a row was given up, as a code for the UI (`reason` stays the English words). */
export type BrokenRowCode = 'row-unclosed-quote' | 'row-too-long' | 'row-ends-in-quote';
export type BrokenRowHandler = (line: number, reason: string, code: BrokenRowCode) => void;

const MAX_ROW_CHARS = 1 << 20;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const MAX_ROW_LINES = 2000;

export class CsvTokenizer {
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  /** A closing quote was just read: a second quote means a literal quote. */
  private quoteClosed = false;
  private fieldQuoted = false;
  private allQuoted = true;
  private line = 1;
  private rowLine = 1;
  private rowChars = 0;
  private pendingCr = false;
  /** The row was given up (too long): read on to its end without keeping anything. */
  private discarding = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRow: RowHandler,
    private readonly onBrokenRow?: BrokenRowHandler,
  ) {}

  push(text: string): void {
    const d = this.delimiter.charCodeAt(0);
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        // Fast path: everything up to the next quote or line break belongs to the field.
        let j = i;
        while (j < n) {
          const e = text.charCodeAt(j);
          if (e === QUOTE || e === LF || e === CR) break;
          j++;
        }
        if (j > i) {
          if (!this.discarding) this.field += text.slice(i, j);
          this.rowChars += j - i;
          i = j;
          if (this.rowChars > MAX_ROW_CHARS) this.discardRow();
          continue;
        }
        if (c === QUOTE) {
          this.inQuotes = false;
          this.quoteClosed = true;
          i++;
          continue;
        }
        // A line break inside a quoted field: kept as \n whatever the file used.
        this.line++;
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else this.pendingCr = true;
        }
        if (!this.discarding) this.field += '\n';
        i++;
        if (this.line - this.rowLine > MAX_ROW_LINES) this.abandonRow('a quoted field is never closed', 'row-unclosed-quote');
        continue;
      }
      if (c === QUOTE) {
        if (this.quoteClosed) {
          // "" inside a quoted field (also when the two quotes came in different chunks)
          if (!this.discarding) this.field += '"';
          this.inQuotes = true;
          this.quoteClosed = false;
        } else if (this.field === '') {
          this.inQuotes = true;
          this.fieldQuoted = true;
        } else if (!this.discarding) this.field += '"'; // a stray quote inside an unquoted field is kept
        i++;
        continue;
      }
      this.quoteClosed = false;
      if (c === d) {
        this.endField();
        i++;
      } else if (c === LF || c === CR) {
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else this.pendingCr = true;
        }
        this.endRow();
        this.line++;
        this.rowLine = this.line;
        i++;
      } else {
        // Fast path: an unquoted run up to the next delimiter, quote or line break.
        let j = i + 1;
        while (j < n) {
          const e = text.charCodeAt(j);
          if (e === d || e === QUOTE || e === LF || e === CR) break;
          j++;
        }
        if (!this.discarding) this.field += text.slice(i, j);
        this.rowChars += j - i;
        i = j;
        if (this.rowChars > MAX_ROW_CHARS) this.discardRow();
      }
    }
  }

  /** The end of the text. A row the file cut inside a quoted field is reported, not given out half. */
  end(): void {
    if (this.discarding) return this.reset(); // told already
    if (this.inQuotes) {
      this.onBrokenRow?.(this.rowLine, 'the file ends inside a quoted field', 'row-ends-in-quote');
      this.reset();
      return;
    }
    if (this.field !== '' || this.fieldQuoted || this.fields.length > 0) this.endRow();
  }

  private endField(): void {
    if (this.discarding) {
      this.field = '';
      this.fieldQuoted = false;
      return;
    }
    if (!this.fieldQuoted && this.field !== '') this.allQuoted = false;
    this.fields.push(this.field);
    this.field = '';
    this.fieldQuoted = false;
  }

  private endRow(): void {
    // An empty line is no row; a line holding only "" is a row with one empty field.
    if (this.discarding) return this.reset();
    const quoted = this.fieldQuoted;
    this.endField();
    const fields = this.fields;
    const blank = fields.length === 1 && fields[0] === '' && !quoted;
    if (!blank) this.onRow(fields, this.rowLine, this.allQuoted);
    this.reset();
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
    this.quoteClosed = false;
    this.fieldQuoted = false;
    this.allQuoted = true;
    this.rowChars = 0;
    this.discarding = false;
  }

  /**
   * A row over 1 MB is told once and its rest read without keeping it (quotes still followed, so
   * its end is found where the file has it), then the next row is read as usual.
   */
  private discardRow(): void {
    if (this.discarding) return;
    this.onBrokenRow?.(this.rowLine, 'the row is longer than 1 MB', 'row-too-long');
    this.fields = [];
    this.field = '';
    this.discarding = true;
  }

  private abandonRow(reason: string, code: BrokenRowCode): void {
    this.onBrokenRow?.(this.rowLine, reason, code);
    this.reset();
    this.rowLine = this.line;
  }
}

/** Picks `,` `;` or tab: the one that splits the first lines most often and most consistently. */
export function detectDelimiter(sample: string): string {
  const lines: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    if ((ch === '\n' || ch === '\r') && !quoted) {
      if (cur.trim()) lines.push(cur);
      cur = '';
      if (lines.length >= 6) break;
      continue;
    }
    if (!quoted) cur += ch;
  }
  if (cur.trim() && lines.length < 6) lines.push(cur);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const consistent = counts.filter((c) => c === header).length;
    const score = header * (consistent / counts.length) + (d === '|' ? -0.5 : 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
