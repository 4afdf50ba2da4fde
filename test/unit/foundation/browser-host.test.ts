import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';

let dataDir: string;
let host: BrowserHost;
let backend: Backend;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-host-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
  host = await startBrowserHost({ backend, rendererDir: join(dataDir, 'no-renderer') });
});
afterAll(async () => {
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${host.port}/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'x-relink-token': host.token, ...headers },
    body: JSON.stringify(args),
  });

describe('browser-mode host', () => {
  it('binds to 127.0.0.1 and prints a URL with the token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('answers 401 without the token and 403 for a foreign origin', async () => {
    const noToken = await fetch(`http://127.0.0.1:${host.port}/api/call/app.info`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    const foreign = await call('app.info', {}, { Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
  });

  it('runs contract methods and validates their arguments', async () => {
    const info = await (await call('app.info', {})).json();
    expect(info.result).toMatchObject({ mode: 'browser', systemLocale: 'zh-CN', dataDir });

    const created = await (await call('cases.create', { name: '王五' })).json();
    expect(created.result.id).toBe('王五');
    const list = await (await call('cases.list', {})).json();
    expect(list.result.map((c: { name: string }) => c.name)).toEqual(['王五']);

    const bad = await call('cases.create', { name: '' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid-arguments');
    const traversal = await call('cases.open', { caseId: '../etc' });
    expect((await traversal.json()).error.code).toBe('invalid-arguments');
    const unknown = await call('nope.nothing', {});
    expect((await unknown.json()).error.code).toBe('unknown-method');
  });

  it('streams uploads into the data folder and returns a file reference', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 7);
    const response = await fetch(`http://127.0.0.1:${host.port}/api/upload?name=${encodeURIComponent('通讯录.vcf')}`, {
      method: 'POST',
      headers: { 'x-relink-token': host.token },
      body,
    });
    const { result } = await response.json();
    expect(result).toMatchObject({ kind: 'upload', name: '通讯录.vcf' });
    expect(result.id).toMatch(/^[a-f0-9]{32}$/);
  });

  it('saves the language choice', async () => {
    const chosen = await (await call('settings.setLocale', { locale: 'en' })).json();
    expect(chosen.result.locale).toBe('en');
    const info = await (await call('app.info', {})).json();
    expect(info.result.locale).toBe('en');
  });
});
