// The re-add state and how each journal event changes it. The reducer is the single place where
// state changes: the live store, a reload from snapshot + journal, and a full replay all go through
// applyEvent, so they cannot disagree. Events carry the "before" values so undo needs no history scan.
import type {
  ReaddAction,
  ReaddEvent,
  ReaddProgress,
  ReaddSettings,
  ReaddStateView,
  ReaddStatus,
} from '../../shared/types';
import { applySettingsPatch, defaultSettings } from './settings';

export type ReaddState = ReaddStateView;
/** An event before the journal gave it a sequence number. */
export type ReaddEventDraft = ReaddEvent extends infer E ? (E extends ReaddEvent ? Omit<E, 'seq'> : never) : never;

/** Undo reaches this many actions back. */
export const UNDO_DEPTH = 200;

export const STATUSES: readonly ReaddStatus[] = ['pending', 'sent', 'accepted', 'declined', 'notFound', 'skipped', 'later'];

export function emptyState(settings: ReaddSettings = defaultSettings()): ReaddState {
  return {
    lastSeq: 0,
    settings,
    progress: {},
    requests: {},
    acceptances: {},
    coolDownUntil: {},
    manualRank: {},
    excluded: {},
    starred: {},
    undoStack: [],
  };
}

export function progressOf(state: ReaddStateView, targetId: string, personId: string): ReaddProgress | undefined {
  return state.progress[targetId]?.[personId];
}

export function statusOf(state: ReaddStateView, targetId: string, personId: string): ReaddStatus {
  return progressOf(state, targetId, personId)?.status ?? 'pending';
}

/**
 * Whether an action uses one of the day's friend requests: every "sent", and an "accepted" that was
 * never marked sent (the user sent and the contact accepted before the user clicked "sent").
 */
export function countsAgainstLimit(prev: ReaddProgress | null, action: ReaddAction): boolean {
  if (action === 'sent') return true;
  if (action === 'accepted') return prev?.status !== 'sent' && prev?.status !== 'accepted';
  return false;
}

const TIMESTAMP_FIELD: Partial<Record<ReaddStatus, keyof ReaddProgress>> = {
  sent: 'sentAt',
  accepted: 'acceptedAt',
  declined: 'declinedAt',
  notFound: 'notFoundAt',
  skipped: 'skippedAt',
  later: 'laterAt',
};

export function nextProgress(prev: ReaddProgress | null, action: ReaddAction, at: number, counted: boolean): ReaddProgress {
  const next: ReaddProgress = prev ? { ...prev } : { status: 'pending', attempts: 0, followUps: 0, updatedAt: at };
  next.updatedAt = at;
  if (action === 'follow-up-sent') {
    next.followUps += 1;
    next.lastFollowUpAt = at;
    return next;
  }
  next.status = action;
  if (counted) next.attempts += 1;
  const field = TIMESTAMP_FIELD[action];
  if (field) (next as unknown as Record<string, number>)[field] = at;
  return next;
}

function setProgress(state: ReaddState, targetId: string, personId: string, progress: ReaddProgress | null): void {
  const byPerson = (state.progress[targetId] ??= {});
  if (progress) byPerson[personId] = progress;
  else delete byPerson[personId];
}

function setFlag(map: Record<string, true>, id: string, on: boolean): void {
  if (on) map[id] = true;
  else delete map[id];
}

function pushUndoable(state: ReaddState, event: ReaddEvent): void {
  state.undoStack.push(event);
  if (state.undoStack.length > UNDO_DEPTH) state.undoStack.splice(0, state.undoStack.length - UNDO_DEPTH);
}

function applyOutcome(state: ReaddState, event: Extract<ReaddEvent, { type: 'outcome' }>): void {
  setProgress(state, event.targetId, event.personId, nextProgress(event.prev, event.action, event.at, event.counted));
  if (event.counted) {
    (state.requests[event.targetId] ??= []).push({
      seq: event.seq,
      at: event.at,
      personId: event.personId,
      gapMs: event.gapMs ?? 0,
    });
  }
  if (event.action === 'accepted' && event.prev?.status !== 'accepted') {
    (state.acceptances[event.targetId] ??= []).push({ seq: event.seq, at: event.at, personId: event.personId });
  }
}

function revert(state: ReaddState, event: ReaddEvent): void {
  switch (event.type) {
    case 'outcome': {
      setProgress(state, event.targetId, event.personId, event.prev);
      const requests = state.requests[event.targetId];
      if (requests) state.requests[event.targetId] = requests.filter((r) => r.seq !== event.seq);
      const acceptances = state.acceptances[event.targetId];
      if (acceptances) state.acceptances[event.targetId] = acceptances.filter((a) => a.seq !== event.seq);
      return;
    }
    case 'order':
      for (const [id, rank] of Object.entries(event.prev)) {
        if (rank === null) delete state.manualRank[id];
        else state.manualRank[id] = rank;
      }
      return;
    case 'exclude':
      for (const [id, was] of Object.entries(event.prev)) setFlag(state.excluded, id, was);
      return;
    case 'star':
      for (const [id, was] of Object.entries(event.prev)) setFlag(state.starred, id, was);
      return;
    case 'cool-down':
      if (event.prev === null) delete state.coolDownUntil[event.targetId];
      else state.coolDownUntil[event.targetId] = event.prev;
      return;
    case 'settings': // settings changes and undos never go on the undo stack
    case 'undo':
      return;
  }
}

/** Applies one journal event in place. Events at or below lastSeq are ignored (already included). */
export function applyEvent(state: ReaddState, event: ReaddEvent): void {
  if (event.seq <= state.lastSeq) return;
  state.lastSeq = event.seq;
  switch (event.type) {
    case 'outcome':
      applyOutcome(state, event);
      pushUndoable(state, event);
      return;
    case 'settings':
      state.settings = applySettingsPatch(state.settings, event.patch);
      return;
    case 'order':
      // The new list replaces the manual order: prev names every id ranked before.
      for (const id of Object.keys(event.prev)) delete state.manualRank[id];
      for (const [index, id] of event.personIds.entries()) state.manualRank[id] = index;
      pushUndoable(state, event);
      return;
    case 'exclude':
      for (const id of event.personIds) setFlag(state.excluded, id, event.excluded);
      pushUndoable(state, event);
      return;
    case 'star':
      for (const id of event.personIds) setFlag(state.starred, id, event.starred);
      pushUndoable(state, event);
      return;
    case 'cool-down':
      if (event.until === null) delete state.coolDownUntil[event.targetId];
      else state.coolDownUntil[event.targetId] = event.until;
      pushUndoable(state, event);
      return;
    case 'undo': {
      const index = state.undoStack.findIndex((e) => e.seq === event.undoneSeq);
      if (index < 0) return;
      const [undone] = state.undoStack.splice(index, 1);
      if (undone) revert(state, undone);
      return;
    }
  }
}

/** Persons an event is about. */
function personsOf(event: ReaddEvent): string[] {
  switch (event.type) {
    case 'outcome':
      return [event.personId];
    case 'order':
      return [...event.personIds, ...Object.keys(event.prev)];
    case 'exclude':
    case 'star':
      return event.personIds;
    default:
      return [];
  }
}

/**
 * Persons whose place in the plan `event` may change (for an undo: those of the event it takes
 * back). Call it before applying the event: an undo's target is still on the undo stack then.
 */
export function personsTouched(state: ReaddStateView, event: ReaddEvent): string[] {
  if (event.type !== 'undo') return personsOf(event);
  const undone = state.undoStack.find((e) => e.seq === event.undoneSeq);
  return undone ? personsOf(undone) : [];
}

/** The action the next undo() would revert, if any. */
export function lastUndoable(state: ReaddStateView): ReaddEvent | undefined {
  return state.undoStack[state.undoStack.length - 1];
}
