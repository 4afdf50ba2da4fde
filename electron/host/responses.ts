// Small helpers for the route table's Fetch API answers: JSON, errors with their HTTP status, files.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ApiError, isApiErrorData } from '../../shared/contract';

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
