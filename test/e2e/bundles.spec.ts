// A helper moves a case: export it with a passphrase, delete it, import the bundle (the passphrase
// asked for, a wrong one refused), and every contact, re-add status, chat and picture is back.
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, expectOnlyLocalRequests, screenshot, test, type RelinkServer } from './fixtures';
import type { APIRequestContext } from '@playwright/test';
import { makeJpeg } from '../unit/photos/fixtures';
import { en, like, zh } from './words';

function api(request: APIRequestContext, relink: RelinkServer) {
  const headers = { 'x-relink-token': relink.token };
  return {
    call: async (method: string, args: unknown) => {
      const res = await request.post(`${relink.origin}/api/call/${method}`, { data: args, headers });
      const body = (await res.json()) as { result?: unknown; error?: unknown };
      if (!('result' in body)) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.result as Record<string, unknown>;
    },
    upload: async (name: string, bytes: string | Buffer) => {
      const res = await request.post(`${relink.origin}/api/upload?name=${encodeURIComponent(name)}`, { data: bytes, headers });
      return ((await res.json()) as { result: unknown }).result;
    },
  };
}

test('export a case with a passphrase, delete it, import the bundle: everything is back', async ({ page, relink, request }, testInfo) => {
  test.setTimeout(90_000); // scrypt at age's default cost, twice
  const { call, upload } = api(request, relink);
  const { id: caseId } = (await call('cases.create', { name: '王五' })) as { id: string };
  await call('contacts.import', {
    caseId,
    files: [{ file: await upload('通讯录.vcf', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:13800138000\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nTEL:13900139000\r\nEND:VCARD\r\n') }],
  });
  await call('messages.import', { caseId, files: [await upload('WhatsApp Chat with 张伟.txt', '12/02/2024, 09:15 - 张伟: 火锅见\n12/02/2024, 09:16 - 王五: 好\n')] });
  await call('photos.import', { caseId, files: [{ file: await upload('相册/IMG_1.jpg', await makeJpeg(7, '2019:09:01 10:00:00')) }] });
  await call('readd.settings', { caseId, patch: { target: { newAccountId: 'wangwu_new' }, dailyLimit: 5, minGapMs: 0, maxGapMs: 0 } });
  const view = (await call('readd.view', { caseId })) as { current: { personId: string; name: string } };
  await call('readd.record', { caseId, personId: view.current.personId, action: 'sent' });

  await page.goto(relink.url);
  const card = page.getByRole('listitem').filter({ hasText: '王五' });
  await card.getByRole('button', { name: zh('bundle.export') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(zh('bundle.passphrase'), { exact: true }).fill('长城 long wall 42');
  await dialog.getByLabel(zh('bundle.passphraseAgain')).fill('长城 long wall 42');
  await expectAccessible(page, 'bundle export');
  await screenshot(page, 'zh-CN-bundle-export');
  await dialog.getByRole('button', { name: zh('bundle.start') }).click();
  await expect(dialog.getByTestId('bundle-exported')).toContainText(like(zh, 'bundle.exportedEncrypted'), { timeout: 30_000 });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('link', { name: zh('bundle.download') }).click();
  const bundlePath = testInfo.outputPath('王五.relink');
  await (await downloading).saveAs(bundlePath);
  expect(readFileSync(bundlePath).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  await dialog.getByRole('button', { name: zh('common.close') }).first().click();

  await card.getByRole('button', { name: zh('common.delete') }).click();
  await page.getByLabel(zh('cases.deleteConfirmLabel')).fill('王五');
  await page.getByRole('dialog').getByRole('button', { name: zh('common.delete') }).click();
  await expect(page.getByText(zh('cases.empty'))).toBeVisible();

  await page.getByRole('button', { name: zh('bundle.importTitle') }).click();
  const importDialog = page.getByRole('dialog');
  await importDialog.getByTestId('bundle-file-picker').locator('input[type=file]').first().setInputFiles(bundlePath);
  await expect(importDialog.getByText(zh('bundle.needPassphrase'))).toBeVisible();
  await importDialog.getByLabel(zh('bundle.passphrase')).fill('wrong');
  await importDialog.getByRole('button', { name: zh('bundle.unlock') }).click();
  await expect(importDialog.getByText(zh('bundle.wrongPassphrase'))).toBeVisible({ timeout: 30_000 });
  await importDialog.getByLabel(zh('bundle.passphrase')).fill('长城 long wall 42');
  await screenshot(page, 'zh-CN-bundle-import-passphrase');
  await importDialog.getByRole('button', { name: zh('bundle.unlock') }).click();
  await expect(page.getByRole('status').filter({ hasText: like(zh, 'bundle.imported', { name: '王五' }) })).toBeVisible({ timeout: 30_000 });

  const contacts = (await call('contacts.list', { caseId })) as { persons: { name: string }[] };
  expect(contacts.persons.map((p) => p.name).sort()).toEqual(['张伟', '李娜'].sort());
  const after = (await call('readd.view', { caseId })) as { awaiting: { name: string }[]; settings: { targets: unknown } };
  expect(after.awaiting.map((a) => a.name)).toEqual([view.current.name]);
  const chats = (await call('messages.chats', { caseId })) as unknown as { messages: number }[];
  expect(chats.map((c) => c.messages)).toEqual([2]);
  const photos = (await call('photos.list', { caseId })) as { total: number };
  expect(photos.total).toBe(1);

  await page.getByRole('listitem').filter({ hasText: '王五' }).getByRole('button', { name: zh('common.open') }).click();
  await expect(page.getByRole('list', { name: zh('contacts.title') }).getByRole('button', { name: /张伟/ })).toBeVisible();
  expectOnlyLocalRequests(relink);
});

test('lock a case at rest, see it locked, unlock it', async ({ page, relink, request }) => {
  test.setTimeout(90_000);
  const { call, upload } = api(request, relink);
  const { id: caseId } = (await call('cases.create', { name: '赵六' })) as { id: string };
  await call('contacts.import', { caseId, files: [{ file: await upload('a.vcf', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:钱七\r\nEND:VCARD\r\n') }] });
  await page.goto(relink.url);
  await page.getByRole('listitem').filter({ hasText: '赵六' }).getByRole('button', { name: zh('lock.lock') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(zh('lock.protects'));
  await dialog.getByLabel(zh('bundle.passphrase'), { exact: true }).fill('锁住');
  await dialog.getByLabel(zh('bundle.passphraseAgain')).fill('锁住');
  await screenshot(page, 'zh-CN-case-lock');
  await dialog.getByRole('button', { name: zh('lock.start') }).click();
  await expect(page.getByRole('status').filter({ hasText: zh('lock.done', { name: '赵六' }) })).toBeVisible({ timeout: 30_000 });
  const card = page.getByRole('listitem').filter({ hasText: '赵六' });
  await expect(card).toContainText(zh('lock.locked'));
  await expect(card.getByRole('button')).toHaveText([zh('lock.unlock'), zh('common.delete')]);
  await expectAccessible(page, 'locked case');
  await screenshot(page, 'zh-CN-case-locked');
  const refused = await request.post(`${relink.origin}/api/call/contacts.list`, { data: { caseId }, headers: { 'x-relink-token': relink.token } });
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/locked/); // the API's own (English) error, not a UI word

  await card.getByRole('button', { name: zh('lock.unlock') }).click();
  await page.getByRole('dialog').getByLabel(zh('bundle.passphrase')).fill('锁住');
  await page.getByRole('dialog').getByRole('button', { name: zh('lock.unlockStart') }).click();
  await expect(page.getByRole('status').filter({ hasText: zh('lock.unlocked', { name: '赵六' }) })).toBeVisible({ timeout: 30_000 });
  const contacts = (await call('contacts.list', { caseId })) as { persons: { name: string }[] };
  expect(contacts.persons.map((p) => p.name)).toEqual(['钱七']);
});

test.describe('in English', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('the export and import dialogs', async ({ page, relink, request }) => {
    await api(request, relink).call('cases.create', { name: 'Anna' });
    await page.goto(relink.url);
    await page.getByRole('listitem').filter({ hasText: 'Anna' }).getByRole('button', { name: en('bundle.export') }).click();
    await page.getByRole('dialog').getByLabel(en('bundle.passphrase'), { exact: true }).fill('one');
    await page.getByRole('dialog').getByLabel(en('bundle.passphraseAgain')).fill('two');
    await expect(page.getByText(en('bundle.passphraseMismatch'))).toBeVisible();
    await expect(page.getByRole('button', { name: en('bundle.start'), exact: true })).toBeDisabled();
    await expectAccessible(page, 'bundle export (en)');
    await screenshot(page, 'en-bundle-export');
    await page.getByRole('dialog').getByRole('button', { name: en('common.cancel') }).click();
    await page.getByRole('button', { name: en('bundle.importTitle') }).click();
    await expectAccessible(page, 'bundle import (en)');
    await screenshot(page, 'en-bundle-import');
  });
});
