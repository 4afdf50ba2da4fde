// The one table of routes both transports serve, written against the Fetch API (Request → Response):
// browser mode puts it behind node:http (browser-host.ts), the Electron shell behind its app://
// scheme (electron/shell/main.ts). Who may ask (token, Origin, Host; our own window) is each
// transport's business; what a request means is decided here, once.
//   POST /api/call/<method>   a contract method: JSON args in, { result } or { error } out
//   GET  /api/events          progress events as server-sent events
//   POST /api/upload?name=…   a file the page was given, streamed into the data folder
//   GET  /api/photos/…        thumbnails, pictures, downloads (picture-routes.ts)
//   GET  /api/bundles/…       exported case bundles (bundle-routes.ts)
//   GET  /api/exports/…       other exports to download: chats, re-add files (export-routes.ts)
//   GET  /api/messages/media  voice, videos, files and pictures of a chat message (message-media-route.ts)
//   GET  /api/appeals/file    attachments of appeals (appeal-routes.ts)
//   GET  anything else        the built renderer (static-files.ts)
import type { Backend } from '../api/backend';
import { ApiError } from '../../shared/contract';
import { errorResponse, json, notFound } from './responses';
import { pictureRoute } from './picture-routes';
import { bundleRoute } from './bundle-routes';
import { exportRoute } from './export-routes';
import { appealFileRoute } from './appeal-routes';
import { messageMediaRoute } from './message-media-route';
import { SECURITY_HEADERS, serveStatic } from './static-files';
import { clearLeftUploads, clearUploads, MAX_UPLOAD_BYTES, uploadRoute } from './upload-route';

export interface RouteOptions {
  backend: Backend;
  rendererDir: string;
  /** Which paths a call may have the backend read: browser mode none, Electron what the user chose. */
  mayReadPath(path: string): boolean;
  /** Tests lower the upload cap. */
  maxUploadBytes?: number;
}

export interface RouteTable {
  handle(request: Request): Promise<Response>;
  /** Removes uploads an earlier launch left behind, and what a killed import staged from them. */
  open(): Promise<void>;
  /** Ends open event streams and removes this launch's uploads. */
  close(): Promise<void>;
}

interface Route {
  method: 'GET' | 'POST';
  /** A path, or a prefix when it ends with `/`. */
  path: string;
  run(request: Request, url: URL): Promise<Response> | Response;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;
/** No contract argument nests deeper than a few levels; JSON.parse of 8 MB of `[[[[…` costs ~470 MB. */
const MAX_JSON_DEPTH = 32;
const KEEP_ALIVE_MS = 15_000;

/** The deepest nesting of arrays and objects in JSON text, brackets inside strings not counted. */
export function jsonDepth(bytes: Uint8Array): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === 0x5c) i++; // backslash: skip the escaped byte
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x5b || b === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (b === 0x5d || b === 0x7d) depth--;
  }
  return deepest;
}

async function readJson(request: Request): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_JSON_BODY) {
        await reader.cancel();
        throw new ApiError('invalid-arguments', 'Request too large');
      }
      chunks.push(value);
    }
  }
  if (size === 0) return {};
  const body = Buffer.concat(chunks);
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw new ApiError('invalid-arguments', `Body nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new ApiError('invalid-arguments', 'Body is not JSON');
  }
}

/** `/api/call/<method>` → the method; a malformed percent-escape is the caller's error (400), not ours. */
function methodOf(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/call/'.length));
  } catch {
    throw new ApiError('invalid-arguments', 'Malformed method name');
  }
}

export function createRoutes(options: RouteOptions): RouteTable {
  const { backend, rendererDir } = options;
  const streams = new Set<() => void>();

  const events = (): Response => {
    const encoder = new TextEncoder();
    let end = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            end(); // the reader went away between two events
          }
        };
        send(': connected\n\n');
        const unsubscribe = backend.onEvent((event) => send(`data: ${JSON.stringify(event)}\n\n`));
        const keepAlive = setInterval(() => send(': ping\n\n'), KEEP_ALIVE_MS);
        keepAlive.unref();
        const close = () => {
          end();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        end = () => {
          clearInterval(keepAlive);
          unsubscribe();
          streams.delete(close);
        };
        streams.add(close);
      },
      cancel: () => end(),
    });
    return new Response(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' } });
  };

  const table: Route[] = [
    {
      method: 'POST',
      path: '/api/call/',
      run: async (request, url) => {
        const method = methodOf(url.pathname);
        const result = await backend.call(method, await readJson(request), { mayReadPath: options.mayReadPath });
        return json(200, { result });
      },
    },
    { method: 'GET', path: '/api/events', run: events },
    { method: 'POST', path: '/api/upload', run: (request) => uploadRoute(backend, request, options.maxUploadBytes ?? MAX_UPLOAD_BYTES) },
    { method: 'GET', path: '/api/photos/', run: (_request, url) => pictureRoute(backend, url) },
    { method: 'GET', path: '/api/bundles/', run: (_request, url) => bundleRoute(backend, url) },
    { method: 'GET', path: '/api/exports/', run: (_request, url) => exportRoute(backend, url) },
    { method: 'GET', path: '/api/appeals/', run: (_request, url) => appealFileRoute(backend, url) },
    { method: 'GET', path: '/api/messages/media', run: (request, url) => messageMediaRoute(backend, request, url) },
  ];

  const route = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const { pathname } = url;
    const found = table.find((r) => (r.path.endsWith('/') ? pathname.startsWith(r.path) : pathname === r.path));
    if (found) {
      if (request.method !== found.method) return json(405, { error: { code: 'not-found', message: `${pathname} takes ${found.method}` } });
      return found.run(request, url);
    }
    if (pathname.startsWith('/api/')) return notFound('No such endpoint');
    if (request.method === 'GET' || request.method === 'HEAD') return serveStatic(rendererDir, pathname, request.method === 'HEAD');
    return new Response(null, { status: 405 });
  };

  return {
    async handle(request) {
      let response: Response;
      try {
        response = await route(request);
      } catch (error) {
        response = errorResponse(error);
      }
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
      return response;
    },
    open: () => clearLeftUploads(backend),
    async close() {
      for (const close of [...streams]) close();
      await clearUploads(backend);
    },
  };
}
