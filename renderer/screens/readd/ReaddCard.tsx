// The contact to re-add now: who, how to find them (key to copy), what to say (message to copy,
// with a live count), and one button per outcome, each with its keyboard shortcut.
import { useEffect, useState } from 'react';
import type { ReaddActionName, ReaddView } from '../../../shared/contract';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { useShortcutKeys } from '../../components/keys';
import { formatDuration, type ReaddApi } from './useReadd';
import { routeTo } from '../../app/router';
import { UndoButton } from './UndoButton';

export const OUTCOMES: { action: ReaddActionName; key: string; className?: string }[] = [
  { action: 'sent', key: 's', className: 'primary' },
  { action: 'accepted', key: 'a' },
  { action: 'notFound', key: 'n' },
  { action: 'declined', key: 'd' },
  { action: 'skipped', key: 'k' },
  { action: 'later', key: 'l' },
];

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function ReaddCard({ view, readd }: { view: ReaddView; readd: ReaddApi }) {
  const { t, locale } = useI18n();
  const card = view.current!;
  const [copied, setCopied] = useState<'key' | 'message'>();
  const [saved, setSaved] = useState<string>();
  // Every key in order; "Not found" on one offers the next before the person needs another way.
  const [keyIndex, setKeyIndex] = useState(0);
  const key = card.searchKeys[keyIndex];
  const waiting = view.pacing.nextAllowedAt > readd.backendNow();

  const copyKey = async () => {
    if (key && (await copy(key.value))) setCopied('key');
  };
  const copyMessage = async () => {
    if (await copy(card.message)) setCopied('message');
  };
  const record = async (action: ReaddActionName) => {
    if (action === 'sent' && waiting) {
      // The key did something: say why nothing was recorded instead of ignoring it.
      const said = t('readd.sentDuringGap', { time: formatDuration(view.pacing.nextAllowedAt - readd.backendNow(), t) });
      setSaved(said);
      readd.announce(said);
      return;
    }
    const nextKey = card.searchKeys[keyIndex + 1];
    if (action === 'notFound' && nextKey) {
      setKeyIndex(keyIndex + 1);
      setCopied(undefined);
      const said = t('readd.tryNextKey', { kind: t(`readd.searchKeyKind.${nextKey.kind}` as MessageKey), value: nextKey.value });
      setSaved(said);
      readd.announce(said);
      return;
    }
    const name = card.name;
    const said = t('readd.saved', { name, outcome: t(`readd.outcome.${action}` as MessageKey) });
    const next = await readd.act('readd.record', { personId: card.personId, action }, () => said);
    if (next) setSaved(said);
  };

  useEffect(() => {
    setCopied(undefined);
    setKeyIndex(0);
  }, [card.personId]);

  useShortcutKeys((k, event) => {
    if (readd.busy) return;
    if (k === 'c') void copyKey();
    else if (k === 'm') void copyMessage();
    else {
      const outcome = OUTCOMES.find((o) => o.key === k);
      if (!outcome) return;
      void record(outcome.action);
    }
    event.preventDefault();
  });

  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const max = view.settings.maxMessageLength;

  return (
    <article className="readd-card" aria-labelledby="readd-card-name" data-testid="readd-card">
      <div className="readd-card-head">
        {card.avatar ? <img className="avatar" src={card.avatar} alt="" /> : <div className="avatar avatar-initial" aria-hidden="true">{card.name.slice(0, 1)}</div>}
        <div>
          <h2 id="readd-card-name">{card.name}</h2>
          <div className="muted">
            {card.remark && card.remark !== card.name ? <span>{t('readd.remark', { remark: card.remark })} · </span> : null}
            {card.starred ? <span className="tag">★ {t('readd.starred')}</span> : null}
            {card.labels.map((l) => (
              <span key={l} className="tag">
                {l}
              </span>
            ))}
            {card.attempts > 0 ? <span> · {t('readd.attempts', { count: card.attempts })}</span> : null}
          </div>
          {card.maybeSameAs?.map((other) => (
            <p key={other.proposalId} className="notice notice-warning readd-maybe-same" data-testid="maybe-same">
              {t('readd.maybeSame', { name: other.name })}{' '}
              <a href={routeTo('contacts', 'review', other.proposalId)} aria-label={t('readd.maybeSameLabel', { name: card.name, other: other.name })}>
                {t('readd.maybeSameReview')}
              </a>
            </p>
          ))}
          {card.strength?.lastAt ? (
            <div className="muted">{t('readd.lastTalked', { date: dates.format(new Date(card.strength.lastAt)), count: card.strength.messages })}</div>
          ) : null}
        </div>
      </div>

      <div className="readd-field">
        <div className="readd-field-label">
          {t('readd.searchKey')} · {key ? t(`readd.searchKeyKind.${key.kind}` as MessageKey) : ''}
        </div>
        <div className="readd-field-row">
          <code className="readd-key" data-testid="search-key">
            {key?.value}
          </code>
          <button type="button" className="button" onClick={() => void copyKey()} aria-keyshortcuts="C">
            {copied === 'key' ? t('readd.copied') : t('readd.copyKey')} <kbd>C</kbd>
          </button>
        </div>
        {card.searchKeys.length > 1 ? (
          <ol className="readd-keys" aria-label={t('readd.allKeys')} data-testid="search-keys">
            {card.searchKeys.map((k, i) => (
              <li key={`${k.kind}:${k.value}`} className={i < keyIndex ? 'tried' : i === keyIndex ? 'current' : undefined} aria-current={i === keyIndex ? 'step' : undefined}>
                <span className="muted">{t(`readd.searchKeyKind.${k.kind}` as MessageKey)}</span> <span>{k.value}</span>
                {i < keyIndex ? <span className="muted"> · {t('readd.keyNotFound')}</span> : null}
              </li>
            ))}
          </ol>
        ) : null}
      </div>

      <div className="readd-field">
        <div className="readd-field-label">{t('readd.message')}</div>
        <div className="readd-field-row">
          <p className="readd-message" data-testid="readd-message">
            {card.message}
          </p>
          <button type="button" className="button" onClick={() => void copyMessage()} aria-keyshortcuts="M">
            {copied === 'message' ? t('readd.copied') : t('readd.copyMessage')} <kbd>M</kbd>
          </button>
        </div>
        <div className={card.messageTooLong ? 'char-count too-long' : 'char-count'}>
          {t('readd.chars', { count: card.messageLength })}
          {card.messageTooLong ? ` · ${t('readd.tooLong', { max })}` : ''}
        </div>
      </div>

      <div className="outcomes" role="group" aria-label={t('readd.tab.today')}>
        {OUTCOMES.map((o) => (
          <button
            key={o.action}
            type="button"
            className={`button ${o.className ?? ''}`}
            disabled={readd.busy || (o.action === 'sent' && waiting)}
            aria-keyshortcuts={o.key.toUpperCase()}
            onClick={() => void record(o.action)}
          >
            {t(`readd.outcome.${o.action}` as MessageKey)} <kbd>{o.key.toUpperCase()}</kbd>
          </button>
        ))}
        <UndoButton view={view} readd={readd} />
      </div>
      <p className="muted small">{t('readd.shortcutsHint')}</p>
      {saved ? (
        <p className="muted small" data-testid="readd-saved">
          {saved}
        </p>
      ) : null}
    </article>
  );
}
