// The whole queue: everyone in queue order, then everyone else. Star, exclude or move people to
// the front one by one or in bulk (select all with a label). Virtualized and fetched in pages, so a
// case with tens of thousands of contacts stays fast.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ReaddQueueRow, ReaddView } from '../../../shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../components/errors';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import type { ReaddApi } from './useReadd';

const ROW_HEIGHT = 56;
const PAGE = 500;

/** Every person id with a label, in queue order (the backend pages at 5000). */
async function idsWithLabel(caseId: string, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 5000) {
    const page = await api.call('readd.queue', { caseId, label, offset, limit: 5000, includeExcluded: true });
    ids.push(...page.rows.map((r) => r.personId));
    if (page.rows.length === 0 || ids.length >= page.total) return ids;
  }
}

/** Rows fetched page by page as they scroll into view; `reload()` starts over. */
function useQueueRows(caseId: string, label: string, query: string) {
  const [pages, setPages] = useState<Map<number, ReaddQueueRow[]>>(new Map());
  const [total, setTotal] = useState<number>();
  const [labels, setLabels] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const asked = useRef(new Set<number>());
  /** After a reload the old rows stay on screen until the first new page replaces them (no flicker). */
  const stale = useRef(false);
  const { t } = useI18n();

  const load = useCallback(
    async (page: number) => {
      if (asked.current.has(page)) return;
      asked.current.add(page);
      const mine = asked.current;
      try {
        const result = await api.call('readd.queue', {
          caseId,
          label: label || undefined,
          query: query.trim() || undefined,
          offset: page * PAGE,
          limit: PAGE,
          includeExcluded: true,
        });
        if (mine !== asked.current) return; // reloaded meanwhile
        setTotal(result.total);
        setLabels(result.labels);
        const fresh = stale.current;
        stale.current = false;
        setPages((prev) => new Map(fresh ? [] : prev).set(page, result.rows));
      } catch (e) {
        mine.delete(page);
        setError(errorText(t, e));
      }
    },
    [caseId, label, query, t],
  );

  const reload = useCallback(() => {
    asked.current = new Set();
    stale.current = true;
    setError(undefined);
    setGeneration((n) => n + 1);
  }, []);

  // A new label or search starts over (the effect order matters: the reset runs before the first fetch).
  useEffect(() => {
    reload();
  }, [reload, label, query]);

  useEffect(() => {
    if (generation > 0) void load(0);
  }, [load, generation]);

  const rowAt = (index: number): ReaddQueueRow | undefined => pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  return { total, labels, error, rowAt, load, reload, generation };
}

/** The value once it stopped changing for `ms` (typing does not ask the backend per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function QueuePanel({ caseId, readd, initialSearch }: { caseId: string; view: ReaddView; readd: ReaddApi; initialSearch?: string | undefined }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const [search, setSearch] = useState(initialSearch ?? '');
  const query = useDebounced(search, 200);
  const rows = useQueueRows(caseId, filter, query);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkLabel, setBulkLabel] = useState('');
  const [note, setNote] = useState<string>();
  const [selectError, setSelectError] = useState<string>();
  const parent = useRef<HTMLDivElement>(null);

  const count = rows.total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows fall in.
  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;
  const { load, generation } = rows;
  useEffect(() => {
    if (first === undefined || last === undefined || generation === 0) return;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) void load(page);
  }, [first, last, load, generation]);

  useEffect(() => {
    if (!bulkLabel && rows.labels.length) setBulkLabel(rows.labels[0]!);
  }, [rows.labels, bulkLabel]);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const selectLabel = async () => {
    if (!bulkLabel) return;
    setSelectError(undefined);
    try {
      const ids = await idsWithLabel(caseId, bulkLabel);
      setSelected((prev) => new Set([...prev, ...ids]));
      setNote(t('readd.queue.selectedLabel', { count: ids.length, label: bulkLabel }));
    } catch (e) {
      setSelectError(errorText(t, e));
    }
  };

  /** Runs an action on some people, then shows the queue as it is now. */
  const apply = async (
    ids: string[],
    action: 'star' | 'unstar' | 'exclude' | 'include' | 'front',
  ): Promise<void> => {
    if (ids.length === 0) return;
    const next =
      action === 'star' || action === 'unstar'
        ? await readd.act('readd.star', { personIds: ids, starred: action === 'star' })
        : action === 'exclude' || action === 'include'
          ? await readd.act('readd.exclude', { personIds: ids, excluded: action === 'exclude' })
          : await readd.act('readd.moveToFront', { personIds: ids });
    if (!next) return;
    setNote(t(`readd.queue.done.${action}` as MessageKey, { count: ids.length }));
    rows.reload();
    if (action === 'front') virtualizer.scrollToIndex(0);
  };

  const selectedIds = [...selected];
  const status = (row: ReaddQueueRow) => t(`readd.outcome.${row.status}` as MessageKey);

  return (
    <div className="queue-panel">
      <div className="toolbar">
        <input
          type="search"
          value={search}
          maxLength={200}
          aria-label={t('readd.queue.search')}
          placeholder={t('readd.queue.search')}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="queue-search"
        />
        <label className="inline-label">
          {t('readd.queue.filter')}
          <select value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="queue-filter">
            <option value="">{t('readd.queue.allLabels')}</option>
            {rows.labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="queue-count">
          {rows.total === undefined ? t('common.loading') : t('readd.queue.count', { count })}
        </span>
      </div>

      <div className="queue-bulk panel" role="group" aria-label={t('readd.queue.bulkLabel')}>
        <div className="queue-bulk-row">
          <label className="inline-label">
            {t('readd.queue.selectWithLabel')}
            <select value={bulkLabel} onChange={(e) => setBulkLabel(e.target.value)} disabled={rows.labels.length === 0} data-testid="queue-bulk-label">
              {rows.labels.length === 0 ? <option value="">{t('readd.queue.noLabels')}</option> : null}
              {rows.labels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" disabled={!bulkLabel} onClick={() => void selectLabel()}>
            {t('readd.queue.selectAll')}
          </button>
          <button type="button" className="button" disabled={selected.size === 0} onClick={() => setSelected(new Set())}>
            {t('readd.queue.clearSelection')}
          </button>
          <strong data-testid="queue-selected">{t('readd.queue.selected', { count: selected.size })}</strong>
        </div>
        <div className="queue-bulk-row">
          <button type="button" className="button primary" disabled={selected.size === 0 || readd.busy} onClick={() => void apply(selectedIds, 'front')}>
            {t('readd.queue.moveToFront')}
          </button>
          <button type="button" className="button" disabled={selected.size === 0 || readd.busy} onClick={() => void apply(selectedIds, 'star')}>
            {t('readd.queue.star')}
          </button>
          <button type="button" className="button" disabled={selected.size === 0 || readd.busy} onClick={() => void apply(selectedIds, 'exclude')}>
            {t('readd.queue.exclude')}
          </button>
          <button type="button" className="button" disabled={selected.size === 0 || readd.busy} onClick={() => void apply(selectedIds, 'include')}>
            {t('readd.queue.include')}
          </button>
        </div>
        <p className="muted small">{t('readd.queue.hint')}</p>
      </div>

      {note ? (
        <p className="muted small" role="status" data-testid="queue-note">
          {note}
        </p>
      ) : null}
      {rows.error || selectError ? (
        <div className="notice notice-error" role="alert">
          {rows.error ?? selectError}
        </div>
      ) : null}

      {rows.total === 0 ? (
        <div className="empty-state">{query.trim() ? t('readd.queue.noMatch', { query: query.trim() }) : t('readd.queue.empty')}</div>
      ) : (
        <div ref={parent} className="virtual-list queue-list" role="list" aria-label={t('readd.queue.listLabel')} tabIndex={0} data-testid="queue-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows.rowAt(item.index);
              const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` };
              if (!row) {
                return (
                  <div key={`loading-${item.index}`} role="listitem" className="queue-row queue-row-loading" style={style}>
                    <span className="muted">{t('common.loading')}</span>
                  </div>
                );
              }
              const checkboxId = `queue-check-${row.personId}`;
              return (
                <div
                  key={row.personId}
                  role="listitem"
                  className={`queue-row${row.excluded ? ' is-excluded' : ''}${selected.has(row.personId) ? ' is-selected' : ''}`}
                  style={style}
                  data-testid="queue-row"
                  data-person={row.personId}
                >
                  <input
                    type="checkbox"
                    id={checkboxId}
                    checked={selected.has(row.personId)}
                    onChange={(e) => toggle(row.personId, e.target.checked)}
                  />
                  <span className="queue-pos muted" aria-hidden="true">
                    {item.index + 1}
                  </span>
                  <label htmlFor={checkboxId} className="queue-who">
                    <span className="queue-name">
                      {row.starred ? (
                        <span className="queue-star" title={t('readd.starred')}>
                          ★{' '}
                        </span>
                      ) : null}
                      {row.name}
                    </span>
                    <span className="queue-key muted">{row.searchKey ?? t('readd.queue.noKey')}</span>
                  </label>
                  <span className="queue-labels">
                    {row.labels.slice(0, 3).map((l) => (
                      <span key={l} className="tag">
                        {l}
                      </span>
                    ))}
                  </span>
                  <span className="queue-status" data-testid="queue-status">
                    <span className={`status-${row.status}`}>{status(row)}</span>
                    {row.excluded ? <span className="tag tag-excluded">{t('readd.queue.excluded')}</span> : null}
                  </span>
                  <span className="queue-actions">
                    <button
                      type="button"
                      className="button small-button"
                      aria-pressed={row.starred}
                      aria-label={t(row.starred ? 'readd.queue.unstarOne' : 'readd.queue.starOne', { name: row.name })}
                      disabled={readd.busy}
                      onClick={() => void apply([row.personId], row.starred ? 'unstar' : 'star')}
                    >
                      {row.starred ? '★' : '☆'}
                    </button>
                    <button
                      type="button"
                      className="button small-button"
                      aria-label={t(row.excluded ? 'readd.queue.includeOne' : 'readd.queue.excludeOne', { name: row.name })}
                      disabled={readd.busy}
                      onClick={() => void apply([row.personId], row.excluded ? 'include' : 'exclude')}
                    >
                      {t(row.excluded ? 'readd.queue.include' : 'readd.queue.exclude')}
                    </button>
                    <button
                      type="button"
                      className="button small-button"
                      aria-label={t('readd.queue.frontOne', { name: row.name })}
                      disabled={readd.busy || row.excluded}
                      onClick={() => void apply([row.personId], 'front')}
                    >
                      {t('readd.queue.toFront')}
                    </button>
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
