// Streams a CSV file: decode (UTF-8/BOM/UTF-16/GB18030), tokenize, recognize the header, convert rows.
import iconv from 'iconv-lite';
import { readChunks } from '../chunks';
import { describeEncoding, isLegacyEncoding, type FileEncoding } from '../encoding';
import { GUESS_SAMPLE_BYTES, guessLegacyCharset, loadLegacyCharsetGuesser, type GuessContext } from '../legacy-charset';
import type { ImportRun } from '../run';
import type { ColumnMapping, ContactField } from '../types';
import { mappingIsUsable, rulesForHeaders, type ColumnRule } from './columns';
import { crowdedNameIssue, NameTally, shownName } from './names';
import { detectCsvFormat, type CsvFormat } from './profiles';
import { rowToResult } from './rows';
import { CsvTokenizer, detectDelimiter } from './tokenizer';

export interface CsvLayout {
  format: CsvFormat;
  delimiter: string;
  /** Header row, or synthetic "Column N" names for header-less exports. */
  headers: string[];
  hasHeader: boolean;
  rules: ColumnRule[];
  typeColumn?: number;
}

/** WechatExporter writes no header: 4 quoted columns (5 in debug builds), a portrait URL among them. */
function looksLikeWechatExporter(first: string[], allQuoted: boolean): 'release' | 'debug' | undefined {
  if (!allQuoted) return undefined;
  const isUrlOrEmpty = (v: string | undefined) => v === '' || /^https?:\/\//i.test(v ?? '');
  if (first.length === 4 && isUrlOrEmpty(first[2]) && first[0] !== '') return 'release';
  if (first.length === 5 && isUrlOrEmpty(first[4]) && first[0] !== '') return 'debug';
  return undefined;
}

const WECHATEXPORTER_RULES: Record<'release' | 'debug', ContactField[]> = {
  release: ['wechatId', 'name', 'ignore', 'label'],
  debug: ['wxid', 'wechatId', 'name', 'label', 'ignore'],
};

/** Decides how to read the file from its first row. */
export function layoutFromFirstRow(first: string[], allQuoted: boolean, delimiter: string): CsvLayout {
  const headerRules = rulesForHeaders(first);
  const headerUsable = mappingIsUsable(Object.fromEntries(headerRules.map((r, i) => [i, r.field])));
  const exporter = headerUsable ? undefined : looksLikeWechatExporter(first, allQuoted);
  if (exporter) {
    const fields = WECHATEXPORTER_RULES[exporter];
    return {
      format: 'wechat-wechatexporter',
      delimiter,
      headers: fields.map((f, i) => `Column ${i + 1} (${f})`),
      hasHeader: false,
      rules: fields.map((field) => (field === 'label' ? { field, separator: /\s+/ } : { field })),
    };
  }
  const format = detectCsvFormat(first);
  const typeColumn = format === 'wechat-weflow-csv' ? first.findIndex((h) => h.trim() === '类型') : -1;
  return {
    format,
    delimiter,
    headers: first.map((h) => h.replace(/^\ufeff/, '').trim()),
    hasHeader: true,
    rules: headerRules,
    typeColumn: typeColumn >= 0 ? typeColumn : undefined,
  };
}

export function applyMapping(rules: ColumnRule[], mapping: ColumnMapping, columns: number): ColumnRule[] {
  const out: ColumnRule[] = [];
  for (let i = 0; i < columns; i++) out.push({ ...(rules[i] ?? {}), field: mapping[i] ?? 'ignore' });
  return out;
}

export function textDecoderFor(encoding: string): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') {
    const d = new TextDecoder('utf-8', { ignoreBOM: false });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding);
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/**
 * The head's lines that carry bytes beyond ASCII, one a line: what a CSV's code page is guessed
 * from (the header and number columns say nothing about it). The head's last line may be cut
 * inside a character, so it is left out when more follows.
 */
function legacySample(head: Buffer, truncated: boolean): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const end = truncated ? Math.max(0, head.lastIndexOf(0x0a)) : head.length;
  for (let start = 0; start < end && size < GUESS_SAMPLE_BYTES; ) {
    let stop = head.indexOf(0x0a, start);
    if (stop < 0 || stop > end) stop = end;
    const line = head.subarray(start, stop + 1);
    if (line.some((b) => b >= 0x80)) {
      parts.push(line);
      size += line.length;
    }
    start = stop + 1;
  }
  return Buffer.concat(parts);
}

/**
 * The code page a CSV that is neither UTF-8 nor UTF-16 is read in: the one the user chose, else
 * the guess from its head (the same detector as vCards', legacy-charset.ts). Undefined for UTF
 * files, whatever was chosen: their bytes say what they are.
 */
export async function csvCharset(
  encoding: FileEncoding,
  head: Buffer,
  opts: { chosen?: string; truncated: boolean } & GuessContext,
): Promise<{ charset: string; chosen: boolean } | undefined> {
  if (!isLegacyEncoding(encoding)) return undefined;
  if (opts.chosen) return { charset: opts.chosen, chosen: true };
  await loadLegacyCharsetGuesser();
  const guessed = guessLegacyCharset(legacySample(head, opts.truncated), opts);
  return guessed ? { charset: guessed, chosen: false } : undefined;
}

export interface CsvReadResult {
  layout?: CsvLayout;
  encoding: string;
}

/** `encoding`: what sniffing found (UTF-8, UTF-16) or the code page a legacy file is read in (csvCharset). */
export async function readCsvFile(run: ImportRun, encoding: string, headText: string): Promise<CsvReadResult> {
  const delimiter = detectDelimiter(headText.replace(/^\ufeff/, ''));
  let layout: CsvLayout | undefined;
  let rules: ColumnRule[] = [];
  let rowNo = 0;
  let officials = 0;
  let stop = false;
  let replacementSeen = false;
  const names = new NameTally();

  const onRow = (rawFields: string[], line: number, allQuoted: boolean) => {
    if (stop) return;
    rowNo++;
    const fields = rowNo === 1 && rawFields[0] ? [rawFields[0].replace(/^\ufeff/, ''), ...rawFields.slice(1)] : rawFields;
    if (!layout) {
      layout = layoutFromFirstRow(fields, allQuoted, delimiter);
      rules = run.mapping ? applyMapping(layout.rules, run.mapping, Math.max(fields.length, ...Object.keys(run.mapping).map((k) => Number(k) + 1))) : layout.rules;
      if (!mappingIsUsable(Object.fromEntries(rules.map((r, i) => [i, r.field])))) {
        run.error(
          `No usable column: none of the columns (${layout.headers.slice(0, 12).join(', ')}) is a name, phone, e-mail or WeChat ID. ` +
            'Choose what each column means and import again.',
          'row 1',
          line,
          { code: 'csv-no-usable-column', params: { columns: layout.headers.slice(0, 12).join(', ') } },
        );
        stop = true;
        return;
      }
      if (layout.hasHeader) return;
    }
    const record = `row ${rowNo}`;
    if (!replacementSeen && fields.some((f) => f.includes('\ufffd'))) {
      replacementSeen = true;
      run.warn('Some characters could not be decoded (the file mixes text encodings?)', record, line, { code: 'row-bad-characters', params: { row: rowNo, line } });
    }
    if (layout.format === 'wechat-chatlog' && fields.length > 4) {
      run.warn(`Row has ${fields.length} fields instead of 4 (a comma in a name?); remark and nickname may be split wrongly`, record, line, {
        code: 'row-extra-fields',
        params: { row: rowNo, line, count: fields.length, expected: 4 },
      });
      fields.splice(3, fields.length - 3, fields.slice(3).join(','));
    }
    try {
      const result = rowToResult(fields, rules, { file: run.file, record }, { typeColumn: layout.typeColumn });
      if (result.kind === 'contact') {
        const shown = shownName(result.contact, fields, rules);
        if (shown) names.add(shown);
        run.emit(result.contact);
      }
      else if (result.kind === 'group') run.groups.push(result.group);
      else if (result.kind === 'official') {
        officials++;
        run.skip();
      } else run.skip();
    } catch (err) {
      run.error(`Skipped: row could not be read (${(err as Error).message})`, record, line, { code: 'row-unreadable', params: { row: rowNo, line } });
      run.skip();
    }
  };

  const tokenizer = new CsvTokenizer(delimiter, onRow, (line, reason, code) => {
    run.error(`Skipped a broken row: ${reason}`, undefined, line, { code, params: { line } });
    run.skip();
  });
  const decoder = textDecoderFor(encoding);
  for await (const chunk of readChunks(run.path, { signal: run.signal, onProgress: run.onProgress })) {
    tokenizer.push(decoder.write(chunk));
    if (stop) break;
  }
  if (!stop) {
    tokenizer.push(decoder.end());
    tokenizer.end();
  }
  if (!layout) run.error('The file has no rows', undefined, undefined, { code: 'csv-no-rows' });
  for (const entry of names.crowded()) {
    const { message, coded } = crowdedNameIssue(entry, layout?.headers ?? []);
    run.warn(message, undefined, undefined, coded);
  }
  if (officials > 0) run.warn(`Left out ${officials} official account(s) (gh_…)`, undefined, undefined, { code: 'officials-left-out', params: { count: officials } });
  return { layout, encoding: describeEncoding(encoding) };
}
