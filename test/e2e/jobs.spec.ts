// Long jobs show how far they are, the time left, and can be cancelled (issue 16.5): a contact
// import (400k cards, 36 MB: read on the parse thread, electron/import/parse-thread.ts), a chat import (400k messages), a photo import (600 camera-size
// pictures) and a chat export (250k messages). The inputs are large enough that each job runs for
// seconds on any machine; the test
// waits for the time left to be shown, then cancels, and checks the job stopped and said so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { put } from '../unit/photos/fixtures';
import { expect, expectAccessible, fixtureFile, screenshot, test } from './fixtures';

async function newCase(page: Page, url: string, lang: 'zh-CN' | 'en') {
  await page.goto(url);
  await page.getByLabel(lang === 'zh-CN' ? '新案例名称' : 'New case name').fill(lang === 'zh-CN' ? '张三' : 'Sam');
  await page.getByRole('button', { name: lang === 'zh-CN' ? '创建案例' : 'Create case' }).click();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
}

/** A WhatsApp chat export of `count` messages between Anna and Sam. */
function whatsAppChat(count: number): string {
  const words = ['hello', 'dinner at 7?', 'ok', 'see you tomorrow', '火锅 tonight', 'sent the photos', 'thanks!'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const minute = i % (60 * 24 * 365);
    const d = new Date(Date.UTC(2022, 0, 1) + minute * 60_000);
    const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    lines.push(`${date}, ${time} - ${i % 2 ? 'Anna' : 'Sam'}: ${words[i % words.length]} ${i}`);
  }
  return lines.join('\n') + '\n';
}

/** Imports a whole chat of `count` messages and opens it. */
async function openBigChat(page: Page, outputDir: string, count: number, lang: 'zh-CN' | 'en') {
  const txt = fixtureFile(outputDir, 'WhatsApp Chat with Anna.txt', whatsAppChat(count));
  await page.getByRole('link', { name: lang === 'zh-CN' ? '聊天记录' : 'Messages' }).click();
  await page.getByTestId('messages-empty').getByRole('button', { name: lang === 'zh-CN' ? '导入聊天记录' : 'Import chats' }).click();
  await page.getByTestId('messages-file-picker').locator('input[type=file]').first().setInputFiles([txt]);
  await page.getByRole('button', { name: lang === 'zh-CN' ? '开始导入' : 'Import', exact: true }).click();
  await expect(page.getByTestId('messages-import-result')).toBeVisible({ timeout: 240_000 });
  await page.getByRole('button', { name: lang === 'zh-CN' ? /返回聊天列表/ : /Back to chats/ }).click();
  await page.getByRole('list', { name: lang === 'zh-CN' ? '聊天列表' : 'Chats' }).getByRole('listitem').first().click();
}

/**
 * A chat export is quicker than an import of the same chat (a few seconds on a quiet machine), so it
 * is cancelled the moment its time left shows; the screenshot (slow) and the accessibility check
 * come after, on the cancelling bar and then the cancelled screen.
 */
async function seeTimeLeftThenCancelAtOnce(page: Page, shot: string, cancelled: string) {
  const eta = page.getByTestId('job-eta');
  await expect(eta).toHaveAttribute('data-eta-seconds', /^\d+$/, { timeout: 60_000 });
  await expect(eta).toHaveText(/预计还需 \d+ (秒|分钟)|About \d+ (s|min) left/);
  await page.getByTestId('job-cancel').click();
  await screenshot(page, shot);
  await expect(page.getByTestId('job-cancel')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(cancelled)).toBeVisible();
  await expectAccessible(page, shot);
}

/** Waits for a progress bar that shows a time left in seconds, takes a screenshot, cancels; the screen then says `cancelled`. */
async function seeTimeLeftThenCancel(page: Page, shot: string, cancelled: string) {
  const eta = page.getByTestId('job-eta');
  await expect(eta).toHaveAttribute('data-eta-seconds', /^\d+$/, { timeout: 60_000 });
  await expect(eta).toHaveText(/预计还需 \d+ (秒|分钟)|About \d+ (s|min) left/);
  await expect(page.getByRole('status').locator('progress')).toHaveAttribute('value', /^\d+$/);
  await screenshot(page, shot);
  await expectAccessible(page, shot);
  await page.getByTestId('job-cancel').click();
  await expect(page.getByTestId('job-cancel')).toBeHidden({ timeout: 30_000 });
  await expect(page.getByText(cancelled)).toBeVisible();
}

test('contact import: progress, time left and cancel (zh-CN)', async ({ page, relink }, testInfo) => {
  test.setTimeout(180_000);
  // Read on the parse thread, 400k of these take seconds even on a quiet machine (200k: ~3 s).
  const cards = Array.from(
    { length: 400_000 },
    (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:联系人 ${i}\r\nTEL;TYPE=CELL:+86 139 ${String(i).padStart(8, '0')}\r\nEND:VCARD\r\n`,
  ).join('');
  const vcf = fixtureFile(testInfo.outputDir, '大通讯录.vcf', cards);
  await newCase(page, relink.url, 'zh-CN');
  await page.getByTestId('contacts-empty').getByRole('button', { name: '导入联系人' }).click();
  await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([vcf]);
  await expect(page.getByTestId('file-preview')).toHaveCount(1);
  await page.getByRole('button', { name: '开始导入', exact: true }).click();
  await seeTimeLeftThenCancel(page, 'zh-CN-job-contacts-progress', '已取消，没有任何更改。');
  await screenshot(page, 'zh-CN-job-contacts-cancelled');
  // A cancelled contact import changes nothing.
  await expect(page.getByTestId('import-result')).toHaveCount(0);
});

test.describe('in English', () => {
  test.use({ systemLang: 'en_US.UTF-8' });

  test('message import: progress, time left and cancel', async ({ page, relink }, testInfo) => {
    test.setTimeout(180_000);
    const txt = fixtureFile(testInfo.outputDir, 'WhatsApp Chat with Anna.txt', whatsAppChat(400_000));
    await newCase(page, relink.url, 'en');
    await page.getByRole('link', { name: 'Messages' }).click();
    await page.getByTestId('messages-empty').getByRole('button', { name: 'Import chats' }).click();
    await page.getByTestId('messages-file-picker').locator('input[type=file]').first().setInputFiles([txt]);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await seeTimeLeftThenCancel(page, 'en-job-messages-progress', 'Cancelled. Messages read before cancelling are kept');
    await expect(page.getByTestId('messages-import-result')).toContainText('new messages');
    await screenshot(page, 'en-job-messages-cancelled');
  });

  test('photo import: progress, time left and cancel', async ({ page, relink }, testInfo) => {
    test.setTimeout(240_000);
    const root = join(testInfo.outputDir, 'Phone');
    const width = 1600;
    const height = 1200;
    const pixels = Buffer.alloc(width * height * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 27;
    const base = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
    for (let i = 0; i < 600; i++) {
      const text = Buffer.from(`picture-${i}`);
      const com = Buffer.from([0xff, 0xfe, 0, text.length + 2]);
      put(join(root, 'DCIM', 'Camera', `IMG_${String(i).padStart(4, '0')}.jpg`), Buffer.concat([base.subarray(0, 2), com, text, base.subarray(2)]));
    }
    await newCase(page, relink.url, 'en');
    await page.getByRole('link', { name: 'Photos' }).click();
    await page.getByTestId('photos-empty').getByRole('button', { name: 'Import photos' }).click();
    await page.getByTestId('photos-file-picker').locator('input[type=file]').nth(1).setInputFiles(root);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await seeTimeLeftThenCancel(page, 'en-job-photos-progress', 'Cancelled. Pictures imported so far are kept');
    await screenshot(page, 'en-job-photos-cancelled');
  });

  test('chat export: progress, time left and cancel, then a whole file', async ({ page, relink }, testInfo) => {
    test.setTimeout(420_000);
    await newCase(page, relink.url, 'en');
    await openBigChat(page, testInfo.outputDir, 250_000, 'en');
    await page.getByRole('button', { name: 'Export as web page (HTML)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Exporting the chat…' })).toContainText(/of 250,000 messages written/);
    await seeTimeLeftThenCancelAtOnce(page, 'en-job-chat-export-progress', 'Export cancelled; no file was made.');
    await screenshot(page, 'en-job-chat-export-cancelled');
    // Started again and left to finish, the download is the whole chat.
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Export as text' }).click();
    const text = readFileSync(await (await download).path(), 'utf8');
    expect(text).toContain('Sam: hello 0\n');
    expect(text).toContain('Anna: dinner at 7? 249999\n');
    await expect(page.getByText(/is ready; see your browser’s downloads/)).toBeVisible();
  });
});

test('chat export: progress, time left and cancel (zh-CN)', async ({ page, relink }, testInfo) => {
  test.setTimeout(420_000);
  await newCase(page, relink.url, 'zh-CN');
  await openBigChat(page, testInfo.outputDir, 250_000, 'zh-CN');
  await page.getByRole('button', { name: '导出为网页（HTML）' }).click();
  await expect(page.getByRole('status').filter({ hasText: '正在导出聊天记录…' })).toContainText(/已写入 [\d,]+ \/ 250,000 条消息/);
  await seeTimeLeftThenCancelAtOnce(page, 'zh-CN-job-chat-export-progress', '导出已取消，没有生成文件。');
  await screenshot(page, 'zh-CN-job-chat-export-cancelled');
});
