// Loading = snapshot + replay of the journal events after it. Read-only: safe while another process
// writes (it sees a consistent prefix), used by the store on open, the command line and the tests.
import { join } from 'node:path';
import type { ImportIssue, Locale } from '../../shared/types';
import { journalSize, scanJournal, type JournalScan } from './journal';
import { readSnapshot } from './snapshot';
import { defaultSettings } from './settings';
import { applyEvent, emptyState, type ReaddState } from './state';

export const READD_DIR = 'readd';

export interface ReaddPaths {
  dir: string;
  journal: string;
  snapshot: string;
  lock: string;
}

export function readdPaths(caseDir: string): ReaddPaths {
  const dir = join(caseDir, READD_DIR);
  return { dir, journal: join(dir, 'journal.jsonl'), snapshot: join(dir, 'state.json'), lock: join(dir, 'writer.lock') };
}

export interface LoadedReaddState {
  state: ReaddState;
  issues: ImportIssue[];
  /** Where the next journal line goes. */
  journalEnd: number;
  journalLines: number;
  tornTail?: JournalScan['tornTail'];
  /** Sequence number the snapshot covered (0 without a usable snapshot). */
  snapshotSeq: number;
}

export interface LoadOptions {
  /** false = ignore the snapshot and replay the whole journal (the tests compare both ways). */
  useSnapshot?: boolean;
  /** Move a damaged snapshot aside (only the writer does). */
  moveAsideBadSnapshot?: boolean;
  /** Locale of the default settings when the case has none yet. */
  locale?: Locale;
}

export function loadReaddState(caseDir: string, options: LoadOptions = {}): LoadedReaddState {
  const paths = readdPaths(caseDir);
  const issues: ImportIssue[] = [];
  const read = options.useSnapshot === false ? {} : readSnapshot(paths.snapshot, 'readd/state.json', options.moveAsideBadSnapshot ?? false);
  if (read.issue) issues.push(read.issue);

  let state = emptyState(defaultSettings(options.locale));
  let offset = 0;
  let firstLine = 1;
  const snapshot = read.snapshot;
  if (snapshot) {
    state = snapshot.state;
    // The snapshot's offset is trusted only when the journal still reaches it; otherwise replay
    // everything (events the snapshot already holds are skipped by their sequence number).
    if (snapshot.journalOffset <= journalSize(paths.journal)) {
      offset = snapshot.journalOffset;
      firstLine = snapshot.journalLines + 1;
    } else {
      issues.push({
        file: 'readd/journal.jsonl',
        message: 'journal is shorter than the snapshot expects; replayed it from the start',
        severity: 'warning',
      });
    }
  }

  let scan = scanJournal(paths.journal, offset, firstLine, 'readd/journal.jsonl');
  const firstSeq = scan.events[0]?.seq;
  if (offset > 0 && firstSeq !== undefined && firstSeq !== state.lastSeq + 1) {
    // The offset does not point where the snapshot said (journal replaced or edited): full replay.
    scan = scanJournal(paths.journal, 0, 1, 'readd/journal.jsonl');
  }
  issues.push(...scan.issues);

  for (const event of scan.events) {
    try {
      applyEvent(state, event);
    } catch (error) {
      issues.push({
        file: 'readd/journal.jsonl',
        record: `event ${event.seq}`,
        message: `event could not be applied: ${(error as Error).message}`,
        severity: 'error',
      });
    }
  }
  return {
    state,
    issues,
    journalEnd: scan.goodEnd,
    journalLines: scan.goodLines,
    tornTail: scan.tornTail,
    snapshotSeq: snapshot?.seq ?? 0,
  };
}
