// System notices are not people (issue 11, point 8): pats, recalls, joins, renames and Telegram
// service messages have no sender, in every format, and never count as a person's messages; pats and
// recall notices are kinds of their own ('pat', 'recall', issue 18), the rest 'system'; a notice row
// carrying the group's name never creates a person of that name.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getMessages, importMessages, listChats, messageStats } from '../../../electron/messages';
import { telegramChat } from './generators';
import { cleanup, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const T0 = 1_700_000_000;

function setup(): { root: string; caseDir: string } {
  const root = tempDir();
  return { root, caseDir: join(root, 'case') };
}

const people = (caseDir: string): [string, number][] => messageStats(caseDir).people.map((p) => [p.name, p.messages]);
const NOTICE_KINDS = ['system', 'pat', 'recall'];
const notices = (caseDir: string) => listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages.filter((m) => NOTICE_KINDS.includes(m.kind)));
const systemTexts = (caseDir: string): string[] => notices(caseDir).map((m) => m.text);
const noticeKinds = (caseDir: string): string[] => notices(caseDir).map((m) => m.kind);
const systemSenders = (caseDir: string): string[] => notices(caseDir).map((m) => m.sender.name);

describe('MemoTrace', () => {
  it('a friend\'s pats (type 10000 and the 49/62 app message) and recall notices do not count as their messages', async () => {
    const { root, caseDir } = setup();
    const pat62 = '<msg><appmsg appid="" sdkver="0"><title><![CDATA["小王" 拍了拍我]]></title><type>62</type></appmsg></msg>';
    const recall = '<sysmsg type="revokemsg"><revokemsg><session>wxid_w</session><replacemsg><![CDATA["小王" 撤回了一条消息]]></replacemsg></revokemsg></sysmsg>';
    const csv = memotraceCsv([
      [1, 5, 1, 0, 0, T0, '', '在吗', strTime(T0), '小王', 'W', 'wxid_w'],
      [2, 5, 10000, 0, 0, T0 + 1, '', '"小王" 拍了拍我', strTime(T0 + 1), '小王', 'W', 'wxid_w'],
      [3, 5, 49, 62, 0, T0 + 2, '', pat62, strTime(T0 + 2), '小王', 'W', 'wxid_w'],
      [4, 5, 10002, 0, 0, T0 + 3, '', recall, strTime(T0 + 3), '小王', 'W', 'wxid_w'],
      [5, 5, 1, 0, 1, T0 + 4, '', '在', strTime(T0 + 4), '我', '我', 'wxid_me'],
    ]);
    await importMessages(caseDir, [writeFixture(root, '小王(wxid_w)/小王_utf8.csv', csv)]);
    expect(people(caseDir)).toEqual([
      ['小王', 1],
      ['我', 1],
    ]);
    expect(systemTexts(caseDir)).toEqual(['"小王" 拍了拍我', '"小王" 拍了拍我', '"小王" 撤回了一条消息']);
    expect(noticeKinds(caseDir)).toEqual(['pat', 'pat', 'recall']);
    expect(systemSenders(caseDir)).toEqual(['', '', '']);
  });

  it('a group\'s notice row that carries the group\'s name creates no person of that name', async () => {
    const { root, caseDir } = setup();
    const csv = memotraceCsv([
      [1, 9, 10000, 0, 0, T0, '', '"小李"邀请"小赵"加入了群聊', strTime(T0), '家人群', '家人群', '123@chatroom'],
      [2, 9, 1, 0, 0, T0 + 1, '', '大家好', strTime(T0 + 1), '小赵', '赵', 'wxid_zhao'],
    ]);
    await importMessages(caseDir, [writeFixture(root, '家人群(123@chatroom)/家人群_utf8.csv', csv)]);
    expect(people(caseDir)).toEqual([['小赵', 1]]);
  });

  it('TXT: a pat written under a person\'s name is a notice', async () => {
    const { root, caseDir } = setup();
    const txt = ['2023-05-01 10:00:00 老李', '生日快乐！', '', '2023-05-01 10:01:00 老李', '"老李" 拍了拍我', '', '2023-05-01 10:02:00 老李', '"老李" 撤回了一条消息', '', ''].join('\n');
    await importMessages(caseDir, [writeFixture(root, '老李/老李.txt', txt)]);
    expect(people(caseDir)).toEqual([['老李', 1]]);
    expect(systemTexts(caseDir)).toEqual(['"老李" 拍了拍我', '"老李" 撤回了一条消息']);
    expect(noticeKinds(caseDir)).toEqual(['pat', 'recall']);
  });
});

describe('other WeChat exporters', () => {
  it('PyWxDump: 拍一拍 and 撤回消息 rows are no one\'s', async () => {
    const { root, caseDir } = setup();
    const csv = [
      'id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime',
      '1,1,文本,0,wxid_li,wxid_li,你好,,2023-09-01 08:00:00',
      '2,2,拍一拍,0,wxid_li,wxid_li,"""李"" 拍了拍我",,2023-09-01 08:01:00',
      '3,3,撤回消息,0,wxid_li,wxid_li,"""李"" 撤回了一条消息",,2023-09-01 08:02:00',
    ].join('\n');
    await importMessages(caseDir, [writeFixture(root, 'csv/wxid_li/wxid_li_0_5000.csv', csv)]);
    expect(people(caseDir)).toEqual([['wxid_li', 1]]);
    expect(noticeKinds(caseDir)).toEqual(['pat', 'recall']);
    expect(systemSenders(caseDir)).toEqual(['', '']);
  });

  it('chatlog: a pat in the Content column is a notice', async () => {
    const { root, caseDir } = setup();
    const csv = 'Time,SenderName,Sender,TalkerName,Talker,Content\n2024-02-10 20:00:00,小赵,wxid_zhao,小赵,wxid_zhao,新年快乐\n2024-02-10 20:01:00,小赵,wxid_zhao,小赵,wxid_zhao,"""小赵"" 拍了拍我"\n';
    await importMessages(caseDir, [writeFixture(root, 'chatlog.csv', csv)]);
    expect(people(caseDir)).toEqual([['小赵', 1]]);
    expect(systemTexts(caseDir)).toEqual(['"小赵" 拍了拍我']);
    expect(noticeKinds(caseDir)).toEqual(['pat']);
  });

  it('WeFlow: localType 10000 and the packed pat type (62 << 32 | 49) are no one\'s', async () => {
    const { root, caseDir } = setup();
    const data = {
      weflow: { version: '1' },
      session: { wxid: 'wxid_q', nickname: 'Q', remark: '小Q', displayName: '小Q', type: '私聊' },
      messages: [
        { localId: 1, createTime: T0, formattedTime: strTime(T0), localType: 1, content: 'hi', isSend: 0, senderUsername: 'wxid_q', senderDisplayName: '小Q' },
        { localId: 2, createTime: T0 + 1, formattedTime: strTime(T0 + 1), localType: 10000, content: '"小Q" 拍了拍我', isSend: 0, senderUsername: 'wxid_q', senderDisplayName: '小Q' },
        { localId: 3, createTime: T0 + 2, formattedTime: strTime(T0 + 2), localType: 62 * 2 ** 32 + 49, content: '"小Q" 拍了拍我的肩膀', isSend: 0, senderUsername: 'wxid_q', senderDisplayName: '小Q' },
      ],
    };
    await importMessages(caseDir, [writeFixture(root, 'weflow.json', JSON.stringify(data))]);
    expect(people(caseDir)).toEqual([['小Q', 1]]);
    expect(noticeKinds(caseDir)).toEqual(['pat', 'pat']);
    expect(systemSenders(caseDir)).toEqual(['', '']);
  });

  it('WechatExporter: a pat written under a person is a notice', async () => {
    const { root, caseDir } = setup();
    const txt = ['阿May - 微信聊天记录', '', '阿May (2022-03-04 12:00:00):在吗', '阿May (2022-03-04 12:01:00):"阿May" 拍了拍我', ''].join('\n');
    await importMessages(caseDir, [writeFixture(root, 'out/me/阿May/index.txt', txt)]);
    expect(people(caseDir)).toEqual([['阿May', 1]]);
  });

  it('ordinary words about pats stay a person\'s message', async () => {
    const { root, caseDir } = setup();
    const csv = 'Time,SenderName,Sender,TalkerName,Talker,Content\n2024-02-10 20:00:00,小赵,wxid_zhao,小赵,wxid_zhao,你刚才拍了拍我干嘛\n';
    await importMessages(caseDir, [writeFixture(root, 'chatlog.csv', csv)]);
    expect(people(caseDir)).toEqual([['小赵', 1]]);
  });
});

describe('Telegram', () => {
  it('service messages (joins, pins, title changes) are no one\'s; the actor is named in the notice', async () => {
    const { root, caseDir } = setup();
    const json = JSON.stringify({
      name: 'Club',
      type: 'private_group',
      id: 77,
      messages: [
        { id: 1, type: 'service', date: '2023-11-14T10:00:00', date_unixtime: '1699956000', actor: 'Ann', actor_id: 'user1', action: 'create_group', title: 'Club', members: ['Ann', 'Ben'], text: '' },
        { id: 2, type: 'service', date: '2023-11-14T10:01:00', date_unixtime: '1699956060', actor: 'Ann', actor_id: 'user1', action: 'invite_members', members: ['Cleo'], text: '' },
        { id: 3, type: 'message', date: '2023-11-14T10:02:00', date_unixtime: '1699956120', from: 'Ann', from_id: 'user1', text: 'welcome' },
      ],
    });
    await importMessages(caseDir, [writeFixture(root, 'result.json', json)]);
    expect(people(caseDir)).toEqual([['Ann', 1]]);
    expect(systemTexts(caseDir)).toEqual(['Ann create group Ann, Ben', 'Ann invite members Cleo']);
  });
});

describe('Telegram local times', () => {
  it('messages with only `date` use the offset learned from messages of the same file that carry both', async () => {
    const { root, caseDir } = setup();
    // The exporter was at UTC+8: 18:00 local is 10:00 UTC (1699956000).
    const json = telegramChat({
      name: 'Bob',
      id: 7,
      messages: [
        { id: 1, type: 'message', date: '2023-11-14T18:00:00', date_unixtime: '1699956000', from: 'Bob', from_id: 'user7', text: 'both' },
        { id: 2, type: 'message', date: '2023-11-14T18:30:00', date_unixtime: '1699957800', from: 'Bob', from_id: 'user7', text: 'both again' },
        { id: 3, type: 'message', date: '2023-11-14T19:00:00', from: 'Bob', from_id: 'user7', text: 'date only' },
      ],
    });
    const s = await importMessages(caseDir, [writeFixture(root, 'bob.json', json)]);
    expect(s.files[0]!.notes).toBeUndefined();
    const [chat] = listChats(caseDir);
    const ms = getMessages(caseDir, chat!.id, { limit: 10 }).messages;
    expect(ms.map((m) => m.at)).toEqual(['2023-11-14T10:00:00.000Z', '2023-11-14T10:30:00.000Z', '2023-11-14T11:00:00.000Z']);
  });

  it('with no message carrying both, the machine\'s zone is used and the summary says so', async () => {
    const { root, caseDir } = setup();
    const json = telegramChat({
      name: 'Old',
      id: 8,
      messages: [
        { id: 1, type: 'message', date: '2019-05-01T09:00:00', from: 'Old', from_id: 'user8', text: 'a' },
        { id: 2, type: 'message', date: '2019-05-01T09:05:00', from: 'Old', from_id: 'user8', text: 'b' },
      ],
    });
    const s = await importMessages(caseDir, [writeFixture(root, 'old.json', json)]);
    expect(s.files[0]!.notes).toEqual([{ reason: expect.stringMatching(/this computer's time zone/), code: 'chat-local-time-assumed', params: { count: 2 } }]);
    const [chat] = listChats(caseDir);
    const ms = getMessages(caseDir, chat!.id, { limit: 10 }).messages;
    expect(ms[0]!.at).toBe(new Date(Date.UTC(2019, 4, 1, 9) + new Date(2019, 4, 1, 9).getTimezoneOffset() * 60_000).toISOString());
  });
});
