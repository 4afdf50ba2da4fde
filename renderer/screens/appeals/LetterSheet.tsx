// A printable A4 sheet for a handwritten appeal, in zh-CN or English whatever the UI's language: the
// facts a platform asks for (account, bound phone, the ban and its notice, earlier appeals) filled in,
// and ruled lines for the user's own words. Relink never writes the letter itself.
import { useState } from 'react';
import type { AppealsView } from '../../../shared/contract';
import type { Locale } from '../../../shared/types';
import { translator, useI18n, type MessageKey } from '../../i18n/i18n';
import { dayText } from './useAppeals';

const RULED_LINES = 14;

export function LetterSheet({ view }: { view: AppealsView }) {
  const { t, locale } = useI18n();
  const [accountId, setAccountId] = useState(view.accounts[0]?.id ?? '');
  const [sheetLocale, setSheetLocale] = useState<Locale>(locale);
  const account = view.accounts.find((a) => a.id === accountId) ?? view.accounts[0];
  if (!account) return <div className="empty-state">{t('appeals.letter.needAccount')}</div>;
  const s = translator(sheetLocale);
  const kind = account.banKind
    ? `${s(`appeals.banKind.${account.banKind}` as MessageKey)}${account.banKind === 'temporary' && account.banDays ? ` ${s('appeals.banDaysText', { days: account.banDays })}` : ''}`
    : '';
  const earlier = view.appeals.filter((a) => a.accountId === account.id);
  const facts: [MessageKey, string][] = [
    ['appeals.sheet.platform', s(`readd.platform.${account.platform}` as MessageKey)],
    ['appeals.sheet.name', account.name],
    ['appeals.sheet.handle', account.handle],
    ['appeals.sheet.phone', account.phone],
    ['appeals.sheet.banDate', dayText(sheetLocale, account.banDate)],
    ['appeals.sheet.banKind', kind],
  ];

  return (
    <>
      <div className="toolbar no-print">
        {view.accounts.length > 1 ? (
          <label className="inline-label">
            {t('appeals.letter.account')}
            <select value={account.id} onChange={(e) => setAccountId(e.target.value)}>
              {view.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name || a.handle}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="inline-label">
          {t('appeals.letter.language')}
          <select value={sheetLocale} onChange={(e) => setSheetLocale(e.target.value as Locale)}>
            <option value="zh-CN">{t('lang.zh-CN')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        <button type="button" className="button primary" onClick={() => window.print()}>
          {t('appeals.letter.print')}
        </button>
      </div>
      <p className="muted no-print">{t('appeals.letter.hint')}</p>
      <article className="print-sheet letter-sheet" lang={sheetLocale} data-testid="letter-sheet" aria-label={s('appeals.sheet.title')}>
        <h2>{s('appeals.sheet.title')}</h2>
        <h3>{s('appeals.sheet.facts')}</h3>
        <dl className="letter-facts">
          {facts.map(([key, value]) => (
            <div key={key}>
              <dt>{s(key)}</dt>
              <dd>{value || '\u00a0'}</dd>
            </div>
          ))}
        </dl>
        {account.notice ? (
          <>
            <h3>{s('appeals.sheet.notice')}</h3>
            <blockquote className="letter-notice">{account.notice}</blockquote>
          </>
        ) : null}
        {earlier.length > 0 ? (
          <>
            <h3>{s('appeals.sheet.earlier')}</h3>
            <ul className="letter-earlier">
              {earlier.map((a) => (
                <li key={a.id}>
                  {dayText(sheetLocale, a.date)} · {s(`appeals.channel.${a.channel}` as MessageKey)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>{s('appeals.sheet.story')}</h3>
        <div className="ruled" data-testid="ruled-lines" aria-hidden="true">
          {Array.from({ length: RULED_LINES }, (_, i) => (
            <div key={i} className="ruled-line" />
          ))}
        </div>
        <div className="letter-sign">
          <span>{s('appeals.sheet.signature')}</span>
          <span className="sign-line" />
          <span>{s('appeals.sheet.date')}</span>
          <span className="sign-line" />
        </div>
      </article>
    </>
  );
}
