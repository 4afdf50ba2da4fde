// Appeals and the recovery timeline of a case (issue 17): what the API handlers and the command line
// call. Every change goes through writeAppeals (the case's appeals lock, journal + fdatasync).
import { randomBytes } from 'node:crypto';
import type { ReaddStateView } from '../../shared/types';
import type { AccountInput, AppealAttachment, AppealInput, AppealsView, ReminderInput, TimelineEntry } from '../../shared/contract';
import { scanJournal } from '../readd/journal';
import { loadReaddState, readdPaths } from '../readd/load';
import { storeAttachment } from './attachments';
import { dueReminders, reminders, todayIn } from './reminders';
import { loadAppeals, writeAppeals, type LoadedAppeals } from './store';
import { appealEntries, newAccountEntry, photoEntries, readdEntries, sortTimeline } from './timeline';
import type { AppealsEventDraft } from './state';

export { AppealsInputError, attachmentHashes } from './state';
export { loadAppeals, appealsJournalPath, APPEALS_DIR } from './store';
export { reminders, dueReminders, todayIn } from './reminders';

export const newRecordId = (prefix: 'acct' | 'appeal' | 'rem') => `${prefix}-${randomBytes(8).toString('hex')}`;

/** The case's zone for "today": the one its re-add settings name (else the system's). */
export function caseTimeZone(caseDir: string): string | undefined {
  return loadReaddState(caseDir).state.settings.timezone;
}

function viewOf(loaded: LoadedAppeals, now: number, zone: string | undefined): AppealsView {
  const today = todayIn(now, zone);
  const { state } = loaded;
  return {
    today,
    accounts: [...state.accounts.values()].sort((a, b) => a.createdAt - b.createdAt),
    appeals: [...state.appeals.values()].sort((a, b) => a.date.localeCompare(b.date) || a.createdAt - b.createdAt),
    reminders: reminders(state, today),
    issues: loaded.issues,
  };
}

export interface AppealsCallOptions {
  now?: () => number;
  /** The case's zone, when the caller knows it already. */
  zone?: string;
}

export class CaseAppeals {
  private readonly now: () => number;
  /** The zone given, else the case's (read when needed: the re-add settings may change meanwhile). */
  private readonly zone: (readd?: ReaddStateView) => string | undefined;

  constructor(
    readonly caseDir: string,
    options: AppealsCallOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.zone = (readd) => ('zone' in options ? options.zone : readd ? readd.settings.timezone : caseTimeZone(caseDir));
  }

  view(): AppealsView {
    return viewOf(loadAppeals(this.caseDir), this.now(), this.zone());
  }

  /** Reminders due today or earlier and not done (the re-add dashboard, the cases overview). */
  due() {
    return dueReminders(this.view().reminders);
  }

  private async write(make: (state: LoadedAppeals['state'], at: number) => AppealsEventDraft[] | Promise<AppealsEventDraft[]>): Promise<AppealsView> {
    const loaded = await writeAppeals(this.caseDir, make, { now: this.now });
    return viewOf(loaded, this.now(), this.zone());
  }

  saveAccount(account: AccountInput, id = newRecordId('acct')): Promise<AppealsView> {
    return this.write((_s, at) => [{ type: 'account', at, id, account }]);
  }

  saveAppeal(appeal: AppealInput, id = newRecordId('appeal')): Promise<AppealsView> {
    return this.write((_s, at) => [{ type: 'appeal', at, id, appeal }]);
  }

  /** Stores the files in the content store first (outside the journal: a blob nobody lists is harmless). */
  async attach(appealId: string, files: { path: string; name: string }[]): Promise<AppealsView> {
    const at = this.now();
    const attachments: AppealAttachment[] = [];
    for (const file of files) attachments.push(await storeAttachment(this.caseDir, file.path, file.name, at));
    return this.write(() => attachments.map((attachment) => ({ type: 'attach', at, appealId, attachment })));
  }

  detach(appealId: string, sha256: string): Promise<AppealsView> {
    return this.write((_s, at) => [{ type: 'detach', at, appealId, sha256 }]);
  }

  saveReminder(reminder: ReminderInput, id = newRecordId('rem')): Promise<AppealsView> {
    return this.write((_s, at) => [{ type: 'reminder', at, id, reminder }]);
  }

  setReminderDone(reminderId: string, done: boolean): Promise<AppealsView> {
    return this.write((_s, at) => [{ type: 'reminder-done', at, reminderId, done }]);
  }

  remove(what: 'account' | 'appeal' | 'reminder', id: string): Promise<AppealsView> {
    return this.write((_s, at) => [{ type: 'remove', at, what, id }]);
  }

  /** Chats brought in, for the timeline. */
  async noteChatsImported(messages: number, files: number): Promise<void> {
    if (messages > 0) await this.write((_s, at) => [{ type: 'restored', at, what: 'chats', count: messages, files }]);
  }

  /** The whole recovery, oldest first. `persons` is the contact count (for "everyone re-added"). */
  timeline(persons: number): TimelineEntry[] {
    const readd = loadReaddState(this.caseDir).state;
    const zone = this.zone(readd);
    const entries = [...appealEntries(loadAppeals(this.caseDir).state, zone), ...readdEntries(readd, persons, zone), ...photoEntries(this.caseDir, zone)];
    const newAccount = newAccountEntry(scanJournal(readdPaths(this.caseDir).journal).events, zone);
    if (newAccount) entries.push(newAccount);
    return sortTimeline(entries);
  }
}
