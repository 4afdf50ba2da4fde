// A banned account: platform, name, ID, bound phone, the ban (day, kind, length, the notice pasted as
// shown), the earliest day to appeal again, and where things stand.
import { useState, type FormEvent } from 'react';
import { ACCOUNT_STATES, BAN_KINDS, type AccountInput, type AccountState, type AppealAccount, type BanKind } from '../../../shared/contract';
import type { Platform } from '../../../shared/types';
import { PlatformSelect } from '../../components/PlatformSelect';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { newId, type AppealsApi } from './useAppeals';

export function AccountForm({ appeals, account, onDone }: { appeals: AppealsApi; account?: AppealAccount; onDone(): void }) {
  const { t } = useI18n();
  const [platform, setPlatform] = useState<Platform>(account?.platform ?? 'wechat');
  const [name, setName] = useState(account?.name ?? '');
  const [handle, setHandle] = useState(account?.handle ?? '');
  const [phone, setPhone] = useState(account?.phone ?? '');
  const [banDate, setBanDate] = useState(account?.banDate ?? '');
  const [banKind, setBanKind] = useState<BanKind | ''>(account?.banKind ?? '');
  const [banDays, setBanDays] = useState(account?.banDays ? String(account.banDays) : '');
  const [notice, setNotice] = useState(account?.notice ?? '');
  const [reapplyFrom, setReapply] = useState(account?.reapplyFrom ?? '');
  const [state, setState] = useState<AccountState>(account?.state ?? 'banned');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input: AccountInput = {
      platform,
      name: name.trim(),
      handle: handle.trim(),
      phone: phone.trim(),
      notice,
      state,
      ...(banDate ? { banDate } : {}),
      ...(banKind ? { banKind } : {}),
      ...(banKind === 'temporary' && Number(banDays) > 0 ? { banDays: Number(banDays) } : {}),
      ...(reapplyFrom ? { reapplyFrom } : {}),
    };
    if (await appeals.act('appeals.saveAccount', { id: account?.id ?? newId('acct'), account: input })) onDone();
  };

  return (
    <form className="panel form-grid" onSubmit={save} aria-labelledby="account-form-title" data-testid="account-form">
      <h2 id="account-form-title">{t('appeals.accountForm')}</h2>
      <label>
        {t('appeals.account.platform')}
        <PlatformSelect value={platform} onChange={setPlatform} />
      </label>
      <label>
        {t('appeals.account.name')}
        <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('appeals.account.handle')}
        <input value={handle} maxLength={100} onChange={(e) => setHandle(e.target.value)} />
      </label>
      <label>
        {t('appeals.account.phone')}
        <input value={phone} maxLength={40} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />
      </label>
      <label>
        {t('appeals.account.banDate')}
        <input type="date" value={banDate} onChange={(e) => setBanDate(e.target.value)} />
      </label>
      <label>
        {t('appeals.account.banKind')}
        <select value={banKind} onChange={(e) => setBanKind(e.target.value as BanKind | '')}>
          <option value="">{t('appeals.banKind.none')}</option>
          {BAN_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`appeals.banKind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      {banKind === 'temporary' ? (
        <label>
          {t('appeals.account.banDays')}
          <input type="number" min={1} max={3650} value={banDays} onChange={(e) => setBanDays(e.target.value)} />
        </label>
      ) : null}
      <label>
        {t('appeals.account.reapplyFrom')}
        <input type="date" value={reapplyFrom} onChange={(e) => setReapply(e.target.value)} />
      </label>
      <label>
        {t('appeals.account.state')}
        <select value={state} onChange={(e) => setState(e.target.value as AccountState)}>
          {ACCOUNT_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`appeals.state.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        {t('appeals.account.notice')}
        <textarea rows={3} maxLength={5000} value={notice} onChange={(e) => setNotice(e.target.value)} />
      </label>
      <div className="wide card-actions">
        <button type="submit" className="button primary" disabled={appeals.busy}>
          {t('appeals.save')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('appeals.cancel')}
        </button>
      </div>
    </form>
  );
}
