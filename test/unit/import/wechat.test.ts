// WeChat contact exports of every known tool, and Telegram's result.json.
import { afterAll, describe, expect, it } from 'vitest';
import { previewContactFile } from '../../../electron/import';
import { cleanupTmp, importBytes, writeFixture } from './helpers';

afterAll(cleanupTmp);

describe('WeChat exports', () => {
  it('MemoTrace contacts.csv: wxid, alias, remark, label, phone; groups apart; official accounts dropped', async () => {
    const csv = '\ufeffUserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city\r\n' +
      'wxid_abc123,zhang_san,3,张三(大学),三哥,SG,ZS,http://a/s,http://a/b,同学,男,13800138000,hi,中国,北京,海淀\r\n' +
      'legacy_name,,3,,老李,LL,,http://a/s,http://a/b,None,男,,,,,\r\n' +
      '12345678@chatroom,,2,家庭群,,,,http://a/s,http://a/b,None,未知,,,,,\r\n' +
      'gh_abcdef,,3,,某公众号,,,http://a/s,http://a/b,None,未知,,,,,\r\n';
    const { contacts, summary } = await importBytes('contacts.csv', csv);
    expect(summary.format).toBe('wechat-memotrace');
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toMatchObject({
      name: '张三(大学)', remark: '张三(大学)', nickname: '三哥', wxids: ['wxid_abc123'], wechatIds: ['zhang_san'],
      labels: ['同学'], phones: [{ value: '13800138000' }],
    });
    expect(contacts[1]).toMatchObject({ name: '老李', wechatIds: ['legacy_name'], wxids: [], labels: [] });
    expect(summary.groups).toEqual([{ id: '12345678@chatroom', name: '家庭群', source: { file: expect.stringContaining('contacts.csv'), record: 'row 4' } }]);
    expect(summary.skipped).toBe(1);
  });

  it('WechatExporter *_Contacts.csv: no header, all quoted, tags split on spaces', async () => {
    const csv = '"zhangsan_wx","张三","http://wx.qlogo.cn/a/132"," 同事 朋友"\r\n"wxid_q1w2e3","李四","",""\r\n';
    const path = writeFixture('me_Contacts.csv', csv);
    const preview = await previewContactFile(path);
    expect(preview.format).toBe('wechat-wechatexporter');
    expect(preview.sampleRows).toHaveLength(2);
    const { contacts, summary } = await importBytes('me_Contacts.csv', csv);
    expect(summary.format).toBe('wechat-wechatexporter');
    expect(contacts[0]).toMatchObject({ name: '张三', wechatIds: ['zhangsan_wx'], labels: ['同事', '朋友'], source: { record: 'row 1' } });
    expect(contacts[1]).toMatchObject({ name: '李四', wxids: ['wxid_q1w2e3'] });
  });

  it('WeFlow CSV with the Chinese header: types decide group / official / friend', async () => {
    const csv = '\ufeff"用户名","显示名称","备注","昵称","微信号","标签","描述","个性签名","地区","类型"\n' +
      '"wxid_aaa","王姐","王姐","Wang","wangjie_1","同事 | 客户","","签名","广东 深圳","好友"\n' +
      '"1234@chatroom","项目群","","项目群","","","","","","群聊"\n' +
      '"gh_123","某服务号","","某服务号","","","","","","服务号"\n';
    const { contacts, summary } = await importBytes('contacts_2024.csv', csv);
    expect(summary.format).toBe('wechat-weflow-csv');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ name: '王姐', remark: '王姐', nickname: 'Wang', wxids: ['wxid_aaa'], wechatIds: ['wangjie_1'], labels: ['同事', '客户'] });
    expect(summary.groups.map((g) => g.id)).toEqual(['1234@chatroom']);
    expect(summary.skipped).toBe(1);
  });

  it('WeFlow JSON', async () => {
    const json = JSON.stringify({
      exportedAt: '2025-01-01T00:00:00Z', count: 3,
      contacts: [
        { username: 'wxid_x1', displayName: '阿明', remark: '阿明', nickname: 'Ming', alias: 'aming', labels: ['朋友'], type: 'friend', typeLabel: '好友' },
        { username: '999@chatroom', displayName: '同学群', remark: '', nickname: '同学群', alias: '', labels: [], type: 'group', typeLabel: '群聊' },
        { username: 'gh_x', displayName: '公众号', nickname: '公众号', labels: [], type: 'official', typeLabel: '公众号' },
      ],
    });
    const { contacts, summary } = await importBytes('contacts.json', json);
    expect(summary.format).toBe('wechat-weflow-json');
    expect(contacts).toEqual([expect.objectContaining({ name: '阿明', wxids: ['wxid_x1'], wechatIds: ['aming'], labels: ['朋友'], source: { file: expect.any(String), record: 'contacts[0]' } })]);
    expect(summary.groups).toHaveLength(1);
    expect(summary.skipped).toBe(1);
  });

  it('PyWxDump users.json', async () => {
    const json = JSON.stringify({
      wxid_p1: { wxid: 'wxid_p1', nickname: '小红', remark: '红姐', account: 'hong_88', describe: '', headImgUrl: '', ExtraBuf: { 手机号: '13911112222', 公司名称: '某公司' }, LabelIDList: ['家人'], extra: null },
      '888@chatroom': { wxid: '888@chatroom', nickname: '家族群', remark: '', account: '', ExtraBuf: {}, LabelIDList: [], extra: {} },
    });
    const { contacts, summary } = await importBytes('users.json', json);
    expect(summary.format).toBe('wechat-pywxdump');
    expect(contacts[0]).toMatchObject({ name: '红姐', nickname: '小红', wxids: ['wxid_p1'], wechatIds: ['hong_88'], phones: [{ value: '13911112222' }], org: '某公司', labels: ['家人'] });
    expect(summary.groups).toEqual([expect.objectContaining({ id: '888@chatroom', name: '家族群' })]);
  });

  it('chatlog CSV (unquoted): a comma in a name is reported, the row is kept', async () => {
    const csv = 'UserName,Alias,Remark,NickName\nwxid_c1,cc_alias,老陈,Chen\nwxid_c2,,,Tom, Jr.\n';
    const { contacts, summary } = await importBytes('contact.csv', csv);
    expect(summary.format).toBe('wechat-chatlog');
    expect(contacts.map((c) => c.name)).toEqual(['老陈', 'Tom, Jr.']);
    expect(summary.issues).toEqual([expect.objectContaining({ severity: 'warning', record: 'row 3', line: 3 })]);
  });
});

describe('Telegram', () => {
  it('reads contacts.list and the owner from personal_information', async () => {
    const json = JSON.stringify({
      about: 'Here is the data you requested.',
      personal_information: { user_id: 111, first_name: 'Me', last_name: 'Myself', phone_number: '+86 138 0000 0001', username: 'me_tg', bio: '' },
      contacts: {
        about: '...',
        list: [
          { user_id: 222, first_name: 'Ivan', last_name: 'Petrov', phone_number: '+7 900 000 0000', date: '2020-01-01T00:00:00', date_unixtime: '1577836800' },
          { user_id: 0, first_name: '', last_name: '', phone_number: '+1 555 0000', date: '2020-01-01T00:00:00' },
          'not an object',
        ],
      },
      chats: { about: '', list: [] },
    });
    const { contacts, summary } = await importBytes('result.json', json);
    expect(summary.format).toBe('telegram');
    expect(summary.owner).toMatchObject({ name: 'Me Myself', phones: [{ value: '+86 138 0000 0001' }], handles: expect.arrayContaining([{ kind: 'telegram', value: '@me_tg' }]) });
    expect(contacts[0]).toMatchObject({ name: 'Ivan Petrov', phones: [{ value: '+7 900 000 0000' }], handles: [{ kind: 'telegram', value: 'user222' }], source: { record: 'contacts.list[0]' } });
    expect(contacts[1]).toMatchObject({ phones: [{ value: '+1 555 0000' }], handles: [] });
    expect(summary.issues).toEqual([expect.objectContaining({ severity: 'error', record: 'contacts.list[2]' })]);
  });

  it('explains that a chat export is not a contact list', async () => {
    const { contacts, summary } = await importBytes('chat.json', JSON.stringify({ name: 'Bob', type: 'personal_chat', id: 5, messages: [] }));
    expect(contacts).toEqual([]);
    expect(summary.issues[0]!.message).toMatch(/chat export/);
  });

  it('reports broken JSON with its line', async () => {
    const { summary } = await importBytes('result.json', '{\n  "contacts": {\n    "list": [ oops ]\n  }\n}\n');
    expect(summary.issues[0], JSON.stringify(summary.issues)).toMatchObject({ severity: 'error', line: 3 });
  });
  /** A whole-account export as Telegram Desktop writes it: contacts, then every chat with its messages. */
  function fullExport(contacts: number, chats: number, messagesPerChat: number, end = '  ]\n }\n}\n'): string {
    const parts = ['{\n "about": "Here is the data you requested.",\n "personal_information": {"user_id": 1, "first_name": "Me", "last_name": "Z", "phone_number": "+86 138 0000 0001"},\n'];
    parts.push(' "contacts": {\n  "about": "This is your contact list.",\n  "list": [\n');
    for (let c = 0; c < contacts; c++) {
      parts.push(`   {"user_id": ${100 + c}, "first_name": "友${c}", "last_name": "", "phone_number": "+86 139 ${String(c).padStart(8, '0')}", "date": "2020-01-01T00:00:00"}${c < contacts - 1 ? ',' : ''}\n`);
    }
    parts.push('  ]\n },\n "chats": {\n  "about": "",\n  "list": [\n');
    for (let c = 0; c < chats; c++) {
      const messages = Array.from({ length: messagesPerChat }, (_, m) => `{"id": ${m}, "type": "message", "date": "2020-01-01T00:00:00", "from": "A", "from_id": "user5", "text": "你好 ${m}: a message that is not a contact"}`);
      parts.push(`   {"name": "Chat ${c}", "type": "personal_chat", "id": ${c}, "messages": [\n${messages.join(',\n')}\n]}${c < chats - 1 ? ',' : ''}\n`);
    }
    parts.push(end);
    return parts.join('');
  }

  it('streams a whole-account result.json: every contact (across the read chunks), the owner, no chat message taken for one', async () => {
    const json = fullExport(3000, 20, 2000);
    expect(json.length).toBeGreaterThan(4 << 20);
    const { contacts, summary } = await importBytes('result.json', json);
    expect(summary).toMatchObject({ format: 'telegram', records: 3000, issues: [] });
    expect(summary.owner).toMatchObject({ name: 'Me Z' });
    expect(contacts.map((c) => c.name)).toEqual(Array.from({ length: 3000 }, (_, c) => `友${c}`));
    expect(contacts[2999]).toMatchObject({ phones: [{ value: '+86 139 00002999' }], source: { record: 'contacts.list[2999]' } });
  });

  it('a result.json cut short in its chats keeps the contacts read before the break, and names the line', async () => {
    const json = fullExport(50, 3, 100, '   {"name": "Cut", "messages": [{"id": 1, "text": "cut sh');
    const { contacts, summary } = await importBytes('result.json', json);
    expect(contacts).toHaveLength(50);
    expect(summary.format).toBe('telegram');
    expect(summary.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'json-invalid-at', line: json.split('\n').length })]);
  });
});
