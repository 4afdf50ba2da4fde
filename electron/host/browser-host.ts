// Browser mode: a Node HTTP server on 127.0.0.1 that serves the route table (routes.ts) — the
// renderer, API calls, events, pictures, uploads — to the local browser, behind the request
// policy (token exchanged for a cookie, Origin and Host checked: request-policy.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Backend } from '../api/backend';
import { sendResponse, toRequest } from './node-adapter';
import { decide } from './request-policy';
import { createRoutes } from './routes';
import { SECURITY_HEADERS } from './static-files';

export { jsonDepth } from './routes';
export { MAX_UPLOAD_BYTES } from './upload-route';

export interface BrowserHostOptions {
  backend: Backend;
  rendererDir: string;
  port?: number;
  /** Tests pass a fixed token; a real launch makes a random one. */
  token?: string;
  /** Tests lower the upload cap. */
  maxUploadBytes?: number;
  /** Tests shorten how long a request may send nothing (IDLE_TIMEOUT_MS). */
  idleTimeoutMs?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** A request that sends nothing for this long is dropped (an upload's clock restarts with every chunk). */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * The idle clock runs while a request is still coming in and between requests, not while its answer
 * is being worked on: a long job's call (a 20 GB photo import, a big export) sends nothing until it
 * ends, and was cut at 60 s; Chromium then sent the import again, which failed on the upload the
 * first one had already taken (ENOENT).
 */
function pauseIdleClockWhileAnswering(req: IncomingMessage, res: ServerResponse, idleMs: number): void {
  const socket = req.socket;
  const pause = () => socket.setTimeout(0);
  const bodiless = !req.headers['transfer-encoding'] && (req.headers['content-length'] ?? '0') === '0';
  if (bodiless) pause();
  else req.once('end', pause);
  res.once('close', () => {
    req.off('end', pause);
    if (!socket.destroyed) socket.setTimeout(idleMs);
  });
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const sockets = new Set<Socket>();
  let port = 0;
  let launchTokenUsed = false;
  // The page names only files it uploaded: a path typed into a request is refused, whatever it is.
  const routes = createRoutes({ ...options, mayReadPath: () => false });

  // How often Node checks its header and request clocks (30 s by default, as here with the real idle timeout).
  const server: Server = createServer({ connectionsCheckingInterval: Math.min(30_000, idleMs / 2) }, (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const decision = decide(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        host: req.headers.host,
        origin: req.headers.origin,
        headerToken: req.headers['x-relink-token'] as string | undefined,
        queryToken: url.searchParams.get('token'),
        search: url.search,
        cookie: req.headers.cookie,
      },
      { port, token, launchTokenUsed },
    );
    if (!decision.allow) {
      res.writeHead(decision.status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ error: { code: 'unauthorized', message: decision.reason } }));
      req.resume();
      return;
    }
    if ('exchange' in decision) {
      launchTokenUsed = true;
      res.writeHead(303, { 'Set-Cookie': decision.exchange.setCookie, Location: decision.exchange.location, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    pauseIdleClockWhileAnswering(req, res, idleMs);
    void routes
      .handle(toRequest(req, `http://127.0.0.1:${port}`))
      .then((response) => sendResponse(response, req, res))
      .catch(() => res.destroy());
  });
  // Node ends any request after 300 s, which cut a 630 MB upload short; a request is dropped when it
  // sends nothing for IDLE_TIMEOUT_MS instead, so a large upload takes as long as it needs.
  server.requestTimeout = 0;
  server.headersTimeout = idleMs;
  server.setTimeout(idleMs, (socket) => socket.destroy());
  await routes.open();
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
        server.close(() => void routes.close().finally(resolve));
      }),
  };
}
