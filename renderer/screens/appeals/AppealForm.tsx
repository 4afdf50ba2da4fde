// One appeal: the day, the channel, what the platform asked for and what was sent, the reply, the
// next step with its day, and attachments (copied into the case's store when the appeal is saved).
import { useState, type FormEvent } from 'react';
import { APPEAL_CHANNELS, type AppealAccount, type AppealChannel, type AppealInput, type AppealRecord } from '../../../shared/contract';
import { FilePicker, type PickedFile } from '../../components/FilePicker';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { newId, type AppealsApi } from './useAppeals';

export function AppealForm(props: { appeals: AppealsApi; accounts: AppealAccount[]; accountId: string; today: string; appeal?: AppealRecord; onDone(): void }) {
  const { t } = useI18n();
  const { appeals, appeal } = props;
  const [accountId, setAccountId] = useState(appeal?.accountId ?? props.accountId);
  const [date, setDate] = useState(appeal?.date ?? props.today);
  const [channel, setChannel] = useState<AppealChannel>(appeal?.channel ?? 'in-app');
  const [askedFor, setAsked] = useState(appeal?.askedFor ?? '');
  const [sent, setSent] = useState(appeal?.sent ?? '');
  const [reply, setReply] = useState(appeal?.reply ?? '');
  const [replyDate, setReplyDate] = useState(appeal?.replyDate ?? '');
  const [nextStep, setNext] = useState(appeal?.nextStep ?? '');
  const [nextStepDate, setNextDate] = useState(appeal?.nextStepDate ?? '');
  const [files, setFiles] = useState<PickedFile[]>([]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const id = appeal?.id ?? newId('appeal');
    const input: AppealInput = {
      accountId,
      date,
      channel,
      askedFor,
      sent,
      reply,
      nextStep,
      ...(replyDate ? { replyDate } : {}),
      ...(nextStepDate ? { nextStepDate } : {}),
    };
    if (!(await appeals.act('appeals.saveAppeal', { id, appeal: input }))) return;
    if (files.length > 0 && !(await appeals.act('appeals.attach', { appealId: id, files: files.map((f) => f.ref) }))) return;
    props.onDone();
  };

  return (
    <form className="panel form-grid" onSubmit={save} aria-labelledby="appeal-form-title" data-testid="appeal-form">
      <h2 id="appeal-form-title">{t('appeals.appealForm')}</h2>
      {props.accounts.length > 1 ? (
        <label>
          {t('appeals.appeal.account')}
          <select value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            {props.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name || a.handle}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {t('appeals.appeal.date')}
        <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        {t('appeals.appeal.channel')}
        <select value={channel} onChange={(e) => setChannel(e.target.value as AppealChannel)}>
          {APPEAL_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`appeals.channel.${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        {t('appeals.appeal.askedFor')}
        <textarea rows={2} maxLength={2000} value={askedFor} onChange={(e) => setAsked(e.target.value)} />
      </label>
      <label className="wide">
        {t('appeals.appeal.sent')}
        <textarea rows={2} maxLength={2000} value={sent} onChange={(e) => setSent(e.target.value)} />
      </label>
      <label className="wide">
        {t('appeals.appeal.reply')}
        <textarea rows={2} maxLength={5000} value={reply} onChange={(e) => setReply(e.target.value)} />
      </label>
      <label>
        {t('appeals.appeal.replyDate')}
        <input type="date" value={replyDate} onChange={(e) => setReplyDate(e.target.value)} />
      </label>
      <label>
        {t('appeals.appeal.nextStep')}
        <input value={nextStep} maxLength={1000} onChange={(e) => setNext(e.target.value)} />
      </label>
      <label>
        {t('appeals.appeal.nextStepDate')}
        <input type="date" value={nextStepDate} onChange={(e) => setNextDate(e.target.value)} />
      </label>
      <div className="wide">
        <p className="field-title">{t('appeals.appeal.attachments')}</p>
        <FilePicker
          testId="appeal-attachments"
          accept="image/*,application/pdf"
          filesLabel={t('appeals.appeal.attach')}
          onPicked={(picked) => setFiles((old) => [...old, ...picked])}
        />
        {files.length > 0 ? (
          <p className="muted" data-testid="to-attach">
            {t('appeals.appeal.toAttach', { names: files.map((f) => f.name).join('、') })}
          </p>
        ) : null}
      </div>
      <div className="wide card-actions">
        <button type="submit" className="button primary" disabled={appeals.busy || !date}>
          {t('appeals.save')}
        </button>
        <button type="button" className="button" onClick={props.onDone}>
          {t('appeals.cancel')}
        </button>
      </div>
    </form>
  );
}
