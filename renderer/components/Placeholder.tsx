// An area that is not built yet says what will be there.
import { useI18n, type MessageKey } from '../i18n/i18n';
import { Icon, type IconName } from './Icon';

export function Placeholder({ title, text, icon }: { title: MessageKey; text: MessageKey; icon: IconName }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t(title)}</h1>
      <div className="empty-state">
        <div className="empty-icon">
          <Icon name={icon} size={40} />
        </div>
        <p>{t(text)}</p>
      </div>
    </section>
  );
}
