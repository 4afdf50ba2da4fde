// The new account the user re-adds friends on; shown first, until an ID is set.
import { useState, type FormEvent } from 'react';
import { PLATFORMS, type ReaddView } from '../../../shared/contract';
import type { Platform } from '../../../shared/types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import type { ReaddApi } from './useReadd';

export function SetupPanel({ view, readd, onDone }: { view: ReaddView; readd: ReaddApi; onDone?(): void }) {
  const { t } = useI18n();
  const target = view.settings.targets.find((x) => x.id === view.settings.activeTargetId) ?? view.settings.targets[0]!;
  const [platform, setPlatform] = useState<Platform>(target.platform);
  const [newAccountName, setNewName] = useState(target.newAccountName);
  const [newAccountId, setNewId] = useState(target.newAccountId);
  const [oldAccountName, setOldName] = useState(target.oldAccountName);
  const [dailyLimit, setLimit] = useState(view.settings.dailyLimit);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const next = await readd.act('readd.settings', {
      patch: { target: { platform, newAccountName, newAccountId, oldAccountName }, dailyLimit },
    });
    if (next) onDone?.();
  };

  return (
    <form className="panel form-grid" onSubmit={save} aria-labelledby="setup-title">
      <h2 id="setup-title">{t('readd.setupTitle')}</h2>
      <p className="muted">{t('readd.setupIntro')}</p>
      <label>
        {t('readd.platform')}
        <select value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {t(`readd.platform.${p}` as MessageKey)}
            </option>
          ))}
        </select>
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
        {t('readd.dailyLimit')}
        <input type="number" min={1} max={500} value={dailyLimit} onChange={(e) => setLimit(Number(e.target.value))} />
      </label>
      <div>
        <button type="submit" className="button primary" disabled={readd.busy || !newAccountId.trim()}>
          {t('readd.saveSetup')}
        </button>
      </div>
    </form>
  );
}
