// Screens link to each other: a contact's page to their chats and re-add status, and a chat
// person's page back to the contact; in zh-CN and en.
import { memoTraceChatCsv } from '../unit/messages-api/fixtures';
import { expect, expectAccessible, screenshot, test } from './fixtures';

const FRIENDS =
  '\ufeffUserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city\r\n' +
  'wxid_zhangwei01,zhangwei_88,3,张伟,伟哥,,,,,,男,,,,,\r\n';

for (const [lang, w] of [
  ['zh_CN.UTF-8', { prefix: 'zh-CN', open: '打开', contacts: '联系人', chats: '查看聊天记录', status: '待添加', contactLink: '打开 张伟 的联系人资料' }],
  ['en_US.UTF-8', { prefix: 'en', open: 'Open', contacts: 'Contacts', chats: 'Open their chats', status: 'Pending', contactLink: 'Open 张伟’s contact page' }],
] as const) {
  test.describe(`cross-links (${w.prefix})`, () => {
    test.use({ systemLang: lang });
    test('contact ↔ chats, and the re-add status', async ({ page, relink, request }) => {
      const headers = { 'x-relink-token': relink.token };
      const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers })).json()) as { result: unknown }).result;
      const upload = async (name: string, data: string) =>
        ((await (await request.post(`${relink.origin}/api/upload?name=${encodeURIComponent(name)}`, { data, headers })).json()) as { result: unknown }).result;
      const { id } = (await call('cases.create', { name: 'Links' })) as { id: string };
      await call('contacts.import', { caseId: id, files: [{ file: await upload('contacts.csv', FRIENDS) }] });
      await call('messages.import', { caseId: id, files: [await upload('张伟_utf8.csv', memoTraceChatCsv())] });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: 'Links' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.contacts }).click();
      await page.getByText('张伟').first().click();
      await expect(page.getByTestId('person-readd')).toContainText(w.status);
      await expectAccessible(page, `contact page links (${w.prefix})`);
      await screenshot(page, `${w.prefix}-contact-links`);
      await page.getByTestId('person-chats-link').click();
      await expect(page.getByTestId('messages-person')).toBeVisible();
      await screenshot(page, `${w.prefix}-chat-person-links`);
      await page.getByRole('link', { name: w.contactLink }).click();
      await expect(page.getByTestId('person-readd')).toBeVisible();
    });
  });
}
