// What the contact parse thread (parse-thread-worker.ts) and its receiver (parse-thread.ts) say.
import type { ContactFileSummary, ImportOptions } from './types';

/** What the thread is given: the file, the options that are data, and the unread-batches counter. */
export interface ParseRequest {
  path: string;
  options: Pick<ImportOptions, 'displayName' | 'mapping' | 'charset' | 'region'>;
  /** One Int32: batches posted and not yet read by the receiver (shared memory). */
  unread: SharedArrayBuffer;
  batching: Batching;
}

export interface Batching {
  /** A batch is posted at this many contacts… */
  records: number;
  /** …or at this many characters of JSON (cards with photos), whichever comes first. */
  chars: number;
  /** The thread waits while this many batches are unread. */
  maxUnread: number;
}

export type ThreadMessage =
  /** A batch of contacts, each a RawContact's JSON text. */
  | { kind: 'contacts'; records: string[] }
  | { kind: 'progress'; bytesRead: number; totalBytes: number }
  /** The file is read; every batch was posted before this. */
  | { kind: 'done'; summary: ContactFileSummary };

/**
 * Batches of 250 contacts or 256k characters: at 1,000 / 1M the 100k-card import peaked 40 MB higher
 * (~300 MB: a batch's text and its objects in the large-object space on both sides) for the same
 * time; 100 or 50 changed nothing more.
 */
export const BATCHING: Batching = { records: 250, chars: 1 << 18, maxUnread: 8 };
