// Carries node:http requests to the Fetch API route table and its answers back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The request as a Fetch Request; its body is read only as fast as the route consumes it. */
export function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // Node's fetch needs `duplex` for a streamed body; the DOM typings (the root tsconfig's) lack it.
  const init: RequestInit & { duplex: 'half' } = { method, headers, body: hasBody ? bodyStream(req) : null, duplex: 'half' };
  return new Request(new URL(req.url ?? '/', origin), init);
}

function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          try {
            controller.close();
          } catch {
            // the route cancelled it
          }
        });
        req.on('error', (error) => {
          try {
            controller.error(error);
          } catch {
            // the route cancelled it
          }
        });
        req.pause();
      },
      pull: () => void req.resume(),
      // The route stopped reading (a refused upload): the rest is drained, so the answer still arrives.
      cancel: () => {
        req.removeAllListeners('data');
        req.resume();
      },
    },
    { highWaterMark: 4 },
  );
}

/** Writes the Fetch Response; a reader that leaves (an event stream) cancels the body. */
export async function sendResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  if (!response.body || req.method === 'HEAD') {
    res.end();
    await response.body?.cancel();
  } else {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res).catch(() => undefined);
  }
  // A body the route did not read (an answer before the upload ended) is drained, not left hanging.
  if (!req.complete) {
    req.removeAllListeners('data');
    req.resume();
  }
}
