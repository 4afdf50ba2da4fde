// Exporting a chat is a long job (issue 16.5): progress by messages written with the shared time
// left, Cancel, and a file that exists only whole — written to a temp file and renamed, so a cancel
// leaves nothing under the export's name (nor replaces an earlier file there). The page downloads
// the file from the data folder by a route that serves only names the contract allows.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { createRoutes } from '../../../electron/host/routes';
import { exportChat, importMessages, listChats } from '../../../electron/messages';
import { exportFolder } from '../../../electron/platform/export-file';
import type { ApiEvent, JobProgressOf, MessagesResults } from '../../../shared/contract';

const MESSAGES = 20_000;

let dataDir: string;
let backend: Backend;
let caseId: string;
let caseDir: string;
let chatId: string;
const call = <T,>(method: string, args: unknown) => backend.call(method, args, { mayReadPath: () => true }) as Promise<T>;

/** A WhatsApp chat of MESSAGES lines, each a different minute. */
function bigWhatsAppChat(): string {
  const lines: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const d = new Date(Date.UTC(2022, 0, 1) + i * 60_000);
    const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    lines.push(`${date}, ${time} - ${i % 2 ? 'Anna' : 'Sam'}: message <${i}> about 火锅 and the weekend plans, with some more words`);
  }
  return lines.join('\n') + '\n';
}

function progressOf(events: ApiEvent[], jobId: string): JobProgressOf<'messages.export'>[] {
  return events.filter((e): e is JobProgressOf<'messages.export'> => e.jobId === jobId && e.job === 'messages.export');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-chat-export-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
  const created = await call<{ id: string; folder: string }>('cases.create', { name: '导出' });
  caseId = created.id;
  caseDir = created.folder;
  const src = join(dataDir, '..', `relink-chat-export-src-${process.pid}`);
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'WhatsApp Chat with Anna.txt'), bigWhatsAppChat());
  await importMessages(caseDir, [src]);
  await rm(src, { recursive: true, force: true });
  chatId = listChats(caseDir)[0]!.id;
});
afterAll(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('chat export as a job', () => {
  it('reports messages written of the total, ends at 1, and writes the whole chat', async () => {
    const events: ApiEvent[] = [];
    const off = backend.onEvent((e) => events.push(e));
    const file = await call<MessagesResults['messages.export']>('messages.export', { caseId, chatId, format: 'txt', jobId: 'export-1' });
    off();
    const progress = progressOf(events, 'export-1');
    expect(progress[0]).toMatchObject({ counters: { written: 0, total: MESSAGES }, fraction: 0 });
    expect(progress.at(-1)).toMatchObject({ counters: { written: MESSAGES, total: MESSAGES }, fraction: 1, etaSeconds: 0 });
    const written = progress.map((p) => p.counters.written);
    expect(written).toEqual([...written].sort((a, b) => a - b));
    expect(file.messages).toBe(MESSAGES);
    const text = readFileSync(join(exportFolder(dataDir, 'chats'), file.fileName), 'utf8');
    expect(text.split('\n').filter((l) => l.includes('火锅'))).toHaveLength(MESSAGES);
    expect(text).toContain('message <19999> about');
    if (process.platform !== 'win32') {
      expect(statSync(exportFolder(dataDir, 'chats')).mode & 0o777).toBe(0o700);
      expect(statSync(join(exportFolder(dataDir, 'chats'), file.fileName)).mode & 0o777).toBe(0o600);
    }
  });

  it('cancelled, it stops and leaves no file, not even a temp one', async () => {
    const before = readdirSync(exportFolder(dataDir, 'chats'));
    const events: ApiEvent[] = [];
    const off = backend.onEvent((e) => {
      events.push(e);
      if (e.jobId === 'export-2' && events.length === 1) void call('jobs.cancel', { jobId: 'export-2' });
    });
    await expect(call('messages.export', { caseId, chatId, format: 'html', jobId: 'export-2' })).rejects.toMatchObject({ code: 'cancelled' });
    off();
    expect(progressOf(events, 'export-2').some((p) => p.fraction === 1)).toBe(false);
    expect(readdirSync(exportFolder(dataDir, 'chats')).sort()).toEqual(before.sort());
  });

  it('a cancelled export to a file that exists leaves that file as it was', async () => {
    const dir = join(dataDir, 'replace');
    mkdirSync(dir);
    const target = join(dir, 'chat.html');
    writeFileSync(target, 'the earlier export');
    const controller = new AbortController();
    const exporting = exportChat(caseDir, chatId, 'html', 'zh-CN', target, {
      signal: controller.signal,
      onProgress: (written) => written >= 5000 && controller.abort(),
    });
    await expect(exporting).rejects.toMatchObject({ name: 'AbortError' });
    expect(readFileSync(target, 'utf8')).toBe('the earlier export');
    expect(readdirSync(dir)).toEqual(['chat.html']);
  });

  it('is downloaded by its name only: no other folder, no hidden temp file', async () => {
    const file = await call<MessagesResults['messages.export']>('messages.export', { caseId, chatId, format: 'html' });
    const table = createRoutes({ backend, rendererDir: join(dataDir, 'no-renderer'), mayReadPath: () => false });
    const got = await table.handle(new Request(`app://relink${file.downloadPath}`));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect((await got.text()).length).toBeGreaterThan(0);
    writeFileSync(join(exportFolder(dataDir, 'chats'), '.half.html.tmp'), 'x');
    for (const bad of ['..%2F..%2Fsecret.html', '.half.html.tmp', 'notes.pdf', '%E0%A4%A.html']) {
      expect((await table.handle(new Request(`app://relink/api/exports/chats/${bad}`))).status).toBe(400);
    }
    expect((await table.handle(new Request('app://relink/api/exports/chats/nothing.html'))).status).toBe(404);
    expect((await table.handle(new Request(`app://relink/api/exports/bundles/${encodeURIComponent(file.fileName)}`))).status).toBe(404);
  });
});
