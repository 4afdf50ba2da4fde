// The merged contact list, virtualized: only the rows on screen exist in the page.
import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Person } from '../../../shared/types';

const ROW_HEIGHT = 52;

export function PersonList(props: { persons: Person[]; label: string; onOpen(person: Person): void }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.persons.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  return (
    <div ref={parent} className="virtual-list" role="list" aria-label={props.label} tabIndex={0}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const p = props.persons[item.index]!;
          const keys = [...p.wechatIds.map((v) => v.value), ...p.phones.map((v) => v.value), ...p.emails.map((v) => v.value)];
          return (
            <div
              key={p.id}
              role="listitem"
              className="person-row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
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
