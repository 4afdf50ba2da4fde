// Merge review, one proposed pair at a time (only that pair exists in the page), strongest evidence
// first: every field side by side with the file and record it came from, why the pair was proposed,
// keys Y / N / S / U, "3 of 53", whole kinds settled at once, and every step undoable.
import { useEffect, useRef, useState } from 'react';
import type { ContactsResults, EvidenceKind, ReviewItem } from '../../../shared/contract';
import type { Person, Valued } from '../../../shared/types';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useShortcutKeys } from '../../components/keys';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { phoneText } from './phone-text';
import { sourceText } from './source-text';
import { ErrorNotice } from '../../components/ErrorNotice';

type Review = ContactsResults['contacts.review'];

/** Kinds whose pairs are usually one person (merge all) or usually two (keep all apart). */
const MERGE_ALL: readonly EvidenceKind[] = ['name-and-context', 'name-no-conflict'];
const KEEP_ALL_APART: readonly EvidenceKind[] = ['name-different-phones', 'name-different-ids', 'pinyin-different-ids'];

function whyText(item: ReviewItem, t: Translate): string {
  const { evidence } = item;
  const agrees = evidence.agrees ? t(`review.agrees.${evidence.agrees.what}` as MessageKey, { value: evidence.agrees.value }) : '';
  const differs = evidence.differs.map((d) => t(`review.differs.${d}` as MessageKey)).join(t('contacts.listSeparator'));
  return t(`review.kind.${evidence.kind}` as MessageKey, { agrees, differs });
}

function Values({ list, show = (v) => v.value }: { list: Valued[]; show?: (v: Valued) => string }) {
  const { t } = useI18n();
  if (list.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="review-values">
      {list.map((v) => (
        <li key={v.value}>
          <span>{show(v)}</span>
          {v.sources.length ? <span className="provenance"> {v.sources.map((s) => sourceText(s, t)).join(t('contacts.listSeparator'))}</span> : null}
        </li>
      ))}
    </ul>
  );
}

const plain = (value: string | undefined): Valued[] => (value ? [{ value, sources: [] }] : []);

/** The rows of the side-by-side table: what a person carries, each value with where it came from. */
const FIELDS: { key: MessageKey; values(p: Person): Valued[]; show?: (v: Valued) => string }[] = [
  { key: 'review.field.name', values: (p) => (p.names.length ? p.names : plain(p.name)) },
  { key: 'review.field.nickname', values: (p) => plain(p.nickname) },
  { key: 'review.field.wechatId', values: (p) => p.wechatIds },
  { key: 'review.field.wxid', values: (p) => p.wxids },
  { key: 'review.field.phone', values: (p) => p.phones, show: (v) => phoneText(v.value) },
  { key: 'review.field.email', values: (p) => p.emails },
  { key: 'review.field.labels', values: (p) => p.labels.map((l) => ({ value: l, sources: [] })) },
  { key: 'review.field.org', values: (p) => plain(p.org) },
];

function PairTable({ item }: { item: ReviewItem }) {
  const { t } = useI18n();
  const rows = FIELDS.filter((f) => f.values(item.a).length || f.values(item.b).length);
  return (
    <table className="review-table">
      <thead>
        <tr>
          <td />
          <th scope="col">{t('review.sideA')}</th>
          <th scope="col">{t('review.sideB')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={f.key}>
            <th scope="row">{t(f.key)}</th>
            <td>
              <Values list={f.values(item.a)} show={f.show} />
            </td>
            <td>
              <Values list={f.values(item.b)} show={f.show} />
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('review.field.sources')}</th>
          {[item.a, item.b].map((p, i) => (
            <td key={i} className="provenance">
              {p.sources.map((s) => sourceText(s, t)).join(t('contacts.listSeparator'))}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

export function MergeReview(props: { caseId: string; proposalId?: string | undefined; onBack(): void; onTotal(total: number): void }) {
  const { t } = useI18n();
  const [review, setReview] = useState<Review>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const busy = useRef(false);
  const card = useRef<HTMLDivElement>(null);

  // A link from a re-add card opens the review at that pair.
  const { proposalId } = props;
  useEffect(() => {
    api
      .call('contacts.review', { caseId: props.caseId, offset: 0, ...(proposalId ? { proposalId } : {}) })
      .then(setReview)
      .catch((e: unknown) => setError(errorText(t, e)));
  }, [props.caseId, proposalId, t]);

  // The screen's "review possible duplicates (N)" follows the review, which fetches nothing else.
  const { onTotal } = props;
  const total = review?.total;
  useEffect(() => {
    if (total !== undefined) onTotal(total);
  }, [total, onTotal]);

  /**
   * Runs one step; the next pair takes this one's place, and focus stays in the review. A decision
   * answers with the page to show (one call per key); a step that changed nothing asks for it.
   */
  const run = async (step: () => Promise<{ page: Review | number; message: string }>) => {
    if (busy.current) return;
    busy.current = true;
    try {
      const { page, message } = await step();
      setReview(typeof page === 'number' ? await api.call('contacts.review', { caseId: props.caseId, offset: page }) : page);
      setStatus(message);
      setError(undefined);
      if (!card.current?.contains(document.activeElement)) card.current?.focus();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      busy.current = false;
    }
  };

  const item = review?.item;
  const offset = review?.offset ?? 0;

  const decide = (accept: boolean) =>
    item &&
    run(async () => {
      const done = await api.call('contacts.decide', { caseId: props.caseId, proposalId: item.proposal.id, accept, reviewAt: offset });
      return { page: done.review ?? offset, message: t(accept ? 'review.done.merge' : 'review.done.keep-apart') };
    });

  const later = () => item && run(async () => ({ page: offset + 1 < (review?.total ?? 0) ? offset + 1 : 0, message: t('review.done.later') }));

  const undo = () =>
    run(async () => {
      const undone = await api.call('contacts.undoDecision', { caseId: props.caseId, reviewAt: offset });
      const page = undone.review ?? offset;
      if (!undone.undone) return { page, message: t('review.nothingToUndo') };
      return { page, message: t(`review.undone.${undone.undone}` as MessageKey, { count: undone.count }) };
    });

  const settleKind = (kind: EvidenceKind, accept: boolean) =>
    run(async () => {
      const done = await api.call('contacts.decideKind', { caseId: props.caseId, kind, accept, reviewAt: 0 });
      return { page: done.review ?? 0, message: t(accept ? 'review.done.merge-kind' : 'review.done.keep-apart-kind', { count: done.decided }) };
    });

  useShortcutKeys((key, event) => {
    const action = ({ y: () => decide(true), n: () => decide(false), s: later, u: undo } as Record<string, () => unknown>)[key];
    if (!action) return;
    event.preventDefault();
    void action();
  });

  return (
    <section className="panel" aria-labelledby="review-title">
      <button type="button" className="button" onClick={props.onBack}>
        ← {t('contacts.back')}
      </button>
      <h2 id="review-title">{t('review.title')}</h2>
      <p className="muted">{t('review.intro')}</p>
      <div className="sr-only" role="status" aria-live="polite" data-testid="review-status">
        {status}
      </div>
      <ErrorNotice text={error} />
      <div ref={card} tabIndex={-1} className="review-card" data-testid="review-card" data-proposal={item?.proposal.id}>
        {review && !item ? <p>{t('review.empty')}</p> : null}
        {item ? (
          <>
            <div className="review-head">
              <strong data-testid="review-progress">{t('review.progress', { n: offset + 1, total: review.total })}</strong>
              <span className="review-why">
                <span className="muted">{t('review.why')}</span>
                <span data-testid="review-why">{whyText(item, t)}</span>
              </span>
            </div>
            <PairTable item={item} />
            <div className="card-actions">
              <button type="button" className="button primary" onClick={() => void decide(true)} aria-keyshortcuts="Y">
                {t('review.merge')} <kbd aria-hidden="true">Y</kbd>
              </button>
              <button type="button" className="button" onClick={() => void decide(false)} aria-keyshortcuts="N">
                {t('review.keepApart')} <kbd aria-hidden="true">N</kbd>
              </button>
              <button type="button" className="button" onClick={() => void later()} aria-keyshortcuts="S">
                {t('review.later')} <kbd aria-hidden="true">S</kbd>
              </button>
              <button type="button" className="button" onClick={() => void undo()} aria-keyshortcuts="U">
                {t('review.undo')} <kbd aria-hidden="true">U</kbd>
              </button>
            </div>
            <p className="muted">{t('review.keysHint')}</p>
          </>
        ) : null}
      </div>
      {review && review.kinds.some((k) => MERGE_ALL.includes(k.kind) || KEEP_ALL_APART.includes(k.kind)) ? (
        <section className="review-bulk" aria-labelledby="review-bulk-title">
          <h3 id="review-bulk-title">{t('review.bulkTitle')}</h3>
          <div className="card-actions">
            {review.kinds.map(({ kind, count }) => {
              const accept = MERGE_ALL.includes(kind);
              if (!accept && !KEEP_ALL_APART.includes(kind)) return null;
              const label = t(accept ? 'review.bulk.merge' : 'review.bulk.keepApart', { kind: t(`review.kindShort.${kind}` as MessageKey), count });
              return (
                <button key={kind} type="button" className="button" onClick={() => void settleKind(kind, accept)}>
                  {label}
                </button>
              );
            })}
          </div>
        </section>
      ) : null}
    </section>
  );
}
