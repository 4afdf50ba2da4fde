// GET /api/messages/media through the one route table (both hosts serve it): a generated WeChat 4.x
// account with a voice database, a video and a file is imported, and the route serves exactly what
// a message of the open case links — by message id, never by a hash or path the page names.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'silk-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchivedMessage, ChatSummary } from '../../../shared/types';
import { Backend } from '../../../electron/api/backend';
import { createRoutes, type RouteTable } from '../../../electron/host/routes';
import { voiceFileName } from '../../../electron/host/message-media-route';
import { byteRange } from '../../../electron/host/responses';
import { blobPath, putBuffer } from '../../../electron/platform/content-store';
import { OWNER, pc4FilePath, pc4VideoPath, SAMPLE_MESSAGES, writePc4, writePc4Messages, writePc4Voices } from '../import/wechat-db/generate';
import { whatsAppChatTxt } from './fixtures';
import { writeFixture } from '../messages/helpers';

let dataDir: string;
let backend: Backend;
let routes: RouteTable;
const allowAll = { mayReadPath: () => true };
const call = <T,>(method: string, args: unknown) => backend.call(method, args, allowAll) as Promise<T>;
const mp4 = randomBytes(64 * 1024);
const xlsx = randomBytes(2048);
const video = SAMPLE_MESSAGES.find((m) => m.kind === 'video')!;
const file = SAMPLE_MESSAGES.find((m) => m.kind === 'file')!;

let caseId: string;
let caseDir: string;
let otherCaseId: string;
let damagedCaseId: string;
/** Two seconds of a 440 Hz tone as WeChat's SILK (silk-wasm's encoder writes the 0x02-led form). */
let silk: Uint8Array;
const byKind: Partial<Record<string, ArchivedMessage>> = {};

const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  routes.handle(new Request(`app://relink/api/messages/media?${new URLSearchParams(params)}`, { headers }));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-media-route-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
  routes = createRoutes({ backend, rendererDir: join(dataDir, 'no-renderer'), mayReadPath: () => false });
  const account = join(dataDir, 'src', `${OWNER}_a1b2`);
  writePc4(account);
  writePc4Messages(account);
  const tone = new Int16Array(48_000).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24_000)));
  silk = (await encode(tone, 24_000)).data;
  writePc4Voices(account, SAMPLE_MESSAGES, { audio: silk });
  writeFixture(account, pc4VideoPath(video), mp4);
  writeFixture(account, pc4FilePath(file), xlsx);
  ({ id: caseId, folder: caseDir } = await call<{ id: string; folder: string }>('cases.create', { name: '媒体' }));
  await call('messages.import', { caseId, files: [{ kind: 'path', path: account }] });
  for (const chat of await call<ChatSummary[]>('messages.chats', { caseId })) {
    const page = await call<{ messages: ArchivedMessage[] }>('messages.get', { caseId, chatId: chat.id, limit: 100 });
    for (const m of page.messages) byKind[m.kind] ??= m;
  }
  // Another case with a chat of its own (a WhatsApp text), none of the first case's messages.
  otherCaseId = (await call<{ id: string }>('cases.create', { name: '别的案例' })).id;
  const txt = join(dataDir, 'src', 'wa', 'WhatsApp Chat with Anna.txt');
  writeFixture(join(dataDir, 'src', 'wa'), 'WhatsApp Chat with Anna.txt', whatsAppChatTxt());
  await call('messages.import', { caseId: otherCaseId, files: [{ kind: 'path', path: txt }] });
  // A third case whose voice was cut short after its head: kept, linked, but no frame to play.
  const cut = join(dataDir, 'src', 'cut', `${OWNER}_c3d4`);
  writePc4(cut);
  writePc4Messages(cut);
  writePc4Voices(cut, SAMPLE_MESSAGES, { audio: silk.subarray(0, 14) });
  damagedCaseId = (await call<{ id: string }>('cases.create', { name: '坏语音' })).id;
  await call('messages.import', { caseId: damagedCaseId, files: [{ kind: 'path', path: cut }] });
});

afterAll(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('GET /api/messages/media', () => {
  it('gives each stored voice, video and file message its size', () => {
    expect(byKind.video?.media).toEqual({ path: pc4VideoPath(video), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: mp4.length });
    expect(byKind.file?.media?.size).toBe(xlsx.length);
    expect(byKind.voice?.media?.size).toBe(readFileSync(blobPath(caseDir, byKind.voice!.media!.sha256!)!).length);
  });

  it('serves a linked video as video/mp4, whole and by byte range', async () => {
    const whole = await get({ caseId, messageId: byKind.video!.id });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-disposition')).toBeNull();
    expect(Buffer.from(await whole.arrayBuffer()).equals(mp4)).toBe(true);
    const part = await get({ caseId, messageId: byKind.video!.id }, { Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${mp4.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(mp4.subarray(1000, 2000))).toBe(true);
    const tail = await get({ caseId, messageId: byKind.video!.id }, { Range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(mp4.subarray(mp4.length - 10))).toBe(true);
    expect((await get({ caseId, messageId: byKind.video!.id }, { Range: `bytes=${mp4.length}-` })).status).toBe(416);
  });

  it('serves a file as a download under its own name', async () => {
    const res = await get({ caseId, messageId: byKind.file!.id });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('照片清单.xlsx')}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(xlsx)).toBe(true);
  });

  it('serves a voice as a .silk download named after its time, in the app language', async () => {
    const voice = byKind.voice!;
    const res = await get({ caseId, messageId: voice.id });
    const d = new Date((SAMPLE_MESSAGES.find((m) => m.kind === 'voice')!.at) * 1000);
    const stamp = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}-${String(d.getHours()).padStart(2, '0')}${String(d.getMinutes()).padStart(2, '0')}`;
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`语音-${stamp}.silk`)}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 10).toString('latin1')).toBe('\x02#!SILK_V3');
    await call('settings.setLocale', { locale: 'en' });
    try {
      const en = await get({ caseId, messageId: voice.id });
      expect(en.headers.get('content-disposition')).toContain(`filename="voice-${stamp}.silk"`);
      await en.arrayBuffer();
    } finally {
      await call('settings.setLocale', { locale: null });
    }
  });

  it('plays a SILK voice as a 24 kHz mono WAV (as=audio), whole and by byte range; the .silk download stays', async () => {
    const voice = byKind.voice!;
    const res = await get({ caseId, messageId: voice.id, as: 'audio' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('content-disposition')).toBeNull();
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    const wav = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(wav.length);
    expect([wav.toString('latin1', 0, 4), wav.toString('latin1', 8, 12), wav.readUInt32LE(24), wav.readUInt16LE(22)]).toEqual(['RIFF', 'WAVE', 24_000, 1]);
    expect((wav.length - 44) / 2 / 24_000).toBeCloseTo(2, 1);
    const part = await get({ caseId, messageId: voice.id, as: 'audio' }, { Range: 'bytes=0-43' });
    expect([part.status, part.headers.get('content-range')]).toEqual([206, `bytes 0-43/${wav.length}`]);
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(0, 44))).toBe(true);
    expect((await get({ caseId, messageId: voice.id, as: 'audio' }, { Range: `bytes=${wav.length}-` })).status).toBe(416);
    const original = await get({ caseId, messageId: voice.id });
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(silk))).toBe(true);
  });

  it('says plainly that a damaged voice cannot be played, naming the message; its download stays', async () => {
    let cut: ArchivedMessage | undefined;
    for (const chat of await call<ChatSummary[]>('messages.chats', { caseId: damagedCaseId })) {
      cut ??= (await call<{ messages: ArchivedMessage[] }>('messages.get', { caseId: damagedCaseId, chatId: chat.id, limit: 100 })).messages.find((m) => m.kind === 'voice');
    }
    const res = await get({ caseId: damagedCaseId, messageId: cut!.id, as: 'audio' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'bad-input', message: expect.stringContaining(`message ${cut!.id} cannot be played`) });
    const original = await get({ caseId: damagedCaseId, messageId: cut!.id });
    expect(Buffer.from(await original.arrayBuffer()).equals(Buffer.from(silk.subarray(0, 14)))).toBe(true);
  });

  it('plays only voices, of this case, and knows one other form', async () => {
    expect((await get({ caseId, messageId: byKind.video!.id, as: 'audio' })).status).toBe(404);
    expect((await get({ caseId, messageId: byKind.voice!.id, as: 'mp3' })).status).toBe(400);
    const other = await get({ caseId: otherCaseId, messageId: byKind.voice!.id, as: 'audio' });
    expect([other.status, ((await other.json()) as { error: { message: string } }).error.message]).toEqual([404, 'This message has no stored media in this case']);
  });

  it('refuses a stored blob no message links, even named by its hash', async () => {
    const loose = await putBuffer(caseDir, randomBytes(100), 'bin');
    const text = byKind.text!;
    expect((await get({ caseId, sha: loose.sha256 })).status).toBe(400);
    const res = await get({ caseId, messageId: text.id, sha: loose.sha256, path: blobPath(caseDir, loose.sha256)! });
    expect(res.status).toBe(404);
  });

  it("refuses another case's message, and a case without chats gets no archive made", async () => {
    const own = await get({ caseId, messageId: byKind.video!.id });
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    const other = await get({ caseId: otherCaseId, messageId: byKind.video!.id });
    expect([other.status, ((await other.json()) as { error: { message: string } }).error.message]).toEqual([404, 'This message has no stored media in this case']);
    const empty = await call<{ id: string; folder: string }>('cases.create', { name: '空' });
    expect((await get({ caseId: empty.id, messageId: byKind.video!.id })).status).toBe(404);
    expect((await call<ChatSummary[]>('messages.chats', { caseId: empty.id })).length).toBe(0);
  });

  it('refuses paths and traversal in place of a message id or case', async () => {
    for (const messageId of ['../../store', `${byKind.video!.id}/../1`, pc4VideoPath(video), '', '1e5', '-1']) {
      expect((await get({ caseId, messageId })).status, messageId).toBe(400);
    }
    expect((await get({ caseId: '..', messageId: byKind.video!.id })).status).toBe(400);
    expect((await get({ caseId: '../媒体', messageId: byKind.video!.id })).status).toBe(400);
    // The URL parser resolves dot segments first: this asks for /api/store, which is no route.
    expect((await routes.handle(new Request('app://relink/api/messages/media/../../store'))).status).toBe(404);
  });
});

describe('helpers', () => {
  it('reads one byte range; several or none mean the whole file', () => {
    expect(byteRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(byteRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(byteRange('bytes=-5', 100)).toEqual({ start: 95, end: 99 });
    expect(byteRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(byteRange(null, 100)).toBeUndefined();
    expect(byteRange('bytes=100-', 100)).toBeNull();
    expect(byteRange('bytes=5-2', 100)).toBeNull();
  });

  it('names a voice after its local time', () => {
    const at = new Date(2023, 4, 1, 21, 30).toISOString();
    expect(voiceFileName(at, '.silk', 'zh-CN')).toBe('语音-2023-05-01-2130.silk');
    expect(voiceFileName(at, '.amr', 'en')).toBe('voice-2023-05-01-2130.amr');
  });
});
