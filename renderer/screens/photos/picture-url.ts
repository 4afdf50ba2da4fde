// Where a picture's bytes come from. Browser mode: GET routes of the local host (the <img> loads
// them itself, cached by the browser). Electron has no HTTP host: the backend hands back data: URLs,
// kept in a small cache so scrolling back does not ask again.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

const inElectron = () => api.transport.kind === 'electron';

export function thumbUrl(caseId: string, sha256: string): string {
  return api.fileUrl('/api/photos/thumb', { caseId, sha: sha256 });
}

export function fileUrl(caseId: string, sha256: string, download = false): string {
  return api.fileUrl('/api/photos/file', { caseId, sha: sha256, ...(download ? { download: '1' } : {}) });
}

/** Browser mode can link to the original; Electron exports instead. */
export const canDownload = () => !inElectron();

const MAX_CACHED = 600;
const cache = new Map<string, string | null>();

function remember(key: string, value: string | null): void {
  cache.set(key, value);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
}

async function dataUrl(caseId: string, sha256: string, which: 'thumb' | 'full'): Promise<string | null> {
  const key = `${which}:${caseId}:${sha256}`;
  if (cache.has(key)) return cache.get(key)!;
  const value =
    which === 'thumb'
      ? (await api.call('photos.thumbnail', { caseId, sha256 })).dataUrl
      : (await api.call('photos.picture', { caseId, sha256 })).dataUrl;
  // Full pictures are big: only thumbnails stay cached.
  if (which === 'thumb') remember(key, value);
  return value;
}

/** The src for an <img>: a URL at once in browser mode, a data: URL once loaded in Electron (null = none). */
export function usePictureSrc(caseId: string, sha256: string, which: 'thumb' | 'full'): string | null | undefined {
  const direct = inElectron() ? undefined : which === 'thumb' ? thumbUrl(caseId, sha256) : fileUrl(caseId, sha256);
  const [loaded, setLoaded] = useState<{ key: string; src: string | null }>();
  const key = `${which}:${caseId}:${sha256}`;
  useEffect(() => {
    if (direct !== undefined) return;
    let stale = false;
    dataUrl(caseId, sha256, which)
      .then((src) => !stale && setLoaded({ key, src }))
      .catch(() => !stale && setLoaded({ key, src: null }));
    return () => {
      stale = true;
    };
  }, [caseId, sha256, which, key, direct]);
  if (direct !== undefined) return direct;
  return loaded?.key === key ? loaded.src : undefined;
}
