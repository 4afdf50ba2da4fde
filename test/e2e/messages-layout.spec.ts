// The Messages screen fits a 1280 px window in both languages: nothing is cut off or widens the page.
import { memoTraceChatCsv, whatsAppChatTxt } from '../unit/messages-api/fixtures';
import { expect, screenshot, test } from './fixtures';

for (const [lang, w] of [
  ['zh_CN.UTF-8', { prefix: 'zh-CN', open: '打开', nav: '聊天记录' }],
  ['en_US.UTF-8', { prefix: 'en', open: 'Open', nav: 'Messages' }],
] as const) {
  test.describe(`messages at 1280 px (${w.prefix})`, () => {
    test.use({ systemLang: lang });
    test('the chat list, chart and statistics fit the window', async ({ page, relink, request }) => {
      const headers = { 'x-relink-token': relink.token };
      const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers })).json()) as { result: unknown }).result;
      const upload = async (name: string, data: string) =>
        ((await (await request.post(`${relink.origin}/api/upload?name=${encodeURIComponent(name)}`, { data, headers })).json()) as { result: unknown }).result;
      const { id } = (await call('cases.create', { name: 'Layout' })) as { id: string };
      const files = [await upload('张伟_utf8.csv', memoTraceChatCsv()), await upload('WhatsApp Chat with Anna.txt', whatsAppChatTxt())];
      await call('messages.import', { caseId: id, files });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Layout' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.nav }).click();
      await expect(page.getByRole('img').first()).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'the page is no wider than the window').toBeLessThanOrEqual(1280);
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.getBoundingClientRect().width > 0)
          .map((el) => `${el.tagName}.${el.className}`)
          .slice(0, 5),
      );
      expect(cut, 'nothing reaches past the window').toEqual([]);
      await screenshot(page, `${w.prefix}-messages-1280`);
    });
  });
}
