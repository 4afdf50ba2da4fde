// `relink appeal ban|add|list` for helpers: the same record the app shows, validated the same way.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CaseAppeals } from '../../../electron/appeals';
import { runCli } from '../../../electron/cli/main';

let dir: string;
let out: string[];
let err: string[];
const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-appeal-cli-'));
  out = [];
  err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('records a ban and an appeal with an attachment, and lists them with the reminders', async () => {
  const caseDir = join(dir, 'case');
  mkdirSync(caseDir);
  const code = await runCli(['appeal', 'ban', '--case', caseDir, '--name', '张三', '--handle', 'zs88', '--ban-date', '2026-01-05', '--kind', 'temporary', '--days', '7', '--reapply', '2026-01-12', '--notice', '限制登录'], io);
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const letter = join(dir, 'letter.pdf');
  writeFileSync(letter, '%PDF-1.4 letter');
  expect(await runCli(['appeal', 'add', '--case', caseDir, '--date', '2026-01-06', '--channel', 'letter', '--asked', '手写申诉书', '--next', '打客服电话', '--next-date', '2026-01-09', letter], io)).toBe(0);
  expect(err).toEqual([]);
  const view = new CaseAppeals(caseDir, { zone: 'UTC' }).view();
  expect(view.accounts[0]).toMatchObject({ platform: 'wechat', name: '张三', banKind: 'temporary', banDays: 7, reapplyFrom: '2026-01-12' });
  expect(view.appeals[0]).toMatchObject({ channel: 'letter', askedFor: '手写申诉书', nextStepDate: '2026-01-09' });
  expect(view.appeals[0]!.attachments[0]).toMatchObject({ name: 'letter.pdf', mime: 'application/pdf' });
  out = [];
  expect(await runCli(['appeal', 'list', '--case', caseDir], io)).toBe(0);
  expect(out.join('\n')).toMatch(/account acct-\w+ {2}wechat 张三 \(zs88\) {2}banned {2}ban 2026-01-05 temporary 7 days {2}re-apply from 2026-01-12/);
  expect(out.join('\n')).toMatch(/reminder next:appeal-\w+ {2}2026-01-09 follow-up \[overdue\] {2}打客服电话/);
});

it('names the bad option and records nothing', async () => {
  const caseDir = join(dir, 'case');
  mkdirSync(caseDir);
  expect(await runCli(['appeal', 'list', '--case', join(dir, 'nowhere')], io)).toBe(1);
  expect(err.join('\n')).toMatch(/no case folder at/);
  expect(await runCli(['appeal', 'add', '--case', caseDir, '--date', '2026-01-06', '--channel', 'letter'], io)).toBe(1);
  expect(err.join('\n')).toMatch(/record the ban first/);
  await runCli(['appeal', 'ban', '--case', caseDir, '--name', '张三'], io);
  err = [];
  expect(await runCli(['appeal', 'add', '--case', caseDir, '--date', '2026-02-30', '--channel', 'fax'], io)).toBe(1);
  expect(err.join('\n')).toMatch(/--date: no such date.*--channel/);
  expect(await runCli(['appeal', 'add', '--case', caseDir, '--date', '2026-02-03', '--channel', 'letter', join(dir, 'missing.jpg')], io)).toBe(1);
  expect(new CaseAppeals(caseDir, { zone: 'UTC' }).view().appeals).toEqual([]);
});
