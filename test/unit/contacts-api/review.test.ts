// Merge review through the backend: proposals ranked by the strength of their evidence, one at a
// time with the count of each kind, a whole kind settled at once, and every step undoable.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { classify } from '../../../electron/contacts';
import type { Results } from '../../../shared/contract';
import type { Person } from '../../../shared/types';

let dataDir: string;
let backend: Backend;
const ctx = { mayReadPath: () => true };
const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, ctx)) as Results[M];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-review-'));
  backend = new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
});
afterEach(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

// Two books of one person's life: a phone export and a spreadsheet. Pairs by design:
//  王芳  — one side has only a phone, the other only a WeChat ID: nothing contradicts;
//  陈静  — same organisation on both sides;
//  张伟 ×3 — three different mobiles: a common name, likely different people (a chain of 2 pairs);
//  刘洋  — different WeChat IDs;
//  章三/张三 — the same reading only.
const PHONE_BOOK = [
  ['王芳', 'TEL:13800000001'],
  ['陈静', 'TEL:13800000002\r\nORG:腾讯'],
  ['张伟', 'TEL:13800000003'],
  ['张伟', 'TEL:13800000004'],
  ['刘洋', 'X-WECHAT-ID:liuyang_a'],
  ['章三', 'TEL:13800000009'],
]
  .map(([name, rest]) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\n${rest}\r\nEND:VCARD\r\n`)
  .join('');
const SHEET = '\ufeff姓名,手机号码,微信号,公司\r\n王芳,,wangfang88,\r\n陈静,,,腾讯\r\n张伟,13800000005,,\r\n刘洋,,liuyang_b,\r\n张三,,,\r\n';

async function caseWithNamesakes(): Promise<string> {
  const { id: caseId } = await call('cases.create', { name: 'review' });
  await writeFile(join(dataDir, 'phone.vcf'), PHONE_BOOK);
  await writeFile(join(dataDir, 'sheet.csv'), SHEET);
  await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: join(dataDir, 'phone.vcf') } }, { file: { kind: 'path', path: join(dataDir, 'sheet.csv') } }] });
  return caseId;
}

describe('merge review', () => {
  it('ranks proposals by evidence, strongest first, and says why', async () => {
    const caseId = await caseWithNamesakes();
    const first = await call('contacts.review', { caseId });
    expect(first.kinds).toEqual([
      { kind: 'name-and-context', count: 1 },
      { kind: 'name-no-conflict', count: 1 },
      { kind: 'pinyin-no-conflict', count: 1 },
      { kind: 'name-different-phones', count: 2 },
      { kind: 'name-different-ids', count: 1 },
    ]);
    expect(first.total).toBe(6);
    expect(first.item!.evidence).toEqual({ kind: 'name-and-context', agrees: { what: 'org', value: '腾讯' }, differs: [] });
    expect([first.item!.a.name, first.item!.b.name]).toEqual(['陈静', '陈静']);
    const order: string[] = [];
    for (let offset = 0; offset < first.total; offset++) order.push((await call('contacts.review', { caseId, offset })).item!.evidence.kind);
    expect(order).toEqual(['name-and-context', 'name-no-conflict', 'pinyin-no-conflict', 'name-different-phones', 'name-different-phones', 'name-different-ids']);
    // Past the end: the last one, never nothing while proposals remain.
    expect((await call('contacts.review', { caseId, offset: 99 })).offset).toBe(5);
  });

  it('merges one pair, then undoes exactly that', async () => {
    const caseId = await caseWithNamesakes();
    const before = await call('contacts.review', { caseId, offset: 1 });
    expect(before.item!.a.name).toBe('王芳');
    const decided = await call('contacts.decide', { caseId, proposalId: before.item!.proposal.id, accept: true });
    expect(decided.proposals).toBe(5);
    const wang = (await call('contacts.list', { caseId, query: '王芳' })).persons;
    expect(wang).toHaveLength(1);
    expect(wang[0]!.phones.length + wang[0]!.wechatIds.length).toBe(2);
    const undone = await call('contacts.undoDecision', { caseId });
    expect(undone).toMatchObject({ undone: 'merge', count: 1, proposals: 6 });
    expect((await call('contacts.list', { caseId, query: '王芳' })).persons).toHaveLength(2);
    expect(await call('contacts.undoDecision', { caseId })).toMatchObject({ count: 0 });
  });

  it('keeps a whole kind apart at once, chains included, and undoes it as one step', async () => {
    const caseId = await caseWithNamesakes();
    const kept = await call('contacts.decideKind', { caseId, kind: 'name-different-phones', accept: false });
    // 3 张伟: 2 chain pairs, then the third pair that surfaces once those are kept apart.
    expect(kept.decided).toBe(3);
    const after = await call('contacts.review', { caseId });
    expect(after.kinds.find((k) => k.kind === 'name-different-phones')).toBeUndefined();
    expect((await call('contacts.list', { caseId, query: '张伟' })).persons).toHaveLength(3);
    expect(await call('contacts.undoDecision', { caseId })).toMatchObject({ undone: 'keep-apart-kind', count: 3 });
    expect((await call('contacts.review', { caseId })).kinds.find((k) => k.kind === 'name-different-phones')?.count).toBe(2);
  });

  it('a decision, a kind settled and an undo answer with the review page asked for (reviewAt), the same as contacts.review', async () => {
    const caseId = await caseWithNamesakes();
    const before = await call('contacts.review', { caseId, offset: 1 });
    const decided = await call('contacts.decide', { caseId, proposalId: before.item!.proposal.id, accept: false, reviewAt: 1 });
    expect(decided.review).toEqual(await call('contacts.review', { caseId, offset: 1 }));
    expect(decided.review!.item!.proposal.id).not.toBe(before.item!.proposal.id);
    const kind = await call('contacts.decideKind', { caseId, kind: 'name-different-phones', accept: false, reviewAt: 0 });
    expect(kind.review).toEqual(await call('contacts.review', { caseId, offset: 0 }));
    const undone = await call('contacts.undoDecision', { caseId, reviewAt: 3 });
    expect(undone.review).toEqual(await call('contacts.review', { caseId, offset: 3 }));
    // Without reviewAt (the command line), no page is made.
    expect(await call('contacts.undoDecision', { caseId })).not.toHaveProperty('review');
  });

  it('merges a whole kind at once', async () => {
    const caseId = await caseWithNamesakes();
    const merged = await call('contacts.decideKind', { caseId, kind: 'name-no-conflict', accept: true });
    expect(merged.decided).toBe(1);
    expect((await call('contacts.list', { caseId, query: '王芳' })).persons).toHaveLength(1);
  });
});

describe('evidence', () => {
  const person = (over: Partial<Person>): Person => ({
    id: 'p',
    name: '张伟',
    names: [],
    phones: [],
    emails: [],
    wechatIds: [],
    wxids: [],
    handles: [],
    labels: [],
    sources: [],
    ...over,
  });
  const v = (value: string) => ({ value, sources: [] });

  it('a company mail domain agrees, a webmail domain does not', () => {
    expect(classify(person({ emails: [v('a@tencent.com')] }), person({ emails: [v('b@tencent.com')] }), 'same-name')).toMatchObject({
      kind: 'name-different-ids',
    });
    expect(classify(person({ emails: [v('a@tencent.com')] }), person({ org: 'x', wechatIds: [v('zw')] }), 'same-name').kind).toBe('name-no-conflict');
    expect(classify(person({ emails: [v('a@tencent.com')], phones: [v('+8613800000001')] }), person({ emails: [] , org: undefined }), 'same-name').kind).toBe('name-no-conflict');
  });

  it('a nickname equal to the other name agrees', () => {
    expect(classify(person({ nickname: '伟哥' }), person({ nickname: '伟哥' }), 'same-name')).toMatchObject({ kind: 'name-and-context', agrees: { what: 'nickname', value: '伟哥' } });
  });

  it('different phones and different IDs', () => {
    expect(classify(person({ phones: [v('+8613800000001')] }), person({ phones: [v('+8613800000002')] }), 'same-name').kind).toBe('name-different-phones');
    expect(classify(person({ wxids: [v('wxid_a')] }), person({ wxids: [v('wxid_b')], phones: [v('+8613800000002')] }), 'same-name')).toEqual({
      kind: 'name-different-ids',
      differs: ['wxid'],
    });
    expect(classify(person({ phones: [v('+8613800000001')] }), person({ phones: [v('+8613800000002')] }), 'same-pinyin').kind).toBe('pinyin-different-ids');
  });
});
