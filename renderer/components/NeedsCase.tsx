// Shown by case-bound screens when no case is open yet.
import { useI18n } from '../i18n/i18n';

export function NeedsCase() {
  const { t } = useI18n();
  return (
    <div className="empty-state">
      <p>{t('common.chooseCaseFirst')}</p>
      <a className="button" href="#/cases">
        {t('common.goToCases')}
      </a>
    </div>
  );
}
