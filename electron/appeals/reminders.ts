// Reminders: the ones the user writes (follow up with…, the friend-assisted unblock expires…) and the
// ones the record itself implies — a ban's earliest re-apply day, an appeal's next step with a date.
// A reminder is open until it is marked done; those about an account that was restored or given up
// are done with it. "Today" is the local calendar day in the case's zone (the re-add settings'),
// so a reminder falls due at that zone's midnight, not at UTC's.
import type { Reminder } from '../../shared/contract';
import { localDayKey } from '../readd/local-day';
import type { AppealsState } from './state';

export function todayIn(now: number, zone: string | undefined): string {
  return localDayKey(now, zone);
}

const settled = (state: AppealsState, accountId: string | undefined): boolean => {
  const account = accountId === undefined ? undefined : state.accounts.get(accountId);
  return account?.state === 'restored' || account?.state === 'given-up';
};

/** Every reminder, open ones first by due day, then the done ones (newest due first). */
export function reminders(state: AppealsState, today: string): Reminder[] {
  const list: Omit<Reminder, 'done' | 'status'>[] = [];
  for (const account of state.accounts.values()) {
    if (account.reapplyFrom) list.push({ id: `ban:${account.id}`, kind: 'reapply', due: account.reapplyFrom, note: '', accountId: account.id, source: 'ban' });
  }
  for (const appeal of state.appeals.values()) {
    if (appeal.nextStepDate)
      list.push({
        id: `next:${appeal.id}`,
        kind: appeal.channel === 'friend-assisted' ? 'friend-unblock-expires' : 'follow-up',
        due: appeal.nextStepDate,
        note: appeal.nextStep,
        accountId: appeal.accountId,
        appealId: appeal.id,
        source: 'appeal',
      });
  }
  for (const r of state.reminders.values()) {
    list.push({ id: r.id, kind: r.kind, due: r.due, note: r.note, ...(r.accountId ? { accountId: r.accountId } : {}), source: 'manual' });
  }
  const withStatus = list.map((r): Reminder => {
    const done = state.done.get(r.id) === true || settled(state, r.accountId);
    const status = done ? 'done' : r.due < today ? 'overdue' : r.due === today ? 'today' : 'upcoming';
    return { ...r, done, status };
  });
  const open = withStatus.filter((r) => !r.done).sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  const done = withStatus.filter((r) => r.done).sort((a, b) => b.due.localeCompare(a.due) || a.id.localeCompare(b.id));
  return [...open, ...done];
}

/** Open reminders that are due today or overdue. */
export function dueReminders(all: Reminder[]): Reminder[] {
  return all.filter((r) => r.status === 'overdue' || r.status === 'today');
}
