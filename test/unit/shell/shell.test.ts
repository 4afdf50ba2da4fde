// The desktop app's shell as it ships: the BUILT main bundle (same esbuild options as
// scripts/build.mjs) is started with a stand-in `electron` module, and everything it registers is
// checked and driven with real Requests — the page with its CSP, an API call, the event stream,
// a thumbnail and a download — against the renderer as built. Fails if the renderer asks for a
// scheme or route the shell does not serve, if a window policy arrives after the window loads, or
// if a path the user did not choose becomes readable.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import sharp from 'sharp';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'silk-wasm';
import { bundles, wasmFiles } from '../../../scripts/bundles.mjs';
import { OWNER, SAMPLE_MESSAGES, writePc4, writePc4Messages, writePc4Voices } from '../import/wechat-db/generate';
import { repoRoot } from '../../corpus';
import { ElectronStandIn, requireWithElectron, type ProtocolHandler, type StandInWindow } from './electron-stand-in';

const out = resolve(repoRoot, '.tmp/shell-test');
const ORIGIN = 'app://relink';
let electron: ElectronStandIn;
let win: StandInWindow;
let handler: ProtocolHandler;
let dataDir: string;
let rendererJs: string;

const ask = (path: string, init?: RequestInit) => Promise.resolve(handler(new Request(`${ORIGIN}${path}`, init)));
const call = async (method: string, args: unknown) => {
  const response = await ask(`/api/call/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
    body: JSON.stringify(args),
  });
  return { status: response.status, ...((await response.json()) as { result?: Record<string, unknown>; error?: { code: string; message: string } }) };
};
const pick = (paths: string[] | undefined, frameUrl = `${ORIGIN}/#/photos`, sender = win.webContents) => {
  electron.nextDialog = paths;
  return (electron.ipcHandlers.get('relink:pick') as (event: unknown, options: unknown) => Promise<unknown>)(
    { sender, senderFrame: { url: frameUrl } },
    { directory: true },
  );
};

beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const { main, preload } = bundles(out);
  await build({ ...main, logLevel: 'error' });
  await build({ ...preload, logLevel: 'error' });
  for (const [from, to] of wasmFiles(out)) copyFileSync(from, to);
  await viteBuild({ configFile: resolve(repoRoot, 'vite.config.ts'), logLevel: 'error', build: { outDir: join(out, 'renderer'), emptyOutDir: true } });
  const assets = join(out, 'renderer', 'assets');
  rendererJs = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');

  dataDir = mkdtempSync(join(tmpdir(), 'relink-shell-'));
  electron = new ElectronStandIn();
  const loaded = new Promise<StandInWindow>((resolve) => (electron.loaded = resolve));
  requireWithElectron(join(out, 'electron', 'main.cjs'), electron.module(), ['--data-dir', join(dataDir, 'profile'), '--lang', 'en']);
  electron.makeReady();
  win = await loaded;
  handler = electron.protocolHandlers.get('app')!;
}, 120_000);

afterAll(async () => {
  electron?.emitApp('window-all-closed');
  for (let i = 0; i < 200 && !electron.quit; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('what the shell registers', () => {
  it('registers app:// as privileged before ready, and sandboxes every renderer', () => {
    expect(electron.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
    expect(electron.sandboxed).toBe(true);
    expect([...electron.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('loads the page from its own origin, with the window locked down', () => {
    expect(win.loadedUrl).toBe(`${ORIGIN}/`);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(readFileSync(win.options.webPreferences!.preload as string, 'utf8')).toContain('relink:pick');
  });

  it('installs every policy before the window loads anything', () => {
    const id = win.webContents.id;
    expect(win.registeredAtLoad).toEqual(
      expect.arrayContaining([
        'protocol.handle(app)',
        'session.setPermissionRequestHandler',
        'session.setPermissionCheckHandler',
        'session.webRequest.onBeforeRequest',
        `webContents#${id}.on(will-navigate)`,
        `webContents#${id}.on(will-redirect)`,
        `webContents#${id}.on(will-attach-webview)`,
        `webContents#${id}.setWindowOpenHandler`,
        'ipcMain.handle(relink:pick)',
      ]),
    );
  });

  it('keeps navigation on the page, opens only mail and SMS drafts outside, denies permissions', async () => {
    const wc = win.webContents;
    expect(wc.prevented('will-navigate', `${ORIGIN}/#/contacts`)).toBe(false);
    for (const url of ['https://example.com/', 'file:///etc/passwd', `${ORIGIN}/api/photos/file?caseId=a&sha=b`]) {
      expect(wc.prevented('will-navigate', url), url).toBe(true);
      expect(wc.prevented('will-redirect', url), url).toBe(true);
    }
    expect(wc.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'mailto:a@b.c' })).toEqual({ action: 'deny' });
    await expect.poll(() => electron.registrations.map((r) => r.what)).toContain('shell.openExternal(mailto:a@b.c)');
    expect(electron.registrations.map((r) => r.what)).not.toContain('shell.openExternal(https://example.com/)');
    const asked = await new Promise<boolean>((resolve) => electron.permissionRequest!({}, 'media', resolve));
    expect(asked).toBe(false);
    expect(electron.permissionCheck!({}, 'geolocation')).toBe(false);
    expect(electron.permissionCheck!({}, 'clipboard-sanitized-write')).toBe(true);
  });

  it('cancels every request but its own origin, and its origin to any other webContents', () => {
    const cancelled = (url: string, webContentsId = win.webContents.id) =>
      new Promise<boolean>((resolve) => electron.beforeRequest!({ url, webContentsId }, (answer) => resolve(answer.cancel === true)));
    return Promise.all([
      expect(cancelled(`${ORIGIN}/assets/index.js`)).resolves.toBe(false),
      expect(cancelled(`blob:${ORIGIN}/1f2e`)).resolves.toBe(false),
      expect(cancelled('file:///etc/passwd')).resolves.toBe(true),
      expect(cancelled('https://example.com/pixel.gif')).resolves.toBe(true),
      expect(cancelled('relink-file:/api/photos/file')).resolves.toBe(true),
      expect(cancelled(`${ORIGIN}/api/call/app.info`, win.webContents.id + 1000)).resolves.toBe(true),
    ]);
  });

  it('the preload exposes only the native file dialog', () => {
    const exposed: Record<string, Record<string, unknown>> = {};
    const invoked: string[] = [];
    requireWithElectron(
      join(out, 'electron', 'preload.cjs'),
      {
        contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => (exposed[name] = api) },
        ipcRenderer: { invoke: async (channel: string) => invoked.push(channel) },
      },
      [],
    );
    expect(Object.keys(exposed)).toEqual(['relink']);
    expect(Object.keys(exposed.relink!)).toEqual(['pickFiles']);
    void (exposed.relink!.pickFiles as (o: unknown) => Promise<unknown>)({});
    expect(invoked).toEqual(['relink:pick']);
  });
});

describe('one app per data folder', () => {
  it('takes the single-instance lock, and a second start focuses the first window instead of opening one', async () => {
    expect(electron.registrations.map((r) => r.what)).toContain('app.requestSingleInstanceLock');
    expect(electron.appListeners.has('second-instance')).toBe(true);
    const second = new ElectronStandIn();
    second.anotherInstance = true;
    requireWithElectron(join(out, 'electron', 'main.cjs'), second.module(), ['--data-dir', join(dataDir, 'profile')]);
    second.makeReady();
    await new Promise((r) => setTimeout(r, 50));
    expect(second.quit).toBe(true);
    expect(second.windows).toEqual([]);
    expect(second.protocolHandlers.size).toBe(0);
  });
});

describe('the app:// scheme serves the route table', () => {
  it('serves the page with its CSP, and the files it loads', async () => {
    const page = await ask('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    const assets = [...html.matchAll(/(?:src|href)="\.?(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await ask(asset);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(/^text\/(javascript|css)/);
    }
    expect((await ask('/../../package.json')).headers.get('content-type')).toMatch(/^text\/html/); // the page, not the file
  });

  it('answers an API call without a token, and refuses another origin', async () => {
    const info = await call('app.info', {});
    expect(info.status).toBe(200);
    expect(info.result).toMatchObject({ mode: 'electron', locale: 'en' });
    const foreign = await ask('/api/call/app.info', { method: 'POST', headers: { Origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('serves every route and scheme the built renderer uses', async () => {
    // Relative URLs only: no URL on a scheme of ours (the old relink-file: links had no server), on
    // file: or on a socket. (A bare `file:` compared with location.protocol is not a URL.)
    const schemes = [...rendererJs.matchAll(/[`'"]((?:relink[\w-]*|app|file|wss?):)(?![`'"])/g)].map((m) => m[1]);
    expect(schemes).toEqual([]);
    const routes = new Set([...rendererJs.matchAll(/[`'"](\/api\/[\w/.-]*)/g)].map((m) => m[1]!));
    expect([...routes].sort()).toEqual(expect.arrayContaining(['/api/call/', '/api/events', '/api/photos/file', '/api/photos/thumb', '/api/upload']));
    for (const route of routes) {
      const path = route.endsWith('/call/') ? `${route}app.info` : route;
      const answers = await Promise.all(
        ['GET', 'POST'].map(async (method) => {
          const response = await ask(path, { method, headers: { Origin: ORIGIN }, body: method === 'POST' ? '{}' : undefined });
          const body = response.headers.get('content-type')?.startsWith('application/json') ? await response.text() : (void response.body?.cancel(), '');
          return response.status !== 405 && !(response.status === 404 && body.includes('No such endpoint'));
        }),
      );
      expect(answers.some(Boolean), `${route} is not served`).toBe(true);
    }
  });
});

describe('pictures, events and the paths the user chose', () => {
  let folder: string;
  let caseId: string;
  let jpeg: Buffer;

  beforeAll(async () => {
    folder = join(dataDir, 'chosen');
    mkdirSync(folder);
    jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 40 } } }).jpeg().toBuffer();
    writeFileSync(join(folder, '照片.jpg'), jpeg);
    mkdirSync(join(dataDir, 'not-chosen'));
    writeFileSync(join(dataDir, 'not-chosen', 'secret.vcf'), 'BEGIN:VCARD\r\nFN:X\r\nEND:VCARD\r\n');
    caseId = (await call('cases.create', { name: '照片' })).result!.id as string;
  });

  it('reads no path the user did not choose in a dialog', async () => {
    const before = await call('photos.import', { caseId, files: [{ file: { kind: 'path', path: folder } }] });
    expect(before.error?.code).toBe('unauthorized');
    // A cancelled dialog and a call from another frame choose nothing.
    expect(await pick(undefined)).toEqual([]);
    await expect(pick([folder], 'https://evil.example/')).rejects.toThrow(/unexpected frame/);
    expect((await call('photos.import', { caseId, files: [{ file: { kind: 'path', path: folder } }] })).error?.code).toBe('unauthorized');

    expect(await pick([folder])).toEqual([{ kind: 'path', path: folder }]);
    for (const path of [join(dataDir, 'not-chosen', 'secret.vcf'), join(folder, '..', 'not-chosen', 'secret.vcf'), `${folder}-other`, '/etc/passwd']) {
      const refused = await call('contacts.preview', { caseId, files: [{ kind: 'path', path }] });
      expect(refused.error?.code, path).toBe('unauthorized');
    }
  });

  it('streams progress events while a chosen folder is imported, then serves its thumbnail and download', async () => {
    const events = await ask('/api/events');
    expect(events.headers.get('content-type')).toBe('text/event-stream');
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain(': connected');

    const imported = await call('photos.import', { caseId, files: [{ file: { kind: 'path', path: folder } }], jobId: 'job-1' });
    expect(imported.error).toBeUndefined();
    let text = '';
    while (!/data: .*"job-1"/.test(text)) text += (await reader.read()).value ?? '';
    await reader.cancel();

    const sha = createHash('sha256').update(jpeg).digest('hex');
    const thumb = await ask(`/api/photos/thumb?caseId=${encodeURIComponent(caseId)}&sha=${sha}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect((await thumb.arrayBuffer()).byteLength).toBeGreaterThan(30);

    const download = await ask(`/api/photos/file?caseId=${encodeURIComponent(caseId)}&sha=${sha}&download=1`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; .*filename\*=UTF-8''%E7%85%A7%E7%89%87\.jpg$/);
    expect(Buffer.from(await download.arrayBuffer()).equals(jpeg)).toBe(true);
  });

  it('plays a WeChat voice: the bundle finds its silk.wasm beside it and answers a WAV', async () => {
    const account = join(dataDir, 'wechat', `${OWNER}_a1b2`);
    const tone = new Int16Array(24_000).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24_000)));
    writePc4(account);
    writePc4Messages(account);
    writePc4Voices(account, SAMPLE_MESSAGES, { audio: (await encode(tone, 24_000)).data });
    expect(await pick([account])).toEqual([{ kind: 'path', path: account }]);
    expect((await call('messages.import', { caseId, files: [{ kind: 'path', path: account }] })).error).toBeUndefined();
    let voiceId: string | undefined;
    for (const chat of (await call('messages.chats', { caseId })).result as unknown as { id: string }[]) {
      const page = (await call('messages.get', { caseId, chatId: chat.id, limit: 100 })).result as unknown as { messages: { id: string; kind: string }[] };
      voiceId ??= page.messages.find((m) => m.kind === 'voice')?.id;
    }
    const wav = await ask(`/api/messages/media?caseId=${encodeURIComponent(caseId)}&messageId=${voiceId}&as=audio`);
    expect([wav.status, wav.headers.get('content-type')]).toEqual([200, 'audio/wav']);
    const bytes = Buffer.from(await wav.arrayBuffer());
    expect([bytes.toString('latin1', 0, 4), (bytes.length - 44) / 48_000]).toEqual(['RIFF', expect.closeTo(1, 1)]);
  });
});
