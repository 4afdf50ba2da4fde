// The stored contact book: raw records per imported file + the user's merge decisions.
// Persons are never stored; mergePersons() recomputes them from this.
import type { GroupChat } from '../../shared/types';
import { PackedRecords } from './packed-records';
import { DEFAULT_REGION } from './phone';
import { packPrepared } from './records';

export interface MergeDecisions {
  /** Pairs of record keys the user merged (an accepted proposal or a manual merge). */
  accepted: [string, string][];
  /** Pairs of record keys the user said are different people: no proposal between their persons. */
  rejected: [string, string][];
  /** Record keys detached into their own person: their identifiers no longer link them to others. */
  splits: string[];
}

export interface ContactBookData {
  version: 1;
  /**
   * Records per imported file (display name); key order = import order, which anchors person ids.
   * Packed in memory (see packed-records.ts); on disk, and in JSON.stringify(book), each is an
   * array of RawContact. A book just read from disk holds arrays until packBook() packs them.
   */
  records: Record<string /* file */, PackedRecords>;
  groups: GroupChat[];
  decisions: MergeDecisions;
  defaultRegion: string;
  /** Names the user fixed, oldest first (see name-choice.ts); absent in books saved before them. */
  names?: NameChoice[];
}

/**
 * A name the user gave a person. Kept by record keys, like decisions, since person ids change with
 * merges and splits: the choice belongs to the person holding the first of `keys` still in the book.
 */
export interface NameChoice {
  name: string;
  /** Typed by the user, or picked among the names the records carry. */
  typed: boolean;
  /**
   * The record the picked name was read from (typed: the person's first record), then the person's
   * other records when the choice was made, which stand in if re-imports drop the first.
   */
  keys: string[];
}

export function emptyContactBook(defaultRegion: string = DEFAULT_REGION): ContactBookData {
  return { version: 1, records: {}, groups: [], decisions: emptyDecisions(), defaultRegion };
}

export function emptyDecisions(): MergeDecisions {
  return { accepted: [], rejected: [], splits: [] };
}

/**
 * The records `file` brought, packed. A list still given as an array (a book read from disk, a
 * test) is packed here, once, and replaces the array in the book; anything else reads as none.
 * Each record is prepared for the merge while its object is at hand (see packPrepared): the merge
 * would otherwise decode every record of a book just read once more.
 */
export function fileRecords(book: ContactBookData, file: string, source?: RecordSource): PackedRecords {
  const list: unknown = book.records?.[file];
  if (list instanceof PackedRecords) return list;
  if (!Array.isArray(list)) return PackedRecords.EMPTY;
  const spans = source?.spans.get(file);
  const packed = packPrepared(file, list, book.defaultRegion, spans && { bytes: source!.bytes, spans });
  book.records[file] = packed;
  return packed;
}

/** The book file's bytes and where each file's records lie in them (see contacts-store/record-spans.ts). */
export interface RecordSource {
  bytes: Uint8Array;
  spans: Map<string, Uint32Array>;
}

/**
 * Packs every record list of a book read from disk, so that its parsed objects can go at once;
 * given the file's bytes, each record is packed as its bytes there rather than written out again.
 */
export function packBook(book: ContactBookData, source?: RecordSource): ContactBookData {
  for (const file of Object.keys(book.records ?? {})) if (Array.isArray(book.records[file])) fileRecords(book, file, source);
  return book;
}

/** Tolerates a book read from an older or damaged file: missing parts read as empty. */
export function decisionsOf(book: ContactBookData): MergeDecisions {
  const d = book.decisions ?? emptyDecisions();
  return {
    accepted: Array.isArray(d.accepted) ? d.accepted.filter(isPair) : [],
    rejected: Array.isArray(d.rejected) ? d.rejected.filter(isPair) : [],
    splits: Array.isArray(d.splits) ? d.splits.filter((s) => typeof s === 'string') : [],
  };
}

function isPair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string';
}

/** The book's name choices, oldest first, without malformed entries (a damaged or hand-edited file). */
export function nameChoicesOf(book: ContactBookData): NameChoice[] {
  if (!Array.isArray(book.names)) return [];
  return book.names.filter(
    (c): c is NameChoice =>
      typeof c?.name === 'string' && c.name.trim() !== '' && Array.isArray(c.keys) && c.keys.length > 0 && c.keys.every((k) => typeof k === 'string'),
  );
}
