// The cases overview: each case's re-add progress, pace and what needs attention, read without
// taking the re-add writer lock (the app may hold it), as the Cases screen lists them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { caseOverview } from '../../../electron/cases/case-overview';
import type { Results } from '../../../shared/contract';

let dataDir: string;
let backend: Backend;
const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, { mayReadPath: () => true })) as Results[M];
const DAY = 86_400_000;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-overview-'));
  backend = new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
});
afterEach(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('cases overview', () => {
  it('counts sent, accepted and to go, estimates the days left, and says what needs attention', async () => {
    const { id: caseId } = await call('cases.create', { name: '帮忙的' });
    await writeFile(join(dataDir, 'a.vcf'), ['张伟', '李娜', '王芳'].map((n, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${n}\r\nTEL:1380000000${i}\r\nEND:VCARD\r\n`).join(''));
    await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: join(dataDir, 'a.vcf') } }] });
    await call('readd.settings', { caseId, patch: { target: { newAccountId: 'new' }, dailyLimit: 10, minGapMs: 0, maxGapMs: 0 } });
    const first = (await call('readd.view', { caseId })).current!.personId;
    const next = (await call('readd.record', { caseId, personId: first, action: 'sent' })).current!.personId;
    await call('readd.record', { caseId, personId: next, action: 'sent' });
    await call('readd.record', { caseId, personId: first, action: 'accepted' });

    const folder = join(dataDir, caseId);
    const now = Date.now();
    const today = caseOverview(folder, 3, now);
    expect(today).toMatchObject({ sent: 1, accepted: 1, remaining: 1, attention: [] });
    // Two requests in the last 7 days: 2/7 a day, so the one left takes 4 days.
    expect(today.etaDays).toBe(4);
    expect(Date.parse(today.lastActivityAt!)).toBeGreaterThan(now - 60_000);

    // Ten days later: nothing sent lately, and the unanswered request is due a follow-up.
    const later = caseOverview(folder, 3, now + 10 * DAY);
    expect(later.etaDays).toBeNull();
    expect(later.attention).toEqual([{ kind: 'follow-ups', count: 1 }]);

    // The platform said "too frequent": the case needs attention until the cool-down ends, and the
    // Cases list carries it (read while the app holds the re-add writer lock).
    await call('readd.tooFrequent', { caseId });
    const listed = (await call('cases.list', {})).find((c) => c.id === caseId)!;
    expect(listed.overview?.attention.map((a) => a.kind)).toEqual(['cool-down']);
  });

  it('a case never re-added to shows its contacts to go and no pace', async () => {
    const { id: caseId } = await call('cases.create', { name: '新的' });
    expect(caseOverview(join(dataDir, caseId), 5)).toEqual({ sent: 0, accepted: 0, remaining: 5, etaDays: null, attention: [] });
  });
});

describe("helpers' safety note", () => {
  it('names the other cases with friend requests recorded today', async () => {
    const book = join(dataDir, 'b.vcf');
    await writeFile(book, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:13800000001\r\nEND:VCARD\r\n');
    const ids: string[] = [];
    for (const name of ['甲', '乙', '丙']) {
      const { id } = await call('cases.create', { name });
      await call('contacts.import', { caseId: id, files: [{ file: { kind: 'path', path: book } }] });
      await call('readd.settings', { caseId: id, patch: { target: { newAccountId: 'x' }, dailyLimit: 5, minGapMs: 0, maxGapMs: 0 } });
      ids.push(id);
    }
    expect(await call('readd.otherCasesToday', { caseId: ids[0] })).toEqual({ names: [] });
    const personId = (await call('readd.view', { caseId: ids[1] })).current!.personId;
    await call('readd.record', { caseId: ids[1], personId, action: 'sent' });
    expect(await call('readd.otherCasesToday', { caseId: ids[0] })).toEqual({ names: ['乙'] });
    // A case's own requests are not "other cases".
    expect(await call('readd.otherCasesToday', { caseId: ids[1] })).toEqual({ names: [] });
  });
});
