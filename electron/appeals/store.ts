// Where a case's appeals live: <case>/appeals/journal.jsonl, the re-add journal's format (one
// checksummed event per line, fdatasync'd before a write returns; a torn last line is kept aside
// and cut by the next writer; a damaged line before good ones is reported and skipped).
//
// Every write holds the case's appeals writer lock (appeals.lock, cases/case-lock.ts) while it reads
// the journal as it is on disk, checks the change against that state and appends it, so the app
// and the command line (or two apps) never interleave or number two events alike. Reading takes no
// lock: a reader sees a consistent prefix of whole lines. Appeals are a few dozen events per case,
// so the journal is read whole each time and needs no snapshot.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportIssue } from '../../shared/types';
import { withCaseLock } from '../cases/case-lock';
import { cutTornTail, fsyncDir, JournalWriter, scanJournal } from '../readd/journal';
import { makePrivateDirSync } from '../platform/private-files';
import { AppealsInputError, applyAppealsEvent, emptyAppealsState, eventProblem, type AppealsEvent, type AppealsEventDraft, type AppealsState } from './state';

export const APPEALS_DIR = 'appeals';
const DISPLAY_NAME = 'appeals/journal.jsonl';

export function appealsJournalPath(caseDir: string): string {
  return join(caseDir, APPEALS_DIR, 'journal.jsonl');
}

export interface LoadedAppeals {
  state: AppealsState;
  issues: ImportIssue[];
  /** Where the next line goes. */
  journalEnd: number;
  tornTail?: { offset: number; bytes: number };
}

/** The appeals as the journal holds them now. Read-only: safe while another process writes. */
export function loadAppeals(caseDir: string): LoadedAppeals {
  const scan = scanJournal<AppealsEvent>(appealsJournalPath(caseDir), 0, 1, DISPLAY_NAME);
  const state = emptyAppealsState();
  const issues = [...scan.issues];
  for (const event of scan.events) {
    try {
      applyAppealsEvent(state, event);
    } catch (error) {
      issues.push({ file: DISPLAY_NAME, record: `event ${event.seq}`, message: `event could not be applied: ${(error as Error).message}`, severity: 'error' });
      state.lastSeq = Math.max(state.lastSeq, event.seq);
    }
  }
  return { state, issues, journalEnd: scan.goodEnd, tornTail: scan.tornTail };
}

export interface AppealsWriteOptions {
  now?: () => number;
}

/**
 * Appends the events `makeDrafts` returns for the appeals as they are on disk, each durable before
 * this resolves; nothing is written when one of them does not fit (AppealsInputError).
 */
export async function writeAppeals(
  caseDir: string,
  makeDrafts: (state: AppealsState, at: number) => AppealsEventDraft[] | Promise<AppealsEventDraft[]>,
  options: AppealsWriteOptions = {},
): Promise<LoadedAppeals> {
  const now = options.now ?? Date.now;
  return withCaseLock(caseDir, 'appeals', async () => {
    const dir = join(caseDir, APPEALS_DIR);
    if (!existsSync(dir)) {
      makePrivateDirSync(dir);
      fsyncDir(caseDir);
    }
    const journal = appealsJournalPath(caseDir);
    const loaded = loadAppeals(caseDir);
    const drafts = await makeDrafts(loaded.state, now());
    // Checked against a copy first, so a list of drafts is written whole or not at all.
    const check = structuredClone(loaded.state);
    for (const draft of drafts) {
      const problem = eventProblem(check, draft);
      if (problem) throw new AppealsInputError(problem);
      applyAppealsEvent(check, { ...draft, seq: check.lastSeq + 1 } as AppealsEvent);
    }
    if (drafts.length === 0) return loaded;
    if (loaded.tornTail) cutTornTail(journal, loaded.tornTail, `${journal}.torn-${Date.now()}`);
    const writer = new JournalWriter(journal, loaded.journalEnd);
    try {
      for (const draft of drafts) {
        const event = { ...draft, seq: loaded.state.lastSeq + 1 } as AppealsEvent;
        writer.append(event);
        applyAppealsEvent(loaded.state, event);
        loaded.journalEnd = writer.size;
      }
    } finally {
      writer.close();
    }
    return { ...loaded, tornTail: undefined };
  });
}
