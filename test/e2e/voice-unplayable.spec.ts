// A WeChat voice that cannot be decoded (its SILK cut short after the head, as a half-copied
// database leaves it): pressing play says so in the reader's language, and the original still
// downloads; zh-CN and en.
import { join } from 'node:path';
import { OWNER, SAMPLE_MESSAGES, writePc4, writePc4Messages, writePc4Voices } from '../unit/import/wechat-db/generate';
import { expect, expectAccessible, screenshot, test } from './fixtures';

/** WeChat's SILK head and two bytes of a frame that never comes. */
const CUT = Buffer.from('\x02#!SILK_V3\x30\x00\x01\x02', 'latin1');

const WORDS = [
  ['zh_CN.UTF-8', { lang: 'zh-CN', chatList: '聊天列表', caseName: '新案例名称', create: '创建案例', nav: '聊天记录', importChats: '导入聊天记录', runImport: '开始导入', back: /返回聊天列表/, unplayable: /这条语音无法播放.*仍可下载原文件/ }],
  ['en_US.UTF-8', { lang: 'en', chatList: 'Chats', caseName: 'New case name', create: 'Create case', nav: 'Messages', importChats: 'Import chats', runImport: 'Import', back: /Back to chats/, unplayable: /cannot be played.*still download the original/ }],
] as const;

for (const [systemLang, w] of WORDS) {
  test.describe(w.lang, () => {
    test.use({ systemLang });
    test('a damaged voice says it cannot be played and still downloads', async ({ page, relink }, testInfo) => {
      const account = join(testInfo.outputDir, `${OWNER}_a1b2`);
      writePc4(account);
      writePc4Messages(account);
      writePc4Voices(account, SAMPLE_MESSAGES, { audio: CUT });
      await page.goto(relink.url);
      await page.getByLabel(w.caseName).fill('王五');
      await page.getByRole('button', { name: w.create }).click();
      await expect(page.getByTestId('contacts-empty')).toBeVisible();
      await page.getByRole('link', { name: w.nav }).click();
      await page.getByTestId('messages-empty').getByRole('button', { name: w.importChats }).click();
      await page.getByTestId('messages-file-picker').locator('input[type=file]').nth(1).setInputFiles(account);
      await page.getByRole('button', { name: w.runImport, exact: true }).click();
      await expect(page.getByTestId('messages-import-result')).toBeVisible();
      await page.getByRole('button', { name: w.back }).click();
      await page.getByRole('list', { name: w.chatList }).getByRole('listitem').filter({ hasText: '张伟（大学）', hasNotText: '大学同学群' }).click();

      const audio = page.locator('audio.msg-audio');
      await audio.scrollIntoViewIfNeeded();
      await audio.evaluate((a: HTMLAudioElement) => a.play().catch(() => undefined));
      await expect(page.getByTestId('message-voice-unplayable')).toHaveText(w.unplayable);
      await expect(audio).toHaveCount(0);
      await expect(page.getByTestId('message-media-voice')).toBeVisible();
      await expectAccessible(page, 'a voice that cannot be played');
      await screenshot(page, `${w.lang}-voice-unplayable`);
    });
  });
}
