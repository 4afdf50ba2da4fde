// The append-only journal: one JSON event per line, each with its sequence number and a checksum.
// A line that fails its checksum after the last good line is the write that was in flight when the
// process died (a "torn tail"); it is ignored, and the writer moves it aside before appending again.
// A bad line *before* good lines is damage: it is reported with its line number and skipped.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { ImportIssue, ReaddEvent } from '../../shared/types';
import { fsyncDirSync } from '../platform/atomic-file';
import { PRIVATE_FILE_MODE } from '../platform/private-files';

/** Re-exported under the name the re-add store uses. */
export { fsyncDirSync as fsyncDir } from '../platform/atomic-file';

export function checksum(seq: number, eventJson: string): string {
  return createHash('sha256').update(`${seq}\n${eventJson}`).digest('hex').slice(0, 16);
}

/** What every journal line's event carries (the re-add progress and the appeals share this journal format). */
export interface JournalEvent {
  seq: number;
  type: string;
  at: number;
}

export function encodeLine<E extends JournalEvent = ReaddEvent>(event: E): string {
  const eventJson = JSON.stringify(event);
  return `{"seq":${event.seq},"sum":"${checksum(event.seq, eventJson)}","event":${eventJson}}\n`;
}

/** The event of a journal line, or undefined when the line is damaged or not ours. */
export function decodeLine<E extends JournalEvent = ReaddEvent>(line: string): E | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { seq, sum, event } = parsed as { seq?: unknown; sum?: unknown; event?: unknown };
  if (typeof seq !== 'number' || typeof sum !== 'string' || typeof event !== 'object' || event === null) return undefined;
  // JSON.stringify of parsed JSON is canonical (same key order, same number text), so the sum re-computes.
  if (checksum(seq, JSON.stringify(event)) !== sum) return undefined;
  const typed = event as E;
  if (typed.seq !== seq || typeof typed.type !== 'string' || typeof typed.at !== 'number') return undefined;
  return typed;
}

export interface JournalScan<E extends JournalEvent = ReaddEvent> {
  events: E[];
  /** Byte offset just after the last good line (where the next append belongs). */
  goodEnd: number;
  /** Lines up to goodEnd (for line numbers in messages). */
  goodLines: number;
  /** Bytes after the last good line: the torn write of a crash. */
  tornTail?: { offset: number; bytes: number };
  issues: ImportIssue[];
}

function readFrom(file: string, offset: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
  try {
    const size = fstatSync(fd).size;
    if (offset >= size) return Buffer.alloc(0);
    const buffer = Buffer.alloc(size - offset);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export function journalSize(file: string): number {
  try {
    const fd = openSync(file, 'r');
    try {
      return fstatSync(fd).size;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Reads the journal from `offset` (a line start); `firstLine` is that line's 1-based number. */
export function scanJournal<E extends JournalEvent = ReaddEvent>(file: string, offset = 0, firstLine = 1, displayName = file): JournalScan<E> {
  const buffer = readFrom(file, offset);
  const events: E[] = [];
  const issues: ImportIssue[] = [];
  let goodEnd = offset;
  let goodLines = firstLine - 1;
  const badSinceGood: { line: number; text: string }[] = [];
  let start = 0;
  let lineNumber = firstLine;
  while (start < buffer.length) {
    const newline = buffer.indexOf(0x0a, start);
    const end = newline < 0 ? buffer.length : newline;
    const text = buffer.toString('utf8', start, end);
    const event = newline < 0 ? undefined : decodeLine<E>(text);
    if (event) {
      for (const bad of badSinceGood) {
        issues.push({
          file: displayName,
          line: bad.line,
          record: `line ${bad.line}`,
          message: `damaged journal line skipped (checksum or JSON does not match): ${bad.text.slice(0, 60)}`,
          severity: 'error',
        });
      }
      badSinceGood.length = 0;
      events.push(event);
      goodEnd = offset + end + 1;
      goodLines = lineNumber;
    } else if (text.trim() !== '' || newline < 0) {
      badSinceGood.push({ line: lineNumber, text });
    }
    start = end + 1;
    lineNumber += 1;
  }
  const scan: JournalScan<E> = { events, goodEnd, goodLines, issues };
  if (offset + buffer.length > goodEnd) {
    scan.tornTail = { offset: goodEnd, bytes: offset + buffer.length - goodEnd };
    issues.push({
      file: displayName,
      line: goodLines + 1,
      record: `line ${goodLines + 1}`,
      message: `incomplete last write ignored (${scan.tornTail.bytes} bytes after the last complete event)`,
      severity: 'warning',
    });
  }
  return scan;
}

/** Keeps the torn tail beside the journal (nothing is thrown away) and cuts the journal back to goodEnd. */
export function cutTornTail(file: string, tornTail: { offset: number; bytes: number }, keepAs: string): void {
  const tail = readFrom(file, tornTail.offset);
  if (tail.length > 0) writeFileSync(keepAs, tail, { mode: PRIVATE_FILE_MODE });
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, tornTail.offset);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Appends events durably: write, then fdatasync, before the call returns. */
export class JournalWriter {
  private fd: number | undefined;

  constructor(
    private readonly file: string,
    private offset: number,
  ) {
    const isNew = !existsSync(file);
    this.fd = openSync(file, 'a', 0o600);
    // A new file's directory entry must be durable too, or a power cut could lose the whole journal.
    if (isNew) fsyncDirSync(dirname(file));
  }

  get size(): number {
    return this.offset;
  }

  append(event: JournalEvent): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error(`journal ${this.file} is closed`);
    const bytes = Buffer.from(encodeLine(event), 'utf8');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fdatasyncSync(fd);
    } catch (error) {
      // Leave no partial line behind: the next append would glue onto it and damage a good event.
      try {
        ftruncateSync(fd, this.offset);
      } catch {
        this.close();
      }
      throw error;
    }
    this.offset += bytes.length;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
