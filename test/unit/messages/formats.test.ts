import { join } from 'node:path';
import iconv from 'iconv-lite';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { getMessages, importMessages, listChats, searchMessages } from '../../../electron/messages';
import { cleanup, makeZip, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const T0 = 1_700_000_000; // 2023-11-14

function setup(): { root: string; caseDir: string } {
  const root = tempDir();
  return { root, caseDir: join(root, 'case') };
}

const allMessages = (caseDir: string) =>
  listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 1000 }).messages.map((m) => ({ ...m, chatName: c.name, chatKind: c.kind })));

describe('MemoTrace', () => {
  it('per-chat CSV in a <remark>(<wxid>) folder: times, senders, kinds, replies', async () => {
    const { root, caseDir } = setup();
    const reply = '<msg><appmsg><title>好呀</title><type>57</type><refermsg><displayname>小王</displayname><content>周末吃火锅吗</content><svrid>42</svrid></refermsg></appmsg></msg>';
    const file = writeFixture(
      root,
      '聊天记录/小王(wxid_wang)/小王_utf8.csv',
      memotraceCsv([
        [1, 5, 1, 0, 0, T0, '', '周末吃火锅吗', strTime(T0), '小王', 'Wang', 'wxid_wang'],
        [2, 5, 49, 57, 1, T0 + 60, '', reply, strTime(T0 + 60), '', '我', 'wxid_me'],
        [3, 5, 3, 0, 0, T0 + 120, '', '', strTime(T0 + 120), '小王', 'Wang', 'wxid_wang'],
        [4, 5, 1, 0, 1, T0 + 180, '', 'line one\nline "two", with comma', strTime(T0 + 180), '', '我', 'wxid_me'],
      ]),
    );
    const summary = await importMessages(caseDir, [file]);
    expect(summary.files[0]).toMatchObject({ format: 'memotrace-csv', chats: 1, messages: 4, duplicates: 0, skipped: [] });
    const [chat] = listChats(caseDir);
    expect(chat).toMatchObject({ name: '小王', kind: 'private', platform: 'wechat', messages: 4 });
    const ms = getMessages(caseDir, chat!.id, {}).messages;
    expect(ms.map((m) => m.at)).toEqual([0, 60, 120, 180].map((d) => new Date((T0 + d) * 1000).toISOString()));
    expect(ms[0]!.sender).toEqual({ name: '小王', handles: ['wxid_wang'], isSelf: false });
    expect(ms[0]!.localTime).toBe(strTime(T0));
    expect(ms[1]).toMatchObject({ text: '好呀', sender: { isSelf: true }, replyTo: { sender: '小王', text: '周末吃火锅吗' } });
    expect(ms[2]!.kind).toBe('image');
    expect(ms[3]!.text).toBe('line one\nline "two", with comma');
  });

  it('all-chats CSV tells chats apart by TalkerId and names them after the other person', async () => {
    const { root, caseDir } = setup();
    const file = writeFixture(
      root,
      'messages.csv',
      memotraceCsv([
        [1, 7, 1, 0, 1, T0, '', 'hi A', strTime(T0), '', '我', 'wxid_me'],
        [2, 7, 1, 0, 0, T0 + 1, '', 'hello from A', strTime(T0 + 1), 'Alice', 'A', 'wxid_a'],
        [3, 8, 1, 0, 0, T0 + 2, '', 'hello from B', strTime(T0 + 2), 'Bob', 'B', 'wxid_b'],
      ]),
    );
    const s = await importMessages(caseDir, [file]);
    expect(s.files[0]).toMatchObject({ format: 'memotrace-csv', chats: 2, messages: 3 });
    expect(listChats(caseDir).map((c) => c.name).sort()).toEqual(['Alice', 'Bob']);
  });

  it('TXT export with system lines, placeholders and quotes', async () => {
    const { root, caseDir } = setup();
    const file = writeFixture(
      root,
      '聊天记录/老李/老李.txt',
      ['2023-05-01 10:00:00 老李', '生日快乐！', '', '2023-05-01 10:01:00 我', '[图片]', '', '2023-05-01 10:02:00 你撤回了一条消息', '', '2023-05-01 10:03:00 我', '谢谢', '引用:老李:生日快乐！', '', ''].join('\n'),
    );
    const s = await importMessages(caseDir, [file]);
    expect(s.files[0]).toMatchObject({ format: 'memotrace-txt', messages: 4 });
    const ms = allMessages(caseDir);
    expect(ms.map((m) => [m.kind, m.sender.name, m.text])).toEqual([
      ['text', '老李', '生日快乐！'],
      ['image', '我', ''],
      ['system', '', '你撤回了一条消息'],
      ['text', '我', '谢谢'],
    ]);
    expect(ms[3]!.replyTo).toEqual({ sender: '老李', text: '生日快乐！' });
    expect(ms[0]!.chatName).toBe('老李');
  });

  it('HTML 1.x: JS object literals read without eval; media paths; pictures stored when present', async () => {
    const { root, caseDir } = setup();
    const html = `<!DOCTYPE html><html><head><script>
      const chatMessages = [
        /*注意看这是分割线*/
        { type:1, text:'火锅\\'走起\\'', is_send:0, avatar_path:'http://x/a.jpg', timestamp:${T0}, is_chatroom:1, displayname:'阿强' },
        { type:3, text:'./image/abc.jpg', is_send:1, avatar_path:'', timestamp:${T0 + 5}, is_chatroom:1, displayname:'我', },
        { type:34, text:'./voice/v.mp3', voice_to_text:'到了', is_send:0, timestamp:${T0 + 9}, is_chatroom:1, displayname:'小美' },
        { type:10000, text:"阿强邀请小美加入了群聊", is_send:0, timestamp:${T0 + 10}, is_chatroom:1, displayname:'' },
      ];
      window.alert(1);
    </script></head><body></body></html>`;
    const file = writeFixture(root, '群聊/群聊.html', html);
    const s = await importMessages(caseDir, [file]);
    expect(s.files[0]).toMatchObject({ format: 'memotrace-html', messages: 4, skipped: [] });
    const [chat] = listChats(caseDir);
    expect(chat!.kind).toBe('group');
    const ms = getMessages(caseDir, chat!.id, {}).messages;
    expect(ms[0]!.text).toBe("火锅'走起'");
    expect(ms[1]).toMatchObject({ kind: 'image', media: { path: 'image/abc.jpg' }, sender: { isSelf: true } });
    expect(ms[2]).toMatchObject({ kind: 'voice', text: '到了' });
    expect(ms[3]!.kind).toBe('system');
  });

  it('HTML 2.1.1 JSON objects with MsgSvrID', async () => {
    const { root, caseDir } = setup();
    const html = `<html><script>const chatMessages = [
{"type":1,"text":"你好 2.1.1","MsgSvrID":"9001","is_send":0,"avatar_path":2,"timestamp":${T0},"is_chatroom":0,"displayname":"周","token":"x"},
{"type":43,"text":"./video/2024-01/x.mp4","MsgSvrID":"9002","is_send":1,"avatar_path":1,"timestamp":${T0 + 1},"is_chatroom":0,"displayname":"我","token":"y"}
];</script></html>`;
    const file = writeFixture(root, '周(wxid_zhou)/周.html', html);
    await importMessages(caseDir, [file]);
    const ms = allMessages(caseDir);
    expect(ms.map((m) => m.kind)).toEqual(['text', 'video']);
    expect(ms[1]!.media?.path).toBe('video/2024-01/x.mp4');
    expect(ms[0]!.chatKind).toBe('private');
  });

  it('an HTML page that is not an export is refused with a clear message, and the archive is untouched', async () => {
    const { root, caseDir } = setup();
    const good = writeFixture(root, 'a/小王_utf8.csv', memotraceCsv([[1, 5, 1, 0, 0, T0, '', 'kept', strTime(T0), '小王', 'W', 'wxid_w']]));
    await importMessages(caseDir, [good]);
    const page = writeFixture(root, 'page.html', '<!doctype html><html><body><h1>My blog</h1><script>const x = [1,2]</script></body></html>');
    const s = await importMessages(caseDir, [page]);
    expect(s.files[0]!.error).toMatch(/HTML page that is not a chat export/);
    expect(searchMessages(caseDir, 'kept')).toHaveLength(1);
  });

  it('a broken message array keeps the messages before the damage', async () => {
    const { root, caseDir } = setup();
    const html = `<script>const chatMessages = [
{ type:1, text:'first', is_send:0, timestamp:${T0}, is_chatroom:0, displayname:'x' },
{ type:1, text:alert('no'), is_send:0, timestamp:${T0 + 1}, is_chatroom:0, displayname:'x' },
];</script>`;
    const s = await importMessages(caseDir, [writeFixture(root, 'x/x.html', html)]);
    expect(s.files[0]!.messages).toBe(1);
    expect(s.files[0]!.skipped[0]!.reason).toMatch(/unreadable at line 3/);
  });
});

describe('bad CSV input', () => {
  it('a truncated CSV keeps every complete row and names the cut line', async () => {
    const { root, caseDir } = setup();
    const full = memotraceCsv([
      [1, 5, 1, 0, 0, T0, '', 'one', strTime(T0), 'A', 'A', 'wxid_a'],
      [2, 5, 1, 0, 0, T0 + 1, '', 'two', strTime(T0 + 1), 'A', 'A', 'wxid_a'],
      [3, 5, 1, 0, 0, T0 + 2, '', 'three "quoted, long"', strTime(T0 + 2), 'A', 'A', 'wxid_a'],
    ]);
    const cut = full.slice(0, full.indexOf('three') + 3);
    const s = await importMessages(caseDir, [writeFixture(root, 'A/A_utf8.csv', cut)]);
    expect(s.files[0]!.messages).toBe(2);
    expect(s.files[0]!.skipped).toEqual([{ line: 4, reason: expect.stringMatching(/never closed/), code: 'chat-row-cut-off' }]);
  });

  it('a row with missing columns is skipped with its line number', async () => {
    const { root, caseDir } = setup();
    const text = memotraceCsv([[1, 5, 1, 0, 0, T0, '', 'ok', strTime(T0), 'A', 'A', 'wxid_a']]) + '2,5,1,0\r\n';
    const s = await importMessages(caseDir, [writeFixture(root, 'A/A_utf8.csv', text)]);
    expect(s.files[0]).toMatchObject({ messages: 1, skipped: [{ line: 3, reason: expect.stringMatching(/4 of 12 columns/) }] });
  });

  it('a GB18030 CSV (Excel on Chinese Windows) is detected and decoded', async () => {
    const { root, caseDir } = setup();
    const text = memotraceCsv([[1, 5, 1, 0, 0, T0, '', '今晚吃火锅，不见不散', strTime(T0), '老张', '张', 'wxid_z']]).replace(/^\uFEFF/, '');
    const s = await importMessages(caseDir, [writeFixture(root, '老张/老张_utf8.csv', iconv.encode(text, 'gb18030'))]);
    expect(s.files[0]).toMatchObject({ format: 'memotrace-csv', messages: 1 });
    expect(searchMessages(caseDir, '火锅')[0]).toMatchObject({ text: '今晚吃火锅，不见不散', sender: '老张', chat: '老张' });
  });
});

describe('other WeChat exporters', () => {
  it('PyWxDump CSV with users.json (no BOM, local CreateTime)', async () => {
    const { root, caseDir } = setup();
    writeFixture(root, 'export/wxid_me/users.json', JSON.stringify({ wxid_li: { wxid: 'wxid_li', nickname: 'Li', remark: '李老师', account: 'li_teacher' }, 'g1@chatroom': { nickname: '家长群' } }));
    const csv = [
      'id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime',
      '1,111,文本,0,wxid_li,g1@chatroom,明天交作业,,2023-09-01 08:00:00',
      '2,112,图片,1,wxid_me,g1@chatroom,,FileStorage\\MsgAttach\\abc\\Image\\2023-09\\x.dat,2023-09-01 08:01:00',
      '3,113,文本,0,wxid_li,g1@chatroom,bad time,,yesterday',
    ].join('\n');
    const s = await importMessages(caseDir, [writeFixture(root, 'export/wxid_me/csv/g1@chatroom/g1@chatroom_0_5000.csv', csv)]);
    expect(s.files[0]).toMatchObject({ format: 'pywxdump-csv', messages: 2, skipped: [{ line: 4, reason: expect.stringMatching(/CreateTime/) }] });
    const ms = allMessages(caseDir);
    expect(ms[0]).toMatchObject({ chatName: '家长群', chatKind: 'group', sender: { name: '李老师', handles: ['wxid_li', 'li_teacher'] }, localTime: '2023-09-01 08:00:00' });
    expect(ms[1]).toMatchObject({ kind: 'image', sender: { isSelf: true }, media: { path: 'FileStorage/MsgAttach/abc/Image/2023-09/x.dat' } });
  });

  it('PyWxDump JSON', async () => {
    const { root, caseDir } = setup();
    const rows = [{ id: 1, MsgSvrID: '7', type_name: '文本', is_sender: 0, talker: 'wxid_a', room_name: 'wxid_a', msg: 'json hello', src: '', CreateTime: '2023-01-02 03:04:05', extra: {} }];
    const s = await importMessages(caseDir, [writeFixture(root, 'wxid_a.json', JSON.stringify(rows))]);
    expect(s.files[0]).toMatchObject({ format: 'pywxdump-json', messages: 1 });
  });

  it('chatlog CSV', async () => {
    const { root, caseDir } = setup();
    const csv = 'Time,SenderName,Sender,TalkerName,Talker,Content\n2024-02-10 20:00:00,小赵,wxid_zhao,小赵,wxid_zhao,新年快乐\n2024-02-10 20:01:00,我,wxid_me,小赵,wxid_zhao,[图片]\n';
    const s = await importMessages(caseDir, [writeFixture(root, 'chatlog.csv', csv)]);
    expect(s.files[0]).toMatchObject({ format: 'chatlog-csv', messages: 2 });
    const ms = allMessages(caseDir);
    expect(ms.map((m) => [m.kind, m.sender.isSelf])).toEqual([['text', false], ['image', true]]);
  });

  it('WechatExporter TXT with a quote block', async () => {
    const { root, caseDir } = setup();
    const txt = ['阿May - 微信聊天记录', '', '阿May (2022-03-04 12:00:00):在吗', '我 (2022-03-04 12:01:00):「阿May：在吗」', '- - - - - - - - - - - - - - -', '在的', 'System Message (2022-03-04 12:02:00):阿May拍了拍你', ''].join('\n');
    const s = await importMessages(caseDir, [writeFixture(root, 'out/me/阿May/index.txt', txt)]);
    expect(s.files[0]).toMatchObject({ format: 'wechatexporter-txt', messages: 3 });
    const ms = allMessages(caseDir);
    expect(ms[0]!.chatName).toBe('阿May');
    expect(ms[1]).toMatchObject({ text: '在的', replyTo: { sender: '阿May', text: '在吗' } });
    expect(ms[2]!.kind).toBe('system');
  });

  it('WeFlow / EchoTrace JSON', async () => {
    const { root, caseDir } = setup();
    const data = {
      weflow: { version: '1' },
      session: { wxid: 'wxid_q', nickname: 'Q', remark: '小Q', displayName: '小Q', type: '私聊', lastTimestamp: T0, messageCount: 2, avatar: '' },
      messages: [
        { localId: 1, createTime: T0, formattedTime: strTime(T0), type: '文本消息', localType: 1, content: 'weflow text', isSend: 0, senderUsername: 'wxid_q', senderDisplayName: '小Q', source: '', platformMessageId: 'p1' },
        { localId: 2, createTime: T0 + 1, formattedTime: strTime(T0 + 1), type: '文本消息', localType: 1, content: 'answer', isSend: 1, senderUsername: 'wxid_me', senderDisplayName: '我', source: '', replyToMessageId: 'p1' },
      ],
    };
    const s = await importMessages(caseDir, [writeFixture(root, 'weflow.json', JSON.stringify(data))]);
    expect(s.files[0]).toMatchObject({ format: 'weflow-json', messages: 2 });
    const ms = allMessages(caseDir);
    expect(ms[1]!.replyTo).toMatchObject({ messageId: ms[0]!.id, text: 'weflow text', sender: '小Q' });
  });

  it('ChatLab JSON and JSONL (bad line skipped with its number)', async () => {
    const { root, caseDir } = setup();
    const json = { chatlab: { version: '0.0.2', exportedAt: T0 }, meta: { name: '技术群', platform: 'wechat', type: 'group', ownerId: 'me' }, members: [], messages: [{ sender: 'u1', accountName: '张三', timestamp: T0, type: 0, content: 'chatlab json' }, { sender: 'me', accountName: '我', timestamp: T0 + 1, type: 1, content: '[图片]' }] };
    const jsonl = [
      JSON.stringify({ _type: 'header', chatlab: { version: '0.0.2', exportedAt: T0 }, meta: { name: 'QQ群', platform: 'qq', type: 'group' } }),
      JSON.stringify({ _type: 'member', platformId: 'u9', accountName: '九' }),
      '# comment',
      JSON.stringify({ _type: 'message', sender: 'u9', accountName: '九', timestamp: T0 + 5, type: 0, content: 'chatlab jsonl' }),
      '{"_type":"message", broken',
    ].join('\n');
    const s = await importMessages(caseDir, [writeFixture(root, 'a.json', JSON.stringify(json)), writeFixture(root, 'b.jsonl', jsonl)]);
    expect(s.files.map((f) => [f.format, f.messages])).toEqual([['chatlab-json', 2], ['chatlab-jsonl', 1]]);
    expect(s.files[1]!.skipped).toEqual([{ line: 5, reason: expect.stringMatching(/not valid JSON/), code: 'chat-line-not-json' }]);
    expect(allMessages(caseDir).find((m) => m.kind === 'image')!.sender.isSelf).toBe(true);
  });

  it('MemoTrace training JSON is refused as not an archive', async () => {
    const { root, caseDir } = setup();
    const s = await importMessages(caseDir, [writeFixture(root, 'x.json', JSON.stringify([{ conversations: [{ role: 'user', content: 'hi' }] }]))]);
    expect(s.files[0]!.error).toMatch(/training data/);
  });
});

const tinyJpeg = (): Promise<Buffer> => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().toBuffer();

describe('pictures go to the shared content store', () => {
  it('pictures beside an HTML export are stored and their hash recorded', async () => {
    const { root, caseDir } = setup();
    writeFixture(root, '阿强/image/abc.jpg', await tinyJpeg());
    const html = `<script>const chatMessages = [{ type:3, text:'./image/abc.jpg', is_send:0, timestamp:${T0}, is_chatroom:0, displayname:'阿强' }, { type:3, text:'./image/missing.jpg', is_send:0, timestamp:${T0 + 1}, is_chatroom:0, displayname:'阿强' }];</script>`;
    const s = await importMessages(caseDir, [writeFixture(root, '阿强/阿强.html', html)]);
    expect(s.files[0]!.pictures).toBe(1);
    const ms = allMessages(caseDir);
    expect(ms[0]!.media?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ms[1]!.media).toEqual({ path: 'image/missing.jpg' });
  });

  it('pictures inside a WhatsApp zip are stored too', async () => {
    const { root, caseDir } = setup();
    const zip = makeZip([
      { name: '_chat.txt', data: '[14/11/23, 10:01:00] Ben: \u200e<attached: 00000001-PHOTO-2023-11-14-10-01-00.jpg>\n' },
      { name: '00000001-PHOTO-2023-11-14-10-01-00.jpg', data: await tinyJpeg() },
    ]);
    const s = await importMessages(caseDir, [writeFixture(root, 'WhatsApp Chat - Ben.zip', zip)]);
    expect(s.files.find((f) => f.file.endsWith('.zip'))!.pictures).toBe(1);
    expect(allMessages(caseDir)[0]!.media?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('WhatsApp zip', () => {
  it('reads _chat.txt from an iOS zip and ignores entries that leave the archive', async () => {
    const { root, caseDir } = setup();
    const chat = '[14/11/23, 10:00:00] Ana: olá火锅\n[14/11/23, 10:01:00] Ben: \u200e<attached: 00000001-PHOTO-2023-11-14-10-01-00.jpg>\n';
    const zip = makeZip([
      { name: '../evil.txt', data: '[14/11/23, 10:00:00] Evil: should never be read' },
      { name: '_chat.txt', data: chat },
      { name: '00000001-PHOTO-2023-11-14-10-01-00.jpg', data: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) },
    ]);
    const s = await importMessages(caseDir, [writeFixture(root, 'WhatsApp Chat - Ana.zip', zip)]);
    const chatFile = s.files.find((f) => f.file.endsWith('!_chat.txt'))!;
    expect(chatFile).toMatchObject({ format: 'whatsapp-zip', messages: 2 });
    const zipFile = s.files.find((f) => f.file.endsWith('.zip'))!;
    expect(zipFile.skipped[0]!.reason).toMatch(/"\.\.\/evil\.txt" ignored/);
    expect(listChats(caseDir).map((c) => c.name)).toEqual(['Ana']);
    expect(searchMessages(caseDir, 'should')).toEqual([]);
    expect(allMessages(caseDir)[1]).toMatchObject({ kind: 'image', media: { path: '00000001-PHOTO-2023-11-14-10-01-00.jpg' } });
  });

  it('a zip without a chat export says so', async () => {
    const { root, caseDir } = setup();
    const s = await importMessages(caseDir, [writeFixture(root, 'x.zip', makeZip([{ name: 'a.jpg', data: 'x' }]))]);
    expect(s.files[0]!.error).toMatch(/no chat export/);
  });
});
