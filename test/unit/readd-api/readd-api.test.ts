// The re-add API end to end through the backend (the same path both transports take):
// outcomes are durable before the next view returns, survive a restart, and the view never
// offers more than today's allowance.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { exportFolder } from '../../../electron/platform/export-file';
import type { ReaddView } from '../../../shared/contract';

let dataDir: string;
const ctx = { mayReadPath: () => true };
const open = () => new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-readd-api-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function caseWithContacts(backend: Backend, count: number): Promise<string> {
  const created = (await backend.call('cases.create', { name: 'c' }, ctx)) as { id: string };
  const cards = Array.from({ length: count }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:人${i}\r\nTEL:1390000${String(i).padStart(4, '0')}\r\nEND:VCARD\r\n`);
  const file = join(dataDir, 'in.vcf');
  await writeFile(file, cards.join(''));
  await backend.call('contacts.import', { caseId: created.id, files: [{ file: { kind: 'path', path: file } }] }, ctx);
  return created.id;
}

describe('re-add API', () => {
  it('needs the new account first, then plans at most the daily allowance', async () => {
    const backend = open();
    const caseId = await caseWithContacts(backend, 12);
    let view = (await backend.call('readd.view', { caseId }, ctx)) as ReaddView;
    expect(view.persons).toBe(12);
    expect(view.settings.dailyLimit).toBe(15);
    view = (await backend.call(
      'readd.settings',
      { caseId, patch: { target: { newAccountId: 'new_id', oldAccountName: '老张' }, dailyLimit: 3, minGapMs: 0, maxGapMs: 0 } },
      ctx,
    )) as ReaddView;
    expect(view.current?.message).toContain('老张');
    expect(view.upNext.length).toBe(2); // 3 allowed today: the current one + 2
    await backend.close();
  });

  it('keeps every outcome across a restart and refuses unknown actions', async () => {
    let backend = open();
    const caseId = await caseWithContacts(backend, 5);
    await backend.call('readd.settings', { caseId, patch: { target: { newAccountId: 'x' }, dailyLimit: 2, minGapMs: 0, maxGapMs: 0 } }, ctx);
    let view = (await backend.call('readd.view', { caseId }, ctx)) as ReaddView;
    const first = view.current!.personId;
    view = (await backend.call('readd.record', { caseId, personId: first, action: 'sent' }, ctx)) as ReaddView;
    expect(view.current!.personId).not.toBe(first);
    const second = view.current!;
    view = (await backend.call('readd.record', { caseId, personId: second.personId, action: 'sent' }, ctx)) as ReaddView;
    expect(view.pacing.limitReached).toBe(true);
    // Undo can say what it takes back.
    expect(view.undoes?.names).toEqual([second.name]);
    expect(view.undoes?.event).toMatchObject({ type: 'outcome', personId: second.personId, action: 'sent' });
    expect(view.current).toBeUndefined();
    await expect(backend.call('readd.record', { caseId, personId: first, action: 'bogus' }, ctx)).rejects.toMatchObject({
      code: 'invalid-arguments',
    });
    await backend.close();

    backend = open();
    view = (await backend.call('readd.view', { caseId }, ctx)) as ReaddView;
    expect(view.pacing.usedToday).toBe(2);
    expect(view.awaiting.map((a) => a.personId)).toContain(first);
    view = (await backend.call('readd.undo', { caseId }, ctx)) as ReaddView;
    expect(view.pacing.usedToday).toBe(1);
    type Written = { fileName: string; downloadPath: string };
    const written = (w: Written) => readFileSync(join(exportFolder(dataDir, 'readd'), w.fileName), 'utf8');
    const csv = (await backend.call('readd.export', { caseId, kind: 'progress-csv' }, ctx)) as Written;
    expect(csv.downloadPath).toBe(`/api/exports/readd/${csv.fileName}`);
    expect(written(csv).startsWith('\ufeff')).toBe(true);
    // Exports follow the language the user sees now, not the one the re-add was set up in.
    expect(written(csv).slice(1, 6)).toBe('姓名,备注');
    await backend.call('settings.setLocale', { locale: 'en' }, ctx);
    const english = (await backend.call('readd.export', { caseId, kind: 'progress-csv' }, ctx)) as Written;
    expect(written(english).slice(1, 12)).toBe('Name,Remark');
    const vcard = (await backend.call('readd.export', { caseId, kind: 'queue-vcard' }, ctx)) as Written;
    expect(written(vcard)).toContain('NOTE:Search: ');
    // The moved card goes to friends in the moved kit's language (its QR card and drafts use the same).
    const zhCard = (await backend.call('readd.export', { caseId, kind: 'moved-vcard' }, ctx)) as Written;
    expect(written(zhCard)).toContain('微信号：');
    await backend.call('readd.settings', { caseId, patch: { locale: 'en' } }, ctx);
    const enCard = (await backend.call('readd.export', { caseId, kind: 'moved-vcard' }, ctx)) as Written;
    expect(written(enCard)).toContain('NOTE:WeChat ID: ');
    await backend.close();
  });
});

describe('re-add and the chat archive', () => {
  it('names the group chats shared with someone who cannot be searched, and orders by chat activity', async () => {
    const { memotraceCsv, strTime } = await import('../messages/helpers');
    const backend = open();
    const { id: caseId } = (await backend.call('cases.create', { name: 'g' }, ctx)) as { id: string };
    const contacts = join(dataDir, 'contacts.csv');
    await writeFile(
      contacts,
      '\ufeffUserName,Alias,Type,Remark,NickName,PYInitial,RemarkPYInitial,smallHeadImgUrl,bigHeadImgUrl,label,gender,telephone,signature,country/region,province,city\r\n' +
        'wxid_qiang,,3,阿强,Q,,,,,,男,,,,,\r\n' +
        'wxid_a,aaa_id,3,甲,A,,,,,,男,,,,,\r\n' +
        'wxid_b,bbb_id,3,乙,B,,,,,,男,,,,,\r\n',
    );
    await backend.call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: contacts } }] }, ctx);
    const t = Math.floor(Date.now() / 1000) - 86_400;
    const group = memotraceCsv([
      [1, 2, 1, 0, 0, t, '', '生日快乐', strTime(t), '阿强', 'Q', 'wxid_qiang'],
      [2, 2, 1, 0, 0, t + 1, '', '同乐', strTime(t + 1), '乙', 'B', 'wxid_b'],
      [3, 2, 1, 0, 0, t + 2, '', '哈哈', strTime(t + 2), '乙', 'B', 'wxid_b'],
    ]);
    const chatDir = join(dataDir, 'data', '老友群(123@chatroom)');
    await import('node:fs/promises').then((fs) => fs.mkdir(chatDir, { recursive: true }));
    await writeFile(join(chatDir, '老友群_utf8.csv'), group);
    await backend.call('messages.import', { caseId, files: [{ kind: 'path', path: join(dataDir, 'data') }] }, ctx);

    const view = (await backend.call('readd.settings', { caseId, patch: { target: { newAccountId: 'new' } } }, ctx)) as ReaddView;
    const qiang = view.needsAnotherWay.find((n) => n.name === '阿强')!;
    expect(qiang.reason).toBe('no-search-key');
    expect(qiang.suggestions).toContainEqual({ code: 'ask-mutual-friend', groups: ['老友群'] });
    // 乙 wrote two group messages, 甲 none: 乙 comes first.
    expect(view.current?.name).toBe('乙');
    expect(view.current?.strength?.messages).toBe(2);
    // The screens link to each other: 乙's contact page to their chats and re-add status, and back.
    const yi = view.current!.personId;
    await backend.call('readd.record', { caseId, personId: yi, action: 'sent' }, ctx);
    const detail = (await backend.call('contacts.get', { caseId, personId: yi }, ctx)) as { chatRef?: string; readdStatus?: string };
    expect(detail.chatRef).toBe('wxid_b');
    expect(detail.readdStatus).toBe('sent');
    const chats = (await backend.call('messages.person', { caseId, ref: detail.chatRef }, ctx)) as { contactId?: string };
    expect(chats.contactId).toBe(yi);
    await backend.close();
  });
});

describe('the whole queue', () => {
  it('is searched by name and phone digits', async () => {
    const backend = open();
    const caseId = await caseWithContacts(backend, 30);
    await backend.call('readd.settings', { caseId, patch: { target: { newAccountId: 'x' } } }, ctx);
    type Page = { total: number; rows: { name: string }[] };
    const byName = (await backend.call('readd.queue', { caseId, query: '人12' }, ctx)) as Page;
    expect(byName.rows.map((r) => r.name)).toEqual(['人12']);
    expect(((await backend.call('readd.queue', { caseId, query: 'xyz' }, ctx)) as Page).total).toBe(0);
    const byPhone = (await backend.call('readd.queue', { caseId, query: '0007' }, ctx)) as Page;
    expect(byPhone.rows.map((r) => r.name)).toEqual(['人7']);
    expect(((await backend.call('readd.queue', { caseId, query: '' }, ctx)) as Page).total).toBe(30);
    await backend.close();
  });
});

describe('re-add before the merge review is finished', () => {
  it('counts the unreviewed proposals and names who the current person may be, with a link to that pair', async () => {
    const backend = open();
    const { id: caseId } = (await backend.call('cases.create', { name: 'dups' }, ctx)) as { id: string };
    const file = join(dataDir, 'dups.vcf');
    const card = (name: string, tel: string, extra = '') => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\n${tel ? `TEL:${tel}\r\n` : ''}${extra}END:VCARD\r\n`;
    // 赵敏's pair (same organisation) comes first in the review, 姜伟芳's (two mobiles) later; 姜 comes first in the queue.
    const zhao = card('赵敏', '13900000004', 'ORG:腾讯\r\n') + card('赵敏', '', 'ORG:腾讯\r\n');
    await writeFile(file, card('姜伟芳', '13900000001') + card('姜伟芳', '13900000002') + card('王五', '13900000003') + zhao);
    await backend.call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] }, ctx);
    let view = (await backend.call('readd.settings', { caseId, patch: { target: { newAccountId: 'new' }, minGapMs: 0, maxGapMs: 0 } }, ctx)) as ReaddView;
    expect(view.unreviewed).toBe(2);
    expect(view.current?.name).toBe('姜伟芳');
    const same = view.current!.maybeSameAs!;
    expect(same).toHaveLength(1);
    expect(same[0]!.name).toBe('姜伟芳');
    expect(same[0]!.personId).not.toBe(view.current!.personId);
    // The link opens the review at that very pair.
    const review = (await backend.call('contacts.review', { caseId, proposalId: same[0]!.proposalId }, ctx)) as { item?: { proposal: { id: string } } };
    expect(review.item?.proposal.id).toBe(same[0]!.proposalId);
    // Kept apart: nothing left to review, and the card no longer warns.
    await backend.call('contacts.decide', { caseId, proposalId: same[0]!.proposalId, accept: false }, ctx);
    view = (await backend.call('readd.view', { caseId }, ctx)) as ReaddView;
    expect(view.unreviewed).toBe(1);
    expect(view.current?.maybeSameAs).toBeUndefined();
    await backend.close();
  });
});
