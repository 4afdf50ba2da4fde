// Messages: import a MemoTrace per-chat CSV and a WhatsApp export, search 火锅 across chats, open
// the hit in its conversation, see the chat list, the yearly chart and a person's page, export a
// chat; in zh-CN and in English.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { memoTraceChatCsv, whatsAppChatTxt } from '../unit/messages-api/fixtures';
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test } from './fixtures';

async function createCaseAndOpenMessages(page: Page, url: string, words: { caseName: string; create: string; nav: string }) {
  await page.goto(url);
  await page.getByLabel(words.caseName).fill('张三');
  await page.getByRole('button', { name: words.create }).click();
  // A new case opens on its contacts; then go to the messages.
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await page.getByRole('link', { name: words.nav }).click();
  await expect(page.getByTestId('messages-empty')).toBeVisible();
}

/** A WhatsApp export folder: the chat, one picture it names, and one it names that is missing. */
async function whatsAppFolder(outputDir: string): Promise<string> {
  const dir = join(outputDir, 'Anna');
  mkdirSync(dir, { recursive: true });
  const chat = whatsAppChatTxt().replace(
    '16/03/2024, 09:10',
    '15/03/2024, 20:06 - Anna: IMG-20240315-WA0001.jpg (file attached)\n15/03/2024, 20:07 - Anna: IMG-20240315-WA0002.jpg (file attached)\n16/03/2024, 09:10',
  );
  writeFileSync(join(dir, 'WhatsApp Chat with Anna.txt'), chat);
  const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 230, g: 120, b: 40 } } }).jpeg().toBuffer();
  writeFileSync(join(dir, 'IMG-20240315-WA0001.jpg'), picture);
  return dir;
}

async function importBoth(page: Page, outputDir: string, run: string) {
  const csv = fixtureFile(outputDir, '张伟_utf8.csv', memoTraceChatCsv());
  const picker = page.getByTestId('messages-file-picker').locator('input[type=file]');
  await picker.first().setInputFiles([csv]);
  await expect(page.getByTestId('messages-chosen')).toContainText('张伟_utf8.csv');
  // The folder keeps its relative names, so the picture beside the chat is found.
  await picker.nth(1).setInputFiles(await whatsAppFolder(outputDir));
  await expect(page.getByTestId('messages-chosen')).toContainText('Anna/IMG-20240315-WA0001.jpg');
  await page.getByRole('button', { name: run, exact: true }).click();
  await expect(page.getByTestId('messages-import-result')).toBeVisible();
}

test('import, search 火锅, open the hit, chat list, chart, person, export', async ({ page, relink }, testInfo) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await createCaseAndOpenMessages(page, relink.url, { caseName: '新案例名称', create: '创建案例', nav: '聊天记录' });
  await expect(page.getByTestId('messages-empty')).toContainText('留痕 MemoTrace');
  await expect(page.getByTestId('messages-empty')).toContainText('Telegram');
  await expectAccessible(page, 'messages empty');
  await screenshot(page, 'zh-CN-messages-empty');

  await page.getByTestId('messages-empty').getByRole('button', { name: '导入聊天记录' }).click();
  await importBoth(page, testInfo.outputDir, '开始导入');
  const result = page.getByTestId('messages-import-result');
  await expect(result).toContainText('新增 13 条消息');
  const files = page.getByTestId('messages-file-result');
  await expect(files.filter({ hasText: '张伟_utf8.csv' })).toContainText('留痕 MemoTrace（CSV）');
  await expect(files.filter({ hasText: '张伟_utf8.csv' })).toContainText('新增 6 条');
  await expect(files.filter({ hasText: 'Anna/WhatsApp Chat with Anna.txt' })).toContainText('WhatsApp（TXT）');
  await expect(files.filter({ hasText: 'Anna/WhatsApp Chat with Anna.txt' })).toContainText('图片 1 张');
  await files.filter({ hasText: '张伟_utf8.csv' }).getByText('跳过 1 处').click();
  await expect(files.filter({ hasText: '张伟_utf8.csv' })).toContainText('第 8 行：只有 5 列，应有 12 列（这一行不完整或已损坏）');
  await expectAccessible(page, 'messages import result');
  await screenshot(page, 'zh-CN-messages-import-done');

  await page.getByRole('button', { name: /返回聊天列表/ }).click();
  const list = page.getByRole('list', { name: '聊天列表' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').first()).toContainText('Anna');
  await expect(list.getByRole('listitem').nth(1)).toContainText('张伟');
  await expect(list.getByRole('listitem').nth(1)).toContainText('6 条');
  const chart = page.getByRole('img', { name: /每年的消息数量柱状图：2022 年到 2024 年共 13 条/ });
  await expect(chart).toBeVisible();
  await expectAccessible(page, 'messages list');
  await screenshot(page, 'zh-CN-messages-list');

  await page.getByRole('searchbox', { name: '搜索全部聊天' }).fill('火锅');
  const hit = page.getByTestId('messages-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText('火锅');
  await expect(hit).toContainText('今晚一起吃火锅吗？');
  await expectAccessible(page, 'messages search');
  await screenshot(page, 'zh-CN-messages-search');

  await hit.click();
  const focused = page.getByTestId('focused-message');
  await expect(focused).toBeVisible();
  await expect(focused).toContainText('今晚一起吃火锅吗？');
  await expect(page.getByRole('list', { name: '与 张伟 的聊天记录' })).toContainText('你已添加了张伟');
  await expectAccessible(page, 'messages conversation');
  await screenshot(page, 'zh-CN-messages-conversation');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出为文本' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^张伟-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.txt$/);
  expect(readFileSync(await file.path(), 'utf8')).toContain('今晚一起吃火锅吗？');
  const htmlDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出为网页（HTML）' }).click();
  expect((await htmlDownload).suggestedFilename()).toMatch(/^张伟-.*\.html$/);

  await page.getByRole('button', { name: '查看 张伟 的聊天' }).click();
  await expect(page.getByTestId('messages-person')).toContainText('共发送 3 条消息');
  await expect(page.getByRole('row', { name: /张伟/ })).toContainText('6');
  await expectAccessible(page, 'messages person');
  await screenshot(page, 'zh-CN-messages-person');

  // Back twice: the conversation, then the search results as they were.
  await page.getByRole('button', { name: /返回/ }).click();
  await expect(page.getByTestId('focused-message')).toBeVisible();
  await page.getByRole('button', { name: /返回/ }).click();
  await expect(page.getByTestId('messages-hit')).toHaveCount(1);

  // Search without spaces across both chats, narrowed by sender.
  await page.getByRole('searchbox', { name: '搜索全部聊天' }).fill('生日快乐');
  await expect(page.getByTestId('messages-hit')).toHaveCount(2);
  await page.getByLabel('发送人').selectOption({ label: 'Anna' });
  await expect(page.getByTestId('messages-hit')).toHaveCount(1);
  await expect(page.getByTestId('messages-hit')).toContainText('Anna');

  expectOnlyLocalRequests(relink);
});

test.describe('in English', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('import, list, search and conversation', async ({ page, relink }, testInfo) => {
    await page.setViewportSize({ width: 1360, height: 900 });
    await createCaseAndOpenMessages(page, relink.url, { caseName: 'New case name', create: 'Create case', nav: 'Messages' });
    await screenshot(page, 'en-messages-empty');
    await page.getByTestId('messages-empty').getByRole('button', { name: 'Import chats' }).click();
    await importBoth(page, testInfo.outputDir, 'Import');
    await expect(page.getByTestId('messages-import-result')).toContainText('13 new messages');
    const csvResult = page.getByTestId('messages-file-result').filter({ hasText: '张伟_utf8.csv' });
    await csvResult.getByText('1 skipped').click();
    await expect(csvResult).toContainText('Line 8: 5 of 12 columns (cut-off or damaged row)');
    await screenshot(page, 'en-messages-import-done');
    await page.getByRole('button', { name: /Back to chats/ }).click();
    await expect(page.getByRole('img', { name: /Bar chart of messages per year: 13 messages from 2022 to 2024/ })).toBeVisible();
    await expectAccessible(page, 'messages list (en)');
    await screenshot(page, 'en-messages-list');

    await page.getByRole('searchbox', { name: 'Search all chats' }).fill('candles');
    await expect(page.getByTestId('messages-hit').locator('mark')).toHaveText('candles');
    await screenshot(page, 'en-messages-search');
    await page.getByTestId('messages-hit').click();
    await expect(page.getByTestId('focused-message')).toContainText("I'll bring the birthday cake");
    // The stored picture shows as a thumbnail from the photo archive; the missing one by its name.
    const thumb = page.getByRole('img', { name: 'IMG-20240315-WA0001.jpg' });
    await expect(thumb).toBeVisible();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByText('Picture: IMG-20240315-WA0002.jpg')).toBeVisible();
    await expectAccessible(page, 'messages conversation (en)');
    await screenshot(page, 'en-messages-conversation');
    expectOnlyLocalRequests(relink);
  });
});

/** An iOS export whose dates read either way (all days ≤ 12): the import says how it read them. */
const ambiguousIosChat = (): string =>
  ['[03/11/2023, 9:15:02 PM] Ben: \u200eMessages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.', '[03/11/2023, 9:16:40 PM] Ben: See you tomorrow', '[04/11/2023, 8:02:11 AM] Ben: On my way', ''].join('\r\n');

for (const [lang, words] of [
  ['zh_CN.UTF-8', { prefix: 'zh-CN', caseName: '新案例名称', create: '创建案例', nav: '聊天记录', open: '导入聊天记录', run: '开始导入', note: '无法从文件本身判断日期是“日/月”还是“月/日”，已按“月/日”读取（“03/11/2023, 9:15:02 PM”读作 2023-03-11）' }],
  ['en_US.UTF-8', { prefix: 'en', caseName: 'New case name', create: 'Create case', nav: 'Messages', open: 'Import chats', run: 'Import', note: 'dates were read month first ("03/11/2023, 9:15:02 PM" as 2023-03-11)' }],
] as const) {
  test.describe(`date order note (${words.prefix})`, () => {
    test.use({ systemLang: lang });
    test('an export whose day/month order is a guess says so in the summary', async ({ page, relink }, testInfo) => {
      await page.setViewportSize({ width: 1360, height: 900 });
      await createCaseAndOpenMessages(page, relink.url, { caseName: words.caseName, create: words.create, nav: words.nav });
      await page.getByTestId('messages-empty').getByRole('button', { name: words.open }).click();
      const file = fixtureFile(testInfo.outputDir, 'WhatsApp Chat - Ben.txt', ambiguousIosChat());
      await page.getByTestId('messages-file-picker').locator('input[type=file]').first().setInputFiles([file]);
      await page.getByRole('button', { name: words.run, exact: true }).click();
      await expect(page.getByTestId('messages-file-note')).toContainText(words.note);
      await expectAccessible(page, `messages import note (${words.prefix})`);
      await screenshot(page, `${words.prefix}-messages-import-note`);
    });
  });
}

/** A MemoTrace chat of 130 messages that mention github (in several spellings) and 20 that don't. */
function manyLinksCsv(): string {
  const header = 'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender';
  const start = Date.UTC(2024, 0, 1) / 1000;
  const spellings = ['看看 github.com/relink', 'GitHub 上的项目', '链接githubusercontent', 'ＧｉｔＨｕｂ 全角'];
  const rows = Array.from({ length: 150 }, (_, i) => {
    const t = start + i * 3600;
    const text = i < 130 ? `${spellings[i % spellings.length]} #${i + 1}` : `今天吃什么 #${i + 1}`;
    const time = new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19);
    return [i + 1, 1, 1, 0, i % 2, t, '', text, time, i % 2 ? '' : '老李', i % 2 ? '我' : '老李', i % 2 ? 'wxid_me' : 'wxid_li'].join(',');
  });
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}

async function importLinks(page: Page, outputDir: string, run: string) {
  const csv = fixtureFile(join(outputDir, '老李(wxid_li)'), '老李_utf8.csv', manyLinksCsv());
  await page.getByTestId('messages-file-picker').locator('input[type=file]').first().setInputFiles([csv]);
  await page.getByRole('button', { name: run, exact: true }).click();
  await expect(page.getByTestId('messages-import-result')).toBeVisible();
}

test('search inside words shows the true count and pages through it', async ({ page, relink }, testInfo) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await createCaseAndOpenMessages(page, relink.url, { caseName: '新案例名称', create: '创建案例', nav: '聊天记录' });
  await page.getByTestId('messages-empty').getByRole('button', { name: '导入聊天记录' }).click();
  await importLinks(page, testInfo.outputDir, '开始导入');
  await page.getByRole('button', { name: /返回聊天列表/ }).click();
  await page.getByRole('searchbox', { name: '搜索全部聊天' }).fill('ithub');
  const count = page.getByTestId('messages-search-count');
  await expect(count).toHaveText('找到 130 条，显示第 1–50 条');
  await expect(page.getByTestId('messages-hit')).toHaveCount(50);
  await expect(page.getByTestId('messages-hit').first()).toContainText('#130');
  await expect(page.getByTestId('messages-hit').first().locator('mark')).toHaveText(/ithub/i);
  const pages = page.getByRole('navigation', { name: '翻页' });
  await expect(pages.getByRole('button', { name: '上一页' })).toBeDisabled();
  await pages.getByRole('button', { name: '下一页' }).click();
  await expect(count).toHaveText('找到 130 条，显示第 51–100 条');
  await expect(page.getByTestId('messages-hit').first()).toContainText('#80');
  await expectAccessible(page, 'messages search pages');
  await screenshot(page, 'zh-CN-messages-search-pages');
  // Open a hit and come back: still on the second page.
  await page.getByTestId('messages-hit').first().click();
  await expect(page.getByTestId('focused-message')).toContainText('#80');
  await page.getByRole('button', { name: /返回/ }).click();
  await expect(count).toHaveText('找到 130 条，显示第 51–100 条');
  await pages.getByRole('button', { name: '下一页' }).click();
  await expect(count).toHaveText('找到 130 条，显示第 101–130 条');
  await expect(page.getByTestId('messages-hit')).toHaveCount(30);
  await expect(pages.getByRole('button', { name: '下一页' })).toBeDisabled();
  // Another query starts again from the newest hit; a few hits need no pages.
  await page.getByRole('searchbox', { name: '搜索全部聊天' }).fill('什么');
  await expect(count).toHaveText('找到 20 条');
  await expect(pages).toHaveCount(0);
  expectOnlyLocalRequests(relink);
});

test.describe('paging in English', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('true count and pages', async ({ page, relink }, testInfo) => {
    await page.setViewportSize({ width: 1360, height: 900 });
    await createCaseAndOpenMessages(page, relink.url, { caseName: 'New case name', create: 'Create case', nav: 'Messages' });
    await page.getByTestId('messages-empty').getByRole('button', { name: 'Import chats' }).click();
    await importLinks(page, testInfo.outputDir, 'Import');
    await page.getByRole('button', { name: /Back to chats/ }).click();
    await page.getByRole('searchbox', { name: 'Search all chats' }).fill('GITHUB');
    const count = page.getByTestId('messages-search-count');
    await expect(count).toHaveText('1–50 of 130');
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await pages.getByRole('button', { name: 'Next' }).click();
    await expect(count).toHaveText('51–100 of 130');
    await pages.getByRole('button', { name: 'Next' }).click();
    await expect(count).toHaveText('101–130 of 130');
    await pages.getByRole('button', { name: 'Previous' }).click();
    await expect(count).toHaveText('51–100 of 130');
    await expectAccessible(page, 'messages search pages (en)');
    await screenshot(page, 'en-messages-search-pages');
    expectOnlyLocalRequests(relink);
  });
});
