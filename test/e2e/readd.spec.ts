// The core re-add path, keyboard only: import a vCard, set the new account and a limit of 5,
// copy key / copy message / Sent ×5, see "limit reached" with the countdown to tomorrow, mark one
// Accepted, reload and find everything as it was; the dashboard's counts and chart agree.
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, test, createCaseWithContacts } from './fixtures';

const PEOPLE = [
  ['赵一', '13800000001'],
  ['钱二', '13800000002'],
  ['孙三', '13800000003'],
  ['李四', '13800000004'],
  ['周五', '13800000005'],
  ['吴六', '13800000006'],
  ['郑七', '13800000007'],
];

const vcard = PEOPLE.map(([name, tel]) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL;TYPE=CELL:${tel}\r\nEND:VCARD\r\n`).join('');

const WORDS = {
  'zh-CN': {
    lang: 'zh_CN.UTF-8',
    newCase: '新案例名称',
    create: '创建案例',
    readd: '重新添加',
    contacts: '联系人',
    importBtn: '导入联系人',
    runImport: '开始导入',
    newId: '新账号 ID（微信号）',
    newName: '新账号昵称',
    oldName: '旧账号名字（朋友认识你的名字）',
    limit: '每天最多发送好友申请',
    saveSetup: '保存并开始',
    settingsTab: '节奏与消息',
    gapMin: '最短间隔（分钟）',
    gapMax: '最长间隔（分钟）',
    saveSettings: '保存设置',
    todayTab: '今天',
    dashboardTab: '进度',
    ready: '现在可以发送下一个申请',
    limitReached: '今天的额度已用完',
    tomorrow: /明天 .* 后可以继续（还有 (\d+ 小时 )?\d+ 分( \d+ 秒)?）/,
    accepted: '已通过',
    used: (n: number) => `今天已发送 ${n} / 5`,
    summary: '发送 5 个，通过 1 个',
  },
  en: {
    lang: 'en_US.UTF-8',
    newCase: 'New case name',
    create: 'Create case',
    readd: 'Re-add',
    contacts: 'Contacts',
    importBtn: 'Import contacts',
    runImport: 'Import',
    newId: 'New account ID (WeChat ID)',
    newName: 'New account name',
    oldName: 'Old account name (the name friends know)',
    limit: 'Friend requests per day, at most',
    saveSetup: 'Save and start',
    settingsTab: 'Pace & message',
    gapMin: 'Shortest gap (minutes)',
    gapMax: 'Longest gap (minutes)',
    saveSettings: 'Save settings',
    todayTab: 'Today',
    dashboardTab: 'Progress',
    ready: 'You can send the next request now',
    limitReached: "Today's limit is reached",
    tomorrow: /Continue tomorrow after .* \((\d+ h )?\d+ min( \d+ s)? from now\)/,
    accepted: 'Accepted',
    used: (n: number) => `Sent today ${n} / 5`,
    summary: '5 sent, 1 accepted',
  },
} as const;

for (const [locale, w] of Object.entries(WORDS)) {
  test.describe(`re-add in ${locale}`, () => {
    test.use({ systemLang: w.lang });

    test('keyboard-only queue to the daily limit, survives a reload', async ({ page, context, relink }, testInfo) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: relink.origin });
      const file = fixtureFile(testInfo.outputDir, 'phone.vcf', vcard);
      const shot = (step: string) => screenshot(page, `${locale}-readd-${step}`);

      await page.goto(relink.url);
      await createCaseWithContacts(page, w, 'Case', [file]);

      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await page.getByLabel(w.newId).fill('zhang_new_2026');
      await page.getByLabel(w.newName).fill('张三（新号）');
      await page.getByLabel(w.oldName).fill('张三');
      await page.getByLabel(w.limit).fill('5');
      await expectAccessible(page, `${locale} readd setup`);
      await shot('1-setup');
      await page.getByRole('button', { name: w.saveSetup }).click();

      // No waiting between requests in this test: the gap is a setting (default 2–6 minutes).
      await page.getByRole('tab', { name: w.settingsTab }).click();
      await page.getByLabel(w.gapMin).fill('0');
      await page.getByLabel(w.gapMax).fill('0');
      await page.getByRole('button', { name: w.saveSettings }).click();
      await expect(page.getByRole('status').filter({ hasText: /设置已保存|Settings saved/ })).toBeVisible();
      await shot('2-settings');
      await page.getByRole('tab', { name: w.todayTab }).click();

      const card = page.getByTestId('readd-card');
      await expect(page.getByTestId('pacing-state')).toContainText(w.ready);
      await expectAccessible(page, `${locale} readd today`);
      await shot('3-first-card');

      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const name = (await card.getByRole('heading', { level: 2 }).textContent())!;
        expect(seen.has(name), 'a new contact after each outcome').toBe(false);
        seen.add(name);
        const key = (await page.getByTestId('search-key').textContent())!;
        expect(key).toMatch(/^138000000\d\d$/);
        await page.keyboard.press('c');
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(key);
        const message = (await page.getByTestId('readd-message').textContent())!;
        expect(message).toContain('张三');
        await page.keyboard.press('m');
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(message);
        await page.keyboard.press('s');
        await expect(page.getByTestId('pacing')).toContainText(w.used(i + 1));
        if (i === 1) await shot('4-after-two-sent');
      }

      await expect(page.getByTestId('pacing-state')).toContainText(w.limitReached);
      await expect(page.getByTestId('pacing-state')).toContainText(w.tomorrow);
      await expect(card).toHaveCount(0);
      await expect(page.getByTestId('readd-no-card')).toHaveCount(0);
      await expectAccessible(page, `${locale} readd limit reached`);
      await shot('5-limit-reached');

      const awaiting = page.getByTestId('awaiting');
      const firstSent = [...seen][0]!;
      await awaiting.getByRole('button', { name: `${w.accepted}: ${firstSent}` }).click();
      await expect(awaiting.getByText(firstSent)).toHaveCount(0);

      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: w.readd }).click();
      await expect(page.getByTestId('pacing-state')).toContainText(w.limitReached);
      await expect(page.getByTestId('pacing')).toContainText(w.used(5));
      await expect(page.getByTestId('awaiting').getByRole('listitem')).toHaveCount(4);
      await shot('6-after-reload');

      await page.getByRole('tab', { name: w.dashboardTab }).click();
      const counts = page.getByTestId('status-counts');
      await expect(counts.locator('[data-status=sent] .status-number')).toHaveText('4');
      await expect(counts.locator('[data-status=accepted] .status-number')).toHaveText('1');
      await expect(counts.locator('[data-status=pending] .status-number')).toHaveText('2');
      await expect(page.getByTestId('chart-summary')).toContainText(w.summary);
      await expectAccessible(page, `${locale} readd dashboard`);
      await shot('7-dashboard');

      expectOnlyLocalRequests(relink);
    });
  });
}
