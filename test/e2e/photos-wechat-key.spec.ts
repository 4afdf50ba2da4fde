// The Photos screen's own import with the WeChat 4.x picture key: a folder holding a V2 .dat picture
// is imported without the key (the file is named as needing one, with how to go on), then again with
// a malformed key (refused on the spot, Import disabled) and with the key the user noted (the picture
// is decoded and shown); zh-CN and en.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { makeJpeg, makeVDat, md5 } from '../unit/photos/fixtures';
import { expect, expectAccessible, expectOnlyLocalRequests, screenshot, test } from './fixtures';

/** The key a user noted for the account's WeChat 4 V2 pictures. */
const IMAGE_KEY = 'a1b2c3d4e5f6a7b8';
const V2_FILE = `xwechat_files/wxid_me_a1b2/msg/attach/${md5('wxid_friend')}/2023-06/Img/${md5('v2')}.dat`;

const WORDS = {
  'zh-CN': {
    systemLang: 'zh_CN.UTF-8', caseName: '新案例名称', create: '创建案例', nav: '照片', importPhotos: '导入照片', runImport: '开始导入',
    keyLabel: '微信 4.x 图片密钥（可选）', invalid: '密钥应为 16 个字符或 32 位十六进制数字。', hint: '填在“微信 4.x 图片密钥”一栏', back: /返回相册/,
  },
  en: {
    systemLang: 'en_US.UTF-8', caseName: 'New case name', create: 'Create case', nav: 'Photos', importPhotos: 'Import photos', runImport: 'Import',
    keyLabel: 'WeChat 4.x picture key (optional)', invalid: 'The key is 16 characters or 32 hex digits.', hint: 'with the key in “WeChat 4.x picture key”', back: /Back to photos/,
  },
} as const;

async function v2Folder(outputDir: string): Promise<string> {
  const root = join(outputDir, 'WeChat 4');
  const file = join(root, ...V2_FILE.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, makeVDat(await makeJpeg(5, '2023:06:07 08:09:10', 320), { aesLen: 1024, xorLen: 64, xorKey: 0x2b, version: 2, aesKey: IMAGE_KEY }));
  return root;
}

async function chooseFolder(page: Page, root: string): Promise<void> {
  // The second input of the picker takes a whole folder (webkitdirectory), as a drop does.
  await page.getByTestId('photos-file-picker').locator('input[type=file]').nth(1).setInputFiles(root);
}

for (const [lang, w] of Object.entries(WORDS)) {
  test.describe(lang, () => {
    test.use({ systemLang: w.systemLang });
    test('a V2 picture: named as needing the key without it, decoded with the key the user noted', async ({ page, relink }, testInfo) => {
      const root = await v2Folder(testInfo.outputDir);
      await page.goto(relink.url);
      await page.getByLabel(w.caseName).fill(lang === 'zh-CN' ? '王五' : 'Sam');
      await page.getByRole('button', { name: w.create }).click();
      await expect(page.getByTestId('contacts-empty')).toBeVisible();
      await page.getByRole('link', { name: w.nav }).click();
      await page.getByTestId('photos-empty').getByRole('button', { name: w.importPhotos }).click();

      // Without the key: the file is named, and the hint says how to go on.
      await chooseFolder(page, root);
      await expect(page.getByLabel(w.keyLabel)).toHaveValue('');
      await page.getByRole('button', { name: w.runImport, exact: true }).click();
      const summary = page.getByTestId('photo-import-summary');
      await expect(summary.getByTestId('summary-needsKey')).toHaveText('1', { timeout: 30_000 });
      await expect(summary.getByTestId('summary-new')).toHaveText('0');
      await expect(summary).toContainText(w.hint);
      await summary.locator('details.photo-problems').last().locator('summary').click();
      await expect(summary.locator('details.photo-problems').last().locator('li')).toHaveText(`WeChat 4/${V2_FILE}`);
      await expectAccessible(page, `photos import naming a V2 picture that needs the key (${lang})`);
      await screenshot(page, `${lang}-photos-needs-key`);

      // A malformed key is refused on the spot, never sent; the noted key imports the picture.
      await chooseFolder(page, root);
      await expect(summary).toHaveCount(0); // the last import's summary goes with a new choice
      const field = page.getByLabel(w.keyLabel);
      await field.fill('short-secret');
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByText(w.invalid)).toBeVisible();
      await expect(page.getByRole('button', { name: w.runImport, exact: true })).toBeDisabled();
      await field.fill(IMAGE_KEY);
      await expect(field).toHaveAttribute('aria-invalid', 'false');
      await expectAccessible(page, `photos import with the picture key field (${lang})`);
      await screenshot(page, `${lang}-photos-image-key`);
      await page.getByRole('button', { name: w.runImport, exact: true }).click();
      await expect(summary.getByTestId('summary-new')).toHaveText('1', { timeout: 30_000 });
      await expect(summary.getByTestId('summary-decoded')).toHaveText('1');
      await expect(summary.getByTestId('summary-needsKey')).toHaveText('0');
      await screenshot(page, `${lang}-photos-key-imported`);
      await page.getByRole('button', { name: w.back }).click();
      await expect(page.getByTestId('photo-tile')).toHaveCount(1);
      await expect
        .poll(() => page.locator('[data-testid="photo-tile"] img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
        .toBe(1);
      expectOnlyLocalRequests(relink);
    });
  });
}
