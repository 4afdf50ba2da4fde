// A person's name, fixed by the user: the person page lists every name the records carry with its
// file and card/row, and the note; picking one (keyboard only) and then typing one changes the name
// in the contact list, the search, the re-add card, the whole queue and the printable checklist.
// zh-CN and en, accessible, offline.
import { readFileSync } from 'node:fs';
import { createCaseWithContacts, expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test } from './fixtures';
import { en, like, zh } from './words';
import type { Translate } from '../../renderer/i18n/translate';

const NOTE = '大学室友，住在上海';

/** One person in two files: a phone card (name, nickname, note) and a WeChat friend (remark), sharing the phone. */
const VCARD = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王伟\r\nN:王;伟;;;\r\nNICKNAME:小伟\r\nTEL;TYPE=CELL:13800138000\r\nNOTE:${NOTE}\r\nEND:VCARD\r\n`;
const FRIENDS =
  '\ufeffUserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city\r\n' +
  'wxid_wangwei01,wangwei_88,3,伟哥,Wei,WEI,WG,,,,男,13800138000,,CN,Shanghai,Shanghai\r\n';

/** The words this test clicks through and expects, from the catalogs of the language under test. */
function words(t: Translate) {
  return {
    newCase: t('cases.newLabel'),
    create: t('cases.create'),
    importBtn: t('contacts.import'),
    runImport: t('contacts.runImport'),
    back: like(t, 'contacts.back'),
    list: t('contacts.title'),
    // The radio's name goes on with the hint; the automatic name starts it.
    automatic: new RegExp(`^${like(t, 'contacts.name.automatic', { name: '伟哥' }).source}`),
    // File and place are joined with " · " in code (source-text.ts), not a catalog word.
    nameSeen: t('contacts.name.seen', { field: t('contacts.field.name'), source: `通讯录.vcf · ${t('contacts.locator.card', { card: 1, line: 1 })}` }),
    remarkSeen: t('contacts.name.seen', { field: t('contacts.field.remark'), source: `friends.csv · ${t('contacts.locator.row', { row: 2 })}` }),
    typedLabel: t('contacts.name.typedLabel'),
    save: t('contacts.name.save'),
    saved: (name: string) => t('contacts.name.saved', { name }),
    readd: t('nav.readd'),
    newId: t('readd.newId'),
    oldName: t('readd.oldName'),
    saveSetup: t('readd.saveSetup'),
    queueTab: t('readd.tab.queue'),
    dashboardTab: t('readd.tab.dashboard'),
    printChecklist: t('readd.printChecklist'),
    exportCsv: t('readd.exportCsv'),
  };
}

for (const [locale, lang, t] of [
  ['zh-CN', 'zh_CN.UTF-8', zh],
  ['en', 'en_US.UTF-8', en],
] as const) {
  const w = words(t);
  test.describe(`a person's name in ${locale}`, () => {
    test.use({ systemLang: lang });

    test('pick a name with the keyboard, type one, see it in the list and in re-add', async ({ page, relink }, testInfo) => {
      const vcf = fixtureFile(testInfo.outputDir, '通讯录.vcf', VCARD);
      const csv = fixtureFile(testInfo.outputDir, 'friends.csv', FRIENDS);
      await page.goto(relink.url);
      await createCaseWithContacts(page, w, 'Case', [vcf, csv]);
      await page.getByRole('button', { name: w.back }).click();
      const list = page.getByRole('list', { name: w.list });
      await expect(list).toContainText('伟哥');

      await list.getByRole('button', { name: /伟哥/ }).click();
      await expect(page.getByRole('heading', { level: 2, name: '伟哥' })).toBeVisible();
      const candidates = page.getByTestId('name-candidate');
      await expect(candidates.filter({ hasText: /^王伟/ })).toContainText(w.nameSeen);
      await expect(candidates.filter({ hasText: /^伟哥/ })).toContainText(w.remarkSeen);
      await expect(candidates).toHaveCount(6); // 王伟, 小伟, 伟, 王, 伟哥, Wei
      await expect(page.getByTestId('person-notes')).toContainText(NOTE);
      await expect(page.getByRole('radio', { name: w.automatic })).toBeChecked();
      await expectAccessible(page, `${locale} person name chooser`);
      await screenshot(page, `${locale}-contacts-name-chooser`);

      // Keyboard only: from "automatic", the arrow key moves to the first name (王伟), Tab reaches the button.
      await page.getByRole('radio', { name: w.automatic }).focus();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('radio', { name: new RegExp(`^王伟`) })).toBeChecked();
      await page.keyboard.press('Tab');
      await expect(page.getByLabel(w.typedLabel)).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: w.save })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status').filter({ hasText: w.saved('王伟') })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: '王伟' })).toBeVisible();

      // Typing a name and pressing Enter uses it.
      await page.getByLabel(w.typedLabel).fill('王老师');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status').filter({ hasText: w.saved('王老师') })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: '王老师' })).toBeVisible();
      await expectAccessible(page, `${locale} person name typed`);
      await screenshot(page, `${locale}-contacts-name-typed`);

      await page.getByRole('button', { name: w.back }).click();
      await expect(list).toContainText('王老师');
      await expect(list).not.toContainText('伟哥');
      await page.getByRole('searchbox').fill('wanglaoshi');
      await expect(list.getByRole('button')).toHaveCount(1);
      await expect(list).toContainText('王老师');

      // Re-add: the card, the whole queue and the printable checklist show the chosen name.
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await page.getByLabel(w.newId).fill('wang_new_2026');
      await page.getByLabel(w.oldName).fill('张三');
      await page.getByRole('button', { name: w.saveSetup }).click();
      await expect(page.getByTestId('readd-card').getByRole('heading', { level: 2 })).toHaveText('王老师');
      await screenshot(page, `${locale}-readd-chosen-name`);
      await page.getByRole('tab', { name: w.queueTab, exact: true }).click();
      await expect(page.getByTestId('queue-row')).toHaveCount(1);
      await expect(page.getByTestId('queue-row')).toContainText('王老师');
      await page.getByRole('tab', { name: w.dashboardTab, exact: true }).click();
      // The progress sheet is written under the data folder (a job) and downloaded from there.
      const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.exportCsv }).click()]);
      expect(sheet.suggestedFilename()).toMatch(/^relink-progress-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(readFileSync(await sheet.path(), 'utf8')).toContain('王老师');
      await page.getByRole('button', { name: w.printChecklist }).click();
      await expect(page.getByTestId('checklist-row')).toHaveCount(1);
      await expect(page.getByTestId('checklist-row')).toContainText('王老师');

      expectOnlyLocalRequests(relink);
    });
  });
}
