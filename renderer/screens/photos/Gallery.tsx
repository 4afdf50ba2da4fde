// The timeline: month headings and rows of thumbnails, virtualized (only the rows on screen exist),
// laid out from the per-month counts so 100 000 pictures scroll as smoothly as 100.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PhotoRecord } from '../../../shared/types';
import type { PhotoMonth } from '../../../shared/contract';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/i18n';
import { displayName, formatMonth, formatPhotoDate } from './format';
import type { PhotoPages } from './photo-pages';
import { thumbUrl } from './picture-url';

const MIN_TILE = 132;
const GAP = 8;
const PAD = 12;
const HEADER = 52;

type Row = { kind: 'month'; month: string; count: number } | { kind: 'photos'; start: number; count: number };

/** One heading row per month, then its pictures `cols` to a row; `start` is the timeline position. */
export function layoutRows(months: PhotoMonth[], cols: number): Row[] {
  const rows: Row[] = [];
  let start = 0;
  for (const m of months) {
    rows.push({ kind: 'month', month: m.month, count: m.count });
    for (let i = 0; i < m.count; i += cols) rows.push({ kind: 'photos', start: start + i, count: Math.min(cols, m.count - i) });
    start += m.count;
  }
  return rows;
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export function Gallery(props: {
  caseId: string;
  months: PhotoMonth[];
  pages: PhotoPages;
  selected: ReadonlySet<string>;
  onToggle(photo: PhotoRecord): void;
  onOpen(index: number): void;
}) {
  const { t, locale } = useI18n();
  const parent = useRef<HTMLDivElement>(null);
  const width = useWidth(parent);
  const inner = Math.max(0, width - 2 * PAD);
  const cols = Math.max(2, Math.floor((inner + GAP) / (MIN_TILE + GAP)));
  const tile = inner ? Math.floor((inner - GAP * (cols - 1)) / cols) : MIN_TILE;
  const rows = useMemo(() => layoutRows(props.months, cols), [props.months, cols]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (i) => (rows[i]?.kind === 'month' ? HEADER : tile + GAP),
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, tile, rows]);

  const items = virtualizer.getVirtualItems();
  const shown = items.map((it) => rows[it.index]).filter((r): r is Extract<Row, { kind: 'photos' }> => r?.kind === 'photos');
  const from = shown[0]?.start ?? 0;
  const to = shown.length ? shown[shown.length - 1]!.start + shown[shown.length - 1]!.count - 1 : 0;
  const { ensure } = props.pages;
  useEffect(() => ensure(from, to), [ensure, from, to]);

  return (
    <div ref={parent} className="photo-timeline" role="region" aria-label={t('photos.timeline')} tabIndex={0} data-testid="photo-timeline">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          const style = { position: 'absolute' as const, top: 0, left: PAD, right: PAD, transform: `translateY(${item.start}px)` };
          if (row.kind === 'month') {
            return (
              <div key={`m-${row.month}`} className="photo-month" style={{ ...style, height: HEADER }} data-testid="photo-month">
                <h2>{formatMonth(row.month, locale)}</h2>
                <span className="muted">{t('photos.monthCount', { count: row.count })}</span>
              </div>
            );
          }
          return (
            <div key={`r-${row.start}`} className="photo-row" style={{ ...style, height: tile + GAP, gap: GAP }}>
              {Array.from({ length: row.count }, (_, i) => {
                const index = row.start + i;
                const photo = props.pages.at(index);
                return photo ? (
                  <Tile
                    key={photo.sha256}
                    caseId={props.caseId}
                    photo={photo}
                    size={tile}
                    selected={props.selected.has(photo.sha256)}
                    onToggle={() => props.onToggle(photo)}
                    onOpen={() => props.onOpen(index)}
                    label={t('photos.openPhoto', { name: displayName(photo), date: formatPhotoDate(photo.date, locale, false) })}
                    selectLabel={t('photos.selectPhoto', { name: displayName(photo) })}
                  />
                ) : (
                  <div key={`p-${index}`} className="photo-tile photo-tile-loading" style={{ width: tile, height: tile }} />
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Tile(props: {
  caseId: string;
  photo: PhotoRecord;
  size: number;
  selected: boolean;
  label: string;
  selectLabel: string;
  onToggle(): void;
  onOpen(): void;
}) {
  const [failed, setFailed] = useState(false);
  const copies = props.photo.origins.length;
  return (
    <div
      className={props.selected ? 'photo-tile selected' : 'photo-tile'}
      style={{ width: props.size, height: props.size }}
      data-testid="photo-tile"
      data-sha={props.photo.sha256}
    >
      <button type="button" className="photo-open" aria-label={props.label} onClick={props.onOpen}>
        {!failed ? (
          <img src={thumbUrl(props.caseId, props.photo.sha256)} alt="" loading="lazy" decoding="async" draggable={false} onError={() => setFailed(true)} />
        ) : (
          <span className="photo-placeholder" aria-hidden="true">
            <Icon name="photos" size={28} />
            <span>{props.photo.type.toUpperCase()}</span>
          </span>
        )}
      </button>
      <input type="checkbox" className="photo-check" aria-label={props.selectLabel} checked={props.selected} onChange={props.onToggle} />
      {copies > 1 ? (
        <span className="photo-copies" aria-hidden="true">
          ×{copies}
        </span>
      ) : null}
    </div>
  );
}
