// A generated WeChat 4.x db_storage folder (contact.db, message_0.db, session.db, decrypted as the
// tools leave them) dropped on Contacts and on Messages: the preview says what it is, the friends
// are in the contact list and the chats, with their senders and quotes, in Messages; zh-CN and en.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { OWNER, writePc4, writePc4Messages } from '../unit/import/wechat-db/generate';
import { expect, expectAccessible, expectOnlyLocalRequests, screenshot, test } from './fixtures';

function dbStorage(outputDir: string): string {
  const account = join(outputDir, `${OWNER}_a1b2`);
  writePc4(account);
  writePc4Messages(account);
  return join(account, 'db_storage');
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
}

const WORDS: [string, Words][] = [
  ['zh_CN.UTF-8', {
    lang: 'zh-CN', caseName: '新案例名称', create: '创建案例', importContacts: '导入联系人', runImport: '开始导入',
    recognized: '微信 4.x 数据库：3 位好友，1 个群，1 个消息文件', nav: '聊天记录', importChats: '导入聊天记录',
    imported: /新增 20 条消息/, chatList: '聊天列表', groupSender: '群友小李',
  }],
  ['en_US.UTF-8', {
    lang: 'en', caseName: 'New case name', create: 'Create case', importContacts: 'Import contacts', runImport: 'Import',
    recognized: 'WeChat 4.x database: 3 friends, 1 group, 1 message file', nav: 'Messages', importChats: 'Import chats',
    imported: /20 new messages/, chatList: 'Chats', groupSender: '群友小李',
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
      const folder = dbStorage(testInfo.outputDir);
      await page.goto(relink.url);
      await page.getByLabel(w.caseName).fill('王五');
      await page.getByRole('button', { name: w.create }).click();
      await page.getByTestId('contacts-empty').getByRole('button', { name: w.importContacts }).click();
      await dropFolder(page, 'contacts-file-picker', folder);
      await expect(page.getByTestId('file-preview')).toHaveCount(3);
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
      await dropFolder(page, 'messages-file-picker', folder);
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
      await screenshot(page, `${w.lang}-wechat-db-group`);
      expectOnlyLocalRequests(relink);
    });
  });
}
