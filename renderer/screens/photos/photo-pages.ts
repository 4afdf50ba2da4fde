// The pictures of the timeline, fetched page by page as rows scroll into view: 100 000 pictures
// are never all in memory. A change of case, filter or archive starts a fresh cache.
import { useCallback, useReducer, useRef } from 'react';
import type { PhotoOriginKind, PhotoRecord } from '../../../shared/types';
import { api } from '../../api/client';

export const PAGE_SIZE = 240;

export interface PhotoFilter {
  origin?: PhotoOriginKind;
  duplicatesOnly?: boolean;
}

export interface PhotoPages {
  /** The picture at a position of the filtered timeline, when its page has arrived. */
  at(index: number): PhotoRecord | undefined;
  /** Fetches the pages covering [from, to] that are not there yet. */
  ensure(from: number, to: number): void;
}

export function usePhotoPages(caseId: string, filter: PhotoFilter, version: number): PhotoPages {
  const key = JSON.stringify([caseId, filter.origin ?? null, !!filter.duplicatesOnly, version]);
  const store = useRef({ key, pages: new Map<number, PhotoRecord[]>(), loading: new Set<number>() });
  if (store.current.key !== key) store.current = { key, pages: new Map(), loading: new Set() };
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const at = useCallback((index: number) => store.current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const ensure = useCallback(
    (from: number, to: number) => {
      const s = store.current;
      for (let page = Math.floor(Math.max(0, from) / PAGE_SIZE); page <= Math.floor(Math.max(0, to) / PAGE_SIZE); page++) {
        if (s.pages.has(page) || s.loading.has(page)) continue;
        s.loading.add(page);
        void api
          .call('photos.list', {
            caseId,
            origin: filter.origin,
            duplicatesOnly: filter.duplicatesOnly || undefined,
            offset: page * PAGE_SIZE,
            limit: PAGE_SIZE,
          })
          .then((result) => {
            if (store.current !== s) return;
            s.pages.set(page, result.photos);
            rerender();
          })
          .finally(() => s.loading.delete(page));
      }
    },
    [caseId, filter.origin, filter.duplicatesOnly],
  );

  return { at, ensure };
}
