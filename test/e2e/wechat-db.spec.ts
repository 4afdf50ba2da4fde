// A generated WeChat 4.x db_storage folder (contact.db, message_0.db, session.db, media_0.db,
// decrypted as the tools leave them) dropped on Contacts, and its account folder on Messages with
// the picture key the user noted: the preview says what it is, the friends are in the contact list
// and the chats, with their senders, quotes, voice, pats, recalls and the V2 picture, in Messages;
// zh-CN and en.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encode } from 'silk-wasm';
import { OWNER, pc4FilePath, pc4PicturePath, pc4VideoPath, SAMPLE_MESSAGES, writePc4, writePc4Messages, writePc4Voices } from '../unit/import/wechat-db/generate';
import { makeJpeg, makeVDat } from '../unit/photos/fixtures';
import { expect, expectAccessible, expectOnlyLocalRequests, screenshot, test } from './fixtures';

/** The key a user noted for the account's WeChat 4 V2 pictures. */
const IMAGE_KEY = 'a1b2c3d4e5f6a7b8';

/** An account folder: db_storage (with the voice database) and the V2 picture under msg/attach. */
async function account(outputDir: string): Promise<string> {
  const folder = join(outputDir, `${OWNER}_a1b2`);
  writePc4(folder);
  writePc4Messages(folder);
  writePc4Voices(folder, SAMPLE_MESSAGES, { audio: await voiceSilk() });
  const picture = join(folder, pc4PicturePath(SAMPLE_MESSAGES.find((m) => m.kind === 'image')!));
  mkdirSync(dirname(picture), { recursive: true });
  writeFileSync(picture, makeVDat(await makeJpeg(5, undefined, 320), { aesLen: 1024, xorLen: 64, xorKey: 0x33, version: 2, aesKey: IMAGE_KEY }));
  for (const [path, bytes] of [[pc4VideoPath(VIDEO), VIDEO_BYTES], [pc4FilePath(FILE), FILE_BYTES]] as const) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  }
  return folder;
}

/** The friend's 3-second voice as WeChat stores it: a 440 Hz tone as 0x02-led SILK from silk-wasm's encoder. */
let silk: Uint8Array | undefined;
async function voiceSilk(): Promise<Uint8Array> {
  const tone = new Int16Array(72_000).map((_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24_000)));
  return (silk ??= (await encode(tone, 24_000)).data);
}

const VIDEO = SAMPLE_MESSAGES.find((m) => m.kind === 'video')!;
const FILE = SAMPLE_MESSAGES.find((m) => m.kind === 'file')!;
/** Stand-ins for the video and the spreadsheet the account folder keeps (their bytes are what matters). */
const VIDEO_BYTES = Buffer.alloc(8192, 7);
const FILE_BYTES = Buffer.from('PK\x03\x04 照片清单'.repeat(40));

/** Clicks a download link and returns the file's suggested name and bytes. */
async function download(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

interface Words {
  lang: 'zh-CN' | 'en';
  caseName: string;
  create: string;
  importContacts: string;
  runImport: string;
  recognized: string;
  nav: string;
  importChats: string;
  imported: RegExp;
  chatList: string;
  groupSender: string;
  keyLabel: string;
  friendChat: string;
  voice: string;
  voiceFile: RegExp;
  voiceLabel: RegExp;
  fileLink: string;
}

const WORDS: [string, Words][] = [
  ['zh_CN.UTF-8', {
    lang: 'zh-CN', caseName: '新案例名称', create: '创建案例', importContacts: '导入联系人', runImport: '开始导入',
    recognized: '微信 4.x 数据库：3 位好友，1 个群，1 个消息文件', nav: '聊天记录', importChats: '导入聊天记录',
    imported: /新增 20 条消息/, chatList: '聊天列表', groupSender: '群友小李',
    keyLabel: '微信 4.x 图片密钥（可选）', friendChat: '张伟（大学）', voice: '[语音]',
    voiceFile: /^语音-\d{4}-\d{2}-\d{2}-\d{4}\.silk$/, voiceLabel: /^语音（[\d.]+ KB）$/, fileLink: '下载 照片清单.xlsx',
  }],
  ['en_US.UTF-8', {
    lang: 'en', caseName: 'New case name', create: 'Create case', importContacts: 'Import contacts', runImport: 'Import',
    recognized: 'WeChat 4.x database: 3 friends, 1 group, 1 message file', nav: 'Messages', importChats: 'Import chats',
    imported: /20 new messages/, chatList: 'Chats', groupSender: '群友小李',
    keyLabel: 'WeChat 4.x picture key (optional)', friendChat: '张伟（大学）', voice: '[Voice message]',
    voiceFile: /^voice-\d{4}-\d{2}-\d{2}-\d{4}\.silk$/, voiceLabel: /^Voice message \([\d.]+ KB\)$/, fileLink: 'Download 照片清单.xlsx',
  }],
];

async function dropFolder(page: Page, pickerTestId: string, folder: string): Promise<void> {
  // The second input of the picker takes a whole folder (webkitdirectory), as a drop does.
  await page.getByTestId(pickerTestId).locator('input[type=file]').nth(1).setInputFiles(folder);
}

for (const [systemLang, w] of WORDS) {
  test.describe(w.lang, () => {
    test.use({ systemLang });
    test('a dropped 4.x db_storage folder: friends in Contacts, chats in Messages', async ({ page, relink }, testInfo) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      const accountFolder = await account(testInfo.outputDir);
      const folder = join(accountFolder, 'db_storage');
      await page.goto(relink.url);
      await page.getByLabel(w.caseName).fill('王五');
      await page.getByRole('button', { name: w.create }).click();
      await page.getByTestId('contacts-empty').getByRole('button', { name: w.importContacts }).click();
      await dropFolder(page, 'contacts-file-picker', folder);
      await expect(page.getByTestId('file-preview')).toHaveCount(4);
      await expect(page.getByTestId('contacts-wechat-db')).toHaveText(w.recognized);
      await expectAccessible(page, 'contacts preview of a WeChat database folder');
      await screenshot(page, `${w.lang}-wechat-db-contacts-preview`);
      await page.getByRole('button', { name: w.runImport, exact: true }).click();
      await expect(page.getByTestId('import-result')).toBeVisible();
      await page.getByRole('button', { name: /返回列表|Back to the list/ }).click();
      const contacts = page.getByRole('list', { name: w.lang === 'zh-CN' ? '联系人' : 'Contacts' });
      for (const name of ['张伟（大学）', '娜娜', '王芳']) await expect(contacts.getByRole('button', { name: new RegExp(name) })).toBeVisible();
      // Friends only: not the group member who is no friend, nor the official account.
      await expect(contacts.getByRole('listitem')).toHaveCount(3);
      await screenshot(page, `${w.lang}-wechat-db-contacts`);

      await page.getByRole('link', { name: w.nav }).click();
      await page.getByTestId('messages-empty').getByRole('button', { name: w.importChats }).click();
      // The whole account folder: its pictures are beside db_storage. The V2 picture needs the key the user noted.
      await dropFolder(page, 'messages-file-picker', accountFolder);
      await page.getByLabel(w.keyLabel).fill(IMAGE_KEY);
      await expectAccessible(page, 'messages import with the picture key field');
      await screenshot(page, `${w.lang}-wechat-db-messages-key`);
      await page.getByRole('button', { name: w.runImport, exact: true }).click();
      const result = page.getByTestId('messages-import-result');
      await expect(result).toContainText(w.imported);
      await expect(page.getByTestId('messages-wechat-db')).toContainText(w.recognized);
      await expectAccessible(page, 'messages import of a WeChat database folder');
      await screenshot(page, `${w.lang}-wechat-db-messages-import`);

      await page.getByRole('button', { name: w.lang === 'zh-CN' ? /返回聊天列表/ : /Back to chats/ }).click();
      const list = page.getByRole('list', { name: w.chatList });
      await expect(list.getByRole('listitem')).toHaveCount(3);
      await list.getByRole('listitem').filter({ hasText: '大学同学群' }).click();
      await expect(page.getByText(w.groupSender).first()).toBeVisible();
      await expect(page.getByText('欢迎欢迎')).toBeVisible();
      // The group's video plays in place, loaded only when played; its URL serves the stored bytes.
      const player = page.locator('video.msg-video');
      await player.scrollIntoViewIfNeeded();
      await expect(player).toHaveAttribute('preload', 'none');
      const served = await player.evaluate(async (v: HTMLVideoElement) => {
        const res = await fetch(v.src, { headers: { Range: 'bytes=0-99' } });
        return { status: res.status, type: res.headers.get('content-type'), length: (await res.arrayBuffer()).byteLength };
      });
      expect(served).toEqual({ status: 206, type: 'video/mp4', length: 100 });
      await screenshot(page, `${w.lang}-wechat-db-group`);

      // The friend's chat: the V2 picture opened with the key, the quote, the voice kept with its
      // length, the pat and the recall notice centred as no one's.
      await page.getByRole('button', { name: w.lang === 'zh-CN' ? /返回聊天列表/ : /Back to chats/ }).click();
      await list.getByRole('listitem').filter({ hasText: w.friendChat, hasNotText: '大学同学群' }).click();
      await expect(page.locator('img.msg-picture')).toHaveCount(1);
      await expect(page.locator('.msg-reply')).toContainText('周末一起吃火锅吗？');
      await expect(page.getByText(w.voice)).toBeVisible();
      await expect(page.getByText('3″')).toBeVisible();
      // The voice plays in place: nothing loads before play; its src is the SILK decoded to a WAV
      // Chromium reads as 3 s of audio. The original .silk still downloads.
      const audio = page.locator('audio.msg-audio');
      await expect(audio).toHaveAttribute('preload', 'none');
      await expect(audio).toHaveAccessibleName(w.voiceLabel);
      const played = await audio.evaluate(async (a: HTMLAudioElement) => {
        const res = await fetch(a.src);
        const head = new Uint8Array(await res.arrayBuffer()).subarray(0, 4);
        a.preload = 'metadata';
        a.load();
        await new Promise((resolve, reject) => ((a.onloadedmetadata = resolve), (a.onerror = reject)));
        return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...head), seconds: Math.round(a.duration) };
      });
      expect(played).toEqual({ status: 200, type: 'audio/wav', head: 'RIFF', seconds: 3 });
      await expect(page.getByTestId('message-voice-unplayable')).toHaveCount(0);
      const voice = await download(page, 'message-media-voice');
      expect(voice.name).toMatch(w.voiceFile);
      expect(voice.bytes.equals(Buffer.from(await voiceSilk()))).toBe(true);
      await expect(page.locator('.msg-system').filter({ hasText: '"伟哥" 拍了拍我' })).toBeVisible();
      await expect(page.locator('.msg-system').filter({ hasText: '"伟哥" 撤回了一条消息' })).toBeVisible();
      await expectAccessible(page, 'a WeChat database chat with quote, voice, pat and recall');
      await screenshot(page, `${w.lang}-wechat-db-friend`);

      // The sister's chat: the spreadsheet she sent downloads under its own name.
      await page.getByRole('button', { name: w.lang === 'zh-CN' ? /返回聊天列表/ : /Back to chats/ }).click();
      await list.getByRole('listitem').filter({ hasText: '娜娜' }).click();
      await expect(page.getByTestId('message-media-file')).toContainText(w.fileLink);
      const file = await download(page, 'message-media-file');
      expect([file.name, file.bytes.equals(FILE_BYTES)]).toEqual(['照片清单.xlsx', true]);
      await expectAccessible(page, 'a chat with a file to download');
      await screenshot(page, `${w.lang}-wechat-db-file`);
      expectOnlyLocalRequests(relink);
    });
  });
}
