// The renderer talks to the backend through one of two transports implementing the same contract:
// the Electron preload (window.relink) or browser mode's HTTP host. Screens never know which.
import type { ApiEvent, FileRef } from '../../shared/contract';

export interface PickOptions {
  directory?: boolean;
  multiple?: boolean;
  filters?: { name: string; extensions: string[] }[];
}

export interface Transport {
  kind: 'electron' | 'browser';
  call(method: string, args: unknown): Promise<{ result?: unknown; error?: { code: string; message: string; details?: unknown } }>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Electron: native dialog, returns paths. Browser mode: not available (use upload). */
  pickFiles?(options: PickOptions): Promise<FileRef[]>;
  /** Browser mode: streams a File the user chose into the data folder. */
  upload?(file: File, onProgress?: (sent: number) => void): Promise<FileRef>;
  /** URL for a GET endpoint (pictures, exports), with credentials where needed. */
  fileUrl(path: string, params?: Record<string, string>): string;
}

interface PreloadBridge {
  call(method: string, args: unknown): Promise<unknown>;
  pickFiles(options: unknown): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}

declare global {
  interface Window {
    relink?: PreloadBridge;
  }
}

function electronTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'electron',
    call: (method, args) => bridge.call(method, args) as ReturnType<Transport['call']>,
    onEvent: (listener) => bridge.onEvent((e) => listener(e as ApiEvent)),
    pickFiles: (options) => bridge.pickFiles(options) as Promise<FileRef[]>,
    fileUrl: (path, params) => `relink-file:${path}?${new URLSearchParams(params)}`,
  };
}

const TOKEN_KEY = 'relink.token';

/** The token arrives once in the URL; keep it for this tab and take it out of the address bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function browserTransport(): Transport {
  const token = browserToken();
  const headers = { 'Content-Type': 'application/json', 'x-relink-token': token };
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | undefined;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as ApiEvent;
      for (const listener of listeners) listener(event);
    };
  };
  return {
    kind: 'browser',
    async call(method, args) {
      const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(args ?? {}),
      });
      return (await response.json()) as Awaited<ReturnType<Transport['call']>>;
    },
    onEvent(listener) {
      ensureEvents();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async upload(file) {
      const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'x-relink-token': token, 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      const body = (await response.json()) as { result?: FileRef; error?: { message: string } };
      if (!body.result) throw new Error(body.error?.message ?? `Upload failed (${response.status})`);
      return body.result;
    },
    fileUrl: (path, params) => `${path}?${new URLSearchParams({ ...params, token })}`,
  };
}

export function createTransport(): Transport {
  return window.relink ? electronTransport(window.relink) : browserTransport();
}
