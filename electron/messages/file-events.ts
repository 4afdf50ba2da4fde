// What a file holds, read: the reader its format calls for, and its messages as packed row
// batches (rows.ts) with the file's skipped records and notes beside them. The same code runs on an
// import's reading thread (parse-worker.ts) and, for zips, databases and runs without that thread,
// on the archive's thread: both give the same rows.
import type { IssueParams, MessageFormat } from '../../shared/types';
import { detectFormat } from './detect';
import { readChatLabJsonl } from './formats/chatlab';
import { openJsonChat } from './formats/json-chats';
import { readMemoTraceCsv, readMemoTraceHtml, readMemoTraceTxt, HTML_MARKER } from './formats/memotrace';
import { readChatlogCsv, readPyWxDumpCsv, readWechatExporterTxt } from './formats/wechat-others';
import { chatNameFromFile, readWhatsApp, type ExportOrigin } from './formats/whatsapp';
import type { ParseEvent, ReaderInput } from './model';
import { RowEncoder, RowPacker, type PackedRows } from './rows';
import { fileByteSource, readerInput, type ByteSource } from './text-source';

/** A whole-file problem: English words for the command line, a code (and values) for the UI's words. */
export interface FileError {
  error: string;
  errorCode: string;
  errorParams?: IssueParams;
}

/** The events of one file, by format; or an error saying why the file is not an export. */
export type NotAnExport = { format: MessageFormat } & FileError;

export async function eventsOf(source: ByteSource, input: ReaderInput, origin: ExportOrigin): Promise<{ format: MessageFormat; events: AsyncIterable<ParseEvent> | Iterable<ParseEvent> } | NotAnExport> {
  const detected = detectFormat(source);
  const chatName = chatNameFromFile(origin[0]!);
  if ('error' in detected) return { format: 'unknown', ...detected };
  switch (detected.format) {
    case 'memotrace-csv':
      return { format: detected.format, events: readMemoTraceCsv(input) };
    case 'pywxdump-csv':
      return { format: detected.format, events: readPyWxDumpCsv(input) };
    case 'chatlog-csv':
      return { format: detected.format, events: readChatlogCsv(input) };
    case 'memotrace-txt':
      return { format: detected.format, events: readMemoTraceTxt(input) };
    case 'wechatexporter-txt':
      return { format: detected.format, events: readWechatExporterTxt(input) };
    case 'chatlab-jsonl':
      return { format: detected.format, events: readChatLabJsonl(input) };
    case 'whatsapp-txt':
      return { format: detected.format, events: readWhatsApp(input, origin) };
    case 'html': {
      const text = await input.text();
      if (!HTML_MARKER.test(text)) return { format: 'unknown', error: 'an HTML page that is not a chat export (no MemoTrace chatMessages array)', errorCode: 'chat-html-not-export' };
      return { format: 'memotrace-html', events: readMemoTraceHtml({ ...input, text: async () => text }) };
    }
    case 'json': {
      const opened = await openJsonChat(input, chatName);
      return 'error' in opened ? { format: 'unknown', ...opened } : opened;
    }
    default:
      return { format: 'unknown', error: `unexpected format ${detected.format}`, errorCode: 'chat-unknown' };
  }
}

/** A skipped record or a note of the file, listed in its summary. */
export type FileNotice = Exclude<ParseEvent, { type: 'message' }>;

/** Up to `size` messages of a file as rows, with the skips and notes read along with them. */
export interface RowBatch {
  rows: PackedRows;
  notices: FileNotice[];
  /** Bytes of the file read so far (progress). */
  bytesRead: number;
  /** The reader stopped here with this error; the rows before it are good. */
  error?: string;
}

/**
 * A file's events as row batches: each message encoded (rows.ts) and packed.
 * A reader that throws ends the batches with its message; what it read before is in them.
 */
export async function* rowBatches(events: AsyncIterable<ParseEvent> | Iterable<ParseEvent>, size: number, bytesRead: () => number): AsyncGenerator<RowBatch> {
  const encoder = new RowEncoder();
  const packer = new RowPacker();
  let notices: FileNotice[] = [];
  let error: string | undefined;
  try {
    for await (const event of events) {
      if (event.type !== 'message') notices.push(event);
      else {
        packer.add(encoder.encode(event.message));
        if (packer.size >= size) {
          yield { rows: packer.take(), notices, bytesRead: bytesRead() };
          notices = [];
        }
      }
    }
  } catch (e) {
    error = (e as Error).message;
  }
  yield { rows: packer.take(), notices, bytesRead: bytesRead(), ...(error === undefined ? {} : { error }) };
}

/** How a file opened: its format and batches, or why it is no export (or could not be read). */
export type OpenedFile = { format: MessageFormat; batches: AsyncIterable<RowBatch> } | NotAnExport | { unreadable: string };

/** True for a file whose reader takes its whole text at once (MemoTrace HTML) rather than streaming it. */
export function readWhole(path: string): boolean {
  try {
    const detected = detectFormat(fileByteSource(path));
    return 'format' in detected && detected.format === 'html';
  } catch {
    return false; // opening it again reports why
  }
}

/** Opens a plain file (not a zip or database) the way an import reads it. */
export async function openFileBatches(path: string, baseDir: string, origin: ExportOrigin, size: number): Promise<OpenedFile> {
  let bytesInFile = 0;
  let result;
  try {
    const source = fileByteSource(path);
    result = await eventsOf(source, readerInput(source, baseDir, (n) => (bytesInFile = n)), origin);
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
  if ('error' in result) return result;
  return { format: result.format, batches: rowBatches(result.events, size, () => bytesInFile) };
}
