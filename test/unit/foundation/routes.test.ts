// The route table both hosts serve: what it answers, and that an event stream lets go of the
// backend when its reader leaves (browser mode: the socket closes) or the table closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';
import { createRoutes } from '../../../electron/host/routes';

let dataDir: string;
let backend: Backend;
let subscribed = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-routes-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'en' });
  const onEvent = backend.onEvent.bind(backend);
  backend.onEvent = (listener) => {
    subscribed++;
    const off = onEvent(listener);
    return () => {
      subscribed--;
      off();
    };
  };
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
};

describe('route table', () => {
  const routes = () => createRoutes({ backend, rendererDir: join(dataDir, 'no-renderer'), mayReadPath: () => false });

  it('answers unknown API paths 404 and the wrong method 405, every answer with the security headers', async () => {
    const table = routes();
    const unknown = await table.handle(new Request('app://relink/api/nothing'));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('No such endpoint');
    const wrongMethod = await table.handle(new Request('app://relink/api/call/app.info'));
    expect(wrongMethod.status).toBe(405);
    for (const response of [unknown, wrongMethod, await table.handle(new Request('app://relink/'))]) {
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('ends open event streams when it closes', async () => {
    const table = routes();
    const response = await table.handle(new Request('app://relink/api/events'));
    const reader = response.body!.getReader();
    await reader.read();
    expect(subscribed).toBe(1);
    await table.close();
    expect((await reader.read()).done).toBe(true);
    expect(subscribed).toBe(0);
  });
});

describe('event stream behind the browser-mode host', () => {
  let host: BrowserHost;
  beforeAll(async () => {
    host = await startBrowserHost({ backend, rendererDir: join(dataDir, 'no-renderer') });
  });
  afterAll(() => host.close());

  it('carries backend events and unsubscribes when the page goes away', async () => {
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${host.port}/api/events`, { headers: { 'x-relink-token': host.token }, signal: abort.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain(': connected');
    expect(subscribed).toBe(1);
    const job = backend.jobs.start('photos.verify', 'job-7');
    job.progress({ checked: 1, total: 2 }, 0.5);
    let text = '';
    while (!text.includes('job-7')) text += (await reader.read()).value ?? '';
    expect(text).toMatch(/^data: \{.*"job-7"/m);
    job.finish();
    abort.abort();
    expect(await waitFor(() => subscribed === 0)).toBe(true);
  });
});
