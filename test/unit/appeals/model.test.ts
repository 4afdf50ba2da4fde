// Appeals of a case: the record survives a reload, writes are durable and under the case's appeals
// lock, bad changes write nothing, a torn last line is kept aside, and reminders fall due at
// midnight in the case's time zone (fake clock).
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppealsInputError, appealsJournalPath, CaseAppeals, loadAppeals } from '../../../electron/appeals';
import { caseLockFile } from '../../../electron/cases/case-lock';
import { ReaddStore } from '../../../electron/readd';
import { blobPath } from '../../../electron/platform/content-store';
import { acquireWriterLock } from '../../../electron/platform/writer-lock';
import type { AccountInput, AppealInput } from '../../../shared/contract';

let caseDir: string;
beforeEach(() => {
  caseDir = mkdtempSync(join(tmpdir(), 'relink-appeals-'));
});
afterEach(() => rmSync(caseDir, { recursive: true, force: true }));

const account = (over: Partial<AccountInput> = {}): AccountInput => ({
  platform: 'wechat',
  name: '张三',
  handle: 'zhangsan_88',
  phone: '13800138000',
  banDate: '2026-03-01',
  banKind: 'temporary',
  banDays: 7,
  notice: '你的微信号因涉嫌违反《微信个人账号使用规范》被限制登录。',
  reapplyFrom: '2026-03-10',
  state: 'banned',
  ...over,
});

const appeal = (accountId: string, over: Partial<AppealInput> = {}): AppealInput => ({
  accountId,
  date: '2026-03-02',
  channel: 'in-app',
  askedFor: '手写申诉书照片',
  sent: '申诉书照片和身份证照片',
  reply: '',
  nextStep: '',
  ...over,
});

const at = (iso: string) => () => Date.parse(iso);

describe('appeals record', () => {
  it('keeps accounts, appeals, attachments and reminders across a reload, attachments in the content store', async () => {
    const appeals = new CaseAppeals(caseDir, { now: at('2026-03-02T10:00:00Z'), zone: 'Asia/Shanghai' });
    let view = await appeals.saveAccount(account());
    const accountId = view.accounts[0]!.id;
    view = await appeals.saveAppeal(appeal(accountId, { nextStep: '打客服电话', nextStepDate: '2026-03-05' }));
    const appealId = view.appeals[0]!.id;
    const letter = join(caseDir, '..', `letter-${process.pid}.png`);
    writeFileSync(letter, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('letter photo')]));
    view = await appeals.attach(appealId, [{ path: letter, name: '申诉书.png' }]);
    rmSync(letter);
    await appeals.saveReminder({ kind: 'friend-unblock-expires', due: '2026-03-04', note: '好友辅助解封 24 小时内有效' });

    const reloaded = new CaseAppeals(caseDir, { now: at('2026-03-02T10:00:00Z'), zone: 'Asia/Shanghai' }).view();
    expect(reloaded.accounts).toEqual(view.accounts);
    expect(reloaded.appeals[0]!.attachments).toEqual([expect.objectContaining({ name: '申诉书.png', mime: 'image/png', size: 20 })]);
    const sha = reloaded.appeals[0]!.attachments[0]!.sha256;
    expect(readFileSync(blobPath(caseDir, sha)!, 'utf8')).toContain('letter photo');
    expect(reloaded.reminders.map((r) => [r.kind, r.due, r.source])).toEqual([
      ['friend-unblock-expires', '2026-03-04', 'manual'],
      ['follow-up', '2026-03-05', 'appeal'],
      ['reapply', '2026-03-10', 'ban'],
    ]);
    // Private like the rest of the data folder.
    expect(statSync(appealsJournalPath(caseDir)).mode & 0o777).toBe(0o600);
  });

  it('refuses an appeal for an account that is not there and writes nothing', async () => {
    const appeals = new CaseAppeals(caseDir, { zone: 'UTC' });
    await appeals.saveAccount(account());
    const before = readFileSync(appealsJournalPath(caseDir));
    await expect(appeals.saveAppeal(appeal('acct-00000000'))).rejects.toThrow(AppealsInputError);
    await expect(appeals.remove('account', 'acct-11111111')).rejects.toThrow(/no account/);
    expect(readFileSync(appealsJournalPath(caseDir))).toEqual(before);
  });

  it('an account with appeals cannot be removed before them', async () => {
    const appeals = new CaseAppeals(caseDir, { zone: 'UTC' });
    const id = (await appeals.saveAccount(account())).accounts[0]!.id;
    const appealId = (await appeals.saveAppeal(appeal(id))).appeals[0]!.id;
    await expect(appeals.remove('account', id)).rejects.toThrow(/appeals of this account first/);
    await appeals.remove('appeal', appealId);
    expect((await appeals.remove('account', id)).accounts).toEqual([]);
  });

  it('ignores a torn last line, keeps it aside and appends after the last good event', async () => {
    const appeals = new CaseAppeals(caseDir, { zone: 'UTC' });
    await appeals.saveAccount(account());
    appendFileSync(appealsJournalPath(caseDir), '{"seq":2,"sum":"0123'); // power cut mid-write
    const loaded = loadAppeals(caseDir);
    expect(loaded.state.accounts.size).toBe(1);
    expect(loaded.issues).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/incomplete last write/) })]);
    await appeals.saveAccount(account({ name: '李四' }));
    const after = loadAppeals(caseDir);
    expect(after.issues).toEqual([]);
    expect([...after.state.accounts.values()].map((a) => a.name)).toEqual(['张三', '李四']);
    expect(readdirSync(join(caseDir, 'appeals')).some((n) => n.startsWith('journal.jsonl.torn-'))).toBe(true);
  });

  it('reports a damaged line before good ones and keeps the rest', async () => {
    const appeals = new CaseAppeals(caseDir, { zone: 'UTC' });
    await appeals.saveAccount(account());
    await appeals.saveAccount(account({ name: '李四' }));
    const file = appealsJournalPath(caseDir);
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0]!.replace('张三', '王五'), ...lines.slice(1)].join('\n'));
    const loaded = loadAppeals(caseDir);
    expect([...loaded.state.accounts.values()].map((a) => a.name)).toEqual(['李四']);
    expect(loaded.issues).toEqual([expect.objectContaining({ file: 'appeals/journal.jsonl', line: 1, severity: 'error' })]);
  });

  it('waits for the case appeals writer lock held by another writer', async () => {
    const appeals = new CaseAppeals(caseDir, { zone: 'UTC' });
    const release = acquireWriterLock(caseLockFile(caseDir, 'appeals'));
    let done = false;
    const write = appeals.saveAccount(account()).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    expect(existsSync(appealsJournalPath(caseDir))).toBe(false);
    release();
    await write;
    expect(loadAppeals(caseDir).state.accounts.size).toBe(1);
    expect(existsSync(caseLockFile(caseDir, 'appeals'))).toBe(false);
  });
});

describe('reminders (fake clock, day rollover in the case zone)', () => {
  async function withReapply(zone: string | undefined, nowIso: string) {
    const appeals = new CaseAppeals(caseDir, { now: at(nowIso), ...(zone === undefined ? {} : { zone }) });
    if (loadAppeals(caseDir).state.accounts.size === 0) await appeals.saveAccount(account({ reapplyFrom: '2026-03-10' }));
    return appeals.view().reminders.find((r) => r.kind === 'reapply')!;
  }

  it('falls due at midnight in Shanghai, not at UTC midnight', async () => {
    expect((await withReapply('Asia/Shanghai', '2026-03-09T15:59:59Z')).status).toBe('upcoming'); // 23:59:59 on the 9th there
    expect((await withReapply('Asia/Shanghai', '2026-03-09T16:00:00Z')).status).toBe('today'); // 00:00 on the 10th there
    expect((await withReapply('UTC', '2026-03-09T16:00:00Z')).status).toBe('upcoming');
    expect((await withReapply('Asia/Shanghai', '2026-03-10T15:59:59Z')).status).toBe('today');
    expect((await withReapply('Asia/Shanghai', '2026-03-10T16:00:00Z')).status).toBe('overdue');
  });

  it('rolls over at local midnight across a daylight-saving change (New York, 8 March 2026)', async () => {
    const appeals = new CaseAppeals(caseDir, { now: at('2026-03-09T03:59:00Z'), zone: 'America/New_York' });
    await appeals.saveAccount(account({ reapplyFrom: '2026-03-09' }));
    expect(appeals.view().reminders[0]!.status).toBe('upcoming'); // 23:59 EDT on the 8th
    expect(new CaseAppeals(caseDir, { now: at('2026-03-09T04:00:00Z'), zone: 'America/New_York' }).view().reminders[0]!.status).toBe('today');
  });

  it("uses the re-add settings' zone of the case when none is given", async () => {
    const store = await ReaddStore.open(caseDir);
    await store.updateSettings({ timezone: '+08:00' });
    await store.close();
    expect((await withReapply(undefined, '2026-03-09T16:00:00Z')).status).toBe('today');
    expect((await withReapply(undefined, '2026-03-09T15:00:00Z')).status).toBe('upcoming');
  });

  it('stays until marked done, can be opened again, and is done with a restored account', async () => {
    const appeals = new CaseAppeals(caseDir, { now: at('2026-03-20T00:00:00Z'), zone: 'UTC' });
    const id = (await appeals.saveAccount(account())).accounts[0]!.id;
    expect(appeals.due().map((r) => r.id)).toEqual([`ban:${id}`]);
    await appeals.setReminderDone(`ban:${id}`, true);
    expect(appeals.due()).toEqual([]);
    expect(appeals.view().reminders[0]).toMatchObject({ done: true, status: 'done' });
    await appeals.setReminderDone(`ban:${id}`, false);
    expect(appeals.due()).toHaveLength(1);
    await appeals.saveAccount(account({ state: 'restored' }), id);
    expect(appeals.due()).toEqual([]);
  });
});
