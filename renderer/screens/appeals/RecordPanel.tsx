// The banned accounts of a case, each with its appeals (oldest first): what was asked and sent, the
// reply, the next step, and the attachments (pictures shown, other files offered as downloads).
import { useState } from 'react';
import { showsInline, type AppealAccount, type AppealRecord, type AppealsView } from '../../../shared/contract';
import { api } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { AccountForm } from './AccountForm';
import { AppealForm } from './AppealForm';
import { dayText, type AppealsApi } from './useAppeals';

type Editing = { kind: 'account'; account?: AppealAccount } | { kind: 'appeal'; accountId: string; appeal?: AppealRecord } | undefined;

const attachmentUrl = (caseId: string, sha: string, download = false) =>
  api.fileUrl('/api/appeals/file', { caseId, sha, ...(download ? { download: '1' } : {}) });

function Attachments({ caseId, appeal, appeals }: { caseId: string; appeal: AppealRecord; appeals: AppealsApi }) {
  const { t } = useI18n();
  if (appeal.attachments.length === 0) return null;
  return (
    <ul className="appeal-attachments" aria-label={t('appeals.appeal.attachments')}>
      {appeal.attachments.map((a) => (
        <li key={a.sha256} data-testid="attachment">
          {showsInline(a.mime) ? <img src={attachmentUrl(caseId, a.sha256)} alt={t('appeals.attachmentAlt', { name: a.name })} loading="lazy" /> : null}
          <span className="attachment-row">
            <a href={attachmentUrl(caseId, a.sha256, true)} download={a.name} aria-label={t('appeals.downloadAttachment', { name: a.name })}>
              {a.name}
            </a>
            <button
              type="button"
              className="button small"
              aria-label={t('appeals.removeAttachment', { name: a.name })}
              onClick={() => void appeals.act('appeals.detach', { appealId: appeal.id, sha256: a.sha256 })}
            >
              ×
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}

function AppealItem(props: { caseId: string; appeal: AppealRecord; appeals: AppealsApi; onEdit(): void }) {
  const { t, locale } = useI18n();
  const { appeal } = props;
  return (
    <li className="appeal" data-testid="appeal">
      <div className="appeal-head">
        <span>
          <strong>{dayText(locale, appeal.date)}</strong> · {t(`appeals.channel.${appeal.channel}` as MessageKey)}
        </span>
        <span className="card-actions">
          <button type="button" className="button small" onClick={props.onEdit}>
            {t('appeals.edit')}
          </button>
          <button type="button" className="button small danger" onClick={() => void props.appeals.act('appeals.remove', { what: 'appeal', id: appeal.id })}>
            {t('appeals.remove')}
          </button>
        </span>
      </div>
      {appeal.askedFor ? <p>{t('appeals.askedLine', { text: appeal.askedFor })}</p> : null}
      {appeal.sent ? <p>{t('appeals.sentLine', { text: appeal.sent })}</p> : null}
      {appeal.reply ? <p>{t('appeals.replyLine', { date: dayText(locale, appeal.replyDate) || t('appeals.noDate'), text: appeal.reply })}</p> : null}
      {appeal.nextStep || appeal.nextStepDate ? (
        <p>{t('appeals.nextLine', { date: dayText(locale, appeal.nextStepDate) || t('appeals.noDate'), text: appeal.nextStep })}</p>
      ) : null}
      <Attachments caseId={props.caseId} appeal={appeal} appeals={props.appeals} />
    </li>
  );
}

function AccountCard(props: { caseId: string; view: AppealsView; account: AppealAccount; appeals: AppealsApi; edit(editing: Editing): void }) {
  const { t, locale } = useI18n();
  const { account } = props;
  const kind = account.banKind
    ? `${t(`appeals.banKind.${account.banKind}` as MessageKey)}${account.banKind === 'temporary' && account.banDays ? ` ${t('appeals.banDaysText', { days: account.banDays })}` : ''}`
    : t('appeals.banKind.none');
  const list = props.view.appeals.filter((a) => a.accountId === account.id);
  return (
    <li className="panel account-card" data-testid="account">
      <div className="appeal-head">
        <h2>
          {t(`readd.platform.${account.platform}` as MessageKey)} · {account.name || account.handle}
          {account.handle && account.name ? <span className="muted"> ({account.handle})</span> : null}
          <span className={`tag state-${account.state}`}>{t(`appeals.state.${account.state}` as MessageKey)}</span>
        </h2>
        <span className="card-actions">
          <button type="button" className="button small" onClick={() => props.edit({ kind: 'account', account })}>
            {t('appeals.edit')}
          </button>
          {list.length === 0 ? (
            <button type="button" className="button small danger" onClick={() => void props.appeals.act('appeals.remove', { what: 'account', id: account.id })}>
              {t('appeals.remove')}
            </button>
          ) : null}
        </span>
      </div>
      <p>
        {account.banDate ? t('appeals.banLine', { date: dayText(locale, account.banDate), kind }) : kind}
        {account.reapplyFrom ? ` · ${t('appeals.reapplyLine', { date: dayText(locale, account.reapplyFrom) })}` : ''}
      </p>
      {account.notice ? (
        <blockquote className="ban-notice" aria-label={t('appeals.noticeLabel')}>
          {account.notice}
        </blockquote>
      ) : null}
      <h3>{t('appeals.appealsOf')}</h3>
      {list.length === 0 ? <p className="muted">{t('appeals.noAppeals')}</p> : null}
      <ol className="appeal-list">
        {list.map((appeal) => (
          <AppealItem key={appeal.id} caseId={props.caseId} appeal={appeal} appeals={props.appeals} onEdit={() => props.edit({ kind: 'appeal', accountId: account.id, appeal })} />
        ))}
      </ol>
      <div>
        <button type="button" className="button primary" onClick={() => props.edit({ kind: 'appeal', accountId: account.id })}>
          {t('appeals.addAppeal')}
        </button>
      </div>
    </li>
  );
}

export function RecordPanel({ caseId, view, appeals }: { caseId: string; view: AppealsView; appeals: AppealsApi }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Editing>();
  const done = () => setEditing(undefined);
  if (editing?.kind === 'account') return <AccountForm appeals={appeals} account={editing.account} onDone={done} />;
  if (editing?.kind === 'appeal')
    return <AppealForm appeals={appeals} accounts={view.accounts} accountId={editing.accountId} today={view.today} appeal={editing.appeal} onDone={done} />;
  return (
    <>
      {view.accounts.length === 0 ? <div className="empty-state">{t('appeals.empty')}</div> : null}
      <ul className="card-list">
        {view.accounts.map((account) => (
          <AccountCard key={account.id} caseId={caseId} view={view} account={account} appeals={appeals} edit={setEditing} />
        ))}
      </ul>
      <button type="button" className={view.accounts.length === 0 ? 'button primary' : 'button'} onClick={() => setEditing({ kind: 'account' })}>
        {t('appeals.addAccount')}
      </button>
    </>
  );
}
