// A helper's view of several cases: each case's re-add progress, pace and what needs attention, the
// cases that need attention first.
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { en, like, zh } from './words';

for (const [lang, prefix, t] of [
  ['zh_CN.UTF-8', 'zh-CN', zh],
  ['en_US.UTF-8', 'en', en],
] as const) {
  const w = {
    prefix,
    progress: t('overview.progress', { sent: 1, accepted: 0, remaining: 2 }),
    coolDown: like(t, 'overview.coolDown'),
    open: t('common.open'),
    readd: t('nav.readd'),
  };
  test.describe(`cases overview (${w.prefix})`, () => {
    test.use({ systemLang: lang });
    test('progress and attention per case, attention first', async ({ page, relink, request }) => {
      const headers = { 'x-relink-token': relink.token };
      const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers })).json()) as { result: unknown }).result;
      const upload = async (name: string, body: string) => ((await (await request.post(`${relink.origin}/api/upload?name=${encodeURIComponent(name)}`, { data: body, headers })).json()) as { result: unknown }).result;
      await call('cases.create', { name: 'Quiet' });
      const { id } = (await call('cases.create', { name: 'Busy' })) as { id: string };
      const vcf = ['A', 'B', 'C'].map((n, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${n}\r\nTEL:1380000000${i}\r\nEND:VCARD\r\n`).join('');
      await call('contacts.import', { caseId: id, files: [{ file: await upload('a.vcf', vcf) }] });
      await call('readd.settings', { caseId: id, patch: { target: { newAccountId: 'x' }, dailyLimit: 5, minGapMs: 0, maxGapMs: 0 } });
      const view = (await call('readd.view', { caseId: id })) as { current: { personId: string } };
      await call('readd.record', { caseId: id, personId: view.current.personId, action: 'sent' });
      await call('readd.tooFrequent', { caseId: id });
      await call('cases.create', { name: 'Newest' });

      await page.goto(relink.url);
      const cards = page.locator('ul.card-list > li');
      await expect(cards.first()).toContainText('Busy');
      await expect(cards.first().getByTestId('case-overview')).toContainText(w.progress);
      await expect(cards.first().getByTestId('case-overview')).toContainText(w.coolDown);
      await expectAccessible(page, `cases overview (${w.prefix})`);
      await screenshot(page, `${w.prefix}-cases-overview`);

      // Working on another case the same day: the re-add screen carries the helpers' safety note, once.
      const { id: other } = (await call('cases.create', { name: 'Other' })) as { id: string };
      await call('contacts.import', { caseId: other, files: [{ file: await upload('b.vcf', vcf) }] });
      await call('readd.settings', { caseId: other, patch: { target: { newAccountId: 'y' }, dailyLimit: 5, minGapMs: 0, maxGapMs: 0 } });
      await page.reload();
      await page.locator('ul.card-list > li').filter({ hasText: 'Other' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      const note = page.getByTestId('helper-safety-note');
      await expect(note).toContainText('Busy');
      await expectAccessible(page, `helper safety note (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-helper-note`);
      await note.getByRole('button').click();
      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await expect(page.getByRole('tablist')).toBeVisible();
      await expect(note).toHaveCount(0);
    });
  });
}
