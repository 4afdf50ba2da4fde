// The chat archive API as the renderer sees it: calls through Backend (validation + handlers),
// browser uploads staged into a tree under their relative names, and the case-level guarantees
// (no archive created by reading, the archive closed before a case is deleted).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { shownFileName } from '../../../electron/api/handlers/messages';
import { uploadSegments } from '../../../electron/api/upload-staging';
import { interactionStrengths } from '../../../electron/messages';
import { exportFolder } from '../../../electron/platform/export-file';
import type { MessagesResults } from '../../../shared/contract';
import { memoTraceChatCsv, whatsAppChatTxt } from './fixtures';

let dataDir: string;
let backend: Backend;
const allowAll = { mayReadPath: () => true };
const call = <T,>(method: string, args: unknown, ctx = allowAll) => backend.call(method, args, ctx) as Promise<T>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-messages-api-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
});
afterAll(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function newCase(name: string): Promise<{ id: string; folder: string }> {
  const created = await call<{ id: string; folder: string }>('cases.create', { name });
  return { id: created.id, folder: created.folder };
}

function put(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/** Pretends the browser uploaded `content` under `name` (what POST /api/upload does). */
function fakeUpload(content: string | Uint8Array, name: string): { kind: 'upload'; id: string; name: string } {
  const id = createHash('md5').update(`${name}-${Math.random()}`).digest('hex');
  put(join(backend.uploadsDir, id), content);
  return { kind: 'upload', id, name };
}

describe('a case without chats', () => {
  it('lists nothing, and neither reading nor interactionStrengths creates an archive', async () => {
    const c = await newCase('空案例');
    expect(await call('messages.chats', { caseId: c.id })).toEqual([]);
    expect(await call('messages.stats', { caseId: c.id })).toEqual({ chats: [], people: [], years: [] });
    expect(await call('messages.search', { caseId: c.id, query: '火锅' })).toEqual({ hits: [], total: 0, offset: 0 });
    await expect(call('messages.get', { caseId: c.id, chatId: '1' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('messages.export', { caseId: c.id, chatId: '1', format: 'txt' })).rejects.toMatchObject({ code: 'not-found' });
    expect(interactionStrengths(c.folder).size).toBe(0);
    expect(existsSync(join(c.folder, 'messages'))).toBe(false);
  });
});

describe('browser uploads: MemoTrace CSV in its folder + WhatsApp with a picture beside it', () => {
  let caseId: string;
  let folder: string;
  let summary: MessagesResults['messages.import'];
  let png: Buffer;

  beforeAll(async () => {
    ({ id: caseId, folder } = await newCase('上传'));
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    const chat = whatsAppChatTxt().replace('16/03/2024, 09:10', '15/03/2024, 20:06 - Anna: IMG-20240315-WA0001.jpg (file attached)\n16/03/2024, 09:10');
    summary = await call('messages.import', {
      caseId,
      files: [
        fakeUpload(memoTraceChatCsv(), '聊天记录/张伟(wxid_zhangwei01)/张伟_utf8.csv'),
        fakeUpload(chat, 'WhatsApp Chat with Anna/WhatsApp Chat with Anna.txt'),
        fakeUpload(png, 'WhatsApp Chat with Anna/IMG-20240315-WA0001.jpg'),
      ],
    });
  });

  it('reports per file, under the names the user uploaded', () => {
    const byFile = Object.fromEntries(summary.files.map((f) => [f.file, f]));
    expect(Object.keys(byFile).sort()).toEqual(['WhatsApp Chat with Anna/WhatsApp Chat with Anna.txt', '聊天记录/张伟(wxid_zhangwei01)/张伟_utf8.csv']);
    const csv = byFile['聊天记录/张伟(wxid_zhangwei01)/张伟_utf8.csv']!;
    expect(csv).toMatchObject({ format: 'memotrace-csv', chats: 1, messages: 6, duplicates: 0 });
    expect(csv.skipped).toEqual([{ line: 8, reason: expect.stringContaining('5 of 12 columns'), code: 'chat-row-columns', params: { found: 5, expected: 12 } }]);
    const wa = byFile['WhatsApp Chat with Anna/WhatsApp Chat with Anna.txt']!;
    expect(wa).toMatchObject({ format: 'whatsapp-txt', chats: 1, messages: 6, pictures: 1 });
    expect(summary.messages).toBe(12);
  });

  it('removes the staging tree and the consumed uploads', () => {
    expect(existsSync(join(folder, '.import-tmp'))).toBe(false);
    expect(readdirSync(backend.uploadsDir)).toEqual([]);
  });

  it('lists chats named by their folder and file, newest first, with participants', async () => {
    const chats = await call<MessagesResults['messages.chats']>('messages.chats', { caseId });
    expect(chats.map((c) => [c.name, c.platform, c.messages])).toEqual([
      ['Anna', 'whatsapp', 6],
      ['张伟', 'wechat', 6],
    ]);
    expect(chats[1]!.participants.map((p) => p.name).sort()).toEqual(['张伟', '我'].sort());
    expect(chats[1]!.lastText).toContain('2 号桌');
  });

  it('searches Chinese without spaces, English words and numbers, with highlights', async () => {
    const hotpot = await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '火锅' });
    expect(hotpot.hits).toHaveLength(1);
    const hit = hotpot.hits[0]!;
    expect(hit).toMatchObject({ chat: '张伟', sender: '张伟', text: '今晚一起吃火锅吗？' });
    expect(hit.highlights.map(([a, b]) => hit.text.slice(a, b))).toEqual(['火锅']);

    const birthday = await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '生日快乐' });
    expect(birthday.hits.map((h) => h.chat).sort()).toEqual(['Anna', '张伟']);
    const filtered = await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '生日快乐', sender: 'Anna', from: '2024-01-01', to: '2024-12-31' });
    expect(filtered.hits.map((h) => h.chat)).toEqual(['Anna']);
    const byChat = await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '生日快乐', chatId: hit.chatId });
    expect(byChat.hits.map((h) => h.chat)).toEqual(['张伟']);

    expect((await call<MessagesResults['messages.search']>('messages.search', { caseId, query: 'candles' })).hits[0]!.text).toContain("I'll bring the birthday cake\nand candles");
    expect((await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '13800138000' })).hits).toHaveLength(1);
    const limited = await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '生日快乐', limit: 1 });
    expect(limited).toMatchObject({ total: 2, offset: 0 });
    expect(limited.hits).toHaveLength(1);
    const second = await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '生日快乐', limit: 1, offset: 1 });
    expect(second).toMatchObject({ total: 2, offset: 1 });
    expect(second.hits[0]!.messageId).not.toBe(limited.hits[0]!.messageId);
    // Past the end (the archive changed under the user): the last page.
    expect(await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '生日快乐', limit: 1, offset: 5 })).toMatchObject({ total: 2, offset: 1 });
    expect(await call<MessagesResults['messages.search']>('messages.search', { caseId, query: 'ANDLE', limit: 1 })).toMatchObject({ total: 1 });
  });

  it('opens a conversation around a hit, with the picture stored in the shared content store', async () => {
    const [hit] = (await call<MessagesResults['messages.search']>('messages.search', { caseId, query: '火锅' })).hits;
    const page = await call<MessagesResults['messages.get']>('messages.get', { caseId, chatId: hit!.chatId, aroundMessageId: hit!.messageId, limit: 3 });
    expect(page.total).toBe(6);
    expect(page.messages.map((m) => m.id)).toContain(hit!.messageId);
    expect(page.messages.find((m) => m.id === hit!.messageId)!.sourceFile).toBe('聊天记录/张伟(wxid_zhangwei01)/张伟_utf8.csv');

    const anna = (await call<MessagesResults['messages.chats']>('messages.chats', { caseId }))[0]!;
    const all = await call<MessagesResults['messages.get']>('messages.get', { caseId, chatId: anna.id });
    const picture = all.messages.find((m) => m.media?.path === 'IMG-20240315-WA0001.jpg');
    expect(picture?.media?.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    expect(all.messages[0]!.kind).toBe('system');
  });

  it('counts per year and per person; a person page lists their chats', async () => {
    const stats = await call<MessagesResults['messages.stats']>('messages.stats', { caseId });
    expect(stats.years).toEqual([
      { year: 2022, messages: 2 },
      { year: 2023, messages: 4 },
      { year: 2024, messages: 6 },
    ]);
    const zhang = stats.people.find((p) => p.name === '张伟')!;
    expect(zhang).toMatchObject({ ref: 'wxid_zhangwei01', messages: 3 });
    const person = await call<MessagesResults['messages.person']>('messages.person', { caseId, ref: zhang.ref });
    expect(person).toMatchObject({ name: '张伟', messages: 3, chats: [{ name: '张伟', messages: 6, fromPerson: 3, platform: 'wechat' }] });
    await expect(call('messages.person', { caseId, ref: 'wxid_nobody' })).rejects.toMatchObject({ code: 'not-found' });
    expect(interactionStrengths(folder).get('wxid_zhangwei01')?.messages).toBe(6);
  });

  it('exports a chat as self-contained HTML and as text, written under the data folder to download', async () => {
    const chat = (await call<MessagesResults['messages.chats']>('messages.chats', { caseId })).find((c) => c.name === '张伟')!;
    const html = await call<MessagesResults['messages.export']>('messages.export', { caseId, chatId: chat.id, format: 'html' });
    expect(html.fileName).toMatch(/^张伟-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.html$/);
    expect(html).toMatchObject({ downloadPath: `/api/exports/chats/${encodeURIComponent(html.fileName)}`, messages: 6 });
    const page = readFileSync(join(exportFolder(dataDir, 'chats'), html.fileName), 'utf8');
    expect(html.bytes).toBe(Buffer.byteLength(page));
    expect(page).toContain('今晚一起吃火锅吗？');
    expect(page).not.toMatch(/<script|src=|href=/i);
    const txt = await call<MessagesResults['messages.export']>('messages.export', { caseId, chatId: chat.id, format: 'txt' });
    expect(txt.fileName).toMatch(/^张伟-.*\.txt$/);
    const text = readFileSync(join(exportFolder(dataDir, 'chats'), txt.fileName), 'utf8');
    expect(text.split('\n').filter((l) => l.includes('火锅'))).toHaveLength(1);
  });

  it('words an export in the user\'s language, zh-CN first, then English once chosen: never "[image: …]" or internal names', async () => {
    const chat = (await call<MessagesResults['messages.chats']>('messages.chats', { caseId })).find((c) => c.name === 'Anna')!;
    const exported = async (format: 'html' | 'txt') => {
      const file = await call<MessagesResults['messages.export']>('messages.export', { caseId, chatId: chat.id, format });
      return readFileSync(join(exportFolder(dataDir, 'chats'), file.fileName), 'utf8');
    };
    const zhText = await exported('txt');
    expect(zhText.split('\n')[0]).toBe('Anna（WhatsApp，单聊）');
    expect(zhText).toMatch(/\[图片：[^\]]*IMG-20240315-WA0001\.jpg\]/);
    const zhHtml = await exported('html');
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toMatch(/<div class="media">\[图片：[^\]]*IMG-20240315-WA0001\.jpg\]<\/div>/);
    for (const text of [zhText, zhHtml]) expect(text).not.toMatch(/\[image|not included|reply to|whatsapp,|private\)/);
    await call('settings.setLocale', { locale: 'en' });
    try {
      const enText = await exported('txt');
      expect(enText.split('\n')[0]).toBe('Anna (WhatsApp, one-to-one)');
      expect(enText).toMatch(/\[Picture: [^\]]*IMG-20240315-WA0001\.jpg\]/);
      const enHtml = await exported('html');
      expect(enHtml).toContain('<html lang="en">');
      expect(enHtml).toMatch(/\[Picture: [^\]]*IMG-20240315-WA0001\.jpg\]/);
    } finally {
      await call('settings.setLocale', { locale: null });
    }
  });

  it('importing the same export again adds nothing', async () => {
    const again = await call<MessagesResults['messages.import']>('messages.import', {
      caseId,
      files: [fakeUpload(memoTraceChatCsv(), '聊天记录/张伟(wxid_zhangwei01)/张伟_utf8.csv')],
    });
    expect(again).toMatchObject({ messages: 0, duplicates: 6 });
  });
});

describe('paths, validation and case deletion', () => {
  it('imports by path, refuses paths the user did not choose, and validates arguments', async () => {
    const c = await newCase('路径');
    const src = join(dataDir, '..', `relink-msg-src-${Date.now()}`);
    put(join(src, 'WhatsApp Chat with Anna.txt'), whatsAppChatTxt());
    try {
      await expect(
        call('messages.import', { caseId: c.id, files: [{ kind: 'path', path: src }] }, { mayReadPath: () => false }),
      ).rejects.toMatchObject({ code: 'unauthorized' });
      const summary = await call<MessagesResults['messages.import']>('messages.import', { caseId: c.id, files: [{ kind: 'path', path: src }] });
      expect(summary.files.map((f) => [f.file, f.format, f.messages])).toEqual([[join(src, 'WhatsApp Chat with Anna.txt'), 'whatsapp-txt', 5]]);
    } finally {
      await rm(src, { recursive: true, force: true });
    }
    await expect(call('messages.get', { caseId: c.id, chatId: '../x' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(call('messages.search', { caseId: c.id, query: 'a', from: 'yesterday' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(call('messages.export', { caseId: c.id, chatId: '1', format: 'pdf' })).rejects.toMatchObject({ code: 'invalid-arguments' });
  });

  it('a file that is not a chat export is reported, not thrown', async () => {
    const c = await newCase('坏文件');
    const summary = await call<MessagesResults['messages.import']>('messages.import', { caseId: c.id, files: [fakeUpload('hello, world\n', 'notes.txt')] });
    expect(summary.files).toEqual([expect.objectContaining({ file: 'notes.txt', format: 'unknown', messages: 0, error: expect.stringContaining('not a chat export') })]);
  });

  it('a cancelled import says so, leaves no staging tree, and a new import still works', async () => {
    const c = await newCase('取消');
    const pending = call<MessagesResults['messages.import']>('messages.import', {
      caseId: c.id,
      jobId: 'cancel-me',
      files: [fakeUpload(whatsAppChatTxt(), 'WhatsApp Chat with Anna.txt')],
    });
    // Cancel as soon as the job exists (the renderer's cancel button does the same through jobs.cancel).
    while (!(await call<{ cancelled: boolean }>('jobs.cancel', { jobId: 'cancel-me' })).cancelled) await new Promise((r) => setImmediate(r));
    const summary = await pending;
    expect(summary).toMatchObject({ aborted: true, messages: 0 });
    expect(existsSync(join(c.folder, '.import-tmp'))).toBe(false);
    const again = await call<MessagesResults['messages.import']>('messages.import', { caseId: c.id, files: [fakeUpload(whatsAppChatTxt(), 'WhatsApp Chat with Anna.txt')] });
    expect(again).toMatchObject({ messages: 5 });
    expect(again.aborted).toBeUndefined();
  });

  it('closes the archive before the case folder is moved away', async () => {
    const c = await newCase('删除');
    await call('messages.import', { caseId: c.id, files: [fakeUpload(whatsAppChatTxt(), 'WhatsApp Chat with Anna.txt')] });
    expect((await call<unknown[]>('messages.chats', { caseId: c.id })).length).toBe(1);
    const deleted = await call<{ keptAs: string }>('cases.delete', { caseId: c.id, confirmName: '删除' });
    expect(existsSync(c.folder)).toBe(false);
    // A new case of the same name starts empty: the old database handle is not reused.
    const again = await newCase('删除');
    expect(await call('messages.chats', { caseId: again.id })).toEqual([]);
    expect(existsSync(join(deleted.keptAs, 'messages', 'archive.sqlite-wal')) ? 'wal left' : 'clean').toBe('clean');
  });
});

describe('upload names', () => {
  it('keeps relative folders, drops traversal', () => {
    expect(uploadSegments('../a/./b\\c.txt')).toEqual(['a', 'b', 'c.txt']);
    expect(uploadSegments('..')).toEqual(['file']);
    expect(shownFileName('/d/cases/x/.import-tmp/messages-0a1b/0/chat/a.txt!_chat.txt')).toBe('chat/a.txt!_chat.txt');
    expect(shownFileName('/home/u/chat.txt')).toBe('/home/u/chat.txt');
  });
});
