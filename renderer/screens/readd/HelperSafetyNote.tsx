// The helpers' safety note: re-adding was recorded today for other cases on this computer too.
// Platforms flag many accounts worked from one device or network as marketing accounts, so each
// person should send from their own phone, with Relink as the checklist. Said once a day per case.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

const seenKey = (caseId: string) => `relink.helperNote.${caseId}.${new Date().toISOString().slice(0, 10)}`;

export function HelperSafetyNote({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [others, setOthers] = useState<string[]>([]);
  const [seen, setSeen] = useState(() => localStorage.getItem(seenKey(caseId)) !== null);

  useEffect(() => {
    let live = true;
    api.call('readd.otherCasesToday', { caseId }).then(
      (r) => live && setOthers(r.names),
      () => undefined, // only a note: the screen works without it
    );
    return () => {
      live = false;
    };
  }, [caseId]);

  if (seen || others.length === 0) return null;
  return (
    <div className="notice notice-warning" role="note" data-testid="helper-safety-note">
      <p>{t('readd.helperNote', { cases: others.join(t('contacts.listSeparator')) })}</p>
      <button
        type="button"
        className="button"
        onClick={() => {
          localStorage.setItem(seenKey(caseId), '1');
          setSeen(true);
        }}
      >
        {t('readd.helperNoteDismiss')}
      </button>
    </div>
  );
}
