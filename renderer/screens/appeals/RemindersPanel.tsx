// Reminders: open ones by due day (overdue and today marked), done ones after; each can be marked
// done or opened again. DueReminders shows the open ones on the re-add dashboard until they are done.
import { useEffect, useState, type FormEvent } from 'react';
import { REMINDER_KINDS, type AppealsView, type Reminder, type ReminderKind } from '../../../shared/contract';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { dayText, newId, type AppealsApi } from './useAppeals';

function ReminderRow({ reminder, view, onDone }: { reminder: Reminder; view: AppealsView; onDone(done: boolean): void }) {
  const { t, locale } = useI18n();
  const account = view.accounts.find((a) => a.id === reminder.accountId);
  return (
    <li className={`reminder reminder-${reminder.status}`} data-testid="reminder" data-status={reminder.status}>
      <span className={reminder.status === 'overdue' || reminder.status === 'today' ? 'tag tag-attention' : 'tag'}>
        {t(`appeals.reminder.status.${reminder.status}` as MessageKey)}
      </span>
      <strong>{dayText(locale, reminder.due)}</strong>
      <span>{t(`appeals.reminder.kind.${reminder.kind}` as MessageKey)}</span>
      {reminder.note ? <span>{reminder.note}</span> : null}
      {account ? <span className="muted">{t('appeals.reminder.account', { name: account.name || account.handle })}</span> : null}
      <button type="button" className="button small" onClick={() => onDone(!reminder.done)}>
        {reminder.done ? t('appeals.reminder.reopen') : t('appeals.reminder.markDone')}
      </button>
    </li>
  );
}

function ReminderForm({ appeals, today }: { appeals: AppealsApi; today: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ReminderKind>('follow-up');
  const [due, setDue] = useState(today);
  const [note, setNote] = useState('');
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await appeals.act('appeals.saveReminder', { id: newId('rem'), reminder: { kind, due, note } })) setNote('');
  };
  return (
    <form className="panel form-grid" onSubmit={add} aria-labelledby="reminder-form-title">
      <h3 id="reminder-form-title">{t('appeals.reminders.add')}</h3>
      <label>
        {t('appeals.reminder.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as ReminderKind)}>
          {REMINDER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`appeals.reminder.kind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('appeals.reminder.due')}
        <input type="date" required value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <label>
        {t('appeals.reminder.note')}
        <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="wide">
        <button type="submit" className="button" disabled={appeals.busy || !due}>
          {t('appeals.reminders.add')}
        </button>
      </div>
    </form>
  );
}

export function RemindersPanel({ view, appeals }: { view: AppealsView; appeals: AppealsApi }) {
  const { t } = useI18n();
  return (
    <>
      {view.reminders.length === 0 ? <div className="empty-state">{t('appeals.reminders.empty')}</div> : null}
      <ul className="reminder-list">
        {view.reminders.map((r) => (
          <ReminderRow key={r.id} reminder={r} view={view} onDone={(done) => void appeals.act('appeals.setReminderDone', { reminderId: r.id, done })} />
        ))}
      </ul>
      <ReminderForm appeals={appeals} today={view.today} />
    </>
  );
}

/** The open appeal reminders of a case, for the re-add dashboard; nothing when there are none. */
export function DueReminders({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<AppealsView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.call('appeals.view', { caseId }).then(
      (v) => live && setView(v),
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [caseId, t]);
  const open = view?.reminders.filter((r) => !r.done) ?? [];
  if (error) return <ErrorNotice text={error} />;
  if (!view || open.length === 0) return null;
  const setDone = async (id: string) => {
    try {
      setView(await api.call('appeals.setReminderDone', { caseId, reminderId: id, done: true }));
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <section className="panel due-reminders" aria-labelledby="due-reminders-title" data-testid="due-reminders">
      <h3 id="due-reminders-title">{t('appeals.due.title')}</h3>
      <ul className="reminder-list">
        {open.map((r) => (
          <ReminderRow key={r.id} reminder={r} view={view} onDone={() => void setDone(r.id)} />
        ))}
      </ul>
      <a className="button" href="#/appeals">
        {t('appeals.due.open')}
      </a>
    </section>
  );
}
