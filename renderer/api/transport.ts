// The renderer talks to the backend one way in the desktop app and in browser mode: fetch and plain
// URLs against the origin that served the page (app://relink in Electron, http://127.0.0.1:<port>
// in browser mode), both answered by the same route table (electron/host/routes.ts). Only the
// native file dialog needs the Electron preload (window.relink.pickFiles).
import type { ApiEvent, FileRef } from '../../shared/contract';
import { ApiCallError } from './api-error';

export interface PickOptions {
  directory?: boolean;
  multiple?: boolean;
  filters?: { name: string; extensions: string[] }[];
}

type Reply = { result?: unknown; error?: { code: string; message: string; details?: unknown } };

export interface Transport {
  call(method: string, args: unknown): Promise<Reply>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  /** Electron: the native dialog, returning paths. Browser mode has none (the page uploads instead). */
  pickFiles?(options: PickOptions): Promise<FileRef[]>;
  /** Streams a File the user gave the page into the data folder. */
  upload(file: File): Promise<FileRef>;
  /** URL for a GET route (pictures, downloads): relative, so it works on either origin. */
  fileUrl(path: string, params?: Record<string, string>): string;
}

interface NativeBridge {
  pickFiles(options: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    relink?: NativeBridge;
  }
}

const RECONNECT_MS = 1000;

/** Reads the server-sent event stream with fetch (EventSource is not promised on a custom scheme). */
async function readEvents(onEvent: (event: ApiEvent) => void): Promise<void> {
  const response = await fetch('/api/events', { cache: 'no-store' });
  if (!response.ok || !response.body) throw new Error(`Event stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (data) onEvent(JSON.parse(data) as ApiEvent);
    }
  }
}

export function createTransport(bridge: NativeBridge | undefined = window.relink): Transport {
  // Browser mode: the launch token was exchanged for an HttpOnly session cookie before this page
  // loaded (electron/host/request-policy.ts); the page never sees it, the browser sends it.
  // Electron: the app:// scheme answers only our own window and needs no token.
  const listeners = new Set<(event: ApiEvent) => void>();
  let listening = false;
  const listen = () => {
    if (listening) return;
    listening = true;
    const dispatch = (event: ApiEvent) => {
      for (const listener of listeners) listener(event);
    };
    void (async () => {
      for (;;) {
        await readEvents(dispatch).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      }
    })();
  };
  return {
    async call(method, args) {
      const response = await fetch(`/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      });
      return (await response.json()) as Reply;
    },
    onEvent(listener) {
      listen();
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pickFiles: bridge ? (options) => bridge.pickFiles(options) as Promise<FileRef[]> : undefined,
    async upload(file) {
      const response = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream' },
        body: file,
      });
      const body = (await response.json()) as { result?: FileRef; error?: Reply['error'] };
      if (!body.result) throw new ApiCallError(body.error?.code ?? 'io', body.error?.message ?? `Upload failed (${response.status})`, body.error?.details);
      return body.result;
    },
    fileUrl: (path, params) => `${path}?${new URLSearchParams(params)}`,
  };
}
