// Browser mode: a Node HTTP server on 127.0.0.1 that serves the built renderer and carries the
// same API contract as the Electron preload. Calls: POST /api/call/<method> with JSON args.
// Progress: GET /api/events (server-sent events). Files: POST /api/upload streams a picked file
// into the data folder, so large imports never sit in memory.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, statfs, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError, isApiErrorData } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { decide } from './request-policy';
import { securityHeaders, serveStatic } from './static-files';
import { routeExtra, type ExtraRoute } from './extra-routes';

export interface BrowserHostOptions {
  backend: Backend;
  rendererDir: string;
  port?: number;
  /** Tests pass a fixed token; a real launch makes a random one. */
  token?: string;
  /** Tests lower the upload cap. */
  maxUploadBytes?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;
/** No contract argument nests deeper than a few levels; JSON.parse of 8 MB of `[[[[…` costs ~470 MB. */
const MAX_JSON_DEPTH = 32;
/** A request that sends nothing for this long is dropped (an upload's clock restarts with every chunk). */
const IDLE_TIMEOUT_MS = 60_000;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new ApiError('invalid-arguments', 'Request too large');
    chunks.push(chunk as Buffer);
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

/** `/api/call/<method>` → the method; a malformed percent-escape is the caller's error (400), not ours. */
function methodOf(pathname: string): string {
  try {
    return decodeURIComponent(pathname.slice('/api/call/'.length));
  } catch {
    throw new ApiError('invalid-arguments', 'Malformed method name');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof ApiError || isApiErrorData(error)) {
    const status = { 'not-found': 404, 'invalid-arguments': 400, 'unknown-method': 404, unauthorized: 403, 'too-large': 413 }[
      (error as ApiError).code as string
    ];
    sendJson(res, status ?? 422, { error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(res, 500, { error: { code: 'internal', message } });
}

/**
 * An upload may not exceed this, nor leave less than UPLOAD_FREE_MARGIN free on the data folder's
 * disk. Google Takeout splits exports at 2 GB by default (4/10/50 GB when chosen); larger files are
 * better read in place by the desktop app or `relink photos import`, which copy nothing first.
 */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
const UPLOAD_FREE_MARGIN = 1024 ** 3;

async function uploadLimit(dir: string, maxBytes: number): Promise<number> {
  const fs = await statfs(dir);
  return Math.max(0, Math.min(maxBytes, fs.bavail * fs.bsize - UPLOAD_FREE_MARGIN));
}

function tooLarge(limit: number): ApiError {
  const gib = (limit / 1024 ** 3).toFixed(1);
  return new ApiError('too-large', `The file is larger than ${gib} GB, the most browser mode can take in (or than the free disk space allows); import it with the desktop app or the relink command, which read it in place`, { limit });
}

async function handleUpload(backend: Backend, url: URL, req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<void> {
  const id = randomBytes(16).toString('hex');
  await mkdir(backend.uploadsDir, { recursive: true, mode: 0o700 });
  const limit = await uploadLimit(backend.uploadsDir, maxBytes);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const target = join(backend.uploadsDir, id);
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? tooLarge(limit) : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(target, { mode: 0o600 }));
  } catch (error) {
    await unlink(target).catch(() => undefined);
    throw error;
  }
  sendJson(res, 200, { result: { kind: 'upload', id, name: url.searchParams.get('name') ?? 'file' } });
}

function handleEvents(backend: Backend, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = backend.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { backend, rendererDir } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<import('node:net').Socket>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    void (async () => {
      securityHeaders(res);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const decision = decide(
        {
          path: url.pathname,
          host: req.headers.host,
          origin: req.headers.origin,
          headerToken: req.headers['x-relink-token'] as string | undefined,
          queryToken: url.searchParams.get('token'),
          search: url.search,
          cookie: req.headers.cookie,
        },
        { port, token },
      );
      if (!decision.allow) {
        sendJson(res, decision.status, { error: { code: 'unauthorized', message: decision.reason } });
        return;
      }
      if ('exchange' in decision) {
        res.writeHead(303, { 'Set-Cookie': decision.exchange.setCookie, Location: decision.exchange.location, 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      try {
        if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
          const method = methodOf(url.pathname);
          const args = await readJson(req);
          // The page names only files it uploaded: a path typed into a request is refused, whatever it is.
          const result = await backend.call(method, args, { mayReadPath: () => false });
          sendJson(res, 200, { result });
        } else if (url.pathname === '/api/upload' && req.method === 'POST') {
          await handleUpload(backend, url, req, res, options.maxUploadBytes ?? MAX_UPLOAD_BYTES);
        } else if (url.pathname === '/api/events' && req.method === 'GET') {
          handleEvents(backend, req, res);
        } else if (url.pathname.startsWith('/api/')) {
          const extra: ExtraRoute | undefined = routeExtra(url.pathname);
          if (extra && req.method === 'GET') await extra(backend, url, res);
          else sendJson(res, 404, { error: { code: 'not-found', message: 'No such endpoint' } });
        } else if (req.method === 'GET' || req.method === 'HEAD') {
          await serveStatic(rendererDir, url.pathname, res);
        } else {
          res.writeHead(405).end();
        }
      } catch (error) {
        if (!res.headersSent) sendError(res, error);
        else res.destroy();
      }
    })();
  });
  // Node ends any request after 300 s, which cut a 630 MB upload short; a request is dropped when it
  // sends nothing for IDLE_TIMEOUT_MS instead, so a large upload takes as long as it needs.
  server.requestTimeout = 0;
  server.headersTimeout = IDLE_TIMEOUT_MS;
  server.setTimeout(IDLE_TIMEOUT_MS, (socket) => socket.destroy());
  // Uploads are copies of the user's files: none outlives the launch that received it.
  await rm(backend.uploadsDir, { recursive: true, force: true });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => void rm(backend.uploadsDir, { recursive: true, force: true }).finally(resolve));
      }),
  };
}
