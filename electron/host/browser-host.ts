// Browser mode: a Node HTTP server on 127.0.0.1 that serves the built renderer and carries the
// same API contract as the Electron preload. Calls: POST /api/call/<method> with JSON args.
// Progress: GET /api/events (server-sent events). Files: POST /api/upload streams a picked file
// into the data folder, so large imports never sit in memory.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ApiError, isApiErrorData } from '../../shared/contract';
import { makePrivateDir } from '../storage/private-files';
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
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new ApiError('invalid-arguments', 'Request too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError('invalid-arguments', 'Body is not JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof ApiError || isApiErrorData(error)) {
    const status = { 'not-found': 404, 'invalid-arguments': 400, 'unknown-method': 404, unauthorized: 403 }[
      (error as ApiError).code as string
    ];
    sendJson(res, status ?? 422, { error: { code: error.code, message: error.message, details: error.details } });
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendJson(res, 500, { error: { code: 'internal', message } });
}

async function handleUpload(backend: Backend, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const id = randomBytes(16).toString('hex');
  await makePrivateDir(backend.uploadsDir);
  const target = join(backend.uploadsDir, id);
  try {
    await pipeline(req, createWriteStream(target, { mode: 0o600 }));
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
        },
        { port, token },
      );
      if (!decision.allow) {
        sendJson(res, decision.status, { error: { code: 'unauthorized', message: decision.reason } });
        return;
      }
      try {
        if (url.pathname.startsWith('/api/call/') && req.method === 'POST') {
          const method = decodeURIComponent(url.pathname.slice('/api/call/'.length));
          const args = await readJson(req);
          const result = await backend.call(method, args, { mayReadPath: () => true });
          sendJson(res, 200, { result });
        } else if (url.pathname === '/api/upload' && req.method === 'POST') {
          await handleUpload(backend, url, req, res);
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
        server.close(() => resolve());
      }),
  };
}
