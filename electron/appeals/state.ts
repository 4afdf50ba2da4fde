// The appeals of a case as events and the state they add up to. Pure: the store journals events,
// loading replays them. An event that does not fit the state (an appeal for an account that is not
// there) is refused before it is written, and reported, never applied, when a journal holds one.
import type { AccountInput, AccountState, AppealAccount, AppealAttachment, AppealInput, AppealRecord, ReminderInput } from '../../shared/contract';

interface EventBase {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
}

export type AppealsEvent = EventBase &
  (
    | { type: 'account'; id: string; account: AccountInput }
    | { type: 'appeal'; id: string; appeal: AppealInput }
    | { type: 'attach'; appealId: string; attachment: AppealAttachment }
    | { type: 'detach'; appealId: string; sha256: string }
    | { type: 'reminder'; id: string; reminder: ReminderInput }
    | { type: 'reminder-done'; reminderId: string; done: boolean }
    | { type: 'remove'; what: 'account' | 'appeal' | 'reminder'; id: string }
    /** Chats or pictures brought into the case (for the timeline). */
    | { type: 'restored'; what: 'chats'; count: number; files: number }
  );

/** Distributes Omit over the union (a plain Omit would merge the variants). */
export type AppealsEventDraft = AppealsEvent extends infer E ? (E extends AppealsEvent ? Omit<E, 'seq'> : never) : never;

export interface ManualReminder extends ReminderInput {
  id: string;
  createdAt: number;
}

export interface AppealsState {
  lastSeq: number;
  accounts: Map<string, AppealAccount>;
  appeals: Map<string, AppealRecord>;
  reminders: Map<string, ManualReminder>;
  /** Reminder id → marked done (manual ones and those made from bans and appeals alike). */
  done: Map<string, boolean>;
  /** When an account's state changed (for the timeline). */
  stateChanges: { accountId: string; state: AccountState; at: number }[];
  restored: { what: 'chats'; count: number; files: number; at: number }[];
}

export function emptyAppealsState(): AppealsState {
  return { lastSeq: 0, accounts: new Map(), appeals: new Map(), reminders: new Map(), done: new Map(), stateChanges: [], restored: [] };
}

export class AppealsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppealsInputError';
  }
}

/** Why `draft` cannot apply to `state`, or undefined when it can. */
export function eventProblem(state: AppealsState, draft: AppealsEventDraft): string | undefined {
  switch (draft.type) {
    case 'appeal':
      return state.accounts.has(draft.appeal.accountId) ? undefined : `no account "${draft.appeal.accountId}" in this case`;
    case 'attach':
    case 'detach':
      return state.appeals.has(draft.appealId) ? undefined : `no appeal "${draft.appealId}" in this case`;
    case 'reminder':
      return draft.reminder.accountId === undefined || state.accounts.has(draft.reminder.accountId) ? undefined : `no account "${draft.reminder.accountId}" in this case`;
    case 'remove': {
      const table = draft.what === 'account' ? state.accounts : draft.what === 'appeal' ? state.appeals : state.reminders;
      if (!table.has(draft.id)) return `no ${draft.what} "${draft.id}" in this case`;
      if (draft.what === 'account' && [...state.appeals.values()].some((a) => a.accountId === draft.id)) return 'remove the appeals of this account first';
      return undefined;
    }
    default:
      return undefined;
  }
}

export function applyAppealsEvent(state: AppealsState, event: AppealsEvent): void {
  const problem = eventProblem(state, event);
  if (problem) throw new AppealsInputError(problem);
  switch (event.type) {
    case 'account': {
      const before = state.accounts.get(event.id);
      state.accounts.set(event.id, { ...event.account, id: event.id, createdAt: before?.createdAt ?? event.at, updatedAt: event.at });
      if (before ? before.state !== event.account.state : event.account.state !== 'banned')
        state.stateChanges.push({ accountId: event.id, state: event.account.state, at: event.at });
      break;
    }
    case 'appeal': {
      const before = state.appeals.get(event.id);
      state.appeals.set(event.id, {
        ...event.appeal,
        id: event.id,
        attachments: before?.attachments ?? [],
        createdAt: before?.createdAt ?? event.at,
        updatedAt: event.at,
      });
      break;
    }
    case 'attach': {
      const appeal = state.appeals.get(event.appealId)!;
      if (!appeal.attachments.some((a) => a.sha256 === event.attachment.sha256)) appeal.attachments = [...appeal.attachments, event.attachment];
      appeal.updatedAt = event.at;
      break;
    }
    case 'detach': {
      const appeal = state.appeals.get(event.appealId)!;
      appeal.attachments = appeal.attachments.filter((a) => a.sha256 !== event.sha256);
      appeal.updatedAt = event.at;
      break;
    }
    case 'reminder':
      state.reminders.set(event.id, { ...event.reminder, id: event.id, createdAt: state.reminders.get(event.id)?.createdAt ?? event.at });
      break;
    case 'reminder-done':
      state.done.set(event.reminderId, event.done);
      break;
    case 'remove':
      (event.what === 'account' ? state.accounts : event.what === 'appeal' ? state.appeals : state.reminders).delete(event.id);
      break;
    case 'restored':
      state.restored.push({ what: event.what, count: event.count, files: event.files, at: event.at });
      break;
  }
  state.lastSeq = event.seq;
}

/** Every content-store blob the appeals refer to (what a bundle must carry). */
export function attachmentHashes(state: AppealsState): Set<string> {
  return new Set([...state.appeals.values()].flatMap((a) => a.attachments.map((x) => x.sha256)));
}
