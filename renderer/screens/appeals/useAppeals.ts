// The appeals of the current case, and the calls that change them (each returns the new view).
import type { AppealsView, MethodName } from '../../../shared/contract';
import { useViewActions } from '../../components/useViewActions';

type ViewMethod = Extract<
  MethodName,
  | 'appeals.view'
  | 'appeals.saveAccount'
  | 'appeals.saveAppeal'
  | 'appeals.attach'
  | 'appeals.detach'
  | 'appeals.saveReminder'
  | 'appeals.setReminderDone'
  | 'appeals.remove'
>;

export function useAppeals(caseId: string) {
  return useViewActions<AppealsView, ViewMethod>(caseId, 'appeals.view');
}

export type AppealsApi = ReturnType<typeof useAppeals>;

/** A new record's id, made here so an appeal can be saved and then given its attachments. */
export function newId(prefix: 'acct' | 'appeal' | 'rem'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A day key (YYYY-MM-DD) as the user's locale writes dates. */
export function dayText(locale: string, day: string | undefined): string {
  if (!day) return '';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}
