// Contacts: import a phone vCard (2.1, quoted-printable Chinese) and a WeChat friend list that
// share people, see one merged list, search by pinyin, open a person's provenance, review a
// same-name proposal; re-importing the same file adds nothing.
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test } from './fixtures';
import { en, like, zh } from './words';

/** Where a value came from: the file and its place, joined with " · " in code (source-text.ts), not a catalog word. */
const seenIn = (file: string, place: string) => `${file} · ${place}`;

function qp(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function phoneVcard(): string {
  const cards = [
    ['张伟', '+86 138 0013 8000'],
    ['李娜', '139-0013-9000'],
    ['王芳', '13700137000'],
    ['王方', '13600136000'],
  ];
  return cards
    .map(([name, tel]) => `BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(name!)}\r\nTEL;CELL:${tel}\r\nEND:VCARD\r\n`)
    .join('');
}

function memoTraceCsv(): string {
  const header = 'UserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city';
  const rows = [
    'wxid_zhangwei01,zhangwei_88,3,张伟（大学）,伟哥,WG,ZWDX,,,同学,男,13800138000,,CN,Beijing,Beijing',
    'wxid_abc123,,3,,小陈,XC,,,,家人,女,,,CN,,',
    '12345678@chatroom,,2,,大学同学群,DXTXQ,,,,,未知,,,,,',
  ];
  return `\ufeff${[header, ...rows].join('\r\n')}\r\n`;
}

test('import, merge, search, provenance and review', async ({ page, relink }, testInfo) => {
  const vcf = fixtureFile(testInfo.outputDir, '通讯录.vcf', phoneVcard());
  const csv = fixtureFile(testInfo.outputDir, 'contacts.csv', memoTraceCsv());

  await page.goto(relink.url);
  await page.getByLabel(zh('cases.newLabel')).fill('张三');
  await page.getByRole('button', { name: zh('cases.create') }).click();
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await page.getByTestId('contacts-empty').getByRole('button', { name: zh('contacts.import') }).click();

  await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([vcf, csv]);
  await expect(page.getByTestId('file-preview')).toHaveCount(2);
  // Formats in people's words, never the importers' internal names.
  await expect(page.getByTestId('file-preview').first()).toContainText('格式: 通讯录名片（vCard）');
  await expect(page.getByTestId('file-preview').nth(1)).toContainText('留痕 MemoTrace 导出的微信好友');
  await expect(page.getByTestId('file-preview').nth(1)).not.toContainText('wechat-memotrace');
  await expectAccessible(page, 'contacts import preview');
  await screenshot(page, 'zh-CN-contacts-import-preview');

  await page.getByRole('button', { name: zh('contacts.runImport') }).click();
  await expect(page.getByTestId('import-result')).toContainText(zh('contacts.importDone', { persons: 5, proposals: 1 }));
  await screenshot(page, 'zh-CN-contacts-import-done');

  await page.getByRole('button', { name: like(zh, 'contacts.back') }).click();
  await expect(page.getByTestId('contacts-count')).toHaveText(zh('contacts.count', { count: 5 }));
  const list = page.getByRole('list', { name: zh('contacts.title') });
  await expect(list).toContainText('张伟（大学）');
  await expectAccessible(page, 'contacts list');
  await screenshot(page, 'zh-CN-contacts-list');

  await page.getByRole('searchbox').fill('zw');
  await expect(page.getByTestId('contacts-count')).toHaveText(zh('contacts.count', { count: 1 }));
  await list.getByRole('button', { name: /张伟/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: '张伟（大学）' })).toBeVisible();
  await expect(page.getByText('+86 138 0013 8000', { exact: true })).toBeVisible();
  await expect(page.getByText('zhangwei_88')).toBeVisible();
  await expect(page.getByText(seenIn('通讯录.vcf', zh('contacts.locator.card', { card: 1, line: 1 }))).first()).toBeVisible();
  await expect(page.getByText(seenIn('contacts.csv', zh('contacts.locator.row', { row: 2 }))).first()).toBeVisible();
  await expectAccessible(page, 'contact detail');
  await screenshot(page, 'zh-CN-contacts-detail');
  await page.getByRole('button', { name: like(zh, 'contacts.back') }).click();
  await page.getByRole('searchbox').fill('');

  // 王芳 and 王方 share only their pinyin: a proposal, not a merge.
  // One pair at a time, said why, decided and undone by keyboard; focus stays in the review.
  await page.getByRole('button', { name: like(zh, 'contacts.review', { count: 1 }) }).click();
  await expect(page.getByTestId('review-progress')).toHaveText(zh('review.progress', { n: 1, total: 1 }));
  await expect(page.getByTestId('review-why')).toHaveText(zh('review.kind.pinyin-different-ids', { differs: zh('review.differs.phone') }));
  await expect(page.getByTestId('review-card').getByText('王方')).toBeVisible();
  await expectAccessible(page, 'merge review');
  await screenshot(page, 'zh-CN-contacts-review');
  await page.keyboard.press('n');
  await expect(page.getByText(zh('review.empty'))).toBeVisible();
  await expect(page.getByTestId('review-status')).toHaveText(zh('review.done.keep-apart'));
  expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="review-card"]') !== null)).toBe(true);
  await page.keyboard.press('u');
  await expect(page.getByTestId('review-status')).toHaveText(zh('review.undone.keep-apart'));
  await expect(page.getByTestId('review-progress')).toHaveText(zh('review.progress', { n: 1, total: 1 }));
  await page.getByRole('button', { name: zh('review.keepApart') }).click();
  await expect(page.getByText(zh('review.empty'))).toBeVisible();

  // The same file again adds nothing.
  await page.getByRole('button', { name: like(zh, 'contacts.back') }).click();
  await page.getByRole('button', { name: zh('contacts.import') }).click();
  await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([vcf]);
  await page.getByRole('button', { name: zh('contacts.runImport') }).click();
  await expect(page.getByTestId('import-result')).toContainText(like(zh, 'contacts.importDone', { persons: 5 }));
  await expect(page.getByTestId('import-result')).toContainText(like(zh, 'contacts.fileSummary', { file: '通讯录.vcf', added: 0 }));

  expectOnlyLocalRequests(relink);
});

test('bad input is explained in Chinese, naming the file and the card', async ({ page, relink }, testInfo) => {
  const png = fixtureFile(testInfo.outputDir, '照片.vcf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  const cards = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:赵六\r\nTEL:13500135000\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:空\r\nEND:VCARD\r\n';
  const vcf = fixtureFile(testInfo.outputDir, '手机通讯录.vcf', cards);
  await page.goto(relink.url);
  await page.getByLabel(zh('cases.newLabel')).fill('李四');
  await page.getByRole('button', { name: zh('cases.create') }).click();
  await page.getByTestId('contacts-empty').getByRole('button', { name: zh('contacts.import') }).click();
  await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([png, vcf]);
  await expect(page.getByTestId('file-preview')).toHaveCount(2);
  const bad = page.getByTestId('file-preview').filter({ hasText: '照片.vcf' });
  await expect(bad.locator('.issue-error')).toHaveText(zh('issue.file-binary', { kind: zh('issue.kind.png') }));
  await expectAccessible(page, 'contacts import preview with a bad file');
  await screenshot(page, 'zh-CN-contacts-import-bad-file');

  await page.getByRole('button', { name: zh('contacts.runImport') }).click();
  const result = page.getByTestId('import-result');
  await expect(result).toContainText(zh('issue.card-empty', { card: 2, line: 6 }));
  await expect(result).toContainText(zh('issue.file-binary', { kind: zh('issue.kind.png') }));
  // The backend's English fallback text ("Skipped …") does not leak into the Chinese page.
  await expect(result).not.toContainText('Skipped');
  await screenshot(page, 'zh-CN-contacts-import-bad-file-result');
});

test.describe('in English', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('a file that is not a contact export is refused clearly', async ({ page, relink }, testInfo) => {
    const png = fixtureFile(testInfo.outputDir, 'photo.vcf', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await page.goto(relink.url);
    await page.getByLabel(en('cases.newLabel')).fill('Test');
    await page.getByRole('button', { name: en('cases.create') }).click();
    await page.getByTestId('contacts-empty').getByRole('button', { name: en('contacts.import') }).click();
    await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([png]);
    await expect(page.getByTestId('file-preview')).toContainText('photo.vcf');
    await expect(page.getByTestId('file-preview').locator('.issue-error')).toHaveText(en('issue.file-binary', { kind: en('issue.kind.png') }));
    await expect(page.getByRole('button', { name: en('contacts.runImport'), exact: true })).toBeDisabled();
    await screenshot(page, 'en-contacts-import-bad-file');
  });

  test('a person\'s values and where each came from, in English', async ({ page, relink }, testInfo) => {
    const vcf = fixtureFile(testInfo.outputDir, 'phone.vcf', phoneVcard());
    const csv = fixtureFile(testInfo.outputDir, 'contacts.csv', memoTraceCsv());
    await page.goto(relink.url);
    await page.getByLabel(en('cases.newLabel')).fill('Test');
    await page.getByRole('button', { name: en('cases.create') }).click();
    await page.getByTestId('contacts-empty').getByRole('button', { name: en('contacts.import') }).click();
    await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([vcf, csv]);
    await expect(page.getByTestId('file-preview')).toHaveCount(2);
    await page.getByRole('button', { name: en('contacts.runImport'), exact: true }).click();
    await expect(page.getByTestId('import-result')).toBeVisible();
    await page.getByRole('button', { name: like(en, 'contacts.back') }).click();
    await page.getByRole('list', { name: en('contacts.title') }).getByRole('button', { name: /张伟/ }).click();
    await expect(page.getByText('+86 138 0013 8000', { exact: true })).toBeVisible();
    // The importer's phone label, shown as it is in English (value-label.ts translates it for zh-CN only).
    await expect(page.getByText('mobile', { exact: true })).toBeVisible();
    await expect(page.getByText(seenIn('phone.vcf', en('contacts.locator.card', { card: 1, line: 1 }))).first()).toBeVisible();
    await expect(page.getByText(seenIn('contacts.csv', en('contacts.locator.row', { row: 2 }))).first()).toBeVisible();
    await expectAccessible(page, 'contact detail (en)');
    await screenshot(page, 'en-contacts-detail');

    await page.getByRole('button', { name: like(en, 'contacts.back') }).click();
    await page.getByRole('button', { name: like(en, 'contacts.review', { count: 1 }) }).click();
    await expect(page.getByTestId('review-progress')).toHaveText(en('review.progress', { n: 1, total: 1 }));
    await expect(page.getByTestId('review-why')).toHaveText(en('review.kind.pinyin-different-ids', { differs: en('review.differs.phone') }));
    await expect(page.getByRole('button', { name: en('review.bulk.keepApart', { kind: en('review.kindShort.pinyin-different-ids'), count: 1 }) })).toBeVisible();
    await expectAccessible(page, 'merge review (en)');
    await screenshot(page, 'en-contacts-review');
    await page.keyboard.press('y');
    await expect(page.getByTestId('review-status')).toHaveText(en('review.done.merge'));
    await expect(page.getByText(en('review.empty'))).toBeVisible();
  });
});

test.describe('a large address book', () => {
  test.use({ systemLang: 'en_US.UTF-8' });
  test('3,000 contacts: only the rows on screen exist, pages load as they scroll into view', async ({ page, relink }, testInfo) => {
    const cards = Array.from(
      { length: 3000 },
      (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Contact ${String(i + 1).padStart(4, '0')}\r\nTEL:+1 415 555 ${String(i).padStart(4, '0')}\r\nEND:VCARD\r\n`,
    ).join('');
    const file = fixtureFile(testInfo.outputDir, 'big.vcf', cards);
    await page.goto(relink.url);
    await page.getByLabel(en('cases.newLabel')).fill('Big');
    await page.getByRole('button', { name: en('cases.create') }).click();
    await page.getByTestId('contacts-empty').getByRole('button', { name: en('contacts.import') }).click();
    await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([file]);
    await page.getByRole('button', { name: en('contacts.runImport'), exact: true }).click();
    await expect(page.getByTestId('import-result')).toContainText(like(en, 'contacts.importDone', { persons: 3000 }));
    await page.getByRole('button', { name: like(en, 'contacts.back') }).click();
    await expect(page.getByTestId('contacts-count')).toHaveText(en('contacts.count', { count: 3000 }));

    const list = page.getByRole('list', { name: en('contacts.title') });
    expect(await list.getByRole('listitem').count()).toBeLessThan(100);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(list.getByRole('button', { name: /Contact 3000/ })).toBeVisible();
    expect(await list.getByRole('listitem').count()).toBeLessThan(100);
    await screenshot(page, 'en-contacts-3000-bottom');
  });
});
