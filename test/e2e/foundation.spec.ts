// Foundation: create a case, see its empty contact list, switch language, visit every screen;
// offline (no request leaves 127.0.0.1), accessible, and the API refuses calls without the token.
import { expect, expectAccessible, expectOnlyLocalRequests, screenshot, test } from './fixtures';
import { en, zh } from './words';

const SCREENS = (['cases', 'contacts', 'readd', 'photos', 'messages', 'appeals', 'settings'] as const).map((hash) => ({
  hash,
  zh: zh(`nav.${hash}`),
  en: en(`nav.${hash}`),
}));

test('create a case, see the empty contact list, switch language, every screen in both languages', async ({ page, relink }) => {
  await page.goto(relink.url);
  await expect(page.getByRole('heading', { level: 1, name: zh('cases.title') })).toBeVisible();
  await expect(page.getByText(zh('cases.empty'))).toBeVisible();
  // The token is moved out of the address bar once read.
  expect(page.url()).not.toContain('token=');
  await screenshot(page, 'zh-CN-cases-empty');

  await page.getByLabel(zh('cases.newLabel')).fill('张三的新微信');
  await page.getByRole('button', { name: zh('cases.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: zh('contacts.title') })).toBeVisible();
  await expect(page.getByTestId('current-case')).toHaveText('张三的新微信');
  await expect(page.getByTestId('contacts-empty')).toContainText(zh('contacts.empty'));

  for (const screen of SCREENS) {
    await page.getByRole('navigation').getByRole('link', { name: screen.zh }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen.zh })).toBeVisible();
    await expectAccessible(page, `zh-CN ${screen.hash}`);
    await screenshot(page, `zh-CN-${screen.hash}`);
  }

  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { level: 1, name: en('settings.title') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  for (const screen of SCREENS) {
    await page.getByRole('navigation').getByRole('link', { name: screen.en }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen.en })).toBeVisible();
    await expectAccessible(page, `en ${screen.hash}`);
    await screenshot(page, `en-${screen.hash}`);
  }
  await page.getByRole('navigation').getByRole('link', { name: en('nav.contacts') }).click();
  await expect(page.getByTestId('contacts-empty')).toContainText(en('contacts.empty'));

  // The choice survives a reload (saved in the data folder, not the page).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: en('contacts.title') })).toBeVisible();
  await expect(page.getByTestId('current-case')).toHaveText('张三的新微信');

  expectOnlyLocalRequests(relink);
});

test('rename and delete a case with its name typed again', async ({ page, relink }) => {
  await page.goto(relink.url);
  await page.getByLabel(zh('cases.newLabel')).fill('李四');
  await page.getByRole('button', { name: zh('cases.create') }).click();
  await expect(page.getByRole('heading', { level: 1, name: zh('contacts.title') })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: zh('nav.cases') }).click();

  await page.getByRole('button', { name: zh('common.rename') }).click();
  await page.getByLabel(zh('cases.renameLabel')).fill('李四（母亲）');
  await page.getByRole('button', { name: zh('common.save') }).click();
  await expect(page.getByTestId('current-case')).toHaveText('李四（母亲）');

  await page.getByRole('button', { name: zh('common.delete') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'delete dialog');
  await screenshot(page, 'zh-CN-cases-delete-dialog');
  await expect(dialog.getByRole('button', { name: zh('common.delete') })).toBeDisabled();
  await dialog.getByLabel(zh('cases.deleteConfirmLabel')).fill('李四（母亲）');
  await dialog.getByRole('button', { name: zh('common.delete') }).click();
  await expect(page.getByRole('status')).toContainText('.trash');
  await expect(page.getByText(zh('cases.empty'))).toBeVisible();
  await expect(page.getByTestId('current-case')).toHaveText(zh('nav.noCase'));
});

test('the API refuses calls without the token or from another origin', async ({ page, relink, request }) => {
  await page.goto(relink.url);
  // The launch token became an HttpOnly session cookie: the page's scripts cannot read it.
  const [session] = await page.context().cookies();
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: relink.token });
  expect(await page.evaluate(() => document.cookie)).not.toContain(relink.token);
  // `request` is a separate context without that cookie.
  const noToken = await request.post(`${relink.origin}/api/call/cases.list`, { data: {} });
  expect(noToken.status()).toBe(401);
  const inQuery = await request.post(`${relink.origin}/api/call/cases.list?token=${relink.token}`, { data: {} });
  expect(inQuery.status()).toBe(401);
  const foreign = await request.post(`${relink.origin}/api/call/cases.list`, {
    data: {},
    headers: { 'x-relink-token': relink.token, Origin: 'http://example.com' },
  });
  expect(foreign.status()).toBe(403);
  const ok = await request.post(`${relink.origin}/api/call/cases.list`, {
    data: {},
    headers: { 'x-relink-token': relink.token },
  });
  expect(ok.status()).toBe(200);
});

test.describe('English system', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('follows an English system locale', async ({ page, relink }) => {
    await page.goto(relink.url);
    await expect(page.getByRole('heading', { level: 1, name: en('cases.title') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
