// Re-add exports are long jobs at a large case (issue 16.5; at 100k persons the remaining people's
// vCard took 19 s here): progress by persons written with the shared time left, Cancel, and a file
// under the data folder that exists only whole, downloaded by the export route. The new account's
// card is named after the account, so that name is made safe for a file system.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { createRoutes } from '../../../electron/host/routes';
import { exportFolder } from '../../../electron/platform/export-file';
import type { ApiEvent, JobProgressOf, Results } from '../../../shared/contract';

const PERSONS = 8000;

let dataDir: string;
let backend: Backend;
let caseId: string;
const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, { mayReadPath: () => true })) as Results[M];
const folder = () => exportFolder(dataDir, 'readd');

function progressOf(events: ApiEvent[], jobId: string): JobProgressOf<'readd.export'>[] {
  return events.filter((e): e is JobProgressOf<'readd.export'> => e.jobId === jobId && e.job === 'readd.export');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-readd-export-'));
  backend = new Backend({ dataDir, mode: 'browser', version: '0.0.0-test', systemLocale: 'zh-CN' });
  caseId = (await call('cases.create', { name: '导出' })).id;
  const file = join(dataDir, '通讯录.vcf');
  const cards = Array.from({ length: PERSONS }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:联系人 ${i}\r\nTEL;TYPE=CELL:+86 139 ${String(i).padStart(8, '0')}\r\nNOTE:同事，一起打过 ${i} 次羽毛球\r\nEND:VCARD\r\n`);
  writeFileSync(file, cards.join(''));
  await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] });
  await call('readd.settings', { caseId, patch: { target: { newAccountId: 'new_id', newAccountName: '../小李/新号', oldAccountName: '小李' } } });
});
afterAll(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('re-add exports as jobs', () => {
  it('the progress sheet: persons written of the total, ending at 1, one row each', async () => {
    const events: ApiEvent[] = [];
    const off = backend.onEvent((e) => events.push(e));
    const file = await call('readd.export', { caseId, kind: 'progress-csv', jobId: 'csv-1' });
    off();
    const progress = progressOf(events, 'csv-1');
    expect(progress[0]).toMatchObject({ counters: { written: 0, total: PERSONS }, fraction: 0 });
    expect(progress.at(-1)).toMatchObject({ counters: { written: PERSONS, total: PERSONS }, fraction: 1 });
    const csv = readFileSync(join(folder(), file.fileName), 'utf8');
    expect(file.bytes).toBe(Buffer.byteLength(csv));
    expect(csv.startsWith('\ufeff姓名,')).toBe(true);
    expect(csv.split('\r\n').filter((row) => row.startsWith('联系人 '))).toHaveLength(PERSONS);
  });

  it('the remaining people, cancelled: it stops and leaves no file, not even a temp one', async () => {
    const before = readdirSync(folder());
    const events: ApiEvent[] = [];
    const off = backend.onEvent((e) => {
      events.push(e);
      if (e.jobId === 'vcf-1' && progressOf(events, 'vcf-1').length === 1) void call('jobs.cancel', { jobId: 'vcf-1' });
    });
    await expect(call('readd.export', { caseId, kind: 'queue-vcard', jobId: 'vcf-1' })).rejects.toMatchObject({ code: 'cancelled' });
    off();
    expect(progressOf(events, 'vcf-1').some((p) => p.fraction === 1)).toBe(false);
    expect(readdirSync(folder()).sort()).toEqual(before.sort());
    // Not cancelled, the same export is whole.
    const file = await call('readd.export', { caseId, kind: 'queue-vcard' });
    expect(readFileSync(join(folder(), file.fileName), 'utf8').match(/BEGIN:VCARD/g)).toHaveLength(PERSONS);
  });

  it("the new account's card is named safely and downloaded from the export route only", async () => {
    const card = await call('readd.export', { caseId, kind: 'moved-vcard' });
    expect(card.fileName).toBe('_小李_新号.vcf');
    const table = createRoutes({ backend, rendererDir: join(dataDir, 'no-renderer'), mayReadPath: () => false });
    const got = await table.handle(new Request(`app://relink${card.downloadPath}`));
    expect(got.status).toBe(200);
    expect(await got.text()).toContain('new_id');
    expect((await table.handle(new Request(`app://relink/api/exports/chats/${encodeURIComponent(card.fileName)}`))).status).toBe(400);
    expect((await table.handle(new Request('app://relink/api/exports/readd/x/y.csv'))).status).toBe(404);
  });
});
