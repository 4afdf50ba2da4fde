// Chat exporters' CSVs, read by the one CSV tokenizer (import/csv/tokenizer.ts) and given out as
// records with the line each starts on; a row the tokenizer gives up is an event naming its line.
import { CsvTokenizer, type BrokenRowCode } from '../import/csv/tokenizer';

export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export type CsvEvent = { type: 'record'; record: CsvRecord } | { type: 'broken'; line: number; reason: string; code: BrokenRowCode };

export async function* readCsv(chunks: AsyncIterable<string>): AsyncIterable<CsvEvent> {
  const out: CsvEvent[] = [];
  const tokenizer = new CsvTokenizer(
    ',',
    (fields, line) => out.push({ type: 'record', record: { fields, line } }),
    (line, reason, code) => out.push({ type: 'broken', line, reason, code }),
  );
  for await (const chunk of chunks) {
    tokenizer.push(chunk);
    yield* out;
    out.length = 0;
  }
  tokenizer.end();
  yield* out;
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
    if (event.type === 'broken') {
      // A file cut inside a quoted field keeps the chat exporters' own words; the rest, the tokenizer's.
      if (event.code === 'row-ends-in-quote') {
        yield { type: 'skip', line: event.line, reason: 'record cut off: a quoted field is never closed (truncated file?)', code: 'chat-row-cut-off' };
      } else yield { type: 'skip', line: event.line, reason: event.reason, code: event.code, params: { line: event.line } };
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
