// Thumbnails of pictures that came with a chat, from the case's shared content store (photo
// archive). Browser mode: the local host's GET route, loaded by the <img> itself. Electron has no
// HTTP host: the backend returns a data: URL, cached so scrolling back does not ask again.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';

const cache = new Map<string, string | null>();
const MAX_CACHED = 400;

/** The <img> src of a stored picture's thumbnail: a URL, undefined while loading, null when there is none. */
export function useThumbnail(caseId: string, sha256: string): string | null | undefined {
  const direct = api.transport.kind === 'electron' ? undefined : api.fileUrl('/api/photos/thumb', { caseId, sha: sha256 });
  const key = `${caseId}:${sha256}`;
  const [loaded, setLoaded] = useState<{ key: string; src: string | null }>();
  useEffect(() => {
    if (direct !== undefined) return;
    if (cache.has(key)) {
      setLoaded({ key, src: cache.get(key)! });
      return;
    }
    let stale = false;
    api
      .call('photos.thumbnail', { caseId, sha256 })
      .then(({ dataUrl }) => {
        cache.set(key, dataUrl);
        if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
        if (!stale) setLoaded({ key, src: dataUrl });
      })
      .catch(() => !stale && setLoaded({ key, src: null }));
    return () => {
      stale = true;
    };
  }, [caseId, sha256, key, direct]);
  if (direct !== undefined) return direct;
  return loaded?.key === key ? loaded.src : undefined;
}

/** Saves text as a file through a Blob URL (the browser's download, or Electron's save dialog). */
export function downloadText(fileName: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
