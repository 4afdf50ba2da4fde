// The name a person shows everywhere: "automatic" (what the records give), one of the names the
// records carry, each with its field and record, or one the user types. Saved with
// contacts.setName / contacts.clearName; the backend keeps it through re-imports, merges and splits.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { MAX_TYPED_NAME, type PersonDetail } from '../../../shared/contract';
import type { NameCandidate, Person } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { sourceText } from './source-text';
import { ErrorNotice } from '../../components/ErrorNotice';

type Selection = { kind: 'automatic' } | { kind: 'pick'; value: string } | { kind: 'typed' };

function selectionOf(person: Person): Selection {
  if (!person.chosenName) return { kind: 'automatic' };
  return person.chosenName.typed ? { kind: 'typed' } : { kind: 'pick', value: person.name };
}

export function NameChooser(props: { caseId: string; detail: PersonDetail; onSaved(person: Person): void }) {
  const { t } = useI18n();
  const { person, names } = props.detail;
  const group = useId();
  const [selection, setSelection] = useState<Selection>(() => selectionOf(person));
  const [typed, setTyped] = useState(person.chosenName?.typed ? person.name : '');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    setSelection(selectionOf(person));
    setTyped(person.chosenName?.typed ? person.name : '');
  }, [person]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setStatus(undefined);
    if (selection.kind === 'typed' && !typed.trim()) {
      setError(t('contacts.name.empty'));
      return;
    }
    try {
      const base = { caseId: props.caseId, personId: person.id };
      const saved =
        selection.kind === 'automatic'
          ? await api.call('contacts.clearName', base)
          : await api.call('contacts.setName', selection.kind === 'pick' ? { ...base, pick: selection.value } : { ...base, name: typed.trim() });
      setStatus(t('contacts.name.saved', { name: saved.name }));
      props.onSaved(saved);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  const automatic = person.chosenName?.automatic ?? person.name;
  const isPicked = (c: NameCandidate) => selection.kind === 'pick' && selection.value === c.value;
  return (
    <form className="name-chooser" onSubmit={(e) => void save(e)}>
      <fieldset className="field-group">
        <legend>{t('contacts.name.legend')}</legend>
        <p className="muted name-hint">{t('contacts.name.hint')}</p>
        <label className="radio">
          <input type="radio" name={group} checked={selection.kind === 'automatic'} onChange={() => setSelection({ kind: 'automatic' })} />
          <span>
            <span className="value">{t('contacts.name.automatic', { name: automatic })}</span>
            <span className="provenance name-seen">{t('contacts.name.automaticHint')}</span>
          </span>
        </label>
        {names.map((c) => (
          <label key={c.value} className="radio" data-testid="name-candidate">
            <input type="radio" name={group} checked={isPicked(c)} onChange={() => setSelection({ kind: 'pick', value: c.value })} />
            <span>
              <span className="value">{c.value}</span>
              {c.seen.map((s, i) => (
                <span key={i} className="provenance name-seen">
                  {t('contacts.name.seen', { field: t(`contacts.field.${s.kind}`), source: sourceText(s.source, t) })}
                </span>
              ))}
            </span>
          </label>
        ))}
        <div className="name-typed">
          <label className="radio">
            <input type="radio" name={group} checked={selection.kind === 'typed'} onChange={() => setSelection({ kind: 'typed' })} />
            <span>{t('contacts.name.typed')}</span>
          </label>
          <input
            type="text"
            aria-label={t('contacts.name.typedLabel')}
            value={typed}
            maxLength={MAX_TYPED_NAME}
            onChange={(e) => {
              setTyped(e.target.value);
              setSelection({ kind: 'typed' });
            }}
          />
        </div>
      </fieldset>
      <div className="card-actions">
        <button type="submit" className="button primary">
          {t('contacts.name.save')}
        </button>
        <span role="status" className="muted">
          {status}
        </span>
      </div>
      <ErrorNotice text={error} />
    </form>
  );
}
