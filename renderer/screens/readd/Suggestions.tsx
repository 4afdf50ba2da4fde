// Other ways to reach someone, in words (the backend gives codes).
import type { ReachSuggestion } from '../../../shared/types';
import { useI18n } from '../../i18n/i18n';

export function Suggestions({ suggestions }: { suggestions: ReachSuggestion[] }) {
  const { t } = useI18n();
  return (
    <ul className="suggestions">
      {suggestions.map((s, i) => (
        <li key={i}>
          {s.code === 'ask-mutual-friend'
            ? s.groups.length
              ? t('readd.suggest.askMutualGroups', { groups: s.groups.join('、') })
              : t('readd.suggest.ask-mutual-friend')
            : s.code === 'email'
              ? t('readd.suggest.email', { value: s.email })
              : s.code === 'sms'
                ? t('readd.suggest.sms', { value: s.phone })
                : s.code === 'call'
                  ? t('readd.suggest.call', { value: s.phone })
                  : t('readd.suggest.other-platform', { kind: s.kind, value: s.value })}
        </li>
      ))}
    </ul>
  );
}
