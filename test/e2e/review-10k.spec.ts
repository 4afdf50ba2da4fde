// Merge review by keyboard at 10k generated contacts (issue 12): the first pair appears, Y / N / S / U
// each do what they say and focus stays in the review. Its timing is measured by
// `npm run bench contacts-review-ui` (through this same Chromium), not asserted here.
import { addressBook } from '../../bench/gen-namesakes';
import { expect, screenshot, test } from './fixtures';

test.setTimeout(180_000);

test('merge review by keyboard at 10k contacts', async ({ page, relink, request }) => {
  const headers = { 'x-relink-token': relink.token };
  const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers, timeout: 120_000 })).json()) as { result: unknown }).result;
  const { id } = (await call('cases.create', { name: 'Big' })) as { id: string };
  const ref = ((await (await request.post(`${relink.origin}/api/upload?name=book.vcf`, { data: addressBook(10_000), headers })).json()) as { result: unknown }).result;
  await call('contacts.import', { caseId: id, files: [{ file: ref }] });
  const { total } = (await call('contacts.review', { caseId: id })) as { total: number };
  expect(total).toBeGreaterThan(1000);

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(relink.url);
  await page.locator('ul.card-list > li').filter({ hasText: 'Big' }).getByRole('button', { name: '打开' }).click();
  await page.getByRole('navigation').getByRole('link', { name: '联系人' }).click();
  await page.getByRole('button', { name: /检查可能重复/ }).click();
  const card = page.getByTestId('review-card');
  const progress = page.getByTestId('review-progress');
  await expect(progress).toHaveText(`第 1 组，共 ${total.toLocaleString('zh-CN')} 组`);
  const first = await card.getAttribute('data-proposal');

  await page.keyboard.press('s'); // later: the second pair, nothing decided
  await expect(progress).toHaveText(`第 2 组，共 ${total.toLocaleString('zh-CN')} 组`);
  const second = await card.getAttribute('data-proposal');
  expect(second).not.toBe(first);
  await page.keyboard.press('n'); // keep apart: the next pair takes its place
  await expect(page.getByTestId('review-status')).toHaveText('已标为不是同一人。');
  await expect(card).not.toHaveAttribute('data-proposal', second!);
  await page.keyboard.press('u'); // undo: that pair is back
  await expect(page.getByTestId('review-status')).toHaveText(/^已撤销/);
  await expect(card).toHaveAttribute('data-proposal', second!);
  // A key costs one call: the decision answers with the next pair, and nothing else is re-read
  // meanwhile (the list of 10k, a second review page) to compete with the next key.
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/call/')) calls.push(r.url().replace(/.*\/api\/call\//, ''));
  });
  await page.keyboard.press('y'); // merge
  await expect(page.getByTestId('review-status')).toHaveText('已合并。');
  await expect(card).not.toHaveAttribute('data-proposal', second!);
  await page.waitForTimeout(500);
  expect(calls).toEqual(['contacts.decide']);
  await expect(card).toBeFocused();
  // Only the pair on screen exists in the page.
  expect(await page.locator('.review-table').count()).toBe(1);
  await screenshot(page, 'zh-CN-review-10k');
});
