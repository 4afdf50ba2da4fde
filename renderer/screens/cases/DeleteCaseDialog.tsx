// Deleting a case asks for its name, like GitHub does for repositories: hard to do by accident.
import { useState, type FormEvent } from 'react';
import type { CaseSummary } from '../../../shared/contract';
import { api } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice } from '../../components/ErrorNotice';

export function DeleteCaseDialog(props: { summary: CaseSummary; onClose(): void; onDeleted(keptAs: string): void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await api.call('cases.delete', { caseId: props.summary.id, confirmName: typed });
      props.onDeleted(result.keptAs);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Dialog title={t('cases.deleteTitle', { name: props.summary.name })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <p>{t('cases.deleteExplain')}</p>
        <label htmlFor="confirm-case-name">{t('cases.deleteConfirmLabel')}</label>
        <input id="confirm-case-name" value={typed} autoFocus onChange={(e) => setTyped(e.target.value)} />
        <ErrorNotice text={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={typed.trim() !== props.summary.name}>
            {t('common.delete')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
