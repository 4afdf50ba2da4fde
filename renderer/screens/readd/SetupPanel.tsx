// The new account the user re-adds friends on; shown first, until an ID is set.
import { useState, type FormEvent } from 'react';
import type { ReaddView } from '../../../shared/contract';
import type { Platform } from '../../../shared/types';
import { PlatformSelect } from '../../components/PlatformSelect';
import { useI18n } from '../../i18n/i18n';
import type { ReaddApi } from './useReadd';

/** Reported safe figures run from 5 to 50 a day (there is no official one): above 20 is risky, above 50 needs a yes. */
export const LIMIT_WARN_ABOVE = 20;
export const LIMIT_CONFIRM_ABOVE = 50;

export function SetupPanel({ view, readd, onDone }: { view: ReaddView; readd: ReaddApi; onDone?(): void }) {
  const { t } = useI18n();
  const target = view.settings.targets.find((x) => x.id === view.settings.activeTargetId) ?? view.settings.targets[0]!;
  const [platform, setPlatform] = useState<Platform>(target.platform);
  const [newAccountName, setNewName] = useState(target.newAccountName);
  const [newAccountId, setNewId] = useState(target.newAccountId);
  const [oldAccountName, setOldName] = useState(target.oldAccountName);
  const [newPhone, setNewPhone] = useState(target.newPhone ?? '');
  const [dailyLimit, setLimit] = useState(view.settings.dailyLimit);
  /** The limit above 50 the user said yes to (asked again when it changes). */
  const [confirmed, setConfirmed] = useState<number>();
  const [asking, setAsking] = useState(false);
  const [saved, setSaved] = useState<string>();

  const store = async (limit: number) => {
    setAsking(false);
    setSaved(undefined);
    const next = await readd.act('readd.settings', {
      patch: { target: { platform, newAccountName, newAccountId, oldAccountName, newPhone: newPhone.trim() }, dailyLimit: limit },
    });
    if (!next) return;
    setSaved(t('readd.limitSaved', { count: next.settings.dailyLimit }));
    onDone?.();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (dailyLimit > LIMIT_CONFIRM_ABOVE && confirmed !== dailyLimit) {
      setAsking(true);
      return;
    }
    await store(dailyLimit);
  };

  return (
    <form className="panel form-grid" onSubmit={save} aria-labelledby="setup-title">
      <h2 id="setup-title">{t('readd.setupTitle')}</h2>
      <p className="muted">{t('readd.setupIntro')}</p>
      <label>
        {t('readd.platform')}
        <PlatformSelect value={platform} onChange={setPlatform} />
      </label>
      <label>
        {t('readd.newName')}
        <input value={newAccountName} maxLength={100} onChange={(e) => setNewName(e.target.value)} />
      </label>
      <label>
        {t('readd.newId')}
        <input value={newAccountId} maxLength={100} required onChange={(e) => setNewId(e.target.value)} />
      </label>
      <label>
        {t('readd.oldName')}
        <input value={oldAccountName} maxLength={100} onChange={(e) => setOldName(e.target.value)} />
      </label>
      <label>
        {t('readd.newPhone')}
        <input type="tel" value={newPhone} maxLength={40} autoComplete="tel" aria-describedby="new-phone-hint" onChange={(e) => setNewPhone(e.target.value)} />
        <span id="new-phone-hint" className="muted small">
          {t('readd.newPhoneHint')}
        </span>
      </label>
      <div className="daily-limit-field">
        <label>
          {t('readd.dailyLimit')}
          <input
            type="number"
            min={1}
            max={500}
            value={dailyLimit}
            aria-describedby="daily-limit-hint daily-limit-warning"
            onChange={(e) => {
              setLimit(Number(e.target.value));
              setAsking(false);
            }}
          />
        </label>
        <p id="daily-limit-hint" className="muted small">
          {t('readd.limitGuidance')}
        </p>
        <p id="daily-limit-warning" className={dailyLimit > LIMIT_WARN_ABOVE ? 'notice notice-warning small' : 'sr-only'} data-testid="limit-warning">
          {dailyLimit > LIMIT_CONFIRM_ABOVE
            ? t('readd.limitDanger', { count: dailyLimit, max: LIMIT_CONFIRM_ABOVE })
            : dailyLimit > LIMIT_WARN_ABOVE
              ? t('readd.limitRisky', { count: dailyLimit, warn: LIMIT_WARN_ABOVE })
              : ''}
        </p>
      </div>
      {asking ? (
        <div className="notice notice-warning wide limit-confirm" role="alertdialog" aria-labelledby="limit-confirm-text" data-testid="limit-confirm">
          <p id="limit-confirm-text">{t('readd.limitConfirm', { count: dailyLimit, max: LIMIT_CONFIRM_ABOVE })}</p>
          <div className="card-actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirmed(dailyLimit);
                void store(dailyLimit);
              }}
            >
              {t('readd.limitConfirmYes', { count: dailyLimit })}
            </button>
            <button
              type="button"
              className="button primary"
              autoFocus
              onClick={() => {
                setLimit(LIMIT_WARN_ABOVE);
                void store(LIMIT_WARN_ABOVE);
              }}
            >
              {t('readd.limitConfirmSafer', { count: LIMIT_WARN_ABOVE })}
            </button>
          </div>
        </div>
      ) : null}
      <div>
        <button type="submit" className="button primary" disabled={readd.busy || !newAccountId.trim()}>
          {t('readd.saveSetup')}
        </button>
        <span role="status" className="muted" data-testid="limit-saved">
          {saved ? ` ${saved}` : ''}
        </span>
      </div>
    </form>
  );
}
