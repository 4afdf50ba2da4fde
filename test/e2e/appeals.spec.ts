// Appeals and the recovery timeline (issue 17): record a ban and two appeals (one with a photo of the
// letter attached), see the reminder on the Appeals screen, the re-add dashboard and the cases
// overview, print the letter sheet and the timeline, and find everything again after a reload;
// zh-CN and en, accessible, offline.
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { expect, expectAccessible, expectOnlyLocalRequests, fixtureFile, screenshot, screenshotDir, test } from './fixtures';
import { join } from 'node:path';

/** A small real PNG (a grey square), as a phone photo of a letter would be attached. */
function png(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const size = 48;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((size + 1) * size, 0x99);
  for (let y = 0; y < size; y++) rows[y * (size + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const WORDS = {
  'zh-CN': {
    lang: 'zh_CN.UTF-8',
    open: '打开',
    nav: '申诉',
    navReadd: '重新添加',
    navCases: '案例',
    addAccount: '记录被封的账号',
    name: '账号昵称',
    handle: '账号 ID（如微信号）',
    phone: '绑定的手机号',
    banDate: '封号日期',
    banKind: '处罚类型',
    banDays: '封禁天数',
    reapply: '最早可以再次申诉的日期',
    notice: '平台通知原文（直接粘贴）',
    save: '保存',
    addAppeal: '记录一次申诉',
    date: '申诉日期',
    channel: '渠道',
    asked: '平台要求提供什么',
    sent: '实际提交了什么',
    reply: '平台的回复',
    next: '下一步',
    nextDate: '下一步的日期（到时提醒）',
    letterChannel: '书面信件',
    serviceChannel: '在线客服',
    remindersTab: /提醒/,
    overdue: '已过期',
    timelineTab: '时间线',
    letterTab: '申诉信纸',
    printTimeline: '打印时间线',
    exportCsv: '导出 CSV',
    printLetter: '打印信纸',
    dashboard: '进度',
    dueTitle: '申诉提醒',
    overviewTag: '1 个申诉提醒到期',
    banText: '微信账号“张三”（zs_1988）被封：临时封号 7 天',
    sheetTitle: '账号申诉信',
    done: '完成',
  },
  en: {
    lang: 'en_US.UTF-8',
    open: 'Open',
    nav: 'Appeals',
    navReadd: 'Re-add',
    navCases: 'Cases',
    addAccount: 'Record a banned account',
    name: 'Account name',
    handle: 'Account ID (e.g. WeChat ID)',
    phone: 'Phone number bound to it',
    banDate: 'Day of the ban',
    banKind: 'Kind of ban',
    banDays: 'Days banned',
    reapply: 'Earliest day to appeal again',
    notice: 'The notice as the platform showed it (paste it)',
    save: 'Save',
    addAppeal: 'Record an appeal',
    date: 'Day of the appeal',
    channel: 'Channel',
    asked: 'What the platform asked for',
    sent: 'What was sent',
    reply: 'The reply',
    next: 'Next step',
    nextDate: 'Day of the next step (you will be reminded)',
    letterChannel: 'Letter',
    serviceChannel: 'Customer service',
    remindersTab: /Reminders/,
    overdue: 'Overdue',
    timelineTab: 'Timeline',
    letterTab: 'Letter sheet',
    printTimeline: 'Print the timeline',
    exportCsv: 'Export CSV',
    printLetter: 'Print the sheet',
    dashboard: 'Progress',
    dueTitle: 'Appeal reminders',
    overviewTag: 'Appeal reminders due: 1',
    banText: 'WeChat account “张三” (zs_1988) banned: Temporary ban 7 days',
    sheetTitle: 'Account appeal',
    done: 'Done',
  },
} as const;

for (const prefix of ['zh-CN', 'en'] as const) {
  const w = WORDS[prefix];
  test.describe(`appeals (${prefix})`, () => {
    test.use({ systemLang: w.lang });
    test('a ban, two appeals with an attachment, reminders, the letter sheet and the timeline, after a reload too', async ({ page, relink, request }, testInfo) => {
      test.setTimeout(120_000);
      const headers = { 'x-relink-token': relink.token };
      const call = async (method: string, data: unknown) => ((await (await request.post(`${relink.origin}/api/call/${method}`, { data, headers })).json()) as { result: unknown }).result;
      const upload = async (name: string, body: string) => ((await (await request.post(`${relink.origin}/api/upload?name=${encodeURIComponent(name)}`, { data: body, headers })).json()) as { result: unknown }).result;
      const { id } = (await call('cases.create', { name: '张三' })) as { id: string };
      const vcf = ['李娜', '王芳'].map((n, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${n}\r\nTEL:1380000000${i}\r\nEND:VCARD\r\n`).join('');
      await call('contacts.import', { caseId: id, files: [{ file: await upload('a.vcf', vcf) }] });
      await call('readd.settings', { caseId: id, patch: { target: { newAccountId: 'zs_new' }, dailyLimit: 5, minGapMs: 0, maxGapMs: 0 } });
      const letterPhoto = fixtureFile(testInfo.outputDir, '申诉书.png', png());

      await page.goto(relink.url);
      await page.locator('ul.card-list > li').filter({ hasText: '张三' }).getByRole('button', { name: w.open }).click();
      await page.getByRole('navigation').getByRole('link', { name: w.nav }).click();

      // The ban.
      await page.getByRole('button', { name: w.addAccount }).click();
      const accountForm = page.getByTestId('account-form');
      await accountForm.getByLabel(w.name, { exact: true }).fill('张三');
      await accountForm.getByLabel(w.handle).fill('zs_1988');
      await accountForm.getByLabel(w.phone).fill('13800138000');
      await accountForm.getByLabel(w.banDate).fill('2026-11-20');
      await accountForm.getByLabel(w.banKind).selectOption('temporary');
      await accountForm.getByLabel(w.banDays).fill('7');
      await accountForm.getByLabel(w.reapply).fill('2026-11-27');
      await accountForm.getByLabel(w.notice).fill('你的微信号因涉嫌违反《微信个人账号使用规范》，被限制登录 7 天。');
      await accountForm.getByRole('button', { name: w.save, exact: true }).click();
      await expect(page.getByTestId('account')).toHaveCount(1);

      // The first appeal, with a photo of the handwritten letter.
      await page.getByRole('button', { name: w.addAppeal }).click();
      let form = page.getByTestId('appeal-form');
      await form.getByLabel(w.date).fill('2026-11-21');
      await form.getByLabel(w.channel).selectOption({ label: w.letterChannel });
      await form.getByLabel(w.asked).fill('手写申诉书照片');
      await form.getByLabel(w.sent, { exact: true }).fill('申诉书照片一张');
      await form.getByTestId('appeal-attachments').locator('input[type=file]').first().setInputFiles([letterPhoto]);
      await expect(form.getByTestId('to-attach')).toContainText('申诉书.png');
      await form.getByRole('button', { name: w.save, exact: true }).click();
      await expect(page.getByTestId('appeal')).toHaveCount(1);
      const picture = page.getByTestId('attachment').locator('img');
      await expect(picture).toBeVisible();
      expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);

      // The second appeal: the reply, and the next step with a day.
      await page.getByRole('button', { name: w.addAppeal }).click();
      form = page.getByTestId('appeal-form');
      await form.getByLabel(w.date).fill('2026-11-28');
      await form.getByLabel(w.channel).selectOption({ label: w.serviceChannel });
      await form.getByLabel(w.reply, { exact: true }).fill('请提供好友辅助验证');
      await form.getByLabel(w.next, { exact: true }).fill('请朋友辅助解封');
      await form.getByLabel(w.nextDate).fill('2027-06-01');
      await form.getByRole('button', { name: w.save, exact: true }).click();
      await expect(page.getByTestId('appeal')).toHaveCount(2);
      await expectAccessible(page, `appeals record (${prefix})`);
      await screenshot(page, `${prefix}-appeals-record`);

      // The reminder: the re-apply day has passed and nothing marked it done.
      await page.getByRole('tab', { name: w.remindersTab }).click();
      const overdue = page.getByTestId('reminder').filter({ hasText: w.overdue });
      await expect(overdue).toHaveCount(1);
      await expect(page.getByTestId('reminder')).toHaveCount(2);
      await expectAccessible(page, `appeals reminders (${prefix})`);
      await screenshot(page, `${prefix}-appeals-reminders`);

      // The timeline: printed (only the timeline) and looked at as paper.
      await page.getByRole('tab', { name: w.timelineTab }).click();
      const entries = page.getByTestId('timeline-entry');
      await expect(entries.first()).toContainText(w.banText);
      expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(
        expect.arrayContaining(['ban', 'appeal', 'appeal', 'reply', 'new-account']),
      );
      await expectAccessible(page, `appeals timeline (${prefix})`);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: w.exportCsv }).click()]);
      expect(csv.suggestedFilename()).toBe('张三-timeline.csv');
      const csvText = readFileSync(await csv.path(), 'utf8');
      expect(csvText).toContain(`2026-11-20,${w.banText}`);
      expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(1 + (await entries.count()));
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void ((window as unknown as { printed: number }).printed += 1);
      });
      await page.getByRole('button', { name: w.printTimeline }).click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation')).toBeHidden();
      await expect(page.getByRole('button', { name: w.printTimeline })).toBeHidden();
      await screenshot(page, `${prefix}-appeals-timeline-print`);
      await page.pdf({ path: join(screenshotDir, `${prefix}-appeals-timeline.pdf`), format: 'A4' });
      await page.emulateMedia({ media: 'screen' });
      await screenshot(page, `${prefix}-appeals-timeline`);

      // The letter sheet: the facts filled in, ruled lines for the user's own words, one A4 page.
      await page.getByRole('tab', { name: w.letterTab }).click();
      const sheet = page.getByTestId('letter-sheet');
      await expect(sheet.getByRole('heading', { level: 2 })).toHaveText(w.sheetTitle);
      await expect(sheet).toContainText('zs_1988');
      await expect(sheet).toContainText('13800138000');
      await expect(sheet).toContainText('被限制登录 7 天');
      await expect(sheet.locator('.ruled-line')).toHaveCount(14);
      await expectAccessible(page, `appeals letter sheet (${prefix})`);
      await screenshot(page, `${prefix}-appeals-letter`);
      await page.getByRole('button', { name: w.printLetter }).click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByRole('navigation')).toBeHidden();
      await screenshot(page, `${prefix}-appeals-letter-print`);
      const pdf = await page.pdf({ path: join(screenshotDir, `${prefix}-appeals-letter.pdf`), preferCSSPageSize: true });
      expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, 'the letter sheet prints on one page').toBe(1);
      await page.emulateMedia({ media: 'screen' });

      // The same reminder on the re-add dashboard and in the cases overview.
      await page.getByRole('navigation').getByRole('link', { name: w.navReadd }).click();
      await page.getByRole('tab', { name: w.dashboard }).click();
      const due = page.getByTestId('due-reminders');
      await expect(due.getByRole('heading', { name: w.dueTitle })).toBeVisible();
      await expect(due.getByTestId('reminder').filter({ hasText: w.overdue })).toHaveCount(1);
      await expectAccessible(page, `re-add dashboard with appeal reminders (${prefix})`);
      await screenshot(page, `${prefix}-readd-dashboard-appeal-reminders`);
      await page.getByRole('navigation').getByRole('link', { name: w.navCases }).click();
      await expect(page.getByTestId('case-overview')).toContainText(w.overviewTag);

      // After a reload everything is still there, read back from the case's journal and store.
      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: w.nav }).click();
      await expect(page.getByTestId('account')).toHaveCount(1);
      await expect(page.getByTestId('appeal')).toHaveCount(2);
      await expect(page.getByTestId('attachment').locator('img')).toBeVisible();
      await page.getByRole('tab', { name: w.remindersTab }).click();
      await overdue.getByRole('button', { name: w.done }).click();
      await expect(page.getByTestId('reminder').filter({ hasText: w.overdue })).toHaveCount(0);
      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: w.navCases }).click();
      await expect(page.locator('ul.card-list > li').first()).toContainText('张三');
      await expect(page.getByTestId('case-overview')).toHaveCount(0);
      expectOnlyLocalRequests(relink);
    });
  });
}
