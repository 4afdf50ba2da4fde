// Persons that only share a name, side by side: the user decides whether they are one person.
import { useCallback, useEffect, useState } from 'react';
import type { ContactsResults } from '../../../shared/contract';
import type { Person } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n } from '../../i18n/i18n';
import { phoneText } from './phone-text';
import { sourcesText } from './source-text';

type Pair = ContactsResults['contacts.proposals'][number];

function Side({ person }: { person: Person }) {
  const { t } = useI18n();
  return (
    <div className="review-side">
      <div className="person-name">{person.name}</div>
      <div className="muted">{[...person.phones.map((v) => phoneText(v.value)), ...person.wechatIds.map((v) => v.value), ...person.emails.map((v) => v.value)].join(' · ')}</div>
      <div className="provenance">{sourcesText(person.sources, t)}</div>
    </div>
  );
}

export function MergeReview(props: { caseId: string; onBack(): void; onChanged(): void }) {
  const { t } = useI18n();
  const [pairs, setPairs] = useState<Pair[]>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      setPairs(await api.call('contacts.proposals', { caseId: props.caseId }));
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [props.caseId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (pair: Pair, accept: boolean) => {
    try {
      await api.call('contacts.decide', { caseId: props.caseId, proposalId: pair.proposal.id, accept });
      props.onChanged();
      await load();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby="review-title">
      <button type="button" className="button" onClick={props.onBack}>
        ← {t('contacts.back')}
      </button>
      <h2 id="review-title">{t('contacts.reviewTitle')}</h2>
      <p className="muted">{t('contacts.reviewIntro')}</p>
      {error ? (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      ) : null}
      {pairs?.length === 0 ? <p>{t('contacts.reviewEmpty')}</p> : null}
      <ul className="review-list">
        {pairs?.map((pair) => (
          <li key={pair.proposal.id} className="review-pair">
            <div className="review-reason tag">
              {pair.proposal.reason === 'same-name' ? t('contacts.reasonSameName') : t('contacts.reasonSamePinyin')}
            </div>
            <div className="review-sides">
              <Side person={pair.a} />
              <Side person={pair.b} />
            </div>
            <div className="card-actions">
              <button type="button" className="button primary" onClick={() => void decide(pair, true)}>
                {t('contacts.merge')}
              </button>
              <button type="button" className="button" onClick={() => void decide(pair, false)}>
                {t('contacts.keepApart')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
