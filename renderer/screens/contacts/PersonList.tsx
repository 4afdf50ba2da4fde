// The merged contact list, virtualized: only the rows on screen exist in the page, and rows are
// fetched a page at a time as they scroll into view (100k contacts stay light).
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Person } from '../../../shared/types';
import { phoneText } from './phone-text';

const ROW_HEIGHT = 52;
export const LIST_PAGE = 500;

export function PersonList(props: {
  total: number;
  firstPage: Person[];
  loadPage(offset: number, limit: number): Promise<Person[]>;
  label: string;
  onOpen(person: Person): void;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const [rows, setRows] = useState<(Person | undefined)[]>(props.firstPage);
  const loading = useRef(new Set<number>());

  // New filters give a new first page: start over from it.
  useEffect(() => {
    setRows(props.firstPage);
    loading.current.clear();
  }, [props.firstPage]);

  const virtualizer = useVirtualizer({
    count: props.total,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    const missing = items.find((item) => rows[item.index] === undefined);
    if (!missing) return;
    const offset = Math.floor(missing.index / LIST_PAGE) * LIST_PAGE;
    if (loading.current.has(offset)) return;
    loading.current.add(offset);
    const firstPage = props.firstPage;
    void props.loadPage(offset, LIST_PAGE).then((page) => {
      setRows((old) => {
        if (props.firstPage !== firstPage) return old;
        const next = old.slice();
        page.forEach((person, i) => (next[offset + i] = person));
        return next;
      });
    });
  }, [items, rows, props]);

  return (
    <div ref={parent} className="virtual-list" role="list" aria-label={props.label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const p = rows[item.index];
          const style = { position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` } as const;
          if (!p) return <div key={`loading-${item.index}`} role="listitem" className="person-row person-loading" style={style} />;
          const keys = [...p.wechatIds.map((v) => v.value), ...p.phones.map((v) => phoneText(v.value)), ...p.emails.map((v) => v.value)];
          return (
            <div key={p.id} role="listitem" className="person-row" style={style}>
              <button type="button" className="person-open" onClick={() => props.onOpen(p)}>
                <span className="person-name">{p.name}</span>
                <span className="person-keys">{keys.slice(0, 3).join(' · ')}</span>
                <span className="person-labels">
                  {p.labels.slice(0, 3).map((l) => (
                    <span key={l} className="tag">
                      {l}
                    </span>
                  ))}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
