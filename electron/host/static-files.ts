// Serves the built renderer: only files inside its folder; any other path renders the app shell.
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileResponse } from './responses';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The policy the page also carries as a meta tag; sent with every answer of both transports. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export async function serveStatic(root: string, urlPath: string, head = false): Promise<Response> {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  } catch {
    return new Response(null, { status: 400 });
  }
  let file = join(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return new Response(null, { status: 403 });
  let info = await stat(file).catch(() => undefined);
  if (!info || info.isDirectory() || !extname(file)) {
    // Client-side routes all render the app shell.
    file = join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info) return new Response('Renderer not built: run npm run build', { status: 404, headers: { 'Content-Type': 'text/plain' } });
  return fileResponse(
    file,
    {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=31536000, immutable',
    },
    head,
  );
}
