// JSON chat exports are streamed (issue 16): messages are handed on while the file is still being
// read, a damaged message is skipped with its line and the rest kept, a file cut short keeps what
// came before the cut, and files that name their chat after the messages are still read right.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getMessages, importMessages, listChats } from '../../../electron/messages';
import { openJsonChat } from '../../../electron/messages/formats/json-chats';
import type { ParseEvent, ReaderInput } from '../../../electron/messages/model';
import { cleanup, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const T0 = 1_700_000_000;

function setup(): { root: string; caseDir: string } {
  const root = tempDir();
  return { root, caseDir: join(root, 'case') };
}

const tgMessage = (id: number, text: string) => ({ id, type: 'message', date: '2023-11-14T18:00:00', date_unixtime: String(T0 + id), from: 'Bob', from_id: 'user7', text });

/** A full export (personal_information, chats.list) as Telegram Desktop indents it. */
const fullExport = (chats: { name: string; id: number; messages: unknown[] }[]): string =>
  JSON.stringify({ about: 'x', personal_information: { user_id: 1 }, chats: { about: 'y', list: chats.map((c) => ({ name: c.name, type: 'personal_chat', id: c.id, messages: c.messages })) } }, null, 1);

const texts = (caseDir: string): string[] => listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages.map((m) => `${c.name}: ${m.text}`)).sort();

describe('JSON chats are streamed', () => {
  it('hands on the first messages before the rest of the file has arrived', async () => {
    const head = '{"name": "Bob", "type": "personal_chat", "id": 7, "messages": [' + [1, 2, 3].map((i) => JSON.stringify(tgMessage(i, `m${i}`))).join(',') + ',';
    const never = new Promise<never>(() => {});
    const input: ReaderInput = {
      label: 'result.json',
      chunks: async function* () {
        yield head;
        await never; // the rest of a huge file, not read yet
      },
      lines: () => {
        throw new Error('not used');
      },
      text: () => Promise.reject(new Error('a JSON chat must not be read whole')),
    };
    const opened = await openJsonChat(input, 'result');
    if ('error' in opened) throw new Error(opened.error);
    expect(opened.format).toBe('telegram-json');
    const it = opened.events[Symbol.asyncIterator]();
    const got: ParseEvent[] = [];
    for (let i = 0; i < 2; i++) got.push((await it.next()).value as ParseEvent);
    expect(got.map((e) => (e.type === 'message' ? e.message.text : e.type))).toEqual(['m1', 'm2']);
  });

  it('a damaged message is skipped with its line; the messages around it are kept', async () => {
    const { root, caseDir } = setup();
    const good = fullExport([{ name: 'Bob', id: 7, messages: [tgMessage(1, 'one'), tgMessage(2, 'SPOIL'), tgMessage(3, 'three')] }]);
    const damaged = good.replace('"text": "SPOIL"', '"text": "two" "oops"');
    const s = await importMessages(caseDir, [writeFixture(root, 'result.json', damaged)]);
    expect(s.files[0]).toMatchObject({ format: 'telegram-json', messages: 2 });
    const line = damaged.slice(0, damaged.indexOf('"oops"')).split('\n').length;
    const start = damaged.slice(0, damaged.lastIndexOf('{', damaged.indexOf('"oops"'))).split('\n').length;
    expect(line).toBeGreaterThan(start);
    expect(s.files[0]!.skipped).toEqual([{ line: start, reason: expect.stringMatching(/message 2 is not valid JSON/), code: 'chat-line-not-json' }]);
    expect(texts(caseDir)).toEqual(['Bob: one', 'Bob: three']);
  });

  it('a file cut short keeps the messages before the cut and says reading stopped', async () => {
    const { root, caseDir } = setup();
    const whole = fullExport([
      { name: 'Bob', id: 7, messages: [tgMessage(1, 'one'), tgMessage(2, 'two')] },
      { name: 'Cleo', id: 8, messages: [tgMessage(3, 'three'), tgMessage(4, 'four')] },
    ]);
    const cut = whole.slice(0, whole.indexOf('"four"'));
    const s = await importMessages(caseDir, [writeFixture(root, 'result.json', cut)]);
    expect(s.files[0]).toMatchObject({ format: 'telegram-json', messages: 3, errorCode: 'chat-reading-stopped', errorParams: { kept: 3 } });
    expect(texts(caseDir)).toEqual(['Bob: one', 'Bob: two', 'Cleo: three']);
  });

  it('date-only messages of a full export get the offset shown by messages after them', async () => {
    const { root, caseDir } = setup();
    const old = { id: 1, type: 'message', date: '2023-11-14T19:00:00', from: 'Bob', from_id: 'user7', text: 'date only' };
    const json = fullExport([{ name: 'Bob', id: 7, messages: [old, { ...tgMessage(2, 'both'), date: '2023-11-14T18:00:00', date_unixtime: '1699956000' }] }]);
    const s = await importMessages(caseDir, [writeFixture(root, 'result.json', json)]);
    expect(s.files[0]).toMatchObject({ messages: 2 });
    expect(s.files[0]!.notes).toBeUndefined();
    const [chat] = listChats(caseDir);
    expect(getMessages(caseDir, chat!.id, { limit: 10 }).messages.map((m) => [m.text, m.at])).toEqual([
      ['both', '2023-11-14T10:00:00.000Z'],
      ['date only', '2023-11-14T11:00:00.000Z'],
    ]);
  });

  it('ChatLab and WeFlow files that name their chat after the messages are read with that name', async () => {
    const { root, caseDir } = setup();
    const chatlab = { messages: [{ sender: 'u1', accountName: '张三', timestamp: T0, type: 0, content: 'late meta' }], meta: { name: '技术群', platform: 'wechat', type: 'group' }, chatlab: { version: '0.0.2' } };
    const weflow = { messages: [{ localId: 1, createTime: T0, localType: 1, content: 'late session', isSend: 0, senderUsername: 'wxid_q' }], session: { wxid: 'wxid_q', remark: '小Q' }, weflow: {} };
    const s = await importMessages(caseDir, [writeFixture(root, 'a.json', JSON.stringify(chatlab)), writeFixture(root, 'b.json', JSON.stringify(weflow))]);
    expect(s.files.map((f) => [f.format, f.messages])).toEqual([['chatlab-json', 1], ['weflow-json', 1]]);
    expect(texts(caseDir)).toEqual(['小Q: late session', '技术群: late meta']);
  });

  it('PyWxDump JSON: an item that is no object is named, the others read', async () => {
    const { root, caseDir } = setup();
    const row = { id: 1, MsgSvrID: '7', type_name: '文本', is_sender: 0, talker: 'wxid_a', room_name: 'wxid_a', msg: 'json hello', src: '', CreateTime: '2023-01-02 03:04:05' };
    const s = await importMessages(caseDir, [writeFixture(root, 'wxid_a.json', JSON.stringify([row, 42, { ...row, MsgSvrID: '8', msg: 'again' }]))]);
    expect(s.files[0]).toMatchObject({ format: 'pywxdump-json', messages: 2, skipped: [{ code: 'chat-item-not-object', params: { item: 2 } }] });
  });
});
