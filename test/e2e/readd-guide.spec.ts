// The re-add loop guides every step (issue 12): unreviewed duplicates are offered for review first
// and a card whose person may be someone else links to that very pair.
import type { APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
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
  ['zh_CN.UTF-8', { prefix: 'zh-CN', todayTab: '今天', movedTabName: '搬家卡', movedTab: '搬家卡', encodeVcard: '名片（vCard）', newPhone: '新手机号（可不填）', queueTab: '全部队列', search: '搜索名字、拼音、手机号或微信号', noMatch: '队列里没有人符合“不存在”。', dashTab: '进度', printToday: '打印今天这一批', todayTitle: '今天这一批：Batch', undoSent: '撤销“王五：已发送” U', savedSent: '已保存：王五 → 已发送', undone: '已撤销：王五：已发送', open: '打开', readd: '重新添加', newId: '新账号 ID（微信号）', limit: '每天最多发送好友申请', start: '保存并开始', risky: /每天 30 个超过了 20 个/, confirm: /确定每天发 60 个好友申请吗/, yes: '确定，每天 60 个', settingsTab: '节奏与消息', saved: '已保存：每天最多 60 个。', another: /另想办法/, next1: '这个搜不到。再试下一个：手机号 13900000011', notFoundAll: '每个搜索号都试过了，都搜不到', onlyEmail: /^只有邮箱：微信只能用微信号或手机号搜到人$/, emailDraft: '写邮件告诉 TA 新账号', unreviewed: /还有 2 对可能重复的联系人没有核对/, maybe: /可能和 姜伟芳 是同一个人/, review: '去核对', progress: '第 2 组，共 2 组' }],
  ['en_US.UTF-8', { prefix: 'en', todayTab: 'Today', movedTabName: 'I\'ve moved', movedTab: 'I\'ve moved', encodeVcard: 'Contact card (vCard)', newPhone: 'New phone number (optional)', queueTab: 'Whole queue', search: 'Search name, pinyin, phone or WeChat ID', noMatch: 'No one in the queue matches “不存在”.', dashTab: 'Progress', printToday: 'Print today’s batch', todayTitle: 'Today’s batch: Batch', undoSent: 'Undo “王五: Sent” U', savedSent: 'Saved: 王五 → Sent', undone: 'Undone: 王五: Sent', open: 'Open', readd: 'Re-add', newId: 'New account ID (WeChat ID)', limit: 'Friend requests per day, at most', start: 'Save and start', risky: /30 a day is above 20/, confirm: /Send 60 friend requests a day\?/, yes: 'Yes, 60 a day', settingsTab: 'Pace & message', saved: 'Saved: at most 60 a day.', another: /Another way/, next1: 'Not found by that one. Try the next: Phone 13900000011', notFoundAll: 'Not found by any of their search keys', onlyEmail: /^Only an e-mail address: WeChat finds people by WeChat ID or mobile number only$/, emailDraft: 'E-mail them your new account', unreviewed: /2 possible duplicates have not been reviewed/, maybe: /May be the same as 姜伟芳/, review: 'review', progress: '2 of 2' }],
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

    test('"Not found" offers the next search key, then says why another way is needed and what fits', async ({ page, relink, request }) => {
      const li = card('李雷', '13900000011', 'X-WECHAT-ID:lilei_88\r\nTEL:13900000012\r\n');
      await caseWith(relink, request, 'Keys', li + card('韩梅梅', '', 'EMAIL:mei@example.com\r\n'));
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Keys' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await expect(page.getByTestId('search-key')).toHaveText('lilei_88');
      await expect(page.getByTestId('search-keys').getByRole('listitem')).toHaveCount(3);
      await page.keyboard.press('n');
      await expect(page.getByTestId('search-key')).toHaveText('13900000011');
      await expect(page.getByTestId('readd-saved')).toHaveText(w.next1);
      await screenshot(page, `${w.prefix}-readd-next-key`);
      await page.keyboard.press('n');
      await expect(page.getByTestId('search-key')).toHaveText('13900000012');
      await page.keyboard.press('n');
      await expect(page.getByTestId('readd-card')).toHaveCount(0);
      await page.getByRole('tab', { name: w.another }).click();
      const items = page.getByTestId('another-way-item');
      await expect(items.filter({ hasText: '李雷' }).getByTestId('another-way-why')).toHaveText(w.notFoundAll);
      const mei = items.filter({ hasText: '韩梅梅' });
      await expect(mei.getByTestId('another-way-why')).toHaveText(w.onlyEmail);
      await expect(mei.getByRole('link', { name: /mei|韩梅梅/ })).toHaveAttribute('href', /^mailto:mei@example\.com\?subject=/);
      await expect(mei.getByRole('link', { name: /mei|韩梅梅/ })).toHaveText(w.emailDraft);
      await expectAccessible(page, `re-add another way (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-another-way`);
    });

    test('the daily limit warns above 20 and asks before more than 50', async ({ page, relink, request }) => {
      const { id, call } = await caseWith(relink, request, 'Pace', card('王五', '13900000003'));
      await call('readd.settings', { caseId: id, patch: { target: { newAccountId: '' } } });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Pace' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await page.getByLabel(w.newId).fill('new_me');
      const limit = page.getByLabel(w.limit);
      await limit.fill('30');
      await expect(page.getByTestId('limit-warning')).toHaveText(w.risky);
      await limit.fill('60');
      await page.getByRole('button', { name: w.start }).click();
      await expect(page.getByTestId('limit-confirm')).toHaveText(w.confirm);
      await expect(page.getByRole('tablist')).toHaveCount(0); // nothing saved yet
      await expectAccessible(page, `re-add pacing guard (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-limit-confirm`);
      await page.getByRole('button', { name: w.yes }).click();
      await page.getByRole('tab', { name: w.settingsTab }).click();
      await expect(page.getByLabel(w.limit)).toHaveValue('60');
      await page.getByRole('button', { name: w.start }).click();
      await page.getByRole('button', { name: w.yes }).click();
      await expect(page.getByTestId('limit-saved')).toHaveText(w.saved);
    });

    test('undo says what it undoes, U works at the daily limit, and each outcome is announced', async ({ page, relink, request }) => {
      await caseWith(relink, request, 'Undo', card('王五', '13900000003') + card('赵六', '13900000004'), { dailyLimit: 1 });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Undo' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await expect(page.getByTestId('readd-card')).toContainText('王五');
      await page.keyboard.press('s');
      await expect(page.getByTestId('readd-announce')).toHaveText(w.savedSent);
      // The limit (1) is reached: no card, yet Undo names what it takes back and U works.
      await expect(page.getByTestId('readd-card')).toHaveCount(0);
      await expect(page.getByTestId('readd-undo')).toHaveText(w.undoSent);
      await expectAccessible(page, `re-add undo (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-undo-at-limit`);
      await expect(page.getByTestId('readd-undo')).toBeEnabled();
      await page.keyboard.press('u');
      await expect(page.getByTestId('readd-announce')).toHaveText(w.undone);
      await expect(page.getByTestId('readd-card')).toContainText('王五');
    });

    test('the whole queue is searched, and today\'s batch prints alone', async ({ page, relink, request }) => {
      const names = Array.from({ length: 40 }, (_, i) => `成员${String(i).padStart(2, '0')}`);
      await caseWith(relink, request, 'Batch', names.map((n, i) => card(n, `139000001${String(i).padStart(2, '0')}`)).join(''), { dailyLimit: 7 });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Batch' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await page.getByRole('tab', { name: w.queueTab }).click();
      await page.getByLabel(w.search).fill('成员33');
      await expect(page.getByTestId('queue-row')).toHaveCount(1);
      await expect(page.getByTestId('queue-row')).toContainText('13900000133');
      await page.getByLabel(w.search).fill('00000121');
      await expect(page.getByTestId('queue-row')).toHaveCount(1);
      await expect(page.getByTestId('queue-row')).toContainText('成员21');
      await page.getByLabel(w.search).fill('不存在');
      await expect(page.getByText(w.noMatch)).toBeVisible();
      await page.getByLabel(w.search).fill('成员3');
      await expect(page.getByTestId('queue-row')).toHaveCount(10);
      await expectAccessible(page, `re-add queue search (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-queue-search`);
      await page.getByRole('tab', { name: w.dashTab }).click();
      await page.getByRole('button', { name: w.printToday }).click();
      await expect(page.getByRole('heading', { name: w.todayTitle })).toBeVisible();
      await expect(page.getByTestId('checklist-row')).toHaveCount(7);
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.sidebar')).toBeHidden();
      await screenshot(page, `${w.prefix}-readd-print-today`);
      await page.emulateMedia({ media: 'screen' });
    });

    test('the moved kit\'s card QR carries the new phone number and the WeChat ID in its note', async ({ page, relink, request }) => {
      const { id, call } = await caseWith(relink, request, 'Moved', card('王五', '13900000003'));
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Moved' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await page.getByRole('tab', { name: w.movedTab }).click();
      await page.getByLabel(w.encodeVcard).check();
      await expect(page.getByTestId('moved-no-phone')).toBeVisible();
      await page.getByRole('tab', { name: w.settingsTab }).click();
      await page.getByLabel(w.newPhone).fill('13900009999');
      await page.getByRole('button', { name: w.start }).click();
      await expect(page.getByTestId('limit-saved')).not.toBeEmpty();
      await page.getByRole('tab', { name: w.movedTab }).click();
      await page.getByLabel(w.encodeVcard).check();
      await expect(page.getByTestId('moved-no-phone')).toHaveCount(0);
      await expectAccessible(page, `re-add moved kit (${w.prefix})`);
      await screenshot(page, `${w.prefix}-readd-moved-vcard`);
      const kit = (await call('readd.movedKit', { caseId: id, encode: 'vcard' })) as { qr: { content: string } };
      expect(kit.qr.content).toContain('TEL;TYPE=CELL:13900009999\r\n');
      expect(kit.qr.content).toMatch(/NOTE:(微信号：|WeChat ID: )new_me/);
    });

    test('the tabs follow the ARIA tabs pattern, and headings keep their order', async ({ page, relink, request }) => {
      await caseWith(relink, request, 'Tabs', card('王五', '13900000003') + card('赵六', '13900000004'), { dailyLimit: 1 });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Tabs' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await expect(page.getByTestId('readd-card')).toBeVisible();
      await page.keyboard.press('s'); // the limit (1) is reached: Today shows no card
      await expect(page.getByTestId('readd-card')).toHaveCount(0);
      const tabs = page.getByRole('tab');
      await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);
      await page.getByRole('tab', { name: w.todayTab }).focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByRole('tab', { name: w.queueTab })).toBeFocused();
      await expect(page.getByRole('tab', { name: w.queueTab })).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('End');
      await expect(page.getByRole('tab', { name: w.movedTabName })).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('ArrowRight');
      await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);
      const headingOrder = async () => (await new AxeBuilder({ page }).withRules(['heading-order']).analyze()).violations.map((v) => v.id);
      expect(await headingOrder(), 'Today').toEqual([]);
      await page.keyboard.press('Home');
      await page.getByRole('tab', { name: w.dashTab }).click();
      expect(await headingOrder(), 'Progress').toEqual([]);
    });
  });
}
