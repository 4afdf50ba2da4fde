// The renderer talks to the backend through one of two transports implementing the same contract:
// the Electron preload (window.relink) or browser mode's HTTP host. Screens never know which.
import type { ApiEvent, FileRef } from '../../shared/contract';
import { ApiCallError } from './api-error';

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

function browserTransport(): Transport {
  // The launch token was exchanged for an HttpOnly session cookie by the host before this page
  // loaded (see electron/host/request-policy.ts): the page never sees it, the browser sends it.
  const headers = { 'Content-Type': 'application/json' };
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSource | undefined;
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('/api/events');
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
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      const body = (await response.json()) as { result?: FileRef; error?: { code: string; message: string; details?: unknown } };
      if (!body.result) throw new ApiCallError(body.error?.code ?? 'io', body.error?.message ?? `Upload failed (${response.status})`, body.error?.details);
      return body.result;
    },
    fileUrl: (path, params) => `${path}?${new URLSearchParams(params)}`,
  };
}

export function createTransport(): Transport {
  return window.relink ? electronTransport(window.relink) : browserTransport();
}
