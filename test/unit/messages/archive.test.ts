import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../corpus';
import { messagesCommand } from '../../../electron/messages/cli';
import { closeArchive, exportChat, getMessages, importMessages, interactionStrengths, listChats, MESSAGE_IMPORT_YOUNG_GENERATION_MB, messageStats, searchMessages } from '../../../electron/messages';
import { youngGenerationStop } from '../../../electron/runtime/young-generation';
import { cleanup, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const DAY = 86_400;
const NOW = new Date('2024-06-01T00:00:00Z');
const nowSec = NOW.getTime() / 1000;

/** A private chat with 小王 and a group, spread over two years. */
function buildExports(root: string): string[] {
  const wang = memotraceCsv([
    [1, 1, 1, 0, 0, nowSec - 500 * DAY, '', '去年生日快乐呀', strTime(nowSec - 500 * DAY), '小王', 'Wang', 'wxid_wang'],
    [2, 1, 1, 0, 1, nowSec - 30 * DAY, '', '周末一起吃火锅吗', strTime(nowSec - 30 * DAY), '', '我', 'wxid_me'],
    [3, 1, 1, 0, 0, nowSec - 29 * DAY, '', '好啊，火锅店见 at 7pm', strTime(nowSec - 29 * DAY), '小王', 'Wang', 'wxid_wang'],
    [4, 1, 1, 0, 0, nowSec - 2 * DAY, '', '我的新号码是13800138000', strTime(nowSec - 2 * DAY), '小王', 'Wang', 'wxid_wang'],
  ]);
  const group = memotraceCsv([
    [1, 2, 1, 0, 0, nowSec - 10 * DAY, '', '生日快乐！🎂', strTime(nowSec - 10 * DAY), '阿强', 'Q', 'wxid_qiang'],
    [2, 2, 1, 0, 0, nowSec - 9 * DAY, '', 'Happy birthday <b>bro</b>', strTime(nowSec - 9 * DAY), '小美', 'M', 'wxid_mei'],
    [3, 2, 1, 0, 0, nowSec - 8 * DAY, '', '火', strTime(nowSec - 8 * DAY), '阿强', 'Q', 'wxid_qiang'],
    [4, 2, 1, 0, 1, nowSec - 7 * DAY, '', 'ok', strTime(nowSec - 7 * DAY), '', '我', 'wxid_me'],
  ]);
  return [writeFixture(root, 'data/小王(wxid_wang)/小王_utf8.csv', wang), writeFixture(root, 'data/老友群(123@chatroom)/老友群_utf8.csv', group)];
}

describe('archive', () => {
  it('re-importing, and importing an overlapping export, adds no duplicates', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const files = buildExports(root);
    const first = await importMessages(caseDir, files);
    expect(first).toMatchObject({ messages: 8, duplicates: 0 });
    const again = await importMessages(caseDir, [join(root, 'data')]);
    expect(again).toMatchObject({ messages: 0, duplicates: 8 });
    // The import's stage files are gone once it returns.
    expect(readdirSync(join(caseDir, 'messages')).filter((f) => f.startsWith('.import-stage-'))).toEqual([]);
    // A later export of the same chat: two old messages plus one new.
    const later = memotraceCsv([
      [3, 1, 1, 0, 0, nowSec - 29 * DAY, '', '好啊，火锅店见 at 7pm', strTime(nowSec - 29 * DAY), '小王', 'Wang', 'wxid_wang'],
      [4, 1, 1, 0, 0, nowSec - 2 * DAY, '', '我的新号码是13800138000', strTime(nowSec - 2 * DAY), '小王', 'Wang', 'wxid_wang'],
      [5, 1, 1, 0, 0, nowSec - 1 * DAY, '', '收到', strTime(nowSec - 1 * DAY), '小王', 'Wang', 'wxid_wang'],
    ]);
    const overlap = await importMessages(caseDir, [writeFixture(root, 'later/小王(wxid_wang)/小王_utf8.csv', later)]);
    expect(overlap).toMatchObject({ messages: 1, duplicates: 2 });
    const wang = listChats(caseDir).find((c) => c.name === '小王')!;
    expect(wang.messages).toBe(5);
  });

  it('counts per file when one import holds the same export twice (both in one write batch)', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const [wang] = buildExports(root);
    const copy = writeFixture(root, 'copy/小王(wxid_wang)/小王_utf8.csv', readFileSync(wang!));
    const s = await importMessages(caseDir, [wang!, copy]);
    expect(s.files.map((f) => [f.messages, f.duplicates])).toEqual([
      [4, 0],
      [0, 4],
    ]);
    expect(s).toMatchObject({ messages: 4, duplicates: 4 });
    expect(searchMessages(caseDir, '火锅')).toHaveLength(2);
    // The search index holds each message once: a one-character query sees no repeated hit.
    expect(new Set(searchMessages(caseDir, '我').map((h) => h.messageId)).size).toBe(searchMessages(caseDir, '我').length);
  });

  it('names the kind of a last message without text (a picture) for the UI to word, never "[image]"', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const t = nowSec - DAY;
    const csv = memotraceCsv([
      [1, 1, 1, 0, 0, t, '', '看这个', strTime(t), 'A', 'A', 'wxid_a'],
      [2, 1, 3, 0, 0, t + 1, '', '', strTime(t + 1), 'A', 'A', 'wxid_a'],
    ]);
    await importMessages(caseDir, [writeFixture(root, 'A(wxid_a)/A_utf8.csv', csv)]);
    const [chat] = listChats(caseDir);
    expect(chat!.lastKind).toBe('image');
    expect(chat!.lastText).toBeUndefined();
  });

  it('keeps identical messages sent twice in the same second', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const t = nowSec - DAY;
    const csv = memotraceCsv([
      [1, 1, 1, 0, 0, t, '', '哈哈', strTime(t), 'A', 'A', 'wxid_a'],
      [2, 1, 1, 0, 0, t, '', '哈哈', strTime(t), 'A', 'A', 'wxid_a'],
    ]);
    const f = writeFixture(root, 'A(wxid_a)/A_utf8.csv', csv);
    expect((await importMessages(caseDir, [f])).messages).toBe(2);
    expect((await importMessages(caseDir, [f])).duplicates).toBe(2);
  });

  it('lists chats newest first with kind, last message and participants; pages messages', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    await importMessages(caseDir, buildExports(root));
    const chats = listChats(caseDir);
    expect(chats.map((c) => [c.name, c.kind, c.messages])).toEqual([
      ['小王', 'private', 4],
      ['老友群', 'group', 4],
    ]);
    expect(chats[0]!.lastText).toBe('我的新号码是13800138000');
    expect(chats[1]!.participants.map((p) => p.name).sort()).toEqual(['小美', '我', '阿强'].sort());
    const page = getMessages(caseDir, chats[0]!.id, { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.messages.map((m) => m.text)).toEqual(['周末一起吃火锅吗', '好啊，火锅店见 at 7pm']);
    const around = getMessages(caseDir, chats[0]!.id, { aroundMessageId: page.messages[1]!.id, limit: 3 });
    expect(around.messages.map((m) => m.id)).toContain(page.messages[1]!.id);
    expect(around.offset).toBe(1);
  });

  describe('search', () => {
    async function archiveWithData(): Promise<string> {
      const root = tempDir();
      const caseDir = join(root, 'case');
      await importMessages(caseDir, buildExports(root));
      return caseDir;
    }

    it('火锅 finds both messages, newest first, with highlights', async () => {
      const caseDir = await archiveWithData();
      const hits = searchMessages(caseDir, '火锅');
      expect(hits.map((h) => h.text)).toEqual(['好啊，火锅店见 at 7pm', '周末一起吃火锅吗']);
      expect(hits[0]!.highlights).toEqual([[3, 5]]);
      expect(hits[0]).toMatchObject({ chat: '小王', sender: '小王' });
      expect(Date.parse(hits[0]!.time)).toBeGreaterThan(Date.parse(hits[1]!.time));
    });

    it('生日快乐 matches the whole phrase only', async () => {
      const caseDir = await archiveWithData();
      expect(searchMessages(caseDir, '生日快乐').map((h) => h.text)).toEqual(['生日快乐！🎂', '去年生日快乐呀']);
      expect(searchMessages(caseDir, '生快')).toEqual([]);
    });

    it('a single Chinese character finds it anywhere in a word', async () => {
      const caseDir = await archiveWithData();
      const texts = searchMessages(caseDir, '火').map((h) => h.text);
      expect(texts).toEqual(['火', '好啊，火锅店见 at 7pm', '周末一起吃火锅吗']);
      expect(searchMessages(caseDir, '店').map((h) => h.text)).toEqual(['好啊，火锅店见 at 7pm']);
    });

    it('English words are case-insensitive and found by prefix; markup is plain text', async () => {
      const caseDir = await archiveWithData();
      expect(searchMessages(caseDir, 'BIRTHDAY').map((h) => h.text)).toEqual(['Happy birthday <b>bro</b>']);
      expect(searchMessages(caseDir, 'birth')).toHaveLength(1);
      expect(searchMessages(caseDir, 'happy bro')[0]!.highlights).toEqual([[0, 5], [18, 21]]);
    });

    it('numbers, including inside Chinese text', async () => {
      const caseDir = await archiveWithData();
      expect(searchMessages(caseDir, '13800138000').map((h) => h.text)).toEqual(['我的新号码是13800138000']);
      expect(searchMessages(caseDir, '138001')).toHaveLength(1);
      expect(searchMessages(caseDir, '7pm')).toHaveLength(1);
    });

    it('filters by chat, sender and date range; limit', async () => {
      const caseDir = await archiveWithData();
      const group = listChats(caseDir).find((c) => c.name === '老友群')!;
      expect(searchMessages(caseDir, '生日快乐', { chatId: group.id }).map((h) => h.chat)).toEqual(['老友群']);
      expect(searchMessages(caseDir, '火锅', { sender: 'wxid_me' }).map((h) => h.text)).toEqual(['周末一起吃火锅吗']);
      expect(searchMessages(caseDir, '火锅', { sender: '小王' })).toHaveLength(1);
      const from = new Date((nowSec - 100 * DAY) * 1000).toISOString();
      expect(searchMessages(caseDir, '生日快乐', { from }).map((h) => h.text)).toEqual(['生日快乐！🎂']);
      expect(searchMessages(caseDir, '生日快乐', { to: new Date((nowSec - 100 * DAY) * 1000).toISOString().slice(0, 10) }).map((h) => h.text)).toEqual(['去年生日快乐呀']);
      expect(searchMessages(caseDir, '火锅', { limit: 1 })).toHaveLength(1);
    });

    it('emoji-only queries fall back to scanning text', async () => {
      const caseDir = await archiveWithData();
      expect(searchMessages(caseDir, '🎂').map((h) => h.text)).toEqual(['生日快乐！🎂']);
      expect(searchMessages(caseDir, '   ')).toEqual([]);
    });
  });

  it('stats and interaction strengths by handle', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    await importMessages(caseDir, buildExports(root));
    const stats = messageStats(caseDir);
    expect(stats.chats).toEqual([
      { name: '小王', messages: 4 },
      { name: '老友群', messages: 4 },
    ]);
    const wang = stats.people.find((p) => p.name === '小王')!;
    expect(wang).toMatchObject({ handles: ['wxid_wang'], messages: 3 });
    expect(stats.years.reduce((s, y) => s + y.messages, 0)).toBe(8);
    const strengths = interactionStrengths(caseDir, NOW);
    // Private chat: every message of the chat, both directions; 3 of 4 in the last 12 months.
    expect(strengths.get('wxid_wang')).toEqual({ messages: 4, last12Months: 3, lastAt: new Date((nowSec - 2 * DAY) * 1000).toISOString() });
    // Group: only what the person wrote.
    expect(strengths.get('wxid_qiang')).toMatchObject({ messages: 2, last12Months: 2 });
    expect(strengths.has('wxid_me')).toBe(false);
  });

  it('exports a chat as escaped offline HTML and as text', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    await importMessages(caseDir, buildExports(root));
    const group = listChats(caseDir).find((c) => c.name === '老友群')!;
    await exportChat(caseDir, group.id, 'html', 'zh-CN', join(root, 'out', 'chat.html'));
    const html = readFileSync(join(root, 'out', 'chat.html'), 'utf8');
    expect(html).toContain('Happy birthday &lt;b&gt;bro&lt;/b&gt;');
    expect(html).not.toContain('<b>bro');
    expect(html).not.toMatch(/<script|https?:\/\//i);
    await exportChat(caseDir, group.id, 'txt', 'zh-CN', join(root, 'out', 'chat.txt'));
    const txt = readFileSync(join(root, 'out', 'chat.txt'), 'utf8');
    expect(txt.split('\n')[0]).toBe('老友群（微信，群聊）');
    await exportChat(caseDir, group.id, 'txt', 'en', join(root, 'out', 'chat-en.txt'));
    expect(readFileSync(join(root, 'out', 'chat-en.txt'), 'utf8').split('\n')[0]).toBe('老友群 (WeChat, group)');
    expect(txt).toContain('阿强: 生日快乐！🎂');
  });

  it('survives closing and reopening', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    await importMessages(caseDir, buildExports(root));
    closeArchive(caseDir);
    expect(searchMessages(caseDir, '火锅')).toHaveLength(2);
  });

  it('reports progress and stops when aborted, keeping what was saved', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const controller = new AbortController();
    controller.abort();
    const s = await importMessages(caseDir, buildExports(root), { signal: controller.signal });
    expect(s.aborted).toBe(true);
    const progress: number[] = [];
    const done = await importMessages(caseDir, buildExports(root), { onProgress: (p) => progress.push(p.bytesRead / p.totalBytes) });
    expect(done.messages).toBe(8);
    expect(progress[progress.length - 1]).toBe(1);
  });

  it('imports with the young generation held at its stop, and lets it grow again afterwards (peak RSS at 400k, bench messages-2m)', async () => {
    const root = tempDir();
    const stops: (number | undefined)[] = [];
    await importMessages(join(root, 'case'), buildExports(root), { onProgress: () => stops.push(youngGenerationStop()) });
    expect(stops.length).toBeGreaterThan(0);
    expect(new Set(stops)).toEqual(new Set([MESSAGE_IMPORT_YOUNG_GENERATION_MB]));
    expect(youngGenerationStop()).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus)('Telegram corpus', () => {
  // A skipped describe still runs its body: read the corpus only where it exists.
  const target = JSON.parse(hasCorpus ? readFileSync(corpusPath('chats/telegram/chat-miner/target.json'), 'utf8') : '[]') as { timestamp: string; author: string; message: string }[];
  for (const file of ['test_single_export.json', 'test_batch_export.json']) {
    it(`${file}: authors, UTC times and text (string or entity array)`, async () => {
      const caseDir = join(tempDir(), 'case');
      const s = await importMessages(caseDir, [corpusPath('chats/telegram/chat-miner', file)]);
      expect(s.files[0]).toMatchObject({ format: 'telegram-json', messages: 2 });
      const [chat] = listChats(caseDir);
      const ms = getMessages(caseDir, chat!.id, {}).messages;
      expect(ms.map((m) => ({ timestamp: m.at.replace(/\.000Z$/, ''), author: m.sender.name, message: m.text.replace(/\s+/g, '') }))).toEqual(
        target.map((t) => ({ ...t, message: t.message.replace(/\s+/g, '') })),
      );
    });
  }

  it('full export: chat types, ids, service messages, missing media, replies', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const full = {
      personal_information: { user_id: 1, first_name: 'Me' },
      chats: {
        list: [
          {
            name: 'Olga',
            type: 'personal_chat',
            id: 500,
            messages: [
              { id: 1, type: 'message', date: '2024-01-01T10:00:00', date_unixtime: '1704103200', from: 'Olga', from_id: 'user500', text: 'привет' },
              { id: 2, type: 'message', date: '2024-01-01T10:01:00', date_unixtime: '1704103260', from: 'Me', from_id: 'user1', text: [{ type: 'bold', text: 'hi' }, ' there'], reply_to_message_id: 1 },
              { id: 3, type: 'message', date_unixtime: '1704103320', from: 'Olga', from_id: 'user500', photo: '(File not included. Change data exporting settings to download.)', text: '' },
              { id: 4, type: 'service', date_unixtime: '1704103380', actor: 'Me', actor_id: 'user1', action: 'phone_call', text: '' },
            ],
          },
          { name: 'Club', type: 'private_supergroup', id: 900, messages: [{ id: 1, type: 'message', date_unixtime: '1704103400', from: 'Olga', from_id: 'user500', text: 'club msg', photo: 'chats/chat_02/photos/p.jpg' }] },
        ],
      },
    };
    await importMessages(caseDir, [writeFixture(root, 'result.json', JSON.stringify(full))]);
    const chats = listChats(caseDir);
    expect(chats.map((c) => [c.name, c.kind]).sort()).toEqual([['Club', 'group'], ['Olga', 'private']]);
    const olga = getMessages(caseDir, chats.find((c) => c.name === 'Olga')!.id, {}).messages;
    expect(olga[1]).toMatchObject({ text: 'hi there', sender: { isSelf: true, handles: ['telegram:1'] }, replyTo: { messageId: olga[0]!.id, text: 'привет' } });
    expect(olga[2]).toMatchObject({ kind: 'image', media: { missing: true } });
    expect(olga[3]!.kind).toBe('call');
    expect(interactionStrengths(caseDir, new Date('2024-02-01')).get('telegram:500')).toMatchObject({ messages: 5 });
  });
});

describe('command line', () => {
  it('import, search --json, stats --json', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const files = buildExports(root);
    let out = '';
    let err = '';
    const io = { out: (s: string) => (out += s), err: (s: string) => (err += s) };
    expect(await messagesCommand(['import', '--case', caseDir, ...files, '--json'], io)).toBe(0);
    const summary = JSON.parse(out) as { files: { format: string; chats: number; messages: number; skipped: unknown[] }[] };
    expect(summary.files.map((f) => [f.format, f.chats, f.messages])).toEqual([['memotrace-csv', 1, 4], ['memotrace-csv', 1, 4]]);
    out = '';
    expect(await messagesCommand(['search', '--case', caseDir, '火锅', '--json'], io)).toBe(0);
    const hits = JSON.parse(out) as { chat: string; sender: string; time: string; text: string }[];
    expect(hits.map((h) => h.text)).toEqual(['好啊，火锅店见 at 7pm', '周末一起吃火锅吗']);
    expect(hits[0]!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    out = '';
    expect(await messagesCommand(['search', '--case', caseDir, '火锅', '--json', '--limit', '1'], io)).toBe(0);
    expect(JSON.parse(out)).toHaveLength(1);
    out = '';
    expect(await messagesCommand(['stats', '--case', caseDir, '--json'], io)).toBe(0);
    const stats = JSON.parse(out) as { chats: { name: string; messages: number }[]; people: { name: string; handles: string[]; messages: number; lastAt: string }[] };
    expect(stats.chats).toHaveLength(2);
    expect(stats.people.find((p) => p.name === '阿强')).toMatchObject({ handles: ['wxid_qiang'], messages: 2 });
    // Usage mistakes, as the command line runs them: exit 2 with the usage.
    const { runCli } = await import('../../../electron/cli/main');
    const lines = { out: () => {}, err: (l: string) => (err += `${l}\n`) };
    expect(await runCli(['messages', 'search', '--case', caseDir], lines)).toBe(2);
    expect(await runCli(['messages', 'bogus'], lines)).toBe(2);
    expect(err).toMatch(/give a query[\s\S]*usage: relink messages/);
  });

  it('import of a non-export exits 1 with the reason', async () => {
    const root = tempDir();
    let out = '';
    const code = await messagesCommand(['import', '--case', join(root, 'case'), writeFixture(root, 'notes.txt', 'just some notes\nnothing dated')], { out: (s) => (out += s), err: () => {} });
    expect(code).toBe(1);
    expect(out).toMatch(/notes\.txt: unknown.*ERROR: not a chat export/);
  });
});
