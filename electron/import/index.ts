// Contact file import: recognize a file by content, stream its records out as RawContacts.
// Public API used by the rest of the app; see types.ts for the shapes.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ContactFormat } from '../../shared/types';
import { throwIfAborted } from './abort';
import { readHead } from './chunks';
import { layoutFromFirstRow, readCsvFile } from './csv/reader';
import { CsvTokenizer, detectDelimiter } from './csv/tokenizer';
import { describeEncoding } from './encoding';
import { readJsonFile } from './json';
import { ImportRun, issue } from './run';
import { sniff, SNIFF_BYTES, type Sniffed } from './sniff';
import type { ColumnMapping, ContactFilePreview, ContactFileSummary, ImportOptions } from './types';
import { guessVcardCharset, readVcardFile, reportEncodingGuess } from './vcard/reader';

export type { ColumnMapping, ContactField, ContactFilePreview, ContactFileSummary, ImportOptions } from './types';
export { CONTACT_FIELDS } from './types';
export { suggestMapping } from './csv/columns';

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
  if (sniffed.kind === 'binary') {
    run.error(`Not a contact export: the file looks like ${sniffed.what ?? 'binary data'}`, undefined, undefined, {
      code: 'file-binary',
      params: { kind: sniffed.whatCode ?? 'binary' },
    });
    return undefined;
  }
  return { size, head, sniffed };
}

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
      if (sniffed.kind === 'vcard') {
        format = 'vcard';
        encoding = await readVcardFile(run, sniffed.encoding, sniffed.bomLength, opened.head.subarray(sniffed.bomLength));
      } else if (sniffed.kind === 'json') {
        format = await readJsonFile(run, sniffed.encoding, sniffed.bomLength);
      } else {
        const result = await readCsvFile(run, sniffed.encoding, sniffed.text);
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

const SAMPLE_ROWS = 5;

export async function previewContactFile(path: string, opts: { displayName?: string } = {}): Promise<ContactFilePreview> {
  const file = opts.displayName ?? basename(path);
  const run = new ImportRun(path, file, () => undefined);
  const preview: ContactFilePreview = { file, format: 'unknown', encoding: 'unknown', issues: run.issues };
  try {
    const opened = await openFile(run);
    if (!opened) return preview;
    const { sniffed, size, head } = opened;
    preview.encoding = describeEncoding(sniffed.encoding);
    if (sniffed.kind === 'vcard') {
      preview.format = 'vcard';
      const guessed = guessVcardCharset(sniffed.encoding, head.subarray(sniffed.bomLength));
      if (guessed) {
        preview.encoding = guessed;
        reportEncodingGuess(run, guessed);
      }
      const cards = (sniffed.text.match(/(^|[\r\n])[ \t]*BEGIN[ \t]*:[ \t]*VCARD/gi) ?? []).length;
      preview.estimatedRecords = head.length >= size ? cards : Math.round((cards * size) / head.length);
    } else if (sniffed.kind === 'json') {
      // JSON exports are parsed whole anyway; counting them is the preview.
      preview.format = await readJsonFile(run, sniffed.encoding, sniffed.bomLength);
      preview.estimatedRecords = run.records;
    } else {
      previewCsv(preview, sniffed.text, head.length < size ? size / head.length : 1);
    }
  } catch (err) {
    run.error(`Could not read the file: ${(err as Error).message}`, undefined, undefined, { code: 'file-unreadable' });
  }
  return preview;
}

function previewCsv(preview: ContactFilePreview, text: string, scale: number): void {
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
  const mapping: ColumnMapping = {};
  layout.rules.forEach((r, i) => {
    mapping[i] = r.field;
  });
  preview.mapping = mapping;
  const data = layout.hasHeader ? rows.slice(1) : rows;
  preview.sampleRows = data.slice(0, SAMPLE_ROWS).map((r) => r.fields);
  preview.estimatedRecords = Math.round(data.length * scale);
  if (!Object.values(mapping).some((f) => f !== 'ignore' && f !== 'label' && f !== 'note' && f !== 'org')) {
    preview.issues.push(
      issue(preview.file, 'error', 'No column was recognized as a name, phone, e-mail or WeChat ID; choose what each column means.', 'row 1', 1, {
        code: 'csv-choose-columns',
      }),
    );
  }
}
