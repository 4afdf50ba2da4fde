// Importing contact files into a case: parse each file (streamed, each record kept in the book's
// compact form as it comes), then replace that file's records in the contact book and save once. Shared by the API and the command line.
// A file that yields nothing because it is broken changes nothing: its earlier import stays.
import type { ColumnMapping, ContactFileSummary, ContactImportResult } from '../../shared/contract';
import { FileRecordPacker, personCount, proposalCount, replaceFileRecords, type PackedRecords } from '../contacts';
import type { ContactFileSummary as ParsedSummary } from '../import';
import { importContactFileOnThread } from '../import/parse-thread';
import type { CaseContacts } from './contacts-repository';
import { withSmallYoungGeneration } from '../runtime/young-generation';
import type { SkippedItem } from './expand-folders';

export interface FileToImport {
  path: string;
  /** The name the records' provenance shows; also the file's identity for re-imports. */
  name: string;
  mapping?: ColumnMapping;
  /** The code page of a vCard's undeclared non-UTF-8 text or of a CSV that is not UTF-8/16, as the user chose it (else guessed). */
  charset?: string;
  /** Found in a picked folder but not readable (or a link out of it): reported, not read. */
  skipped?: SkippedItem;
}

/** The summary of an item that was not read: one error naming it, nothing imported from it. */
export function skippedFileSummary(name: string, skipped: SkippedItem): ContactFileSummary {
  return {
    file: name,
    format: 'unknown',
    encoding: 'unknown',
    records: 0,
    skipped: 0,
    groups: [],
    issues: [{ file: name, message: skipped.message, severity: 'error', code: skipped.code }],
  };
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  records: number;
  bytesRead: number;
  totalBytes: number;
}

type ImportOptions = { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void };

/**
 * Reads, stores and merges contact files. With a small young generation: an import keeps many
 * small objects, and V8 would grow its young generation to 134 MB for them (see young-generation.ts).
 */
export function importContactFiles(contacts: CaseContacts, files: FileToImport[], opts: ImportOptions = {}): Promise<ContactImportResult> {
  return withSmallYoungGeneration(() => importAndMerge(contacts, files, opts));
}

async function importAndMerge(contacts: CaseContacts, files: FileToImport[], opts: ImportOptions): Promise<ContactImportResult> {
  const parsed: { summary: ParsedSummary; records: PackedRecords; name: string }[] = [];
  for (const [index, file] of files.entries()) {
    const records = new FileRecordPacker(file.name, contacts.book.defaultRegion);
    if (file.skipped) {
      parsed.push({ summary: skippedFileSummary(file.name, file.skipped), records: records.finish(), name: file.name });
      continue;
    }
    const summary = await importContactFileOnThread(file.path, {
      displayName: file.name,
      mapping: file.mapping,
      charset: file.charset,
      region: contacts.book.defaultRegion,
      signal: opts.signal,
      // Packed right away: the parser's objects die young instead of being held until the end.
      onContact: (contact, json) => records.push(contact, json),
      onProgress: (bytesRead, totalBytes) =>
        opts.onProgress?.({ file: file.name, fileIndex: index, files: files.length, records: records.length, bytesRead, totalBytes }),
    });
    parsed.push({ summary, records: records.finish(), name: file.name });
  }

  // Cancelled or not, nothing is written until every file has been read.
  const counts = await contacts.update((book) =>
    parsed.map(({ summary, records, name }) =>
      records.length === 0 && summary.groups.length === 0
        ? { added: 0, updated: 0, removed: 0, unchanged: 0 }
        : replaceFileRecords(book, name, records, summary.groups),
    ),
  );
  const result = contacts.result();
  return {
    files: parsed.map(({ summary }, i) => ({ ...summary, ...counts[i]! })),
    persons: personCount(result),
    proposals: proposalCount(result),
  };
}
