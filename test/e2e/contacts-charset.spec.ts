// A vCard with no CHARSET in a legacy code page (issue 11.4): the preview names the guess and shows
// the first names read with it; a wrong guess (one short GBK name is read as KOI8-R) is put right by
// choosing the code page, and the import reads the file in the chosen one. zh-CN and en.
import iconv from 'iconv-lite';
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test } from './fixtures';
import { en, like, zh } from './words';

/** An old phone's card: the name in GBK, no CHARSET anywhere. */
function gbkCard(): Buffer {
  return Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN:'), iconv.encode('张伟', 'gb18030'), Buffer.from('\r\nTEL;CELL:13800138000\r\nEND:VCARD\r\n')]);
}

for (const [lang, systemLang, t] of [
  ['zh-CN', 'zh_CN.UTF-8', zh],
  ['en', 'en_US.UTF-8', en],
] as const) {
  test.describe(lang, () => {
    test.use({ systemLang });
    test(`a guessed code page can be changed before importing (${lang})`, async ({ page, relink }, testInfo) => {
      const card = fixtureFile(testInfo.outputDir, '旧手机.vcf', gbkCard());
      await page.goto(relink.url);
      await page.getByLabel(t('cases.newLabel')).fill('Test');
      await page.getByRole('button', { name: t('cases.create') }).click();
      await page.getByTestId('contacts-empty').getByRole('button', { name: t('contacts.import') }).click();
      await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([card]);

      const choice = page.getByTestId('charset-choice');
      const select = choice.getByLabel(t('contacts.charset.label'));
      // The guess for one short name is wrong, and the preview shows it: garbled, and said to be a guess.
      await expect(select).toHaveValue('koi8-r');
      await expect(choice).toContainText(t('contacts.charset.guessedHint'));
      await expect(choice.getByTestId('charset-names')).not.toContainText('张伟');
      await expect(page.getByTestId('file-preview').locator('.issue-warning')).toContainText('koi8-r');

      await select.selectOption('gb18030');
      await expect(choice.getByTestId('charset-names')).toHaveText(t('contacts.charset.names', { names: '张伟' }));
      await expect(choice).toContainText(t('contacts.charset.chosenHint'));
      await expect(page.getByTestId('file-preview').locator('.issue-warning')).toHaveCount(0);
      await expectAccessible(page, `${lang} contacts import charset`);
      await screenshot(page, `${lang}-contacts-import-charset`);

      await page.getByRole('button', { name: t('contacts.runImport'), exact: true }).click();
      await expect(page.getByTestId('import-result')).toBeVisible();
      await page.getByRole('button', { name: like(t, 'contacts.back') }).click();
      await expect(page.getByRole('list', { name: t('contacts.title') })).toContainText('张伟');
      expectOnlyLocalRequests(relink);
    });
  });
}
