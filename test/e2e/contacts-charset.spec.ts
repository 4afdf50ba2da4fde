// Files in a legacy code page that name none (issue 11.4): the preview names the guess and shows
// the first names read with it. One short GBK name (张伟, once guessed KOI8-R) and a Big5 CSV are
// guessed right; one Big5 character in a CN case reads as GBK (陳 is 朝 there) and is put right by
// choosing the code page, and the import reads the file in the chosen one. zh-CN and en.
import iconv from 'iconv-lite';
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test } from './fixtures';
import { en, like, zh } from './words';

/** An old phone's card: the name in a legacy code page, no CHARSET anywhere. */
function legacyCard(name: string, charset: string): Buffer {
  const enc = (s: string) => iconv.encode(s, charset);
  return Buffer.concat([Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nN:'), enc(`${name.slice(0, 1)};${name.slice(1)};;;`), Buffer.from('\r\nFN:'), enc(name), Buffer.from('\r\nTEL;CELL:13800138000\r\nEND:VCARD\r\n')]);
}

/** An address book saved by Excel on Traditional Chinese Windows. */
const big5Csv = () => iconv.encode('姓名,手機\r\n陳大文,0912345678\r\n林美玲,0987654321\r\n', 'big5');

for (const [lang, systemLang, t] of [
  ['zh-CN', 'zh_CN.UTF-8', zh],
  ['en', 'en_US.UTF-8', en],
] as const) {
  test.describe(lang, () => {
    test.use({ systemLang });
    test(`a guessed code page can be changed before importing (${lang})`, async ({ page, relink }, testInfo) => {
      const files = [
        fixtureFile(testInfo.outputDir, '旧手机.vcf', legacyCard('张伟', 'gb18030')),
        fixtureFile(testInfo.outputDir, '台湾朋友.vcf', legacyCard('陳', 'big5')),
        fixtureFile(testInfo.outputDir, '通讯录-big5.csv', big5Csv()),
      ];
      await page.goto(relink.url);
      await page.getByLabel(t('cases.newLabel')).fill('Test');
      await page.getByRole('button', { name: t('cases.create') }).click();
      await page.getByTestId('contacts-empty').getByRole('button', { name: t('contacts.import') }).click();
      await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles(files);
      const preview = (name: string) => page.getByTestId('file-preview').filter({ hasText: name });
      const choiceOf = (name: string) => preview(name).getByTestId('charset-choice');

      // One short GBK name: guessed right, said to be a guess, and named in the warning.
      await expect(choiceOf('旧手机.vcf').getByLabel(t('contacts.charset.label'))).toHaveValue('gb18030');
      await expect(choiceOf('旧手机.vcf').getByTestId('charset-names')).toHaveText(t('contacts.charset.names', { names: '张伟' }));
      await expect(choiceOf('旧手机.vcf')).toContainText(t('contacts.charset.guessedHint'));
      await expect(preview('旧手机.vcf').locator('.issue-warning')).toContainText('gb18030');
      // A CSV is guessed too, and its names are those of the first rows.
      await expect(choiceOf('通讯录-big5.csv').getByLabel(t('contacts.charset.label'))).toHaveValue('big5');
      await expect(choiceOf('通讯录-big5.csv').getByTestId('charset-names')).toHaveText(
        t('contacts.charset.rowNames', { names: ['陳大文', '林美玲'].join(t('contacts.listSeparator')) }),
      );
      await expect(preview('通讯录-big5.csv').locator('.issue-warning')).toContainText('big5');

      // One Big5 character in a CN case reads as a common GBK one: the user sees it and chooses.
      const select = choiceOf('台湾朋友.vcf').getByLabel(t('contacts.charset.label'));
      await expect(select).toHaveValue('gb18030');
      await expect(choiceOf('台湾朋友.vcf').getByTestId('charset-names')).toHaveText(t('contacts.charset.names', { names: '朝' }));
      await screenshot(page, `${lang}-contacts-import-charset-guessed`);
      await select.selectOption('big5');
      await expect(choiceOf('台湾朋友.vcf').getByTestId('charset-names')).toHaveText(t('contacts.charset.names', { names: '陳' }));
      await expect(choiceOf('台湾朋友.vcf')).toContainText(t('contacts.charset.chosenHint'));
      await expect(preview('台湾朋友.vcf').locator('.issue-warning')).toHaveCount(0);
      await expectAccessible(page, `${lang} contacts import charset`);
      await screenshot(page, `${lang}-contacts-import-charset`);

      await page.getByRole('button', { name: t('contacts.runImport'), exact: true }).click();
      await expect(page.getByTestId('import-result')).toBeVisible();
      await page.getByRole('button', { name: like(t, 'contacts.back') }).click();
      const list = page.getByRole('list', { name: t('contacts.title') });
      for (const name of ['张伟', '陳', '陳大文', '林美玲']) await expect(list).toContainText(name);
      expectOnlyLocalRequests(relink);
    });
  });
}
