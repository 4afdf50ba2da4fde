// During the gap between requests, S does not pass silently: it says why nothing was recorded and
// how long is left, as a duration. The tabs stay on one row in both languages.
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { en, like, zh } from './words';

for (const [lang, prefix, t] of [
  ['zh_CN.UTF-8', 'zh-CN', zh],
  ['en_US.UTF-8', 'en', en],
] as const) {
  const w = {
    prefix,
    open: t('common.open'),
    readd: t('nav.readd'),
    // The time left, as minutes and seconds (its {m} and {s} left open, so any numbers match).
    refused: like(t, 'readd.sentDuringGap', { time: t('readd.duration.ms') }),
  };
  test.describe(`re-add gap (${w.prefix})`, () => {
    test.use({ systemLang: lang });
    test('S during the gap says why nothing was recorded', async ({ page, relink, request }) => {
      const headers = { 'x-relink-token': relink.token };
      const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers })).json()) as { result: unknown }).result;
      const { id } = (await call('cases.create', { name: 'Gap' })) as { id: string };
      const vcf = ['甲', '乙', '丙'].map((n, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${n}\r\nTEL:1380000000${i}\r\nEND:VCARD\r\n`).join('');
      const ref = ((await (await request.post(`${relink.origin}/api/upload?name=a.vcf`, { data: vcf, headers })).json()) as { result: unknown }).result;
      await call('contacts.import', { caseId: id, files: [{ file: ref }] });
      await call('readd.settings', { caseId: id, patch: { target: { newAccountId: 'x' }, dailyLimit: 10, minGapMs: 10 * 60_000, maxGapMs: 12 * 60_000 } });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Gap' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      const tabs = page.getByRole('tablist');
      await expect(tabs).toBeVisible();
      const box = await tabs.boundingBox();
      expect(box!.height, 'the tabs stay on one row').toBeLessThan(60);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing widens the page past the window').toBeLessThanOrEqual(1280);
      await page.keyboard.press('s');
      await expect(page.getByTestId('readd-saved')).not.toHaveText(w.refused);
      await page.keyboard.press('s');
      await expect(page.getByTestId('readd-saved')).toHaveText(w.refused);
      await expectAccessible(page, `re-add gap (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-gap-refused`);
    });
  });
}
