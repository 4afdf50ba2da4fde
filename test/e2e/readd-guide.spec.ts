// The re-add loop guides every step (issue 12): unreviewed duplicates are offered for review first
// and a card whose person may be someone else links to that very pair.
import type { APIRequestContext } from '@playwright/test';
import { expect, expectAccessible, screenshot, test, type RelinkServer } from './fixtures';

const card = (name: string, tel: string, extra = '') => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\n${tel ? `TEL:${tel}\r\n` : ''}${extra}END:VCARD\r\n`;

/** A case made through the API (as the import screen would), with the new account set. */
async function caseWith(relink: RelinkServer, request: APIRequestContext, name: string, vcf: string, patch: Record<string, unknown> = {}) {
  const headers = { 'x-relink-token': relink.token };
  const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers })).json()) as { result: unknown }).result;
  const { id } = (await call('cases.create', { name })) as { id: string };
  const ref = ((await (await request.post(`${relink.origin}/api/upload?name=a.vcf`, { data: vcf, headers })).json()) as { result: unknown }).result;
  await call('contacts.import', { caseId: id, files: [{ file: ref }] });
  await call('readd.settings', { caseId: id, patch: { target: { newAccountId: 'new_me' }, dailyLimit: 10, minGapMs: 0, maxGapMs: 0, ...patch } });
  return { id, call };
}

for (const [lang, w] of [
  ['zh_CN.UTF-8', { prefix: 'zh-CN', open: '打开', readd: '重新添加', unreviewed: /还有 2 对可能重复的联系人没有核对/, maybe: /可能和 姜伟芳 是同一个人/, review: '去核对', progress: '第 2 组，共 2 组' }],
  ['en_US.UTF-8', { prefix: 'en', open: 'Open', readd: 'Re-add', unreviewed: /2 possible duplicates have not been reviewed/, maybe: /May be the same as 姜伟芳/, review: 'review', progress: '2 of 2' }],
] as const) {
  test.describe(`re-add guidance (${w.prefix})`, () => {
    test.use({ systemLang: lang });

    test('duplicates are offered for review first, and the card links to its pair', async ({ page, relink, request }) => {
      const zhao = card('赵敏', '13900000004', 'ORG:腾讯\r\n') + card('赵敏', '', 'ORG:腾讯\r\n');
      await caseWith(relink, request, 'Dups', card('姜伟芳', '13900000001') + card('姜伟芳', '13900000002') + card('王五', '13900000003') + zhao);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Dups' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await expect(page.getByTestId('review-first')).toHaveText(w.unreviewed);
      await expect(page.getByTestId('maybe-same')).toHaveText(w.maybe);
      await expectAccessible(page, `re-add review first (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-review-first`);
      await page.getByTestId('maybe-same').getByRole('link').click();
      // The review opens at 姜伟芳's pair, the second of the ranked two (赵敏's same organisation comes first).
      await expect(page.getByTestId('review-progress')).toHaveText(w.progress);
      await expect(page.getByTestId('review-card')).toContainText('13900000002'.slice(0, 3));
      await expect(page.getByTestId('review-card')).toContainText('姜伟芳');
      await screenshot(page, `${w.prefix}-readd-review-linked`);
    });
  });
}
