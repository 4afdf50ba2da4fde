// What the archive's thread and an import's reading thread (parse-worker.ts) say to each other.
import type { ExportOrigin } from './formats/whatsapp';
import type { MessageFormat } from '../../shared/types';
import type { NotAnExport, RowBatch } from './file-events';

/**
 * Rows per batch from the reading thread. Small: a batch's strings stay alive while its rows are
 * inserted, and larger batches outlived more young-generation collections, so more of them were
 * promoted and waited for a full collection (a 400k WhatsApp import at load 10–13: peak RSS 565 MB
 * at 20k rows, 545 at 5k, 520 at 1k).
 */
export const WORKER_BATCH_ROWS = 1_000;
/** Batches posted and not yet taken at most: the reading thread waits beyond that (bounded memory). */
export const BATCHES_AHEAD = 2;

export type ToReader =
  /** Read this plain file (not a zip or database); the files are read one after another. */
  | { type: 'read'; path: string; baseDir: string; origin: ExportOrigin }
  /** A batch was taken: one more may be posted. */
  | { type: 'taken' };

export type FromReader =
  /** The file's format: its batches follow. */
  | { type: 'opened'; format: MessageFormat }
  /** Why the file is no export, or could not be read: nothing more follows for it. */
  | { type: 'refused'; why: NotAnExport | { unreadable: string } }
  | { type: 'batch'; batch: RowBatch }
  /** The file is read whole (readWhole): the archive's thread reads it, beyond the reading thread's heap limit. */
  | { type: 'read-here' }
  /** The file's last batch was posted. */
  | { type: 'end' }
  /** The reading thread's own fault: the file ends here. */
  | { type: 'failed'; message: string };
