// `relink appeal ban|add|list`: helpers record a ban and the appeals from the command line, with the
// same store (journal, appeals lock) and the same validation as the app.
//   appeal ban  --case DIR --platform wechat --name N --handle ID [--phone P] --ban-date DAY [--kind K] [--days N] [--reapply DAY] [--notice TEXT]
//   appeal add  --case DIR --date DAY --channel C [--account ID] [--asked TEXT] [--sent TEXT] [--reply TEXT] [--reply-date DAY] [--next TEXT] [--next-date DAY] [FILE…]
//   appeal list --case DIR [--json]
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { accountInput, appealInput, type AppealsView } from '../../shared/contract';
import { parseCommandLine, required, UsageError, type CliIO } from '../platform/command-line';
import { CaseAppeals, newRecordId } from './index';

const VALUED = ['case', 'platform', 'name', 'handle', 'phone', 'ban-date', 'kind', 'days', 'reapply', 'notice', 'state', 'date', 'channel', 'account', 'asked', 'sent', 'reply', 'reply-date', 'next', 'next-date'] as const;
const OPTIONS: Record<string, { type: 'string' | 'boolean' }> = { ...Object.fromEntries(VALUED.map((name) => [name, { type: 'string' as const }])), json: { type: 'boolean' } };

type Values = Record<string, string | boolean | undefined>;

/** Only the options given, so the schema's defaults apply to the rest. */
function picked(values: Values, names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [option, field] of Object.entries(names)) {
    const value = values[option];
    if (typeof value === 'string') out[field] = value;
  }
  return out;
}

function parsed<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data as z.output<T>;
  const problems = result.error.issues.map((i) => `--${String(i.path[0] ?? '?').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`);
  throw new Error(`${what}: ${problems.join('; ')}`);
}

function listText(view: AppealsView): string[] {
  const lines: string[] = [];
  for (const a of view.accounts) {
    lines.push(`account ${a.id}  ${a.platform} ${a.name} (${a.handle})  ${a.state}${a.banDate ? `  ban ${a.banDate}` : ''}${a.banKind ? ` ${a.banKind}${a.banDays ? ` ${a.banDays} days` : ''}` : ''}${a.reapplyFrom ? `  re-apply from ${a.reapplyFrom}` : ''}`);
    for (const p of view.appeals.filter((x) => x.accountId === a.id)) {
      lines.push(`  appeal ${p.id}  ${p.date} ${p.channel}${p.askedFor ? `  asked: ${p.askedFor}` : ''}${p.sent ? `  sent: ${p.sent}` : ''}${p.attachments.length ? `  ${p.attachments.length} attachment(s)` : ''}`);
      if (p.reply) lines.push(`    reply${p.replyDate ? ` ${p.replyDate}` : ''}: ${p.reply}`);
      if (p.nextStep || p.nextStepDate) lines.push(`    next${p.nextStepDate ? ` ${p.nextStepDate}` : ''}: ${p.nextStep}`);
    }
  }
  for (const r of view.reminders) lines.push(`reminder ${r.id}  ${r.due} ${r.kind} [${r.status}]${r.note ? `  ${r.note}` : ''}`);
  if (lines.length === 0) lines.push('no appeals recorded in this case');
  return lines;
}

export async function appealCommand(argv: string[], io: CliIO, now: () => number = Date.now): Promise<number> {
  const [sub, ...rest] = argv;
  if (!['ban', 'add', 'list'].includes(sub ?? '')) throw new UsageError('appeal: ban, add or list?');
  const { values, positionals } = parseCommandLine(rest, OPTIONS);
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const caseDir = resolve(required(str('case'), 'case'));
  if (!statSync(caseDir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`no case folder at ${caseDir}`);
  const appeals = new CaseAppeals(caseDir, { now });
  if (sub === 'list') {
    const view = appeals.view();
    if (values.json === true) io.out(JSON.stringify(view, null, 2));
    else for (const line of listText(view)) io.out(line);
    return 0;
  }
  if (sub === 'ban') {
    const fields = picked(values, { platform: 'platform', name: 'name', handle: 'handle', phone: 'phone', 'ban-date': 'banDate', kind: 'banKind', reapply: 'reapplyFrom', notice: 'notice', state: 'state' });
    const days = str('days');
    const account = parsed(accountInput, { platform: 'wechat', ...fields, ...(days ? { banDays: Number(days) } : {}) }, 'ban');
    const id = newRecordId('acct');
    await appeals.saveAccount(account, id);
    io.out(`recorded account ${id} (${account.platform} ${account.name})`);
    return 0;
  }
  const view = appeals.view();
  const accountId = str('account') ?? (view.accounts.length === 1 ? view.accounts[0]!.id : undefined);
  if (!accountId) throw new Error(view.accounts.length === 0 ? 'record the ban first: relink appeal ban --case DIR …' : `this case has ${view.accounts.length} accounts: name one with --account ID (relink appeal list)`);
  const fields = picked(values, { date: 'date', channel: 'channel', asked: 'askedFor', sent: 'sent', reply: 'reply', 'reply-date': 'replyDate', next: 'nextStep', 'next-date': 'nextStepDate' });
  const appeal = parsed(appealInput, { accountId, ...fields }, 'appeal');
  const files = positionals.map((file) => ({ path: resolve(file), name: file }));
  for (const file of files) accessSync(file.path, constants.R_OK); // before anything is recorded
  const id = newRecordId('appeal');
  await appeals.saveAppeal(appeal, id);
  if (files.length > 0) await appeals.attach(id, files);
  io.out(`recorded appeal ${id} (${appeal.date}, ${appeal.channel}${positionals.length ? `, ${positionals.length} attachment(s)` : ''})`);
  return 0;
}
