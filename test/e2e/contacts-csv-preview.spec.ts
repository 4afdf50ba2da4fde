// The CSV import preview (issue 11): the names the first rows will get and the column each comes
// from; a warning when one value would name many rows (here after the user reads the notes column
// as remark names); a WhatsApp chat given to the contact import is named as one. zh-CN and en.
import iconv from 'iconv-lite';
import { expect, fixtureFile, screenshot, test } from './fixtures';

const NOTES = ['老家', '大学室友, 住在上海; 喜欢打球', '同事'];

/** The book of issue 11 (Excel, GB18030): 姓名,手机号码,微信号,电子邮件,备注,标签; 老家 is the note of 8 rows. */
function excelBook(): Buffer {
  const given = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇'];
  const lines = ['姓名,手机号码,微信号,电子邮件,备注,标签'];
  for (let i = 0; i < 40; i++) {
    const note = i % 5 === 0 ? NOTES[0] : i % 7 === 0 ? `"${NOTES[1]}"` : i % 9 === 0 ? NOTES[2] : '';
    lines.push(`${'王李张刘'[i % 4]}${given[i % 10]}${i},1380013${String(8000 + i)},wx_${i},,${note},同学`);
  }
  return iconv.encode(lines.join('\r\n') + '\r\n', 'gb18030');
}

const WHATSAPP = [
  '12/03/2023, 21:15 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.',
  '12/03/2023, 21:16 - Alice: see you at the hotel, 8pm',
  '12/03/2023, 21:17 - Bob: ok',
].join('\n');

const WORDS = {
  'zh-CN': { newCase: '新案例名称', create: '创建案例', importBtn: '导入联系人', field: '对应到' },
  en: { newCase: 'New case name', create: 'Create case', importBtn: 'Import contacts', field: 'Means' },
};

for (const [lang, systemLang] of [['zh-CN', 'zh_CN.UTF-8'], ['en', 'en_US.UTF-8']] as const) {
  test.describe(lang, () => {
    test.use({ systemLang });
    test(`CSV preview: names and their columns, the many-rows warning, a WhatsApp chat named (${lang})`, async ({ page, relink }, testInfo) => {
      const w = WORDS[lang];
      const book = fixtureFile(testInfo.outputDir, '通讯录.csv', excelBook());
      const chat = fixtureFile(testInfo.outputDir, 'WhatsApp Chat with Alice.txt', WHATSAPP);
      await page.goto(relink.url);
      await page.getByLabel(w.newCase).fill('Test');
      await page.getByRole('button', { name: w.create }).click();
      await page.getByTestId('contacts-empty').getByRole('button', { name: w.importBtn }).click();
      await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([book, chat]);
      await expect(page.getByTestId('file-preview')).toHaveCount(2);

      const preview = page.getByTestId('file-preview').first();
      const names = preview.getByTestId('preview-names');
      // Read as the header says: 姓名 names every row, 备注 is a note, no warning.
      await expect(names.locator('tbody tr')).toHaveCount(8);
      await expect(names.locator('tbody tr').first()).toContainText('王伟0');
      await expect(names.locator('tbody tr').first()).toContainText('姓名');
      await expect(preview.locator('.issue-warning')).toHaveCount(0);

      // The user reads 备注 as remark names: the names follow, and 老家 naming 8 rows is warned about.
      await preview.getByLabel(`${w.field}: 备注`).selectOption('remark');
      await expect(names.locator('tbody tr').first()).toContainText('老家');
      const warning = preview.locator('.issue-warning');
      await expect(warning).toHaveCount(1);
      await expect(warning).toContainText(lang === 'en' ? '"老家" would become the name of 8 of 40 rows (from column "备注")' : '“老家”会成为 40 行中 8 行的名字（来自“备注”列）');

      const chatPreview = page.getByTestId('file-preview').nth(1);
      await expect(chatPreview.locator('.issue-error')).toHaveText(
        lang === 'en' ? 'This is a WhatsApp chat export, not a contact list: import it under Messages' : '这是 WhatsApp 聊天记录导出，不是通讯录：请到“聊天记录”里导入',
      );
      await screenshot(page, `${lang}-contacts-import-csv-name-warning`);
    });
  });
}
