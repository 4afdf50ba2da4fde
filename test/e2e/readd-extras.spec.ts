// Re-add beyond today's card: the whole queue (select everyone with a label, move them to the
// front, leave one out), the history told in words, the "I've moved" kit (card picture, QR code,
// vCard, email/SMS drafts) and the printable checklist; zh-CN and en, accessible, offline.
import { readFileSync } from 'node:fs';
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test, createCaseWithContacts } from './fixtures';

// 家人 is a default priority label, so those two lead the queue anyway; 球友 is not, and its two
// people sort last by pinyin (郑 zheng, 周 zhou): moving them to the front is visible.
const PEOPLE: { name: string; tel: string; label?: string; email?: string }[] = [
  { name: '赵一', tel: '13800000001', label: '家人' },
  { name: '钱二', tel: '13800000002' },
  { name: '孙三', tel: '13800000003', email: 'sunsan@example.com' },
  { name: '李四', tel: '13800000004' },
  { name: '周五', tel: '13800000005', label: '球友' },
  { name: '吴六', tel: '13800000006', label: '家人' },
  { name: '郑七', tel: '13800000007', label: '球友' },
  { name: '王八', tel: '13800000008' },
];
const FAMILY = ['赵一', '吴六'];
const TEAM = ['郑七', '周五'];
/** In queue order (pinyin: wu before zhao). */
const FAMILY_ORDER = ['吴六', '赵一'];

const vcard = PEOPLE.map(
  (p) =>
    `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${p.name}\r\nTEL;TYPE=CELL:${p.tel}\r\n` +
    (p.email ? `EMAIL;TYPE=INTERNET:${p.email}\r\n` : '') +
    (p.label ? `CATEGORIES:${p.label}\r\n` : '') +
    'END:VCARD\r\n',
).join('');

const WORDS = {
  'zh-CN': {
    lang: 'zh_CN.UTF-8',
    newCase: '新案例名称',
    create: '创建案例',
    readd: '重新添加',
    importBtn: '导入联系人',
    runImport: '开始导入',
    newId: '新账号 ID（微信号）',
    newName: '新账号昵称',
    oldName: '旧账号名字（朋友认识你的名字）',
    saveSetup: '保存并开始',
    queueTab: '全部队列',
    todayTab: '今天',
    historyTab: '记录',
    movedTab: '搬家卡',
    dashboardTab: '进度',
    bulkLabel: '按标签选择',
    selectAll: '选中这个标签的所有人',
    moveToFront: '移到最前面',
    selected: (n: number) => `已选 ${n} 人`,
    clear: '清除选择',
    excludeOne: (name: string) => `不再添加 ${name}`,
    leftOut: '不加了',
    sent: /^已发送/,
    historyOutcome: (name: string) => `${name}：已发送`,
    historyOrder: `移到队列最前面：${TEAM.join('、')}`,
    historyExclude: '不再添加：李四',
    historyUndo: '撤销：加星标：王八',
    historyStar: '加星标：王八',
    undone: '已撤销',
    starOne: (name: string) => `给 ${name} 加星标`,
    unstarOne: (name: string) => `取消 ${name} 的星标`,
    undo: /^撤销/,
    historyFamily: `移到队列最前面：${FAMILY_ORDER.join('、')}`,
    historySettings: '修改了设置：新账号 微信 张三（新号）（zhang_new_2026）',
    savePng: '保存为图片（PNG）',
    downloadVcard: '下载我的名片（vCard）',
    encodeVcard: '名片（vCard）',
    openEmail: '打开给 孙三 的邮件草稿',
    copyText: '复制文字',
    printChecklist: '打印清单',
    checklistTitle: '重新添加清单：张三',
    print: '打印',
    close: '关闭',
  },
  en: {
    lang: 'en_US.UTF-8',
    newCase: 'New case name',
    create: 'Create case',
    readd: 'Re-add',
    importBtn: 'Import contacts',
    runImport: 'Import',
    newId: 'New account ID (WeChat ID)',
    newName: 'New account name',
    oldName: 'Old account name (the name friends know)',
    saveSetup: 'Save and start',
    queueTab: 'Whole queue',
    todayTab: 'Today',
    historyTab: 'History',
    movedTab: "I've moved",
    dashboardTab: 'Progress',
    bulkLabel: 'Select by label',
    selectAll: 'Select everyone with this label',
    moveToFront: 'Move to front',
    selected: (n: number) => `${n} selected`,
    clear: 'Clear selection',
    excludeOne: (name: string) => `Leave out ${name}`,
    leftOut: 'Left out',
    sent: /^Sent/,
    historyOutcome: (name: string) => `${name}: Sent`,
    historyOrder: `Moved to the front: ${TEAM.join(', ')}`,
    historyExclude: 'Left out: 李四',
    historyUndo: 'Undid: Starred: 王八',
    historyStar: 'Starred: 王八',
    undone: 'undone',
    starOne: (name: string) => `Star ${name}`,
    unstarOne: (name: string) => `Remove the star from ${name}`,
    undo: /^Undo/,
    historyFamily: `Moved to the front: ${FAMILY_ORDER.join(', ')}`,
    historySettings: 'Changed settings: new WeChat account 张三（新号） (zhang_new_2026)',
    savePng: 'Save as picture (PNG)',
    downloadVcard: 'Download my vCard',
    encodeVcard: 'Contact card (vCard)',
    openEmail: 'Open email draft to 孙三',
    copyText: 'Copy text',
    printChecklist: 'Print a checklist',
    checklistTitle: 'Re-add checklist: 张三',
    print: 'Print',
    close: 'Close',
  },
} as const;

for (const [locale, w] of Object.entries(WORDS)) {
  test.describe(`re-add extras in ${locale}`, () => {
    test.use({ systemLang: w.lang });

    test('queue bulk actions, history, moved kit, checklist', async ({ page, context, relink }, testInfo) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: relink.origin });
      const file = fixtureFile(testInfo.outputDir, 'labels.vcf', vcard);
      const shot = (step: string) => screenshot(page, `${locale}-readd-extras-${step}`);
      const tab = (name: string) => page.getByRole('tab', { name, exact: true });

      await page.goto(relink.url);
      await createCaseWithContacts(page, w, '张三', [file]);

      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await page.getByLabel(w.newId).fill('zhang_new_2026');
      await page.getByLabel(w.newName).fill('张三（新号）');
      await page.getByLabel(w.oldName).fill('张三');
      await page.getByRole('button', { name: w.saveSetup }).click();

      // ── Whole queue ──
      await tab(w.queueTab).click();
      const rows = page.getByTestId('queue-row');
      const names = () => rows.locator('.queue-name').allTextContents();
      await expect(rows).toHaveCount(PEOPLE.length);
      expect((await names()).slice(0, 2).sort()).toEqual([...FAMILY].sort());
      expect(TEAM).not.toContain((await names())[2]);

      const pick = page.getByLabel(w.bulkLabel);
      await expect(pick.locator('option')).toHaveText(['家人', '球友']);
      await pick.selectOption('家人');
      await page.getByRole('button', { name: w.selectAll }).click();
      await expect(page.getByTestId('queue-selected')).toHaveText(w.selected(2));
      await page.getByRole('button', { name: w.moveToFront, exact: true }).click();
      await expect(rows.first().locator('.tag', { hasText: '家人' })).toBeVisible();
      await expect(page.getByTestId('queue-note')).toBeVisible();
      await expect.poll(async () => FAMILY.includes((await names())[0] ?? '')).toBe(true);

      // Now a label that is not a priority: its people jump from the end to the front.
      await page.getByRole('button', { name: w.clear }).click();
      await pick.selectOption('球友');
      await page.getByRole('button', { name: w.selectAll }).click();
      await expect(page.getByTestId('queue-selected')).toHaveText(w.selected(2));
      await expect(rows.filter({ has: page.locator('input:checked') })).toHaveCount(2);
      await expectAccessible(page, `${locale} queue with selection`);
      await shot('1-queue-selected');
      await page.getByRole('button', { name: w.moveToFront, exact: true }).click();
      await expect(rows.first()).toContainText(TEAM[0]!);
      expect((await names()).slice(0, 2)).toEqual(TEAM);
      expect((await names()).slice(2, 4).sort()).toEqual([...FAMILY].sort());

      await rows.filter({ hasText: '李四' }).getByRole('button', { name: w.excludeOne('李四') }).click();
      await expect(rows.filter({ hasText: '李四' }).getByTestId('queue-status')).toContainText(w.leftOut);
      // Left-out people go after everyone still queued.
      await expect(rows.last()).toContainText('李四');
      await page.getByLabel(locale === 'en' ? 'Show label' : '只看标签').selectOption('球友');
      await expect(page.getByTestId('queue-count')).toHaveText(locale === 'en' ? 'People: 2' : '共 2 人');
      await page.getByLabel(locale === 'en' ? 'Show label' : '只看标签').selectOption('');
      await expect(rows).toHaveCount(PEOPLE.length);
      await expectAccessible(page, `${locale} queue`);
      await shot('2-queue');

      // A star, undone from Today's card (the undo is history too).
      await rows.filter({ hasText: '王八' }).getByRole('button', { name: w.starOne('王八') }).click();
      await expect(rows.filter({ hasText: '王八' }).getByRole('button', { name: w.unstarOne('王八') })).toHaveAttribute('aria-pressed', 'true');

      // ── One outcome from Today's card ──
      await tab(w.todayTab).click();
      const card = page.getByTestId('readd-card');
      await expect(card.getByRole('heading', { level: 2 })).toHaveText(TEAM[0]!);
      await card.getByRole('button', { name: w.undo }).click();
      await card.getByRole('button', { name: w.sent }).click();
      await expect(page.getByTestId('readd-saved')).toContainText(TEAM[0]!);

      // ── History in words ──
      await tab(w.historyTab).click();
      const history = page.getByTestId('history-list');
      await expect(history.getByRole('listitem').first()).toContainText(w.historyOutcome(TEAM[0]!));
      await expect(history.getByRole('listitem').nth(1)).toContainText(w.historyUndo);
      await expect(history.getByRole('listitem').nth(2)).toContainText(w.historyStar);
      await expect(history.getByRole('listitem').nth(2)).toContainText(w.undone);
      await expect(history).toContainText(w.historyExclude);
      // The order event names only the people moved, not everyone ranked before them.
      await expect(history.locator('.history-what').filter({ hasText: w.historyOrder })).toHaveText(w.historyOrder);
      await expect(history.locator('.history-what').filter({ hasText: w.historyFamily })).toHaveText(w.historyFamily);
      await expect(history).toContainText(w.historySettings);
      await expect(history).not.toContainText('{');
      await expectAccessible(page, `${locale} history`);
      await shot('3-history');

      // ── "I've moved" kit ──
      await tab(w.movedTab).click();
      const qr = page.getByTestId('moved-qr');
      await expect(qr).toBeVisible();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      await expect(page.getByTestId('moved-card')).toBeVisible();
      // The card is really drawn: its centre (the QR code) has dark pixels.
      await expect
        .poll(() =>
          page.getByTestId('moved-card').evaluate((c: HTMLCanvasElement) => {
            const data = c.getContext('2d')!.getImageData(200, 400, 320, 320).data;
            let dark = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i]! < 80) dark++;
            return dark;
          }),
        )
        .toBeGreaterThan(1000);
      const drafts = page.getByTestId('moved-draft');
      await expect(drafts).toHaveCount(PEOPLE.length + 1); // a text for every mobile, an email for 孙三
      const email = page.getByRole('link', { name: w.openEmail });
      expect(await email.getAttribute('href')).toMatch(/^mailto:sunsan@example\.com\?subject=.+&body=.+zhang_new_2026/);
      expect(await email.getAttribute('target')).toBe('_blank');
      expect(await drafts.first().getByRole('link').getAttribute('href')).toMatch(/^(sms|mailto):/);
      await drafts.first().getByRole('button', { name: w.copyText }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('zhang_new_2026');
      await expectAccessible(page, `${locale} moved kit`);
      await shot('4-moved');

      const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.savePng }).click()]);
      expect(png.suggestedFilename()).toMatch(/zhang_new_2026\.png$/);
      const pngPath = testInfo.outputPath('card.png');
      await png.saveAs(pngPath);
      expect(readFileSync(pngPath).subarray(1, 4).toString()).toBe('PNG');
      const [vcf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.downloadVcard }).click()]);
      expect(vcf.suggestedFilename()).toMatch(/\.vcf$/);

      const before = await qr.getAttribute('src');
      await page.getByLabel(w.encodeVcard).check();
      await expect.poll(() => qr.getAttribute('src')).not.toBe(before);

      // ── Printable checklist ──
      await tab(w.dashboardTab).click();
      await page.getByRole('button', { name: w.printChecklist }).click();
      const checklist = page.getByTestId('checklist');
      await expect(checklist.getByRole('heading', { name: w.checklistTitle })).toBeVisible();
      await expect(checklist).toContainText('zhang_new_2026');
      // Everyone but the one sent and the one left out, still in queue order.
      await expect(page.getByTestId('checklist-row')).toHaveCount(PEOPLE.length - 2);
      await expect(page.getByTestId('checklist-row').first()).toContainText(TEAM[1]!);
      await expect(checklist).not.toContainText('李四');
      await expect(page.getByTestId('checklist-row').first().locator('.checklist-message')).toContainText('张三');
      await expect(page.getByRole('button', { name: w.print, exact: true })).toBeVisible();
      await expectAccessible(page, `${locale} checklist`);
      await shot('5-checklist');
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.sidebar')).toBeHidden();
      await expect(page.getByRole('button', { name: w.print, exact: true })).toBeHidden();
      await expect(page.getByTestId('checklist-row').first()).toBeVisible();
      await shot('6-checklist-print');
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: w.close, exact: true }).click();
      await expect(checklist).toHaveCount(0);
      await expect(tab(w.dashboardTab)).toBeVisible();

      expectOnlyLocalRequests(relink);
    });
  });
}

test('the whole queue of 3 000 people is paged and virtualized', async ({ page, relink }, testInfo) => {
  const many = Array.from({ length: 3000 }, (_, i) => {
    const n = String(i).padStart(4, '0');
    return `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${n}\r\nTEL;TYPE=CELL:1390000${n}\r\n${i % 100 === 0 ? 'CATEGORIES:球友\r\n' : ''}END:VCARD\r\n`;
  }).join('');
  const file = fixtureFile(testInfo.outputDir, 'many.vcf', many);
  await page.goto(relink.url);
  await page.getByLabel('新案例名称').fill('大队列');
  await page.getByRole('button', { name: '创建案例' }).click();
  await page.getByTestId('contacts-empty').getByRole('button', { name: '导入联系人' }).click();
  await page.getByTestId('contacts-file-picker').locator('input[type=file]').first().setInputFiles([file]);
  await page.getByRole('button', { name: '开始导入', exact: true }).click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation').getByRole('link', { name: '重新添加' }).click();
  await page.getByLabel('新账号 ID（微信号）').fill('big_new');
  await page.getByRole('button', { name: '保存并开始' }).click();
  await page.getByRole('tab', { name: '全部队列', exact: true }).click();

  await expect(page.getByTestId('queue-count')).toHaveText('共 3,000 人');
  const rows = page.getByTestId('queue-row');
  await expect(rows.first()).toContainText('Person 0000');
  expect(await rows.count()).toBeLessThan(60);
  // The end of the list is a later page, fetched when scrolled to.
  await page.getByTestId('queue-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('queue-list')).toContainText('Person 2999');
  expect(await rows.count()).toBeLessThan(60);

  // Select everyone labelled 球友 (30 people across all pages) and move them to the front.
  await page.getByLabel('按标签选择').selectOption('球友');
  await page.getByRole('button', { name: '选中这个标签的所有人' }).click();
  await expect(page.getByTestId('queue-selected')).toHaveText('已选 30 人');
  await page.getByRole('button', { name: '移到最前面', exact: true }).click();
  await expect(page.getByTestId('queue-note')).toContainText('30');
  await expect(rows.first()).toContainText('Person 0000');
  await expect(rows.nth(1)).toContainText('Person 0100');
  await page.getByTestId('queue-list').evaluate((el) => el.scrollTo(0, 56 * 20));
  await expect(page.getByTestId('queue-row').filter({ hasText: 'Person 2900' }).locator('.queue-pos')).toHaveText('30');
  await expect(page.getByTestId('queue-row').filter({ hasText: 'Person 0001' }).locator('.queue-pos')).toHaveText('31');
  expectOnlyLocalRequests(relink);
});
