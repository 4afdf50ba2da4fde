// Settings: the UI language (system, 中文, English) and where the data lives.
import { useState } from 'react';
import type { Locale } from '../../../shared/types';
import { useAppState } from '../../app/app-state';
import { useI18n } from '../../i18n/i18n';

export function SettingsScreen() {
  const { t } = useI18n();
  const { info, setLocale } = useAppState();
  // Show the choice at once; the saved setting catches up when the backend answers.
  const [pending, setPending] = useState<Locale | 'system'>();
  const choice = pending ?? info?.locale ?? 'system';
  const choose = (value: Locale | 'system') => {
    setPending(value);
    void setLocale(value === 'system' ? null : value).finally(() => setPending(undefined));
  };

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('settings.title')}</h1>
      <fieldset className="field-group">
        <legend>{t('settings.language')}</legend>
        {(['system', 'zh-CN', 'en'] as const).map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name="language"
              value={value}
              checked={choice === value}
              onChange={() => choose(value)}
            />
            {value === 'system'
              ? t('settings.languageSystem', { system: t(`lang.${info?.systemLocale ?? 'en'}`) })
              : t(`lang.${value}`)}
          </label>
        ))}
      </fieldset>
      {info ? (
        <dl className="facts">
          <dt>{t('settings.dataDir')}</dt>
          <dd>
            <code>{info.dataDir}</code>
            <div className="muted">{t('settings.dataDirHint')}</div>
          </dd>
          <dt>{t('settings.mode')}</dt>
          <dd>{info.mode === 'electron' ? t('settings.modeElectron') : t('settings.modeBrowser')}</dd>
          <dt>{t('settings.version')}</dt>
          <dd>{info.version}</dd>
        </dl>
      ) : null}
    </section>
  );
}
