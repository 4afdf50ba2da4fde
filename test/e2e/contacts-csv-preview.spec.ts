// The CSV import preview (issue 11): the names the first rows will get and the column each comes
// from; a warning when one value would name many rows (here after the user reads the notes column
// as remark names); a WhatsApp chat given to the contact import is named as one. zh-CN and en.
import iconv from 'iconv-lite';
import { expect, fixtureFile, screenshot, test } from './fixtures';
import { en, zh } from './words';

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

for (const [lang, systemLang, t] of [
  ['zh-CN', 'zh_CN.UTF-8', zh],
  ['en', 'en_US.UTF-8', en],
] as const) {
  test.describe(lang, () => {
    test.use({ systemLang });
    test(`CSV preview: names and their columns, the many-rows warning, a WhatsApp chat named (${lang})`, async ({ page, relink }, testInfo) => {
      const book = fixtureFile(testInfo.outputDir, '通讯录.csv', excelBook());
      const chat = fixtureFile(testInfo.outputDir, 'WhatsApp Chat with Alice.txt', WHATSAPP);
      await page.goto(relink.url);
      await page.getByLabel(t('cases.newLabel')).fill('Test');
      await page.getByRole('button', { name: t('cases.create') }).click();
      await page.getByTestId('contacts-empty').getByRole('button', { name: t('contacts.import') }).click();
      await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([book, chat]);
      await expect(page.getByTestId('file-preview')).toHaveCount(2);

      const preview = page.getByTestId('file-preview').first();
      const names = preview.getByTestId('preview-names');
      // Read as the header says: 姓名 names every row, 备注 is a note; the only warning is the code page
      // guessed for a file that names none (Excel's GB18030), so the user can pick another.
      await expect(names.locator('tbody tr')).toHaveCount(8);
      await expect(names.locator('tbody tr').first()).toContainText('王伟0');
      await expect(names.locator('tbody tr').first()).toContainText('姓名'); // the file's own column header
      await expect(preview.locator('.issue-warning')).toHaveCount(1);
      await expect(preview.locator('.issue-warning')).toHaveText(t('issue.encoding-guessed', { encoding: 'gb18030' }));

      // The user reads 备注 as remark names: the names follow, and 老家 naming 8 rows is warned about.
      // The select's label is "<Means>: <header>", joined in code (ImportPanel).
      await preview.getByLabel(`${t('contacts.field')}: 备注`).selectOption('remark');
      await expect(names.locator('tbody tr').first()).toContainText('老家');
      const warning = preview.locator('.issue-warning').filter({ hasNotText: t('issue.encoding-guessed', { encoding: 'gb18030' }) });
      await expect(warning).toHaveCount(1);
      await expect(warning).toContainText(t('issue.csv-name-repeated', { name: '老家', count: 8, rows: 40, column: '备注' }));

      const chatPreview = page.getByTestId('file-preview').nth(1);
      await expect(chatPreview.locator('.issue-error')).toHaveText(t('issue.chat-export-given', { app: 'WhatsApp' }));
      await screenshot(page, `${lang}-contacts-import-csv-name-warning`);
    });
  });
}
