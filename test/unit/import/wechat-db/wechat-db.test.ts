// Contacts from decrypted WeChat databases (PC 3.x, 4.x, PyWxDump's merge, Android), written by the
// generator the way WeChat lays them out: friends only, remark as the name, IDs, labels, phone.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawContact } from '../../../../shared/types';
import { readExtraBuf } from '../../../../electron/import/wechat-db/extra-buf';
import { identifyWechatDatabase } from '../../../../electron/import/wechat-db/identify';
import { previewContactFile } from '../../../../electron/import';
import { cleanupTmp, importPath, tmp } from '../helpers';
import { extraBuf, MAC_ACCOUNT, writeAndroid, writeMac3, writeMac3Messages, writePc3, writePc4, writePywxdumpMerged } from './generate';

afterAll(cleanupTmp);

const byWxid = (contacts: RawContact[], id: string) =>
  contacts.find((c) => c.wxids.includes(id) || c.wechatIds.includes(id));

describe('decrypted WeChat databases as contact files', () => {
  const cases = [
    ['PC 3.x MicroMsg.db', () => writePc3(join(tmp, 'pc3')).micromsg, true],
    ["PyWxDump's merge_all.db", () => writePywxdumpMerged(join(tmp, 'wxdump_work', 'wxid_me', 'merge_all.db')), true],
    ['PC 4.x contact.db', () => writePc4(join(tmp, 'pc4')).contact, false],
    ['Android EnMicroMsg.db', () => writeAndroid(join(tmp, 'android', 'EnMicroMsg.db')), false],
  ] as const;

  for (const [what, make, hasPhone] of cases) {
    it(`${what}: friends only, with remark as the name, nickname, IDs and labels`, async () => {
      const { contacts, summary } = await importPath(make());
      expect(summary.format).toBe('wechat-db');
      expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
      // Three friends: not the stranger, the official account, the deleted one or the file helper.
      expect(contacts.map((c) => c.name).sort()).toEqual(['娜娜', '张伟（大学）', '王芳'].sort());
      const zhang = byWxid(contacts, 'wxid_zhangwei01')!;
      // Starred in WeChat: its own word for them, as a label.
      expect(zhang).toMatchObject({ remark: '张伟（大学）', nickname: '伟哥', wechatIds: ['zhangwei_88'], labels: ['同学', '星标朋友'] });
      expect(zhang.phones).toEqual(hasPhone ? [{ value: '+86 138 0013 8000' }] : []);
      expect(byWxid(contacts, 'wxid_lina02')!.labels).toEqual(['家人', '同学']);
      // A legacy custom user name is the searchable WeChat ID.
      expect(byWxid(contacts, 'wangfang_1990')!.wechatIds).toEqual(['wangfang_1990']);
      expect(summary.groups).toEqual([expect.objectContaining({ id: '12345678901@chatroom', name: '大学同学群' })]);
      expect(summary.issues.map((i) => i.code).sort()).toEqual(['officials-left-out', 'wechat-db-strangers-left-out']);
      expect(contacts.every((c) => c.source.record.includes(c.wxids[0] ?? c.wechatIds[0]!))).toBe(true);
    });
  }

  it('WeChat for Mac 3.x wccontact_new2.db: the friends of WCContact, groups from the group database beside it', async () => {
    const account = join(tmp, 'mac', MAC_ACCOUNT);
    const { contact } = writeMac3(account);
    writeMac3Messages(account);
    const { contacts, summary } = await importPath(contact);
    expect(summary.format).toBe('wechat-db');
    expect(contacts.map((c) => c.name).sort()).toEqual(['娜娜', '张伟（大学）', '王芳'].sort());
    expect(byWxid(contacts, 'wxid_zhangwei01')).toMatchObject({ remark: '张伟（大学）', nickname: '伟哥', wechatIds: ['zhangwei_88'] });
    expect(summary.groups).toEqual([expect.objectContaining({ id: '12345678901@chatroom', name: '大学同学群' })]);
    expect(summary.issues.map((i) => i.code)).toEqual(['officials-left-out']);
    const preview = await previewContactFile(contact, { displayName: `${MAC_ACCOUNT}/Contact/wccontact_new2.db` });
    expect(preview.wechatDatabase).toEqual({ folder: MAC_ACCOUNT, version: 'mac3', friends: 3, groups: 1, messageFiles: 1 });
  });

  it('says a message database holds chats, not contacts, without failing a folder import', async () => {
    for (const file of [writePc3(join(tmp, 'pc3-msg')).msg0, writePc4(join(tmp, 'pc4-msg')).message]) {
      const { contacts, summary } = await importPath(file);
      expect(contacts).toEqual([]);
      expect(summary.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'wechat-db-messages-only' })]);
    }
  });

  it("says WeChat's other databases (sessions, media, file links) hold no contacts, without an error", async () => {
    writePc4(join(tmp, 'pc4-other'));
    const { contacts, summary } = await importPath(join(tmp, 'pc4-other', 'db_storage', 'session', 'session.db'));
    expect(contacts).toEqual([]);
    expect(summary.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'wechat-db-other' })]);
  });

  it('answers plainly that an encrypted database must be decrypted first, never a SQLite error', async () => {
    const file = join(tmp, 'MicroMsg-encrypted.db');
    writeFileSync(file, randomBytes(64 * 1024));
    const { summary } = await importPath(file);
    expect(summary.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'wechat-db-encrypted' })]);
    expect(summary.issues[0]!.message).toMatch(/does not decrypt/);
    // A SQLite header over pages that are not readable: damaged or half-decrypted.
    const half = join(tmp, 'MicroMsg-half.db');
    writeFileSync(half, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.from([0x10, 0, 1, 1, 0, 0x40, 0x20, 0x20]), randomBytes(64 * 1024)]));
    const damaged = await importPath(half);
    expect(damaged.summary.issues.map((i) => i.severity)).toEqual(['error']);
    expect(damaged.summary.issues[0]!.code).toMatch(/wechat-db-unreadable|file-unreadable/);
  });

  it('counts the friends in the preview', async () => {
    const preview = await previewContactFile(writePc4(join(tmp, 'pc4-preview')).contact);
    expect(preview).toMatchObject({ format: 'wechat-db', estimatedRecords: 3, encoding: 'SQLite' });
  });
});

describe('database parts', () => {
  it('tells each layout by its tables', () => {
    expect(identifyWechatDatabase(new Set(['Contact', 'ContactLabel', 'ChatRoom']))).toBe('pc3-contacts');
    expect(identifyWechatDatabase(new Set(['MSG', 'Name2ID', 'DBInfo']))).toBe('pc3-messages');
    expect(identifyWechatDatabase(new Set(['MSG', 'Contact', 'sync_log']))).toBe('pywxdump-merged');
    expect(identifyWechatDatabase(new Set(['contact', 'contact_label', 'name2id']))).toBe('pc4-contacts');
    expect(identifyWechatDatabase(new Set([`Msg_${'a'.repeat(32)}`, 'Name2Id']))).toBe('pc4-messages');
    expect(identifyWechatDatabase(new Set([`Chat_${'b'.repeat(32)}`]))).toBe('mac3-messages');
    expect(identifyWechatDatabase(new Set(['WCContact']))).toBe('mac3-contacts');
    expect(identifyWechatDatabase(new Set(['message', 'rcontact', 'userinfo']))).toBe('android');
    expect(identifyWechatDatabase(new Set(['moz_places']))).toBe('unknown');
  });

  it('reads ExtraBuf values by tag, and nothing from a truncated one', () => {
    const buf = extraBuf('13800138000');
    expect(readExtraBuf(buf, 'phone')).toBe('13800138000');
    expect(readExtraBuf(buf, 'gender')).toBe(1);
    expect(readExtraBuf(buf, 'signature')).toBe('天天开心');
    expect(readExtraBuf(buf, 'city')).toBeUndefined();
    expect(readExtraBuf(buf.subarray(0, 16), 'phone')).toBeUndefined();
  });
});
