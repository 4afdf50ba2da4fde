// Streaming CSV reader (RFC 4180 plus what exporters really write): quoted fields may hold commas,
// quotes ("") and line breaks. Yields each record with the line it starts on; a quote left open at
// the end of the file is reported, not silently swallowed.

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export type CsvEvent = { type: 'record'; record: CsvRecord } | { type: 'unterminated'; line: number };

export async function* readCsv(chunks: AsyncIterable<string>): AsyncIterable<CsvEvent> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteJustClosed = false;
  let line = 1;
  let recordLine = 1;
  let recordHasContent = false;
  let pendingCr = false;

  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    const done = recordHasContent ? { fields, line: recordLine } : undefined;
    fields = [];
    field = '';
    recordHasContent = false;
    quoteJustClosed = false;
    return done;
  };

  for await (const chunk of chunks) {
    const out: CsvRecord[] = [];
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (pendingCr) {
        pendingCr = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (inQuotes) {
        // Fast path: copy up to the next quote or line break.
        let j = i;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === 34 || d === 10 || d === 13) break;
          j++;
        }
        if (j > i) {
          field += chunk.slice(i, j);
          i = j;
          continue;
        }
        if (c === 34) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === 34) {
              field += '"';
              i += 2;
            } else {
              inQuotes = false;
              quoteJustClosed = true;
              i++;
            }
          } else {
            // Quote at chunk end: decide with the next chunk.
            inQuotes = false;
            quoteJustClosed = true;
            i++;
          }
          continue;
        }
        // Line break inside a quoted field.
        field += '\n'; // line ends inside a field are normalised to \n
        if (c === 13) pendingCr = true;
        line++;
        i++;
        continue;
      }
      if (c === 34) {
        if (quoteJustClosed) {
          // "" split across chunks, or a stray quote right after a closing one: it is a literal quote.
          field += '"';
          inQuotes = true;
          quoteJustClosed = false;
        } else if (field.length === 0) {
          inQuotes = true;
          recordHasContent = true;
        } else {
          field += '"'; // stray quote in an unquoted field: keep it
        }
        i++;
        continue;
      }
      quoteJustClosed = false;
      if (c === 44) {
        fields.push(field);
        field = '';
        recordHasContent = true;
        i++;
        continue;
      }
      if (c === 10 || c === 13) {
        const rec = endRecord();
        if (rec) out.push(rec);
        if (c === 13) pendingCr = true;
        line++;
        recordLine = line;
        i++;
        continue;
      }
      let j = i;
      while (j < n) {
        const d = chunk.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13 || d === 34) break;
        j++;
      }
      field += chunk.slice(i, j);
      recordHasContent = true;
      i = j;
    }
    for (const record of out) yield { type: 'record', record };
  }
  if (inQuotes) {
    yield { type: 'unterminated', line: recordLine };
    return;
  }
  const last = endRecord();
  if (last) yield { type: 'record', record: last };
}

/** Maps a header row to column positions, ignoring a BOM and surrounding blanks. */
export function headerIndex(header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => index.set(name.replace(/^\uFEFF/, '').trim(), i));
  return index;
}

/** A data row of a CSV with a header: its fields, its line, and a lookup by column name. */
export interface HeadedRow {
  type: 'row';
  fields: string[];
  line: number;
  get(name: string): string;
  columns: Map<string, number>;
}

export type HeadedCsvEvent =
  | HeadedRow
  | { type: 'skip'; line?: number; reason: string; code: string; params?: Record<string, number> };

/**
 * Rows of an exporter's CSV after its header row. A record cut off by an unclosed quote, or with
 * fewer fields than the format's columns, comes out as a skip naming its line — the same words for
 * every chat format that reads CSV. A file without even a header row is reported as empty.
 */
export async function* readHeadedCsv(chunks: AsyncIterable<string>, expectedColumns: number): AsyncIterable<HeadedCsvEvent> {
  let columns: Map<string, number> | undefined;
  for await (const event of readCsv(chunks)) {
    if (event.type === 'unterminated') {
      yield { type: 'skip', line: event.line, reason: 'record cut off: a quoted field is never closed (truncated file?)', code: 'chat-row-cut-off' };
      continue;
    }
    const { fields, line } = event.record;
    if (!columns) {
      columns = headerIndex(fields);
      continue;
    }
    if (fields.length < expectedColumns) {
      yield {
        type: 'skip',
        line,
        reason: `${fields.length} of ${expectedColumns} columns (cut-off or damaged row)`,
        code: 'chat-row-columns',
        params: { found: fields.length, expected: expectedColumns },
      };
      continue;
    }
    const col = columns;
    yield { type: 'row', fields, line, columns: col, get: (name) => fields[col.get(name) ?? -1] ?? '' };
  }
  if (!columns) yield { type: 'skip', reason: 'empty file', code: 'file-empty' };
}
