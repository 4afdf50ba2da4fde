// The messaging platform picker, the same wherever an account is named (re-add target, appeals).
import { PLATFORMS } from '../../shared/contract';
import type { Platform } from '../../shared/types';
import { useI18n, type MessageKey } from '../i18n/i18n';

export function PlatformSelect({ value, onChange }: { value: Platform; onChange(platform: Platform): void }) {
  const { t } = useI18n();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as Platform)}>
      {PLATFORMS.map((p) => (
        <option key={p} value={p}>
          {t(`readd.platform.${p}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
