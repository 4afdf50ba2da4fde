// The compacted snapshot: the whole state as of journal event `seq`, and where in the journal the
// next event starts. It is only a shortcut for loading: the journal stays the source of truth, so an
// unreadable snapshot costs a full replay, never data.
import { readFileSync, renameSync } from 'node:fs';
import type { ImportIssue, ReaddStateView } from '../../shared/types';
import { writeFileAtomicSync } from '../platform/atomic-file';
import { isValidSettings } from './settings';

const FORMAT = 'relink-readd-state';

export interface Snapshot {
  format: typeof FORMAT;
  version: 1;
  seq: number;
  journalOffset: number;
  journalLines: number;
  savedAt: number;
  state: ReaddStateView;
}

export function writeSnapshot(file: string, state: ReaddStateView, journalOffset: number, journalLines: number, now: number): void {
  const snapshot: Snapshot = { format: FORMAT, version: 1, seq: state.lastSeq, journalOffset, journalLines, savedAt: now, state };
  writeFileAtomicSync(file, JSON.stringify(snapshot));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeState(value: unknown): value is ReaddStateView {
  if (!isRecord(value)) return false;
  const keys = ['progress', 'requests', 'acceptances', 'coolDownUntil', 'manualRank', 'excluded', 'starred'] as const;
  return (
    typeof value.lastSeq === 'number' &&
    keys.every((k) => isRecord(value[k])) &&
    Array.isArray(value.undoStack) &&
    isValidSettings(value.settings)
  );
}

export type SnapshotRead = { snapshot?: Snapshot; issue?: ImportIssue };

/** Reads the snapshot; a damaged one is moved aside (kept, reported) and ignored. */
export function readSnapshot(file: string, displayName: string, moveAsideWhenBad: boolean): SnapshotRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      isRecord(parsed) &&
      parsed.format === FORMAT &&
      parsed.version === 1 &&
      typeof parsed.seq === 'number' &&
      typeof parsed.journalOffset === 'number' &&
      typeof parsed.journalLines === 'number' &&
      looksLikeState(parsed.state) &&
      parsed.state.lastSeq === parsed.seq
    ) {
      return { snapshot: parsed as unknown as Snapshot };
    }
  } catch {
    /* reported below */
  }
  let message = 'snapshot unreadable; progress rebuilt from the journal';
  if (moveAsideWhenBad) {
    const keptAs = `${file}.corrupt-${Date.now()}`;
    renameSync(file, keptAs);
    message += ` (kept as ${keptAs})`;
  }
  return { issue: { file: displayName, message, severity: 'warning' } };
}
