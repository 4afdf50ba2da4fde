import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { jsonDepth, startBrowserHost, type BrowserHost } from '../../../electron/host/browser-host';

let dataDir: string;
let host: BrowserHost;
let backend: Backend;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-host-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
  // Left over from an earlier launch: removed when the host starts.
  await mkdir(join(dataDir, '.uploads'), { recursive: true });
  await writeFile(join(dataDir, '.uploads', 'stale'), 'old copy of a contact file');
  // An import killed while it read staged uploads left their copies in its case.
  await mkdir(join(dataDir, '旧案例', '.import-tmp', 'messages-0a1b2c', '0'), { recursive: true });
  await writeFile(join(dataDir, '旧案例', '.import-tmp', 'messages-0a1b2c', '0', '_chat.txt'), 'a staged copy of a chat');
  await writeFile(join(dataDir, '旧案例', 'contacts.json'), '{}');
  host = await startBrowserHost({ backend, rendererDir: join(dataDir, 'no-renderer'), maxUploadBytes: 4 * 1024 * 1024 });
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

  it('exchanges the launch token for an HttpOnly cookie, drops it from the URL, and the cookie opens the API', async () => {
    const first = await fetch(`${host.url}&lang=en`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/?lang=en');
    const setCookie = first.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const withCookie = await fetch(`http://127.0.0.1:${host.port}/api/call/app.info`, { method: 'POST', headers: { cookie }, body: '{}' });
    expect(withCookie.status).toBe(200);
    const tokenInQuery = await fetch(`http://127.0.0.1:${host.port}/api/call/app.info?token=${host.token}`, { method: 'POST', body: '{}' });
    expect(tokenInQuery.status).toBe(401);
    // The launch link worked once: another browser (another local user who read it) gets nothing by it,
    // while the browser holding the cookie may come back by it.
    const again = await fetch(host.url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    const back = await fetch(host.url, { redirect: 'manual', headers: { cookie } });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/');
  });

  it('refuses paths the page names instead of uploading: it may read only what the user gave it', async () => {
    const created = await (await call('cases.create', { name: '路径' })).json();
    for (const [method, args] of [
      ['contacts.preview', { caseId: created.result.id, files: [{ kind: 'path', path: '/etc/passwd' }] }],
      ['contacts.import', { caseId: created.result.id, files: [{ file: { kind: 'path', path: '/etc/hosts' } }] }],
      ['messages.import', { caseId: created.result.id, files: [{ kind: 'path', path: '/etc' }] }],
      ['photos.export', { caseId: created.result.id, sha256s: ['a'.repeat(64)], destination: { kind: 'path', path: join(dataDir, '..', 'elsewhere') } }],
      ['photos.import', { caseId: created.result.id, files: [{ file: { kind: 'path', path: '/etc' } }] }],
      ['cases.importBundle', { file: { kind: 'path', path: '/etc/hosts' } }],
      ['appeals.attach', { caseId: created.result.id, appealId: 'appeal-abc123', files: [{ kind: 'path', path: '/etc/hosts' }] }],
    ] as const) {
      const res = await call(method, args);
      expect((await res.json()).error?.code, method).toBe('unauthorized');
      expect(res.status).toBe(403);
    }
    expect(existsSync(join(dataDir, '..', 'elsewhere'))).toBe(false);
  });

  it('answers 400 to a malformed method name and to a deeply nested body, without parsing it', async () => {
    expect((await call('%E0%A4%A', {})).status).toBe(400);
    const deep = '['.repeat(4_000_000) + ']'.repeat(4_000_000);
    const res = await fetch(`http://127.0.0.1:${host.port}/api/call/app.info`, {
      method: 'POST',
      headers: { 'x-relink-token': host.token },
      body: deep,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/nests deeper/);
    expect(jsonDepth(Buffer.from('{"a":["[[[[\\"",{"b":1}]}'))).toBe(3);
  });

  it('refuses an upload over the cap with 413, keeping nothing of it', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/upload?name=big.zip`, {
      method: 'POST',
      headers: { 'x-relink-token': host.token },
      body: Buffer.alloc(5 * 1024 * 1024, 1),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('too-large');
    // Without a declared length (chunked), the count stops it as it streams.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/api/upload?name=big2.zip', method: 'POST', headers: { 'x-relink-token': host.token } }, (r) => {
        r.resume();
        resolve(r.statusCode!);
      });
      req.on('error', () => resolve(413)); // the server may close the socket as soon as it answered
      const chunk = Buffer.alloc(256 * 1024, 2);
      let sent = 0;
      const pump = () => {
        while (sent < 24 && req.write(chunk)) sent++;
        if (sent < 24) req.once('drain', pump);
        else req.end();
      };
      pump();
      setTimeout(() => reject(new Error('no answer')), 10_000);
    });
    expect(chunked).toBe(413);
    const left = await readdir(join(dataDir, '.uploads'));
    for (const f of left) expect((await import('node:fs')).statSync(join(dataDir, '.uploads', f)).size).toBeLessThan(4 * 1024 * 1024);
  });

  it('deletes an upload once its contacts are imported, and every upload at start and close', async () => {
    expect(existsSync(join(dataDir, '.uploads', 'stale'))).toBe(false);
    expect(existsSync(join(dataDir, '旧案例', '.import-tmp'))).toBe(false);
    expect(existsSync(join(dataDir, '旧案例', 'contacts.json'))).toBe(true);
    const created = await (await call('cases.create', { name: '上传' })).json();
    const up = await fetch(`http://127.0.0.1:${host.port}/api/upload?name=a.vcf`, {
      method: 'POST',
      headers: { 'x-relink-token': host.token },
      body: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nTEL:13800138000\r\nEND:VCARD\r\n',
    });
    const { result: ref } = await up.json();
    expect(existsSync(join(dataDir, '.uploads', ref.id))).toBe(true);
    const imported = await call('contacts.import', { caseId: created.result.id, files: [{ file: ref }] });
    expect(imported.status).toBe(200);
    expect(existsSync(join(dataDir, '.uploads', ref.id))).toBe(false);
    await writeFile(join(dataDir, '.uploads', 'pending'), 'x');
    const other = await startBrowserHost({ backend, rendererDir: join(dataDir, 'no-renderer') });
    expect(existsSync(join(dataDir, '.uploads', 'pending'))).toBe(false);
    await mkdir(join(dataDir, '.uploads'), { recursive: true });
    await writeFile(join(dataDir, '.uploads', 'pending'), 'x');
    await other.close();
    expect(existsSync(join(dataDir, '.uploads'))).toBe(false);
  });

  it('lets an upload take as long as it keeps sending, and drops one that goes silent, keeping nothing of it', async () => {
    // Node ends any request after 300 s by default (a 630 MB upload was cut): only silence ends one here.
    const quick = await startBrowserHost({ backend, rendererDir: join(dataDir, 'no-renderer'), idleTimeoutMs: 400 });
    const upload = (chunks: number, gapMs: number, thenSilent: boolean) =>
      new Promise<{ status?: number; closed: boolean; ms: number }>((resolve) => {
        const started = Date.now();
        const req = request({ host: '127.0.0.1', port: quick.port, path: '/api/upload?name=slow.zip', method: 'POST', headers: { 'x-relink-token': quick.token } }, (r) => {
          r.resume();
          r.on('end', () => resolve({ status: r.statusCode, closed: false, ms: Date.now() - started }));
        });
        req.on('error', () => resolve({ closed: true, ms: Date.now() - started }));
        let sent = 0;
        const tick = () => {
          req.write(Buffer.alloc(64 * 1024, sent));
          if (++sent < chunks) setTimeout(tick, gapMs);
          else if (!thenSilent) req.end();
        };
        tick();
      });
    try {
      const slow = await upload(12, 150, false); // ~1.7 s in all, never 400 ms without a chunk
      expect(slow).toMatchObject({ status: 200, closed: false });
      expect(slow.ms).toBeGreaterThan(1200);
      const silent = await upload(2, 50, true);
      expect(silent.closed).toBe(true);
      expect(silent.ms).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 100));
      // Only the finished upload is there: the dropped one was deleted.
      expect((await readdir(join(dataDir, '.uploads'))).length).toBe(1);
    } finally {
      await quick.close();
    }
  });
});

describe('the idle clock (a request sending nothing is dropped)', () => {
  // Shortened to 300 ms here; 60 s in the app.
  let idleDir: string;
  let idleBackend: Backend;
  let idleHost: BrowserHost;
  beforeAll(async () => {
    idleDir = await mkdtemp(join(tmpdir(), 'relink-host-idle-'));
    idleBackend = new Backend({ dataDir: idleDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
    idleHost = await startBrowserHost({ backend: idleBackend, rendererDir: join(idleDir, 'no-renderer'), idleTimeoutMs: 300 });
  });
  afterAll(async () => {
    await idleHost.close();
    await idleBackend.close();
    await rm(idleDir, { recursive: true, force: true });
  });
  const post = (path: string, body: string) =>
    fetch(`http://127.0.0.1:${idleHost.port}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-relink-token': idleHost.token }, body });

  it('does not run while a long call is being answered (a long job answers only when it ends)', async () => {
    const created = (await (await post('/api/call/cases.create', JSON.stringify({ name: '长任务' }))).json()).result;
    const cards = Array.from({ length: 40_000 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:联系人 ${i}\r\nTEL:+86 139 ${String(i).padStart(8, '0')}\r\nEND:VCARD\r\n`).join('');
    const ref = (await (await post('/api/upload?name=big.vcf', cards)).json()).result;
    const started = performance.now();
    const imported = await post('/api/call/contacts.import', JSON.stringify({ caseId: created.id, files: [{ file: ref }] }));
    expect(performance.now() - started).toBeGreaterThan(300); // longer than the idle clock, or this test proves nothing
    expect(imported.status).toBe(200);
    expect((await imported.json()).result.persons).toBe(40_000);
  });

  it('still drops an upload that goes silent', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: idleHost.port, path: '/api/upload?name=stalled.vcf', method: 'POST', headers: { 'x-relink-token': idleHost.token, 'Transfer-Encoding': 'chunked' } },
        (res) => resolve(`answered ${res.statusCode}`),
      );
      req.on('error', () => resolve('dropped'));
      req.write('BEGIN:VCARD\r\n'); // and then nothing
      setTimeout(() => resolve('still open'), 3000);
    });
    expect(outcome).toBe('dropped');
  });
});
