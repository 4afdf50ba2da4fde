// Imports export files (or folders of them, or zips) into a case's archive: detects each file's
// format, streams its messages into the database and reports, per file, what was added, what was
// already there and which lines were skipped and why. A bad file never undoes earlier work.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { basename, dirname, extname, join, posix } from 'node:path';
import type { IssueParams, MessageFileSummary, MessageFormat, MessageImportSummary, SkippedRecord } from '../../shared/types';
import { detectFormat } from './detect';
import { readChatLabJsonl } from './formats/chatlab';
import { openJsonChat } from './formats/json-chats';
import { readMemoTraceCsv, readMemoTraceHtml, readMemoTraceTxt, HTML_MARKER } from './formats/memotrace';
import { readChatlogCsv, readPyWxDumpCsv, readWechatExporterTxt } from './formats/wechat-others';
import { chatNameFromFile, readWhatsApp, type ExportOrigin } from './formats/whatsapp';
import { storeChatFile, storeChatPicture } from './media';
import { importDatKey } from '../photos/wechat-dat';
import { withoutNoticeSender, type ParseEvent, type ReaderInput } from './model';
import { archive } from './store';
import { ZipArchive, ZipLimitError, type ZipEntry } from '../platform/zip';
import { fileByteSource, readerInput, type ByteSource } from './text-source';
import { ArchiveWriter, type FileTally, type PictureJob } from './writer';
import { zipEntryByteSource } from './zip';
import { walkFolder, type WalkProblem } from '../import/folder-walk';
import { looksLikeEncryptedDatabase, SQLITE_MAGIC } from '../import/wechat-db/identify';
import { holdsContacts, holdsMessages, wechatDbKind } from '../import/wechat-db/layout';
import { wechatDbAccounts, type WechatDbFile } from './formats/wechat-db';

export interface ImportOptions {
  signal?: AbortSignal;
  /**
   * The AES key of WeChat 4 V2 `.dat` pictures, when the user noted their account's key: 16
   * characters or 32 hex digits. Used to decode pictures only; never stored, logged or echoed.
   */
  wechatImageKey?: string;
  onProgress?: (p: { file: string; messages: number; bytesRead: number; totalBytes: number }) => void;
}

const MAX_SKIPS_LISTED = 500;
const IMPORTABLE = new Set(['.csv', '.txt', '.html', '.htm', '.json', '.jsonl', '.zip', '.db']);
const MEDIA_FOLDERS = new Set(['image', 'voice', 'video', 'file', 'emoji', 'avatar', 'music', 'icon', 'files', 'portrait', 'photos', 'stickers', 'video_files', 'voice_messages', 'round_video_messages']);
const NOT_ARCHIVES = /(^users\.json$|_(train|dev)\.json$|^data\.js$)/i;

/**
 * Files to import: the given files, and inside given folders every file that could be an export
 * (walked like every picked folder: what cannot be read, or links out of it, come back as problems).
 */
async function expandPaths(paths: string[]): Promise<{ files: string[]; missing: string[]; problems: WalkProblem[]; inFolders: Set<string> }> {
  const files: string[] = [];
  const inFolders = new Set<string>();
  const missing: string[] = [];
  const problems: WalkProblem[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) missing.push(p);
    else if (!info.isDirectory()) files.push(p);
    else {
      // No signal: a cancelled import stops between files and reports what it did (run.aborted).
      const walked = await walkFolder(p, {
        skipFolder: (name) => MEDIA_FOLDERS.has(name.toLowerCase()) || name.startsWith('.'),
        skipFile: (name) => !IMPORTABLE.has(extname(name).toLowerCase()) || NOT_ARCHIVES.test(name),
      });
      for (const f of walked.files) {
        files.push(f.path);
        inFolders.add(f.path);
      }
      problems.push(...walked.problems);
    }
  }
  return { files, missing, problems, inFolders };
}

class ImportRun {
  readonly writer: ArchiveWriter;
  /** WeChat 4 V2 pictures' AES key, parsed from the options (held only while the import runs). */
  readonly datKey: Buffer | undefined;
  readonly summary: MessageImportSummary = { files: [], messages: 0, duplicates: 0 };
  /** Per file summary, its tally: counts are final once the writer committed the last batch. */
  readonly tallies = new Map<MessageFileSummary, FileTally>();
  bytesDone = 0;
  totalBytes = 0;

  constructor(
    readonly caseDir: string,
    readonly opts: ImportOptions,
  ) {
    this.datKey = importDatKey(opts.wechatImageKey);
    this.writer = new ArchiveWriter(archive(caseDir));
  }

  get aborted(): boolean {
    return this.opts.signal?.aborted ?? false;
  }

  progress(file: string, messages: number, bytesInFile: number): void {
    this.opts.onProgress?.({ file, messages, bytesRead: this.bytesDone + bytesInFile, totalBytes: this.totalBytes });
  }
}

export async function runImport(caseDir: string, paths: string[], opts: ImportOptions = {}): Promise<MessageImportSummary> {
  const { files, missing, problems, inFolders } = await expandPaths(paths);
  // From here on the run's writer holds a mover thread and stage files: closed whatever happens.
  const run = new ImportRun(caseDir, opts);
  try {
    for (const m of missing) run.summary.files.push(emptySummary(m, 'unknown', { error: 'file or folder not found', errorCode: 'file-not-found' }));
    for (const p of problems) run.summary.files.push(emptySummary(p.path, 'unknown', { error: p.message, errorCode: p.kind }));
    run.totalBytes = files.reduce((sum, f) => sum + (statSync(f, { throwIfNoEntry: false })?.size ?? 0), 0);
    try {
      await importFiles(run, files, inFolders);
    } finally {
      await run.writer.commit();
    }
    for (const [summary, tally] of run.tallies) {
      summary.messages = tally.added;
      summary.duplicates = tally.duplicates;
    }
    if (run.summary.files.reduce((n, f) => n + f.messages, 0) >= 50_000) await run.writer.optimizeIndex();
  } finally {
    await run.writer.close();
  }
  if (run.aborted) run.summary.aborted = true;
  for (const f of run.summary.files) {
    run.summary.messages += f.messages;
    run.summary.duplicates += f.duplicates;
  }
  return run.summary;
}

async function importFiles(run: ImportRun, files: string[], inFolders: Set<string>): Promise<void> {
  const databases: WechatDbFile[] = [];
  for (const file of files) {
    if (run.aborted) break;
    let size: number;
    let source;
    try {
      size = statSync(file).size;
      source = extname(file).toLowerCase() === '.zip' || isZipFile(file) ? undefined : fileByteSource(file);
    } catch (error) {
      // One file that cannot be opened (no permission, gone) is reported; the others are imported.
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      run.summary.files.push(emptySummary(file, 'unknown', { error: `could not be opened (${code}); skipped`, errorCode: 'file-unopenable' }));
      continue;
    }
    if (source && isDatabaseFile(file, source.head)) {
      const database = databaseOf(file, source.head, inFolders.has(file));
      if ('kind' in database) databases.push(database);
      else if (database.summary) run.summary.files.push(database.summary);
      run.bytesDone += size;
      continue;
    }
    if (!source) await importZip(run, file);
    else run.summary.files.push(await importSource(run, source, dirname(file), [file, dirname(file)]));
    run.bytesDone += size;
  }
  if (databases.length > 0 && !run.aborted) await importWechatDatabases(run, databases);
}

const isDatabaseFile = (file: string, head: Uint8Array): boolean =>
  SQLITE_MAGIC.equals(Buffer.from(head.subarray(0, 16))) || looksLikeEncryptedDatabase(basename(file), head);

/**
 * A SQLite file is read as a decrypted WeChat database, never as text. An encrypted one is answered
 * plainly; another SQLite file is named when it was given itself, and passed over in silence when a
 * folder held it (WeChat's folders hold many databases without chats: session, hardlink, media).
 */
function databaseOf(file: string, head: Uint8Array, inFolder: boolean): WechatDbFile | { summary?: MessageFileSummary } {
  if (!SQLITE_MAGIC.equals(Buffer.from(head.subarray(0, 16)))) {
    if (inFolder && !/^(de_)?(MSG\d*|message_\d+|msg_\d+|MicroMsg|EnMicroMsg|contact|wccontact_new2|merge\w*)\.db$/i.test(basename(file))) return {};
    return {
      summary: emptySummary(file, 'wechat-db', {
        error: 'this database is encrypted: Relink reads WeChat databases only after they were decrypted (by the tool you used back then); it does not decrypt them itself',
        errorCode: 'wechat-db-encrypted',
      }),
    };
  }
  const kind = wechatDbKind(file);
  if (kind && (holdsMessages(kind) || holdsContacts(kind))) return { path: file, kind, shown: file };
  if (inFolder) return {};
  return {
    summary: emptySummary(file, 'unknown', {
      error: kind ? 'a SQLite database that holds no WeChat chats' : 'a SQLite database that cannot be read (damaged, or still encrypted)',
      errorCode: kind ? 'wechat-db-no-chats' : 'wechat-db-unreadable',
    }),
  };
}

/** Every account's message databases, each one file of the summary; what each account holds is recognised once. */
async function importWechatDatabases(run: ImportRun, databases: WechatDbFile[]): Promise<void> {
  for (const account of wechatDbAccounts(databases)) {
    (run.summary.wechatDatabases ??= []).push(account.recognition);
    try {
      for (const source of account.sources) {
        if (run.aborted) break;
        const size = statSync(source.file.path, { throwIfNoEntry: false })?.size ?? 0;
        const events = source.events(run.caseDir);
        run.summary.files.push(await importEvents(run, { label: source.file.shown, size, format: 'wechat-db', events, baseDir: source.baseDir, bytesRead: () => 0 }));
      }
    } finally {
      account.close();
    }
  }
}

function isZipFile(path: string): boolean {
  try {
    const s = fileByteSource(path);
    return s.head[0] === 0x50 && s.head[1] === 0x4b && s.head[2] === 0x03 && s.head[3] === 0x04;
  } catch {
    return false;
  }
}

/** A whole-file problem: English words for the command line, a code (and values) for the UI's words. */
interface FileError {
  error: string;
  errorCode: string;
  errorParams?: IssueParams;
}

const emptySummary = (file: string, format: MessageFormat, error?: FileError): MessageFileSummary => ({
  file,
  format,
  chats: 0,
  messages: 0,
  duplicates: 0,
  skipped: [],
  ...error,
});

function setError(summary: MessageFileSummary, error: FileError): void {
  Object.assign(summary, error);
}

/** The events of one file, by format; or an error saying why the file is not an export. */
type NotAnExport = { format: MessageFormat } & FileError;

async function eventsOf(source: ByteSource, input: ReaderInput, origin: ExportOrigin): Promise<{ format: MessageFormat; events: AsyncIterable<ParseEvent> | Iterable<ParseEvent> } | NotAnExport> {
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

/** A skip event as the summary lists it: line, English reason, and the code for the UI when there is one. */
function skippedRecord(event: Extract<ParseEvent, { type: 'skip' }>): SkippedRecord {
  const out: SkippedRecord = { reason: event.reason };
  if (event.line !== undefined) out.line = event.line;
  if (event.code) out.code = event.code;
  if (event.params) out.params = event.params;
  return out;
}

/** Imports one file's bytes; all messages read before a failure stay archived. */
async function importSource(run: ImportRun, source: ByteSource, baseDir: string | undefined, origin: ExportOrigin, zipPictures?: PictureJob[]): Promise<MessageFileSummary> {
  let bytesInFile = 0;
  const input = readerInput(source, baseDir, (n) => (bytesInFile = n));
  let result;
  try {
    result = await eventsOf(source, input, origin);
  } catch (error) {
    return emptySummary(source.label, 'unknown', { error: `could not read the file: ${(error as Error).message}`, errorCode: 'file-unreadable' });
  }
  if ('error' in result) {
    const { format, ...error } = result;
    return emptySummary(source.label, format, error);
  }
  return importEvents(run, { label: source.label, size: source.size, format: result.format, events: result.events, baseDir, bytesRead: () => bytesInFile }, zipPictures);
}

/** One file's messages, however they were read (a text export's lines, a database's rows). */
interface EventSource {
  label: string;
  size: number;
  format: MessageFormat;
  events: AsyncIterable<ParseEvent> | Iterable<ParseEvent>;
  /** Where the messages' media paths start. */
  baseDir: string | undefined;
  bytesRead(): number;
}

/** Streams one file's events into the archive and counts them; all messages read before a failure stay archived. */
async function importEvents(run: ImportRun, source: EventSource, zipPictures?: PictureJob[]): Promise<MessageFileSummary> {
  const writer = run.writer;
  const summary = emptySummary(source.label, source.format);
  const tally = writer.startFile(source.label);
  run.tallies.set(summary, tally);
  let hiddenSkips = 0;
  let seen = 0;
  try {
    for await (const event of source.events) {
      if (event.type === 'skip') {
        if (summary.skipped.length < MAX_SKIPS_LISTED) summary.skipped.push(skippedRecord(event));
        else hiddenSkips++;
        continue;
      }
      if (event.type === 'note') {
        (summary.notes ??= []).push({ reason: event.reason, code: event.code, ...(event.params ? { params: event.params } : {}) });
        continue;
      }
      const full = writer.add(withoutNoticeSender(event.message));
      if (full) await full;
      if (++seen % 5000 === 0) {
        run.progress(source.label, seen, source.bytesRead());
        if (run.aborted) break;
      }
    }
  } catch (error) {
    await writer.commit().catch(() => undefined); // a failed batch was given up, and its error is this one
    setError(summary, {
      error: `reading stopped: ${(error as Error).message}; the ${tally.added} new messages read before were kept`,
      errorCode: 'chat-reading-stopped',
      errorParams: { kept: tally.added },
    });
  } finally {
    // Batches span files (committing per file would make many tiny index segments); a file that
    // stops early keeps what it read, and the run commits at its end.
    if (run.aborted) await writer.commit();
  }
  if (hiddenSkips > 0) summary.skipped.push({ reason: `… and ${hiddenSkips} more skipped records`, code: 'chat-more-skipped', params: { count: hiddenSkips } });
  summary.chats = writer.chatsTouched.size;
  run.progress(source.label, seen, source.size);
  const baseDir = source.baseDir;
  // Picture messages need their ids (and to be known new) before their files are stored.
  if ((baseDir || zipPictures) && tally.pendingPictures > 0) await writer.commit();
  if (baseDir && tally.pictures.length > 0) summary.pictures = await storePictures(run, baseDir, tally.pictures);
  else if (zipPictures) zipPictures.push(...tally.pictures);
  tally.pictures.length = 0;
  return summary;
}

/**
 * Hands the new messages' pictures to the shared content store (and the photo archive) and records
 * their hashes; other media a reader asked to keep (a database's videos and files) go to the store only.
 * Counts the pictures.
 */
async function storePictures(run: ImportRun, baseDir: string, pictures: PictureJob[]): Promise<number> {
  const db = archive(run.caseDir);
  const update = db.prepare('UPDATE messages SET media_sha256 = ? WHERE id = ?');
  let stored = 0;
  for (const job of pictures) {
    if (run.aborted) break;
    try {
      const picture = job.kind === 'image';
      const r = picture ? await storeChatPicture(run.caseDir, baseDir, job.path, job.chatName, run.datKey) : await storeChatFile(run.caseDir, baseDir, job.path, run.opts.signal);
      if (r) {
        update.run(r.sha256, job.messageId);
        if (picture) stored++;
      }
    } catch {
      // A picture that cannot be stored stays a path reference; the message itself is archived.
    }
  }
  return stored;
}

/** A zip's problem for the summary: a refused zip or entry keeps its own code and values. */
function zipError(error: unknown): FileError {
  if (error instanceof ZipLimitError) return { error: error.message, errorCode: error.code, errorParams: error.params };
  return { error: `zip unreadable: ${(error as Error).message}`, errorCode: 'zip-unreadable' };
}

const isChatText = (name: string): boolean => {
  const ext = extname(name).toLowerCase();
  return IMPORTABLE.has(ext) && ext !== '.zip' && ext !== '.db' && !NOT_ARCHIVES.test(basename(name));
};

/** A zip's text exports are streamed from the zip like files, then the pictures their messages name are stored. */
async function importZip(run: ImportRun, zipPath: string): Promise<void> {
  const zipSummary = emptySummary(zipPath, 'whatsapp-zip');
  let zip: ZipArchive | undefined;
  try {
    zip = await ZipArchive.open(zipPath);
    await importZipTexts(run, zip, zipSummary);
  } catch (error) {
    setError(zipSummary, zipError(error));
  } finally {
    zip?.close();
  }
  if (zipSummary.error || zipSummary.skipped.length > 0 || zipSummary.pictures) run.summary.files.push(zipSummary);
}

async function importZipTexts(run: ImportRun, zip: ZipArchive, zipSummary: MessageFileSummary): Promise<void> {
  const texts: ZipEntry[] = [];
  for (const entry of zip.entries) {
    if (entry.unsafe) zipSummary.skipped.push({ reason: `zip entry "${entry.name}" ignored: its path leaves the archive`, code: 'zip-unsafe-entry', params: { name: entry.name } });
    else if (isChatText(entry.name)) texts.push(entry);
  }
  if (texts.length === 0) {
    setError(zipSummary, { error: 'the zip holds no chat export (no _chat.txt or other text export)', errorCode: 'zip-no-export' });
    return;
  }
  await zip.checkExpansion(texts, run.caseDir);
  const pictures = new Map<string, PictureJob>(); // zip entry name → picture job
  for (const entry of texts) {
    if (run.aborted) break;
    const label = `${zip.path}!${entry.name}`;
    let source: ByteSource;
    try {
      source = await zipEntryByteSource(zip, entry, label);
    } catch (error) {
      run.summary.files.push(emptySummary(label, 'unknown', zipError(error)));
      continue;
    }
    // The entry's own name, the folders inside the zip, then the zip's name: the nearest that names a chat wins.
    const folders = posix.dirname(entry.name.replace(/\\/g, '/')).split('/').filter((f) => f && f !== '.').reverse();
    const origin: ExportOrigin = [entry.name, ...folders, zip.path];
    const jobs: PictureJob[] = [];
    const summary = await importSource(run, source, undefined, origin, jobs);
    const folder = posix.dirname(entry.name.replace(/\\/g, '/'));
    for (const job of jobs) pictures.set(posix.normalize(posix.join(folder, job.path.replace(/\\/g, '/'))), job);
    if (summary.format === 'whatsapp-txt') summary.format = 'whatsapp-zip';
    run.summary.files.push(summary);
  }
  if (pictures.size > 0 && !run.aborted) {
    try {
      zipSummary.pictures = await storeZipPictures(run, zip, pictures, zipSummary);
    } catch (error) {
      if (error instanceof ZipLimitError) zipSummary.skipped.push({ reason: error.message, code: error.code, params: error.params });
      else zipSummary.skipped.push({ reason: `pictures in the zip could not be stored: ${(error as Error).message}`, code: 'zip-pictures-failed' });
    }
  }
}

/** Each picture a message names is streamed from the zip to a temporary file and stored. */
async function storeZipPictures(run: ImportRun, zip: ZipArchive, pictures: Map<string, PictureJob>, zipSummary: MessageFileSummary): Promise<number> {
  const entries = zip.entries.filter((e) => !e.unsafe && pictures.has(posix.normalize(e.name)));
  await zip.checkExpansion(entries, run.caseDir);
  const tempDir = mkdtempSync(join(run.caseDir, 'messages', '.zip-media-'));
  const update = archive(run.caseDir).prepare('UPDATE messages SET media_sha256 = ? WHERE id = ?');
  let stored = 0;
  try {
    for (const entry of entries) {
      if (run.aborted) break;
      const job = pictures.get(posix.normalize(entry.name))!;
      const file = `picture${extname(entry.name).toLowerCase()}`;
      try {
        await pipeline(await zip.openStream(entry), createWriteStream(join(tempDir, file), { mode: 0o600 }));
        const r = await storeChatPicture(run.caseDir, tempDir, file, job.chatName, run.datKey);
        if (r) {
          update.run(r.sha256, job.messageId);
          stored++;
        }
      } catch (error) {
        // One picture that cannot be unpacked (refused, damaged) stays a path reference; the rest go on.
        if (error instanceof ZipLimitError) zipSummary.skipped.push({ reason: error.message, code: error.code, params: error.params });
        else throw error;
      } finally {
        rmSync(join(tempDir, file), { force: true });
      }
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  return stored;
}
