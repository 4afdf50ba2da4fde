// Chats from decrypted WeChat databases (PC 3.x MSG0..n.db, 4.x message_N.db, PyWxDump's merge,
// Android EnMicroMsg.db), written by the generators the way each version stores them: the right
// sender, own messages, times, kinds in words, quotes and links from LZ4 / zstd XML, group members'
// display names, pictures from the account folder, no doubles on re-import or beside a MemoTrace
// export, and the chats feeding the re-add order.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchivedMessage } from '../../../shared/types';
import { getMessages, importMessages, interactionStrengths, listChats } from '../../../electron/messages';
import { bytesExtraItems, bytesExtraSender, contentText, lz4Text, packedPictureMd5, roomMembers } from '../../../electron/messages/formats/wechat-db/decode';
import { androidVoicePath, MAX_VOICE_BYTES } from '../../../electron/messages/formats/wechat-db/voices';
import { previewContactFile } from '../../../electron/import';
import { countMessageFilesOfDrop } from '../../../electron/import/wechat-db/recognize';
import {
  bytesExtra, lz4Block, OWNER, packedInfo, pc3PicturePath, pc4PicturePath, ROOM_NAMES, roomData, SAMPLE_MESSAGES, T0,
  writeAndroid, writeAndroidMessages, writePc3, writePc3Messages, writePc3Scale, writePc4, writePc4Messages, writePywxdumpMerged, writePywxdumpMergedMessages,
  fakeSilk, writePc3Voices, writePc4Voices, writeAndroidVoices, androidVoiceImgPath, androidPicturePaths, MAC_ACCOUNT, writeMac3, writeMac3Messages, pc3VideoPath, pc3FilePath, pc4VideoPath, pc4FilePath,
} from '../import/wechat-db/generate';
import { blobPath, contentStoreDir } from '../../../electron/platform/content-store';
import { messagesMethods } from '../../../shared/contract/messages';
import { makeJpeg, makeVDat, xorDat } from '../photos/fixtures';
import { cleanup, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

interface Made {
  /** What to import (a folder or a file). */
  input: string;
  version: 'pc3' | 'pc4' | 'pywxdump' | 'android' | 'mac3';
  messageFiles: number;
}

const VERSIONS: [string, (root: string) => Made][] = [
  ['PC 3.x (MicroMsg.db + MSG0..1.db)', (root) => {
    const account = join(root, 'WeChat Files', OWNER);
    writePc3(account);
    writePc3Messages(account);
    return { input: join(root, 'WeChat Files'), version: 'pc3', messageFiles: 2 };
  }],
  ['PC 4.x (db_storage)', (root) => {
    const account = join(root, 'xwechat_files', `${OWNER}_a1b2`);
    writePc4(account);
    writePc4Messages(account);
    return { input: join(account, 'db_storage'), version: 'pc4', messageFiles: 1 };
  }],
  ["PyWxDump's merge_all.db", (root) => {
    const file = join(root, 'wxdump_work', OWNER, 'merge_all.db');
    writePywxdumpMerged(file);
    writePywxdumpMergedMessages(file);
    return { input: file, version: 'pywxdump', messageFiles: 1 };
  }],
  ['WeChat for Mac 3.x (Message/msg_0.db + Contact/wccontact_new2.db)', (root) => {
    const account = join(root, 'xinWeChat', '2.0b4.0.9', MAC_ACCOUNT);
    writeMac3(account);
    writeMac3Messages(account);
    return { input: join(root, 'xinWeChat'), version: 'mac3', messageFiles: 1 };
  }],
  ['Android EnMicroMsg.db', (root) => {
    const file = join(root, 'android', 'EnMicroMsg.db');
    writeAndroid(file);
    writeAndroidMessages(file);
    return { input: file, version: 'android', messageFiles: 1 };
  }],
];

function allMessages(caseDir: string): Map<string, ArchivedMessage & { chat: string }> {
  const bySvr = new Map<string, ArchivedMessage & { chat: string }>();
  for (const chat of listChats(caseDir)) {
    for (const m of getMessages(caseDir, chat.id, { limit: 500 }).messages) bySvr.set(String(SAMPLE_MESSAGES.findIndex((s) => Date.parse(m.at) === s.at * 1000 || Math.floor(Date.parse(m.at) / 1000) === s.at)), { ...m, chat: chat.name });
  }
  return bySvr;
}

describe.each(VERSIONS)('%s', (_, make) => {
  it('every chat with its name, kind and every message with its sender, time and kind', async () => {
    const root = tempDir();
    const made = make(root);
    const caseDir = join(root, 'case');
    const summary = await importMessages(caseDir, [made.input]);
    expect(summary.files.filter((f) => f.error)).toEqual([]);
    expect(summary.files.every((f) => f.format === 'wechat-db' && f.skipped.length === 0)).toBe(true);
    expect(summary.messages).toBe(SAMPLE_MESSAGES.length);
    expect(summary.wechatDatabases).toEqual([expect.objectContaining({ version: made.version, friends: 3, groups: 1, messageFiles: made.messageFiles })]);

    const chats = listChats(caseDir);
    expect(chats.map((c) => [c.name, c.kind, c.messages]).sort()).toEqual(
      [['张伟（大学）', 'private', 9], ['娜娜', 'private', 3], ['大学同学群', 'group', 8]].sort(),
    );
    const got = allMessages(caseDir);
    SAMPLE_MESSAGES.forEach((expected, i) => {
      const m = got.get(String(i))!;
      expect(m, `message ${i}`).toBeDefined();
      expect(m.at).toBe(new Date(expected.at * 1000).toISOString().replace(/\.\d+Z$/, '.000Z'));
      const notice = ['pat', 'recall', 'system'].includes(expected.kind);
      expect(m.sender.isSelf, `message ${i} self`).toBe(expected.from === OWNER);
      if (!notice && expected.from !== OWNER) expect(m.sender.handles[0], `message ${i} sender`).toBe(expected.from);
      if (notice) expect(m.sender).toMatchObject({ name: '', handles: [] });
    });
    const kinds = SAMPLE_MESSAGES.map((_m, i) => got.get(String(i))!.kind);
    expect(kinds).toEqual([
      'text', 'text', 'image', 'quote', 'link', 'voice', 'transfer', 'pat', 'recall',
      'text', 'redPacket', 'file',
      'text', 'text', 'text', 'sticker', 'location', 'contact', 'video', 'system',
    ]);
    // Quotes and links come out of the compressed XML; notices say what happened.
    expect(got.get('3')).toMatchObject({ text: '就这家', replyTo: { sender: '伟哥', text: '周末一起吃火锅吗？' } });
    expect(got.get('4')!.text).toContain('成都最好吃的火锅');
    expect(got.get('4')!.text).toContain('https://mp.weixin.qq.com/s/huoguo');
    expect(got.get('11')!.text).toBe('照片清单.xlsx');
    expect(got.get('7')!.text).toBe('"伟哥" 拍了拍我');
    expect(got.get('8')!.text).toBe('"伟哥" 撤回了一条消息');
    // In the group: the remark for a friend, the display name a member chose for one who is no friend.
    expect(got.get('12')!.sender.name).toBe('张伟（大学）');
    expect(got.get('13')!.sender.name).toBe(ROOM_NAMES.wxid_stranger03);
    // The `wxid:` prefix (with or without its newline) is not part of the text.
    expect([got.get('12')!.text, got.get('13')!.text]).toEqual(['大家好，我换新号了', '欢迎欢迎']);
    // A friend's WeChat ID comes along as a handle, so the contact links to the chat.
    expect(got.get('0')!.sender.handles).toEqual(['wxid_zhangwei01', 'zhangwei_88']);
    // The owner's own handle, as MemoTrace and the other exporters give it (a Mac account folder is an md5: no wxid to give).
    expect(got.get('1')!.sender.handles).toEqual(made.version === 'mac3' ? [] : [OWNER]);
  });

  it('re-importing adds nothing, and the chats feed the re-add order', async () => {
    const root = tempDir();
    const made = make(root);
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [made.input]);
    const again = await importMessages(caseDir, [made.input]);
    expect(again).toMatchObject({ messages: 0, duplicates: SAMPLE_MESSAGES.length });
    const strengths = interactionStrengths(caseDir, new Date((T0 + 86400) * 1000));
    expect(strengths.get('wxid_zhangwei01')).toMatchObject({ messages: expect.any(Number) });
    expect(strengths.get('zhangwei_88')).toEqual(strengths.get('wxid_zhangwei01'));
    expect(strengths.get('wxid_lina02')!.messages).toBeGreaterThan(0);
  });
});

describe('one chat from a database and from a MemoTrace export', () => {
  it('is not doubled, whichever comes first', async () => {
    for (const dbFirst of [true, false]) {
      const root = tempDir();
      const account = join(root, OWNER);
      writePc4(account);
      writePc4Messages(account);
      const zhang = SAMPLE_MESSAGES.filter((m) => m.chat === 'wxid_zhangwei01' && m.kind === 'text');
      const csv = memotraceCsv(
        zhang.map((m, i) => [i + 1, 1, 1, 0, m.from === OWNER ? 1 : 0, m.at, '', m.text!, strTime(m.at), m.from === OWNER ? '' : '张伟（大学）', m.from === OWNER ? '我' : '伟哥', m.from]),
      );
      const memotrace = writeFixture(root, 'memotrace/张伟（大学）(wxid_zhangwei01)/张伟（大学）_utf8.csv', csv);
      const caseDir = join(root, 'case');
      const order = dbFirst ? [join(account, 'db_storage'), memotrace] : [memotrace, join(account, 'db_storage')];
      await importMessages(caseDir, [order[0]!]);
      const second = await importMessages(caseDir, [order[1]!]);
      expect(second.duplicates, dbFirst ? 'database first' : 'MemoTrace first').toBe(zhang.length);
      expect(listChats(caseDir).filter((c) => c.name.startsWith('张伟'))).toHaveLength(1);
    }
  });
});

describe('pictures from the account folder', () => {
  it('3.x FileStorage and 4.x msg/attach pictures are decoded into the store, a missing one is marked', async () => {
    const root = tempDir();
    const jpeg = await makeJpeg(7);
    const picture = SAMPLE_MESSAGES.find((m) => m.kind === 'image')!;
    const pc3 = join(root, 'pc3', OWNER);
    writePc3(pc3);
    writePc3Messages(pc3);
    const rel3 = pc3PicturePath(picture).split('\\').slice(1).join('/');
    writeFixture(pc3, rel3, xorDat(jpeg, 0x37));
    const pc4 = join(root, 'pc4', `${OWNER}_ffff`);
    writePc4(pc4);
    writePc4Messages(pc4);
    writeFixture(pc4, pc4PicturePath(picture), xorDat(jpeg, 0x51));
    // Two cases: the same account's picture message from 3.x and 4.x is one message.
    for (const [folder, rel] of [['pc3', rel3], ['pc4', pc4PicturePath(picture)]] as const) {
      const caseDir = join(root, `case-${folder}`);
      const summary = await importMessages(caseDir, [join(root, folder)]);
      expect(summary.files.reduce((n, f) => n + (f.pictures ?? 0), 0), folder).toBe(1);
      const images = listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages.filter((m) => m.kind === 'image'));
      expect(images).toEqual([expect.objectContaining({ media: { path: rel, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } })]);
    }
    // Without the folder: the message says its picture is missing.
    const lone = join(root, 'lone', OWNER);
    writePc4(lone);
    writePc4Messages(lone);
    const other = join(root, 'case2');
    await importMessages(other, [join(lone, 'db_storage')]);
    const image = listChats(other).flatMap((c) => getMessages(other, c.id, { limit: 100 }).messages).find((m) => m.kind === 'image');
    expect(image?.media).toEqual({ missing: true });
  });
});

describe('WeChat 4 V2 pictures with a key the user gives', () => {
  const KEY = 'a1b2c3d4e5f6a7b8'; // an account's V2 key, as a user would have noted it
  const picture = SAMPLE_MESSAGES.find((m) => m.kind === 'image')!;
  const imageOf = (caseDir: string): ArchivedMessage =>
    listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages).find((m) => m.kind === 'image')!;
  const account = async (root: string): Promise<{ input: string; jpeg: Buffer }> => {
    const folder = join(root, `${OWNER}_ab12`);
    writePc4(folder);
    writePc4Messages(folder);
    const jpeg = await makeJpeg(11);
    writeFixture(folder, pc4PicturePath(picture), makeVDat(jpeg, { aesLen: 1024, xorLen: 100, xorKey: 0x5c, version: 2, aesKey: KEY }));
    return { input: join(folder, 'db_storage'), jpeg };
  };

  it('without a key the picture stays a path; a re-import with the key stores it; the key as 32 hex digits works too', async () => {
    const root = tempDir();
    const { input, jpeg } = await account(root);
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [input]);
    expect(imageOf(caseDir).media).toEqual({ path: pc4PicturePath(picture) });
    const again = await importMessages(caseDir, [input], { wechatImageKey: KEY });
    expect(again.messages).toBe(0);
    const stored = imageOf(caseDir).media!.sha256!;
    expect(readFileSync(blobPath(caseDir, stored)!).equals(jpeg)).toBe(true);
    const hexCase = join(root, 'case-hex');
    await importMessages(hexCase, [input], { wechatImageKey: Buffer.from(KEY, 'ascii').toString('hex') });
    expect(imageOf(hexCase).media!.sha256).toBe(stored);
  });

  it("another account's key opens nothing (the right one later does); a key in another shape is refused without being repeated", async () => {
    const root = tempDir();
    const { input } = await account(root);
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [input], { wechatImageKey: 'zzzzzzzzzzzzzzzz' });
    expect(imageOf(caseDir).media).toEqual({ path: pc4PicturePath(picture) });
    await importMessages(caseDir, [input], { wechatImageKey: KEY });
    expect(imageOf(caseDir).media!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const refused = importMessages(join(root, 'case2'), [input], { wechatImageKey: 'short-secret' });
    await expect(refused).rejects.toThrow(/16 characters or 32 hex digits/);
    await expect(refused).rejects.not.toThrow(/short-secret/);
    // The API refuses it before any import; the command line too, and neither repeats it.
    const schema = messagesMethods['messages.import'];
    expect(schema.safeParse({ caseId: 'c1', files: [{ kind: 'path', path: '/x' }], wechatImageKey: KEY }).success).toBe(true);
    const bad = schema.safeParse({ caseId: 'c1', files: [{ kind: 'path', path: '/x' }], wechatImageKey: 'short-secret' });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error)).not.toContain('short-secret');
    const { runCli } = await import('../../../electron/cli/main');
    let said = '';
    const lines = { out: (l: string) => (said += `${l}\n`), err: (l: string) => (said += `${l}\n`) };
    expect(await runCli(['messages', 'import', '--case', join(root, 'case3'), input, '--wechat-image-key', 'short-secret'], lines)).toBe(2);
    expect(said).toMatch(/--wechat-image-key/);
    expect(said).not.toContain('short-secret');
    expect(await runCli(['messages', 'import', '--case', join(root, 'case3'), input, '--wechat-image-key', KEY], lines)).toBe(0);
    expect(said).not.toContain(KEY);
    expect(imageOf(join(root, 'case3')).media!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('Android pictures beside EnMicroMsg.db', () => {
  it('the full picture ImgInfo2 names under image2/, else the th_ thumbnail imgPath names; neither there: missing', async () => {
    const root = tempDir();
    const picture = SAMPLE_MESSAGES.find((m) => m.kind === 'image')!;
    const { thumb, big } = androidPicturePaths(picture);
    const image = async (folder: string, files: [string, Buffer][]): Promise<ArchivedMessage> => {
      const file = writeAndroidMessages(writeAndroid(join(root, folder, 'EnMicroMsg.db')));
      for (const [rel, bytes] of files) writeFixture(join(root, folder), rel, bytes);
      const caseDir = join(root, `case-${folder}`);
      await importMessages(caseDir, [file]);
      return listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages).find((m) => m.kind === 'image')!;
    };
    const sha = expect.stringMatching(/^[0-9a-f]{64}$/);
    expect((await image('both', [[big, await makeJpeg(3)], [thumb, await makeJpeg(4)]])).media).toEqual({ path: big, sha256: sha });
    expect((await image('thumb', [[thumb, await makeJpeg(4)]])).media).toEqual({ path: thumb, sha256: sha });
    expect((await image('none', [])).media).toEqual({ missing: true });
  });
});

describe('videos and files from the account folder', () => {
  const video = SAMPLE_MESSAGES.find((m) => m.kind === 'video')!;
  const file = SAMPLE_MESSAGES.find((m) => m.kind === 'file')!;
  const mediaOf = (caseDir: string, kind: string): ArchivedMessage | undefined =>
    listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages).find((m) => m.kind === kind);

  it('3.x FileStorage/Video and FileStorage/File, 4.x msg/video and msg/file are kept in the store and linked; without the folder they are missing', async () => {
    const root = tempDir();
    const mp4 = randomBytes(4096);
    const xlsx = randomBytes(2048);
    const pc3 = join(root, 'pc3', OWNER);
    writePc3(pc3);
    writePc3Messages(pc3);
    const rel = (p: string) => p.split('\\').slice(1).join('/');
    writeFixture(pc3, rel(pc3VideoPath(video)), mp4);
    writeFixture(pc3, rel(pc3FilePath(file)), xlsx);
    const pc4 = join(root, 'pc4', `${OWNER}_ffff`);
    writePc4(pc4);
    writePc4Messages(pc4);
    writeFixture(pc4, pc4VideoPath(video), mp4);
    writeFixture(pc4, pc4FilePath(file), xlsx);
    const cases: [string, string, string, string][] = [
      ['pc3', pc3, rel(pc3VideoPath(video)), rel(pc3FilePath(file))],
      ['pc4', join(pc4, 'db_storage'), pc4VideoPath(video), pc4FilePath(file)],
    ];
    for (const [name, input, videoPath, filePath] of cases) {
      const caseDir = join(root, `case-${name}`);
      await importMessages(caseDir, [input]);
      for (const [kind, path, bytes] of [['video', videoPath, mp4], ['file', filePath, xlsx]] as const) {
        const m = mediaOf(caseDir, kind)!;
        expect(m.media, `${name} ${kind}`).toEqual({ path, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
        expect(readFileSync(blobPath(caseDir, m.media!.sha256!)!).equals(bytes), `${name} ${kind} bytes`).toBe(true);
      }
    }
    const lone = join(root, 'lone', OWNER);
    writePc4(lone);
    writePc4Messages(lone);
    const other = join(root, 'case-lone');
    await importMessages(other, [join(lone, 'db_storage')]);
    expect([mediaOf(other, 'video')!.media, mediaOf(other, 'file')!.media]).toEqual([{ missing: true }, { missing: true }]);
  });
});

describe('voice kept as files', () => {
  const voice = SAMPLE_MESSAGES.find((m) => m.kind === 'voice')!;
  const voiceMessages = (caseDir: string): ArchivedMessage[] =>
    listChats(caseDir).flatMap((c) => getMessages(caseDir, c.id, { limit: 100 }).messages.filter((m) => m.kind === 'voice'));

  const accounts: [string, (root: string) => string][] = [
    ['3.x MediaMSG0.db (Media.Buf by Reserved0 = MsgSvrID)', (root) => {
      const account = join(root, OWNER);
      writePc3(account);
      writePc3Messages(account);
      writePc3Voices(account);
      return account;
    }],
    ['4.x media_0.db (VoiceInfo by svr_id)', (root) => {
      const account = join(root, `${OWNER}_ab12`);
      writePc4(account);
      writePc4Messages(account);
      writePc4Voices(account);
      return join(account, 'db_storage');
    }],
    ['4.x media_0.db (VoiceInfo by local_id and create_time)', (root) => {
      const account = join(root, `${OWNER}_ab12`);
      writePc4(account);
      writePc4Messages(account);
      writePc4Voices(account, SAMPLE_MESSAGES, { keyBy: 'local' });
      return join(account, 'db_storage');
    }],
  ];

  it.each(accounts)('%s: the SILK audio is in the content store, linked from its message, with its length', async (_, make) => {
    const root = tempDir();
    const input = make(root);
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [input]);
    const [m] = voiceMessages(caseDir);
    expect(m).toMatchObject({ text: '3″', media: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const stored = blobPath(caseDir, m!.media!.sha256!)!;
    expect(stored.endsWith('.silk')).toBe(true);
    expect(readFileSync(stored).equals(Buffer.from(fakeSilk(voice.svrid!)))).toBe(true);
    // Again: nothing added, nothing left in the store's temp folder.
    expect(await importMessages(caseDir, [input])).toMatchObject({ messages: 0 });
    const tmp = join(contentStoreDir(caseDir), '.tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });

  it('Android: the voice2/ file the message\'s imgPath names (md5 folders, msg_<imgPath>.amr, SILK inside) is kept with its length; one not there is missing; no voice2/, nothing claimed', async () => {
    const root = tempDir();
    // A group voice too: its `wxid:\n` prefix is the sender, not part of the content.
    const groupVoice = { chat: '12345678901@chatroom', from: 'wxid_stranger03', at: T0 + 1300, kind: 'voice', svrid: '7021' } as const;
    const lost = { chat: 'wxid_lina02', from: 'wxid_lina02', at: T0 + 1400, kind: 'voice', svrid: '7022' } as const;
    const messages = [...SAMPLE_MESSAGES, groupVoice, lost];
    const folder = join(root, 'tencent', 'MicroMsg', '5f3c1e0b9d2a47c68e1b0a9f7d6c5b4a');
    writeAndroidMessages(writeAndroid(join(folder, 'EnMicroMsg.db')), messages);
    const written = writeAndroidVoices(folder, [voice, groupVoice]);
    expect(written.every((p) => /^voice2\/[0-9a-f]{2}\/[0-9a-f]{2}\/msg_[0-9a-f]+\.amr$/.test(p))).toBe(true);
    const caseDir = join(root, 'case');
    // The folder that holds EnMicroMsg.db and voice2/, as the user picks it.
    await importMessages(caseDir, [folder]);
    const byAt = new Map(voiceMessages(caseDir).map((m) => [Date.parse(m.at) / 1000 | 0, m]));
    for (const m of [voice, groupVoice]) {
      const got = byAt.get(m.at)!;
      expect(got, m.svrid).toMatchObject({ text: '3″', media: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      const stored = blobPath(caseDir, got.media!.sha256!)!;
      expect(stored.endsWith('.silk')).toBe(true);
      expect(readFileSync(stored).equals(Buffer.from(fakeSilk(m.svrid!)))).toBe(true);
    }
    expect(byAt.get(groupVoice.at)!.sender.handles[0]).toBe('wxid_stranger03');
    expect(byAt.get(lost.at)!.media).toEqual({ missing: true });
    expect(await importMessages(caseDir, [folder])).toMatchObject({ messages: 0 });

    // The database alone (no voice2/ beside it): the voices are not claimed missing, their length still shown.
    const bare = writeAndroidMessages(writeAndroid(join(root, 'bare', 'EnMicroMsg.db')));
    const case2 = join(root, 'case2');
    await importMessages(case2, [bare]);
    expect(voiceMessages(case2)[0]).toMatchObject({ text: '3″' });
    expect(voiceMessages(case2)[0]!.media).toBeUndefined();
    // The rule by hand for one voice; an imgPath that could name a path outside voice2/ is not followed.
    expect(androidVoicePath('1512230915abcdef')).toBe(`voice2/${md5('1512230915abcdef').slice(0, 2)}/${md5('1512230915abcdef').slice(2, 4)}/msg_1512230915abcdef.amr`);
    for (const bad of ['../x', 'a/b', '', 'x\\y', '..']) expect(androidVoicePath(bad), bad).toBeUndefined();
    expect(written).toContain(androidVoicePath(androidVoiceImgPath(voice)));
  });

  it('Android: a voice2/ file too large to be a voice is not read into memory; its message is marked missing', async () => {
    const root = tempDir();
    const folder = join(root, 'MicroMsg');
    writeAndroidMessages(writeAndroid(join(folder, 'EnMicroMsg.db')), [...SAMPLE_MESSAGES]);
    const [rel] = writeAndroidVoices(folder, [voice]);
    writeFileSync(join(folder, rel!), Buffer.alloc(MAX_VOICE_BYTES + 1, 2));
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [folder]);
    expect(voiceMessages(caseDir)[0]).toMatchObject({ text: '3″', media: { missing: true } });
  });

  it('wechatDataBackup: the voice written out as FileStorage/Voice/<MsgSvrID>.mp3 is kept; one not there is marked missing', async () => {
    const root = tempDir();
    const account = join(root, OWNER);
    writePc3(account);
    writePc3Messages(account);
    const mp3 = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'), Buffer.alloc(64, 0x55)]);
    mkdirSync(join(account, 'FileStorage', 'Voice'), { recursive: true });
    writeFileSync(join(account, 'FileStorage', 'Voice', `${voice.svrid}.mp3`), mp3);
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [account]);
    const [m] = voiceMessages(caseDir);
    const stored = blobPath(caseDir, m!.media!.sha256!)!;
    expect(stored.endsWith('.mp3')).toBe(true);
    expect(readFileSync(stored).equals(mp3)).toBe(true);

    const other = join(root, 'other', OWNER);
    writePc3(other);
    writePc3Messages(other);
    mkdirSync(join(other, 'FileStorage', 'Voice'), { recursive: true });
    const case2 = join(root, 'case2');
    await importMessages(case2, [other]);
    expect(voiceMessages(case2)[0]!.media).toEqual({ missing: true });
  });

  it('a voice database that lacks the message marks it missing; without one, nothing is claimed', async () => {
    const root = tempDir();
    const account = join(root, OWNER);
    writePc3(account);
    writePc3Messages(account);
    writePc3Voices(account, []);
    const caseDir = join(root, 'case');
    await importMessages(caseDir, [account]);
    expect(voiceMessages(caseDir)[0]!.media).toEqual({ missing: true });
    const bare = join(root, 'bare', OWNER);
    writePc3(bare);
    writePc3Messages(bare);
    const other = join(root, 'case2');
    await importMessages(other, [bare]);
    expect(voiceMessages(other)[0]!.media).toBeUndefined();
  });
});

describe('what a dropped database folder is', () => {
  it('the contact preview says version, friends, groups and message files', async () => {
    const root = tempDir();
    const account = join(root, OWNER);
    const { micromsg } = writePc3(account);
    writePc3Messages(account, SAMPLE_MESSAGES, 3);
    const preview = await previewContactFile(micromsg, { displayName: `${OWNER}/Msg/MicroMsg.db` });
    expect(preview.wechatDatabase).toEqual({ folder: `${OWNER}/Msg`, version: 'pc3', friends: 3, groups: 1, messageFiles: 3 });
    // Loose uploads of one drop: the message databases are counted among the drop's previews.
    const loose = { ...preview, wechatDatabase: { ...preview.wechatDatabase!, messageFiles: 0 } };
    const msg = { file: `${OWNER}/Msg/Multi/MSG0.db`, issues: [{ code: 'wechat-db-messages-only' }] };
    const elsewhere = { file: `other/Msg/Multi/MSG0.db`, issues: [{ code: 'wechat-db-messages-only' }] };
    countMessageFilesOfDrop([loose, msg, elsewhere]);
    expect(loose.wechatDatabase.messageFiles).toBe(1);
    const pc4 = join(root, 'pc4');
    const { contact } = writePc4(pc4);
    writePc4Messages(pc4);
    expect((await previewContactFile(contact)).wechatDatabase).toMatchObject({ version: 'pc4', friends: 3, groups: 1, messageFiles: 1 });
  });

  it('message files without a contact database beside them: chats keyed by wxid, no counts', async () => {
    const root = tempDir();
    const account = join(root, 'only-messages');
    writePc3Messages(join(root, 'scratch'));
    const files = writePc3Messages(account);
    const caseDir = join(root, 'case');
    const summary = await importMessages(caseDir, files);
    expect(summary.messages).toBe(SAMPLE_MESSAGES.length);
    expect(summary.wechatDatabases?.[0]).toMatchObject({ version: 'pc3', messageFiles: 2 });
    expect(summary.wechatDatabases?.[0]?.friends).toBeUndefined();
    expect(listChats(caseDir).map((c) => c.name).sort()).toEqual(['12345678901@chatroom', 'wxid_lina02', 'wxid_zhangwei01']);
  });

  it('an encrypted message database is answered plainly; other SQLite files in the folder are passed over', async () => {
    const root = tempDir();
    const account = join(root, OWNER);
    writePc4(account);
    writePc4Messages(account);
    writeFileSync(join(account, 'db_storage', 'message', 'message_1.db'), randomBytes(64 * 1024));
    writeFileSync(join(account, 'db_storage', 'message', 'media_0.db'), randomBytes(64 * 1024));
    const caseDir = join(root, 'case');
    const summary = await importMessages(caseDir, [join(account, 'db_storage')]);
    expect(summary.messages).toBe(SAMPLE_MESSAGES.length);
    expect(summary.files.filter((f) => f.error).map((f) => [f.file.split(/[\\/]/).pop(), f.errorCode])).toEqual([['message_1.db', 'wechat-db-encrypted']]);
  });
});

describe('a large database', () => {
  it('is read in steps that let the event loop run: a cancel asked for mid-file is heard', async () => {
    const root = tempDir();
    const account = join(root, OWNER);
    writePc3(account);
    writePc3Scale(account, { total: 20_000, files: 1, chats: 50 });
    const controller = new AbortController();
    let asked = false;
    const summary = await importMessages(join(root, 'case'), [account], {
      signal: controller.signal,
      // Asked for as a task of its own, the way a cancel request arrives.
      onProgress: () => {
        if (!asked) setImmediate(() => controller.abort());
        asked = true;
      },
    });
    expect(summary.aborted).toBe(true);
    expect(summary.messages).toBeLessThan(20_000);
  });
});

describe('packed values', () => {
  it('an LZ4 block that unpacks to far more than 8× its size, with the trailing NULs gone', () => {
    const text = `<msg>${'火锅'.repeat(20_000)}</msg>`;
    const block = lz4Block(text);
    expect(block.length * 8).toBeLessThan(Buffer.byteLength(text));
    expect(lz4Text(block)).toBe(text);
  });

  it('zstd frames told by their magic, whatever the column type; text as it is', () => {
    expect(contentText(new Uint8Array(Buffer.from('你好')))).toBe('你好');
    expect(contentText('plain')).toBe('plain');
    expect(contentText(null)).toBe('');
  });

  it('BytesExtra: the type 1 item wherever it stands, without a stray suffix', () => {
    expect(bytesExtraSender(bytesExtraItems(bytesExtra([{ type: 3, value: 'a\\b_t.dat' }, { type: 1, value: 'wxid_x:25319:1' }])))).toBe('wxid_x');
    expect(bytesExtraSender(bytesExtraItems(bytesExtra([{ type: 1, value: 'wxid_y' }])))).toBe('wxid_y');
    expect(bytesExtraSender(bytesExtraItems(bytesExtra([{ type: 3, value: 'thumb' }])))).toBeUndefined();
    expect(bytesExtraItems(new Uint8Array([0xff, 0xff, 0xff]))).toEqual([]);
  });

  it('packed_info_data md5 and RoomData members', () => {
    expect(packedPictureMd5(packedInfo('A1B2C3D4E5F60718293A4B5C6D7E8F90'))).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(packedPictureMd5(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(roomMembers(roomData({ wxid_a: '阿强' }))).toEqual(new Map([['wxid_a', '阿强']]));
  });
});

