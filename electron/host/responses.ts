// Small helpers for the route table's Fetch API answers: JSON, errors with their HTTP status, files.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ApiError, isApiErrorData } from '../../shared/contract';

/** Addressed by content hash: the bytes behind a URL never change. */
export const IMMUTABLE = 'private, max-age=31536000, immutable';

/** RFC 6266 header with an ASCII fallback, so Chinese names survive. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const STATUS: Record<string, number> = { 'not-found': 404, 'invalid-arguments': 400, 'unknown-method': 404, unauthorized: 403, 'too-large': 413 };

/** An ApiError keeps its code and gets its status; anything else is our fault (500). */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError || isApiErrorData(error)) {
    return json(STATUS[error.code] ?? 422, { error: { code: error.code, message: error.message, details: error.details } });
  }
  return json(500, { error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } });
}

export function notFound(message: string): Response {
  return json(404, { error: { code: 'not-found', message } });
}

/** A file streamed from disk (never read whole into memory). */
export async function fileResponse(path: string, headers: Record<string, string>, head = false): Promise<Response> {
  const { size } = await stat(path);
  const body = head ? null : (Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: 200, headers: { 'Content-Length': String(size), ...headers } });
}

/** One `bytes=` range of a file of `size` bytes, inclusive; undefined for none or several (the whole file is sent), null when it cannot be satisfied. */
export function byteRange(header: string | null, size: number): { start: number; end: number } | null | undefined {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : null;
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start < size && start <= end ? { start, end } : null;
}

/** A file streamed from disk, or the one byte range the request asks for (206), so a <video> can seek. */
export async function rangedFileResponse(path: string, headers: Record<string, string>, rangeHeader: string | null): Promise<Response> {
  const { size } = await stat(path);
  const range = byteRange(rangeHeader, size);
  if (range === undefined) return fileResponse(path, { 'Accept-Ranges': 'bytes', ...headers });
  if (range === null) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}`, 'Cache-Control': 'no-store' } });
  const body = Readable.toWeb(createReadStream(path, { start: range.start, end: range.end })) as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 206,
    headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes ${range.start}-${range.end}/${size}`, 'Content-Length': String(range.end - range.start + 1), ...headers },
  });
}

/** Bytes made in memory (a decoded voice), whole or the one byte range asked for, as rangedFileResponse answers a file. */
export function rangedBytesResponse(bytes: Uint8Array, headers: Record<string, string>, rangeHeader: string | null): Response {
  const size = bytes.byteLength;
  const range = byteRange(rangeHeader, size);
  if (range === null) return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}`, 'Cache-Control': 'no-store' } });
  const { start, end } = range ?? { start: 0, end: size - 1 };
  const body = bytes.subarray(start, end + 1);
  return new Response(body as Uint8Array<ArrayBuffer>, {
    status: range ? 206 : 200,
    headers: { 'Accept-Ranges': 'bytes', 'Content-Length': String(body.byteLength), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}), ...headers },
  });
}
