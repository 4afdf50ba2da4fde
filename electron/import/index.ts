// Contact file import: recognize a file by content, stream its records out as RawContacts.
// Public API used by the rest of the app; see types.ts for the shapes.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ContactFormat } from '../../shared/types';
import { throwIfAborted } from './abort';
import { readHead } from './chunks';
import { LEGACY_CHARSETS } from '../../shared/contract/contact-words';
import type { LegacyCharset, PreviewName } from '../../shared/contract/contacts';
import type { ColumnRule } from './csv/columns';
import { crowdedNameIssue, NameTally, shownName } from './csv/names';
import { applyMapping, csvCharset, layoutFromFirstRow, readCsvFile } from './csv/reader';
import { rowToResult } from './csv/rows';
import { CsvTokenizer, detectDelimiter } from './csv/tokenizer';
import { describeEncoding } from './encoding';
import { reportEncodingGuess } from './legacy-charset';
import { ImportRun, issue } from './run';
import { decodeHead, sniff, SNIFF_BYTES, type Sniffed } from './sniff';
import type { ColumnMapping, ContactFilePreview, ContactFileSummary, ImportOptions } from './types';
import { guessVcardCharset, readVcardFile, vcardSampleNames } from './vcard/reader';
import { looksLikeEncryptedDatabase } from './wechat-db/identify';

export type { ColumnMapping, ContactField, ContactFilePreview, ContactFileSummary, ImportOptions } from './types';
export { CONTACT_FIELDS } from './types';
export { suggestMapping } from './csv/columns';

// Chat exports (message formats, zips), WeChat databases (node:sqlite) and JSON are read by modules
// a vCard or CSV never needs: loaded when a file is one of those, not at every start (`relink import`).
const chatExports = () => import('./chat-export');
const jsonFiles = () => import('./json');
const wechatDatabases = () => import('./wechat-db');
const wechatRecognition = () => import('./wechat-db/recognize');

function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}

interface Opened {
  size: number;
  head: Buffer;
  sniffed: Sniffed;
}

/** Stats and sniffs the file; on failure records an error in `run` and returns undefined. */
async function openFile(run: ImportRun): Promise<Opened | undefined> {
  let size: number;
  try {
    const st = await stat(run.path);
    if (!st.isFile()) {
      run.error('Not a file (a folder?)', undefined, undefined, { code: 'file-not-a-file' });
      return undefined;
    }
    size = st.size;
  } catch (err) {
    run.error(`Cannot open the file: ${(err as Error).message}`, undefined, undefined, { code: 'file-unopenable' });
    return undefined;
  }
  const head = await readHead(run.path, SNIFF_BYTES);
  const sniffed = sniff(head, size);
  if (sniffed.kind === 'empty') {
    run.error('The file is empty', undefined, undefined, { code: 'file-empty' });
    return undefined;
  }
  if (sniffed.kind === 'binary' && sniffed.whatCode === 'sqlite') return { size, head, sniffed };
  if (sniffed.kind === 'binary' && looksLikeEncryptedDatabase(run.file, head)) {
    run.error(
      'This database is encrypted. Relink reads WeChat databases only after they were decrypted (by the tool you used back then); it does not decrypt them itself',
      undefined,
      undefined,
      { code: 'wechat-db-encrypted' },
    );
    return undefined;
  }
  if (sniffed.kind === 'binary') {
    const { chatExportInZip, reportChatExport } = await chatExports();
    const chat = sniffed.whatCode === 'zip' ? await chatExportInZip(run.path) : undefined;
    if (chat) {
      reportChatExport(run, chat);
      return undefined;
    }
    run.error(`Not a contact export: the file looks like ${sniffed.what ?? 'binary data'}`, undefined, undefined, {
      code: 'file-binary',
      params: { kind: sniffed.whatCode ?? 'binary' },
    });
    return undefined;
  }
  if (sniffed.kind === 'csv' || sniffed.kind === 'json') {
    const [{ clearChatExport }, { reportChatExport }] = await Promise.all([import('../messages/detect'), chatExports()]);
    const chat = clearChatExport({ label: run.file, size, head: head.subarray(0, CHAT_SNIFF_BYTES), chunks: noChunks });
    if (chat) {
      reportChatExport(run, chat);
      return undefined;
    }
  }
  return { size, head, sniffed };
}

/** Enough of the head for the messages detector (it reads its own 64 KB). */
const CHAT_SNIFF_BYTES = 64 * 1024;
async function* noChunks(): AsyncIterable<Buffer> {}

export async function importContactFile(path: string, opts: ImportOptions): Promise<ContactFileSummary> {
  const file = opts.displayName ?? basename(path);
  const run = new ImportRun(path, file, opts.onContact, opts.signal, opts.onProgress, opts.mapping);
  throwIfAborted(opts.signal);
  let format: ContactFormat | 'unknown' = 'unknown';
  let encoding = 'unknown';
  try {
    const opened = await openFile(run);
    if (opened) {
      const { sniffed } = opened;
      encoding = describeEncoding(sniffed.encoding);
      if (sniffed.kind === 'binary') {
        format = (await wechatDatabases()).readWechatDatabase(run);
        encoding = 'SQLite';
      } else if (sniffed.kind === 'vcard') {
        format = 'vcard';
        encoding = await readVcardFile(run, sniffed.encoding, sniffed.bomLength, opened.head.subarray(sniffed.bomLength), opts.charset, { region: opts.region });
      } else if (sniffed.kind === 'json') {
        format = await (await jsonFiles()).readJsonFile(run, sniffed.encoding, sniffed.bomLength);
      } else {
        const legacy = await csvCharset(sniffed.encoding, opened.head, { chosen: opts.charset, truncated: opened.size > opened.head.length, region: opts.region });
        const result = await readCsvFile(run, legacy?.charset ?? sniffed.encoding, legacy ? decodeHead(opened.head, legacy.charset, 0) : sniffed.text);
        if (legacy && !legacy.chosen) reportEncodingGuess(run, legacy.charset);
        encoding = result.encoding;
        format = result.layout?.format ?? 'unknown';
        if (format !== 'unknown' && run.records === 0 && run.groups.length === 0 && !run.issues.some((i) => i.severity === 'error')) {
          run.error('No contact found in the file', undefined, undefined, { code: 'no-contact-found' });
        }
      }
    }
  } catch (err) {
    if (isAbort(err)) throw err;
    run.error(`Could not read the file: ${(err as Error).message}`, undefined, undefined, { code: 'file-unreadable' });
  }
  throwIfAborted(opts.signal);
  run.finish();
  const summary: ContactFileSummary = {
    file,
    format,
    encoding,
    records: run.records,
    skipped: run.skipped,
    groups: run.groups,
    issues: run.issues,
  };
  if (run.owner) summary.owner = run.owner;
  return summary;
}

const isLegacyCharset = (name: string | undefined): name is LegacyCharset => (LEGACY_CHARSETS as readonly (string | undefined)[]).includes(name);

const SAMPLE_ROWS = 5;
const SAMPLE_NAMES = 8;

/**
 * The names the rows read so far will show (the first SAMPLE_NAMES listed), and a warning for any
 * value that would name many of them: the rows are read exactly as the import reads them.
 */
function previewNames(preview: ContactFilePreview, data: { fields: string[] }[], rules: ColumnRule[], firstRow: number, typeColumn?: number): void {
  const tally = new NameTally();
  const names: PreviewName[] = [];
  data.forEach(({ fields }, i) => {
    const row = firstRow + i;
    const result = rowToResult(fields, rules, { file: preview.file, record: `row ${row}` }, { typeColumn });
    if (result.kind !== 'contact') return;
    const shown = shownName(result.contact, fields, rules);
    if (!shown) return;
    tally.add(shown);
    if (names.length < SAMPLE_NAMES) names.push({ row, name: shown.name, columns: shown.columns });
  });
  preview.names = names;
  for (const entry of tally.crowded()) {
    const { message, coded } = crowdedNameIssue(entry, preview.headers ?? []);
    preview.issues.push(issue(preview.file, 'warning', message, undefined, undefined, coded));
  }
}

export async function previewContactFile(
  path: string,
  opts: { displayName?: string; mapping?: ColumnMapping; charset?: LegacyCharset; region?: string } = {},
): Promise<ContactFilePreview> {
  const file = opts.displayName ?? basename(path);
  const run = new ImportRun(path, file, () => undefined);
  const preview: ContactFilePreview = { file, format: 'unknown', encoding: 'unknown', issues: run.issues };
  try {
    const opened = await openFile(run);
    if (!opened) return preview;
    const { sniffed, size, head } = opened;
    preview.encoding = describeEncoding(sniffed.encoding);
    if (sniffed.kind === 'binary') {
      // A database is read as it stands; counting its friends is the preview.
      const [{ readWechatDatabase }, { recognizeContactDatabase }] = await Promise.all([wechatDatabases(), wechatRecognition()]);
      preview.format = readWechatDatabase(run);
      preview.encoding = 'SQLite';
      preview.estimatedRecords = run.records;
      const recognized = preview.format === 'wechat-db' && run.records > 0 ? recognizeContactDatabase(path, file, { friends: run.records, groups: run.groups.length }) : undefined;
      if (recognized) preview.wechatDatabase = recognized;
    } else if (sniffed.kind === 'vcard') {
      preview.format = 'vcard';
      const body = head.subarray(sniffed.bomLength);
      const transcoded = sniffed.encoding === 'utf-16le' || sniffed.encoding === 'utf-16be';
      const guessed = transcoded ? undefined : await guessVcardCharset(sniffed.encoding, body, { region: opts.region });
      const charset = transcoded ? undefined : (opts.charset ?? (isLegacyCharset(guessed) ? guessed : undefined));
      if (charset) {
        preview.encoding = charset;
        preview.legacyCharset = { charset, chosen: opts.charset !== undefined, names: vcardSampleNames(body, charset) };
        if (!opts.charset) reportEncodingGuess(run, charset);
      }
      // A card that lost its BEGIN (or END) line still counts.
      const count = (marker: string) => (sniffed.text.match(new RegExp(`(^|[\\r\\n])[ \\t]*${marker}[ \\t]*:[ \\t]*VCARD`, 'gi')) ?? []).length;
      const cards = Math.max(count('BEGIN'), count('END'), 1);
      preview.estimatedRecords = head.length >= size ? cards : Math.round((cards * size) / head.length);
    } else if (sniffed.kind === 'json') {
      // JSON exports are read to their end anyway (streamed): counting them is the preview.
      preview.format = await (await jsonFiles()).readJsonFile(run, sniffed.encoding, sniffed.bomLength);
      preview.estimatedRecords = run.records;
    } else {
      const legacy = await csvCharset(sniffed.encoding, head, { chosen: opts.charset, truncated: size > head.length, region: opts.region });
      const charset = isLegacyCharset(legacy?.charset) ? legacy.charset : undefined;
      previewCsv(preview, charset ? decodeHead(head, charset, 0) : sniffed.text, head.length < size ? size / head.length : 1, opts.mapping);
      if (legacy && charset) {
        preview.encoding = describeEncoding(charset);
        preview.legacyCharset = { charset, chosen: legacy.chosen, names: (preview.names ?? []).map((n) => n.name) };
        if (!legacy.chosen) reportEncodingGuess(run, charset);
      }
    }
  } catch (err) {
    run.error(`Could not read the file: ${(err as Error).message}`, undefined, undefined, { code: 'file-unreadable' });
  }
  return preview;
}

function previewCsv(preview: ContactFilePreview, text: string, scale: number, userMapping?: ColumnMapping): void {
  const body = text.replace(/^\ufeff/, '');
  const delimiter = detectDelimiter(body);
  const rows: { fields: string[]; allQuoted: boolean }[] = [];
  const tokenizer = new CsvTokenizer(delimiter, (fields, _line, allQuoted) => rows.push({ fields, allQuoted }));
  tokenizer.push(body);
  if (scale === 1) tokenizer.end();
  const first = rows[0];
  preview.delimiter = delimiter;
  if (!first) {
    preview.issues.push(issue(preview.file, 'error', 'The file has no rows', undefined, undefined, { code: 'csv-no-rows' }));
    return;
  }
  const layout = layoutFromFirstRow(first.fields, first.allQuoted, delimiter);
  preview.format = layout.format;
  preview.headers = layout.headers;
  const rules = userMapping ? applyMapping(layout.rules, userMapping, Math.max(first.fields.length, ...Object.keys(userMapping).map((k) => Number(k) + 1))) : layout.rules;
  const mapping: ColumnMapping = {};
  rules.forEach((r, i) => {
    mapping[i] = r.field;
  });
  preview.mapping = mapping;
  const data = layout.hasHeader ? rows.slice(1) : rows;
  preview.sampleRows = data.slice(0, SAMPLE_ROWS).map((r) => r.fields);
  preview.estimatedRecords = Math.round(data.length * scale);
  previewNames(preview, data, rules, layout.hasHeader ? 2 : 1, layout.typeColumn);
  if (!Object.values(mapping).some((f) => f !== 'ignore' && f !== 'label' && f !== 'note' && f !== 'org')) {
    preview.issues.push(
      issue(preview.file, 'error', 'No column was recognized as a name, phone, e-mail or WeChat ID; choose what each column means.', 'row 1', 1, {
        code: 'csv-choose-columns',
      }),
    );
  }
}
