// Storing what one file gave. A file is identified by the display name it was imported under:
// importing it again replaces its previous records (an identical file changes nothing, an updated
// one updates), records being matched by their stable record key (see records.ts).
import type { GroupChat, RawContact } from '../../shared/types';
import type { ContactBookData } from './book';
import { flatText } from './hash';
import { preparedRecordsOf, recordContentText } from './records';

export interface ReplaceCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/**
 * Replaces the records (and, when `groups` is given, the group chats) that `file` brought into the
 * book. Records are stored with source.file = file. Mutates `book`; returns what changed.
 */
export function replaceFileRecords(book: ContactBookData, file: string, records: RawContact[], groups?: GroupChat[]): ReplaceCounts {
  const stored = (Array.isArray(records) ? records : [])
    .filter((r) => r && typeof r === 'object')
    .map((r, i) => withSourceFile(r, file, i));
  const before = new Map(preparedRecordsOf(file, book.records[file] ?? [], book.defaultRegion).map((r) => [r.key, r.raw]));
  const after = preparedRecordsOf(file, stored, book.defaultRegion);

  const counts: ReplaceCounts = { added: 0, updated: 0, removed: before.size, unchanged: 0 };
  for (const { key, raw } of after) {
    const previous = before.get(key);
    if (previous === undefined) {
      counts.added++;
      continue;
    }
    counts.removed--;
    if (recordContentText(previous) === recordContentText(raw)) counts.unchanged++;
    else counts.updated++;
  }

  // Assigning to an existing key keeps the file's place in import order (which anchors person ids).
  // A file with no contacts stays listed (it was imported); removeFile() forgets it.
  book.records[file] = stored;
  if (groups) replaceFileGroups(book, file, groups);
  return counts;
}

/** Forgets everything a file brought in. Returns how many records were removed. */
export function removeFile(book: ContactBookData, file: string): number {
  const removed = book.records[file]?.length ?? 0;
  delete book.records[file];
  book.groups = (book.groups ?? []).filter((g) => g.source?.file !== file);
  return removed;
}

function withSourceFile(record: RawContact, file: string, position: number): RawContact {
  if (storedForm.has(record) && record.source.file === file) return record;
  return storedRecord(record, file, position);
}

/** Records made by storedRecord(): replaceFileRecords() stores them as they are, without a copy. */
const storedForm = new WeakSet<RawContact>();

/**
 * The record as the book keeps it: source.file = file, every list an exact-size copy, and labels
 * ("Mobile", "home", "同学") shared between records instead of one copy each. Parsers grow lists
 * with push(), which reserves room for ~17 items: at 100k records that unused room alone is tens
 * of MB. Importers can call this as each record is parsed, so that the parser's objects die young
 * and are never held alongside their stored copies.
 */
export function storedRecord(record: RawContact, file: string, position: number): RawContact {
  const locator = typeof record.source?.record === 'string' ? flatText(record.source.record) : `record ${position + 1}`;
  const stored: RawContact = { ...record, source: { file, record: locator } };
  const lists = stored as unknown as Record<string, unknown>;
  for (const field of TEXT_FIELDS) if (typeof record[field] === 'string') lists[field] = flatText(record[field]);
  for (const field of ['phones', 'emails'] as const) {
    const list: unknown = record[field];
    if (Array.isArray(list)) lists[field] = list.length ? list.map(withSharedLabel) : EMPTY_LIST;
  }
  for (const field of ['wechatIds', 'wxids', 'handles'] as const) {
    const list: unknown = record[field];
    if (Array.isArray(list)) lists[field] = list.length ? list.slice() : EMPTY_LIST;
  }
  if (Array.isArray(record.labels)) stored.labels = record.labels.length ? record.labels.map(shared) : (EMPTY_LIST as never[]);
  storedForm.add(stored);
  return stored;
}

/**
 * Every empty list of every stored record: most records have no wxid, handle or label, and an
 * empty array is 32 bytes each. Frozen, so a change meant for one record throws instead of
 * reaching them all (records are values: replaceFileRecords() puts in new ones).
 */
const EMPTY_LIST: readonly never[] = Object.freeze([]);

function withSharedLabel<T>(item: T): T {
  const valued = item as { value?: unknown; label?: unknown } | null;
  if (!valued || typeof valued !== 'object') return item;
  const copy = { ...valued };
  if (typeof copy.value === 'string') copy.value = flatText(copy.value);
  if (typeof copy.label === 'string') copy.label = shared(copy.label);
  return copy as T;
}

const TEXT_FIELDS = ['name', 'givenName', 'familyName', 'nickname', 'remark', 'org', 'note'] as const;

/** One copy of each short, often repeated text (labels); bounded, so odd files cannot grow it. */
const sharedTexts = new Map<string, string>();
const SHARED_TEXTS_LIMIT = 10_000;

function shared<T>(text: T): T {
  if (typeof text !== 'string' || text.length > 32) return text;
  const known = sharedTexts.get(text);
  if (known !== undefined) return known as T;
  if (sharedTexts.size < SHARED_TEXTS_LIMIT) sharedTexts.set(text, text);
  return text;
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
