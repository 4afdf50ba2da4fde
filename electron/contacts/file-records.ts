// Storing what one file gave. A file is identified by the display name it was imported under:
// importing it again replaces its previous records (an identical file changes nothing, an updated
// one updates), records being matched by their stable record key (see records.ts).
import type { GroupChat, RawContact } from '../../shared/types';
import { fileRecords, type ContactBookData } from './book';
import { PackedRecords, RecordPacker } from './packed-records';
import { locatorOf, preparedRecordsOf, RecordPreparer, recordContentText } from './records';

export interface ReplaceCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/**
 * Replaces the records (and, when `groups` is given, the group chats) that `file` brought into the
 * book. Records are stored with source.file = file. Mutates `book`; returns what changed.
 * `records` is best made by a FileRecordPacker for `file` (records packed as they are parsed);
 * anything else is packed here.
 */
export function replaceFileRecords(
  book: ContactBookData,
  file: string,
  records: PackedRecords | readonly RawContact[],
  groups?: GroupChat[],
): ReplaceCounts {
  const stored = packedFor.get(records as PackedRecords) === file ? (records as PackedRecords) : packFileRecords(file, records);
  const before = new Map(preparedRecordsOf(file, fileRecords(book, file), book.defaultRegion).map((r) => [r.key, r]));
  const after = preparedRecordsOf(file, stored, book.defaultRegion);

  const counts: ReplaceCounts = { added: 0, updated: 0, removed: before.size, unchanged: 0 };
  for (const record of after) {
    const previous = before.get(record.key);
    if (previous === undefined) {
      counts.added++;
      continue;
    }
    counts.removed--;
    if (sameContent(previous.list.jsonAt(previous.index), record.list.jsonAt(record.index))) counts.unchanged++;
    else counts.updated++;
  }

  // Assigning to an existing key keeps the file's place in import order (which anchors person ids).
  // A file with no contacts stays listed (it was imported); removeFile() forgets it.
  book.records[file] = stored;
  if (groups) replaceFileGroups(book, file, groups);
  return counts;
}

/** Same JSON text, or the same content found at another place (an export listing it elsewhere). */
function sameContent(before: string, after: string): boolean {
  return before === after || recordContentText(JSON.parse(before) as RawContact) === recordContentText(JSON.parse(after) as RawContact);
}

/** Forgets everything a file brought in. Returns how many records were removed. */
export function removeFile(book: ContactBookData, file: string): number {
  const removed = fileRecords(book, file).length;
  delete book.records[file];
  book.groups = (book.groups ?? []).filter((g) => g.source?.file !== file);
  return removed;
}

/**
 * Packs the records of one file as the book keeps them, one at a time as a parser gives them:
 * the parser's objects die young and are never held beside their stored form. Given the book's
 * region, it also prepares each record for the merge while the object is at hand (the merge would
 * otherwise decode every record again).
 */
export class FileRecordPacker {
  private readonly packer = new RecordPacker();
  private readonly preparer?: RecordPreparer;

  constructor(
    readonly file: string,
    region?: string,
  ) {
    if (region !== undefined) this.preparer = new RecordPreparer(file, region);
  }

  get length(): number {
    return this.packer.length;
  }

  /**
   * `json`, when given, is the record's JSON text (the parse thread sends records so): packed as it
   * is when the record is stored unchanged, instead of being made again.
   */
  push(record: RawContact, json?: string): void {
    const stored = storedRecord(record, this.file, this.packer.length);
    if (json !== undefined && stored === record) this.packer.pushText(json);
    else this.packer.push(stored);
    this.preparer?.add(stored);
  }

  finish(): PackedRecords {
    const packed = this.packer.finish();
    this.preparer?.finish(packed);
    packedFor.set(packed, this.file);
    return packed;
  }
}

/** Which file each FileRecordPacker result was packed for: replaceFileRecords() stores those as they are. */
const packedFor = new WeakMap<PackedRecords, string>();

function packFileRecords(file: string, records: Iterable<unknown>): PackedRecords {
  const packer = new FileRecordPacker(file);
  for (const record of records) if (record && typeof record === 'object') packer.push(record as RawContact);
  return packer.finish();
}

/** The record as the book keeps it: source.file = file, and a locator even where the file had none. */
export function storedRecord(record: RawContact, file: string, position: number): RawContact {
  const locator = locatorOf(record, position);
  if (record.source?.file === file && record.source.record === locator) return record;
  return { ...record, source: { file, record: locator } };
}

/**
 * book.groups keeps each file's group chats (one entry per file and id) so that replacing one file
 * never loses a group another file also listed; groupChats() gives the list deduplicated by id.
 */
function replaceFileGroups(book: ContactBookData, file: string, groups: GroupChat[]): void {
  const incoming = new Map<string, GroupChat>();
  for (const g of groups) {
    const id = typeof g?.id === 'string' ? g.id.trim() : '';
    if (id && !incoming.has(id)) incoming.set(id, { ...g, id, source: { file, record: g.source?.record ?? '' } });
  }
  book.groups = [...(book.groups ?? []).filter((g) => g.source?.file !== file), ...incoming.values()];
}

/** Group chats of the book, one per id (the earliest import's entry; a later one may fill in the name), by id. */
export function groupChats(book: ContactBookData): GroupChat[] {
  const fileRank = new Map(Object.keys(book.records ?? {}).map((file, i) => [file, i]));
  const rankOf = (g: GroupChat) => fileRank.get(g.source?.file) ?? Number.MAX_SAFE_INTEGER;
  const ordered = [...(book.groups ?? [])].filter((g) => g && typeof g.id === 'string').sort((a, b) => rankOf(a) - rankOf(b));
  const byId = new Map<string, GroupChat>();
  for (const group of ordered) {
    const known = byId.get(group.id);
    if (!known) byId.set(group.id, group);
    else if (!known.name && group.name) byId.set(group.id, { ...known, name: group.name });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
