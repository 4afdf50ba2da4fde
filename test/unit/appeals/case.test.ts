// Appeals through the backend as the app uses them: the timeline (ban, appeals, replies, new account,
// re-add milestones, chats and pictures), the cases overview's attention, and a case bundle that
// carries the appeals and their attachments to another data folder.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { CaseAppeals } from '../../../electron/appeals';
import { exportCaseBundle, importCaseBundle } from '../../../electron/cases/bundle';
import { ReaddStore } from '../../../electron/readd';
import { blobPath, putBuffer } from '../../../electron/platform/content-store';
import { appealFileRoute } from '../../../electron/host/appeal-routes';
import type { Results } from '../../../shared/contract';
import { makeJpeg } from '../photos/fixtures';

let work: string;
let backend: Backend;
const ctx = { mayReadPath: () => true };
const call = async <M extends keyof Results>(b: Backend, method: M, args: unknown) => (await b.call(method, args, ctx)) as Results[M];

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'relink-appeals-case-'));
  backend = new Backend({ dataDir: join(work, 'data'), mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
});
afterEach(async () => {
  await backend.close();
  await rm(work, { recursive: true, force: true });
});

async function caseWithAppeal() {
  const { id: caseId, folder } = await call(backend, 'cases.create', { name: '张三' });
  let view = await call(backend, 'appeals.saveAccount', {
    caseId,
    account: { platform: 'wechat', name: '张三', handle: 'zs88', banDate: '2026-01-05', banKind: 'permanent', notice: '永久封禁', reapplyFrom: '2026-01-20' },
  });
  const accountId = view.accounts[0]!.id;
  view = await call(backend, 'appeals.saveAppeal', {
    caseId,
    appeal: { accountId, date: '2026-01-06', channel: 'letter', askedFor: '手写承诺书', sent: '承诺书照片', reply: '申诉未通过', replyDate: '2026-01-09' },
  });
  const photo = join(work, 'letter.jpg');
  await writeFile(photo, await makeJpeg(3, '2026:01:06 09:00:00'));
  view = await call(backend, 'appeals.attach', { caseId, appealId: view.appeals[0]!.id, files: [{ kind: 'path', path: photo }] });
  return { caseId, folder, accountId, view };
}

describe('appeals in a case', () => {
  it('lays out the recovery timeline in order, with re-add milestones from the journal', async () => {
    const { caseId, folder } = await caseWithAppeal();
    const vcf = Array.from({ length: 205 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:人${i}\r\nTEL:1380013${String(i).padStart(4, '0')}\r\nEND:VCARD\r\n`).join('');
    await writeFile(join(work, 'book.vcf'), vcf);
    await call(backend, 'contacts.import', { caseId, files: [{ file: { kind: 'path', path: join(work, 'book.vcf') } }] });
    await call(backend, 'readd.settings', { caseId, patch: { target: { newAccountId: 'zs_new', newAccountName: '张三新号' }, timezone: '+08:00' } });
    const persons = (await call(backend, 'contacts.list', { caseId, limit: 1000 })).persons;
    await backend.releaseCase(caseId);
    const store = await ReaddStore.open(folder);
    const day = Date.parse('2026-02-01T02:00:00Z');
    for (const [i, p] of persons.entries()) await store.record(p.id, 'accepted', day + i * 60_000);
    await store.close();
    await writeFile(join(work, 'WhatsApp Chat with 李四.txt'), '12/02/2024, 09:15 - 李四: 你好\n12/02/2024, 09:16 - 我: 好久不见\n');
    await call(backend, 'messages.import', { caseId, files: [{ kind: 'path', path: join(work, 'WhatsApp Chat with 李四.txt') }] });
    await mkdir(join(work, 'pics'));
    await writeFile(join(work, 'pics', 'a.jpg'), await makeJpeg(1, '2019:09:01 10:00:00'));
    await call(backend, 'photos.import', { caseId, files: [{ file: { kind: 'path', path: join(work, 'pics') } }] });

    const timeline = await call(backend, 'appeals.timeline', { caseId });
    const kinds = timeline.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['ban', 'appeal', 'reply']);
    expect(timeline[1]!.params).toMatchObject({ channel: 'letter', attachments: 1 });
    expect(timeline.filter((e) => e.kind === 'readd-accepted').map((e) => [e.day, e.params.count])).toEqual([
      ['2026-02-01', 100],
      ['2026-02-01', 200],
    ]);
    expect(kinds).toContain('new-account');
    expect(kinds).toContain('readd-first-request');
    expect(timeline.find((e) => e.kind === 'readd-done')?.params).toMatchObject({ accepted: 205 });
    expect(timeline.find((e) => e.kind === 'chats-imported')?.params).toMatchObject({ messages: 2, files: 1 });
    expect(timeline.find((e) => e.kind === 'photos-imported')?.params).toMatchObject({ count: 1 });
    expect(timeline.map((e) => e.day)).toEqual([...timeline.map((e) => e.day)].sort());
    expect(timeline.findIndex((e) => e.kind === 'readd-first-request')).toBeLessThan(timeline.findIndex((e) => e.kind === 'readd-done'));
  });

  it('names reminders that are due in the cases overview until they are done', async () => {
    const { caseId, accountId } = await caseWithAppeal();
    const overview = async () => (await call(backend, 'cases.list', {})).find((c) => c.id === caseId)!.overview!.attention;
    expect(await overview()).toEqual([{ kind: 'reminders', count: 1, first: '2026-01-20' }]);
    await call(backend, 'appeals.setReminderDone', { caseId, reminderId: `ban:${accountId}`, done: true });
    expect(await overview()).toEqual([]);
  });

  it('travels in a case bundle with its attachments', async () => {
    const { folder, view } = await caseWithAppeal();
    const file = join(work, 'case.relink');
    await exportCaseBundle(folder, file, { appVersion: 'test' });
    const other = join(work, 'machine-b');
    const imported = await importCaseBundle(other, file, {});
    const copy = new CaseAppeals(join(other, imported.caseId), { now: () => Date.parse('2026-01-10T00:00:00Z'), zone: 'UTC' }).view();
    expect(copy.accounts).toEqual(view.accounts);
    expect(copy.appeals).toEqual(view.appeals);
    const sha = copy.appeals[0]!.attachments[0]!.sha256;
    expect(await readFile(blobPath(join(other, imported.caseId), sha)!)).toEqual(await readFile(blobPath(folder, sha)!));
  });

  it('serves only the blobs an appeal lists: pictures inline, anything else as a download', async () => {
    const { caseId, folder, view } = await caseWithAppeal();
    const pdf = join(work, 'reply.pdf');
    await writeFile(pdf, '%PDF-1.4 <script>alert(1)</script>');
    const after = await call(backend, 'appeals.attach', { caseId, appealId: view.appeals[0]!.id, files: [{ kind: 'path', path: pdf }] });
    const [photo, doc] = after.appeals[0]!.attachments;
    const get = (sha: string, extra = '') => appealFileRoute(backend, new URL(`http://x/api/appeals/file?caseId=${encodeURIComponent(caseId)}&sha=${sha}${extra}`));
    const inline = await get(photo!.sha256);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('image/jpeg');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; .*letter\.jpg/);
    expect(Buffer.from(await inline.arrayBuffer())).toEqual(await readFile(blobPath(folder, photo!.sha256)!));
    const download = await get(doc!.sha256);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; .*reply\.pdf/);
    await download.arrayBuffer();
    expect((await get(photo!.sha256, '&download=1')).headers.get('content-disposition')).toMatch(/^attachment/);
    const other = await putBuffer(folder, Buffer.from('a chat picture, not an attachment'));
    expect((await get(other.sha256)).status).toBe(404);
    await expect(get('../../etc/passwd')).rejects.toThrow(/sha256/);
  });
});
