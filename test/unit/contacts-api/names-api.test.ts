// A name the user fixes, through the backend: contacts.get offers every name with its record and
// the notes; contacts.setName / clearName change the one name the list, search, re-add queue,
// checklist rows, exports, the moved kit and the command line show, and it survives a re-import
// and a restart of the backend.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { runCli } from '../../../electron/cli/main';
import { exportFolder } from '../../../electron/platform/export-file';
import type { Results } from '../../../shared/contract';

let dataDir: string;
let backend: Backend;
const ctx = { mayReadPath: () => true };
const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, ctx)) as Results[M];
const open = () => new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-names-api-'));
  backend = open();
});
afterEach(async () => {
  await backend.close();
  await rm(dataDir, { recursive: true, force: true });
});

const VCF =
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:王伟\r\nN:王;伟;;;\r\nNICKNAME:伟哥\r\nTEL:13800138000\r\nEMAIL:ww@example.com\r\nNOTE:大学室友\r\nEND:VCARD\r\n' +
  'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nTEL:13900139000\r\nEND:VCARD\r\n';

async function caseWithContacts(): Promise<{ caseId: string; folder: string; file: string }> {
  const { id: caseId, folder } = await call('cases.create', { name: 'c' });
  const file = join(dataDir, '通讯录.vcf');
  await writeFile(file, VCF);
  await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] });
  await call('readd.settings', { caseId, patch: { target: { newAccountId: 'new_id', newAccountName: '小李新号', oldAccountName: '小李' }, minGapMs: 0, maxGapMs: 0 } });
  return { caseId, folder, file };
}

/** Every place a person's name reaches the user, for one person id. */
async function namesShown(caseId: string, personId: string): Promise<Record<string, unknown>> {
  const list = await call('contacts.list', { caseId });
  const queue = await call('readd.queue', { caseId, includeExcluded: false });
  const exported = async (kind: 'queue-vcard' | 'progress-csv') =>
    readFile(join(exportFolder(dataDir, 'readd'), (await call('readd.export', { caseId, kind })).fileName), 'utf8');
  const vcard = await exported('queue-vcard');
  const csv = await exported('progress-csv');
  const kit = await call('readd.movedKit', { caseId, encode: 'id' });
  return {
    list: list.persons.find((p) => p.id === personId)?.name,
    queue: queue.rows.find((r) => r.personId === personId)?.name,
    vcard: /FN:(.*)\r\n/.exec(vcard.split('END:VCARD').find((card) => card.includes('13800138000')) ?? '')?.[1],
    // The CSV has no internal ids: the row is found by the person's search key (the phone, column 4).
    csv: csv.split('\r\n').find((row) => row.split(',')[3] === '13800138000')?.split(',')[0],
    // The drafts' names, and each draft's body greeting them by it.
    kit: kit.drafts.filter((d) => d.personId === personId).map((d) => (d.body.includes(d.name) ? d.name : `${d.name} not in: ${d.body}`)),
  };
}

describe('fixing a name through the API', () => {
  it('offers every name and note, then shows the picked or typed name everywhere', async () => {
    const { caseId, file } = await caseWithContacts();
    const wang = (await call('contacts.list', { caseId, query: '13800138000' })).persons[0]!;
    expect(wang.name).toBe('王伟');

    const detail = await call('contacts.get', { caseId, personId: wang.id });
    const card1 = { file: '通讯录.vcf', record: 'card 1 (line 1)' };
    expect(detail.names).toEqual([
      { value: '王伟', seen: [{ kind: 'name', source: card1 }] },
      { value: '伟哥', seen: [{ kind: 'nickname', source: card1 }] },
      { value: '伟', seen: [{ kind: 'givenName', source: card1 }] },
      { value: '王', seen: [{ kind: 'familyName', source: card1 }] },
    ]);
    expect(detail.notes).toEqual([{ text: '大学室友', source: card1 }]);

    const picked = await call('contacts.setName', { caseId, personId: wang.id, pick: '伟哥' });
    expect(picked).toMatchObject({ id: wang.id, name: '伟哥', chosenName: { typed: false, automatic: '王伟' } });
    expect(await namesShown(caseId, wang.id)).toEqual({ list: '伟哥', queue: '伟哥', vcard: '伟哥', csv: '伟哥', kit: ['伟哥', '伟哥'] });

    const typed = await call('contacts.setName', { caseId, personId: wang.id, name: '王老师' });
    expect(typed).toMatchObject({ name: '王老师', chosenName: { typed: true, automatic: '王伟' } });
    const shown = await namesShown(caseId, wang.id);
    expect(shown).toMatchObject({ list: '王老师', queue: '王老师', vcard: '王老师', csv: '王老师', kit: ['王老师', '王老师'] });
    expect((await call('contacts.list', { caseId, query: 'wanglaoshi' })).persons.map((p) => p.id)).toEqual([wang.id]);

    // Re-importing the file and restarting the backend keep it.
    await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] });
    await backend.close();
    backend = open();
    expect((await call('contacts.get', { caseId, personId: wang.id })).person.name).toBe('王老师');

    const cleared = await call('contacts.clearName', { caseId, personId: wang.id });
    expect(cleared.name).toBe('王伟');
    expect(cleared.chosenName).toBeUndefined();
    expect((await namesShown(caseId, wang.id)).queue).toBe('王伟');
  });

  it('refuses a name the person does not carry and an empty typed name', async () => {
    const { caseId } = await caseWithContacts();
    const wang = (await call('contacts.list', { caseId, query: '13800138000' })).persons[0]!;
    await expect(call('contacts.setName', { caseId, personId: wang.id, pick: '李娜' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(call('contacts.setName', { caseId, personId: wang.id, name: '   ' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    await expect(call('contacts.setName', { caseId, personId: wang.id, pick: '王伟', name: 'x' })).rejects.toMatchObject({ code: 'invalid-arguments' });
    expect((await call('contacts.get', { caseId, personId: wang.id })).person.name).toBe('王伟');
  });

  it('the command line lists the chosen name, says it was chosen, and fixes names', async () => {
    const { caseId, folder } = await caseWithContacts();
    const wang = (await call('contacts.list', { caseId, query: '13800138000' })).persons[0]!;
    await call('contacts.setName', { caseId, personId: wang.id, name: '王老师' });
    const lines: string[] = [];
    expect(await runCli(['contacts', '--case', folder, '--json'], { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    const persons = JSON.parse(lines.join('\n')) as { id: string; name: string; chosenName?: unknown }[];
    expect(persons.find((p) => p.id === wang.id)).toMatchObject({ name: '王老师', chosenName: { typed: true, automatic: '王伟' } });

    // The command line fixes names too: pick, then back to automatic; a name the person lacks is refused.
    await backend.close();
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const code = await runCli(['contacts', '--case', folder, '--json', ...argv], { out: (l) => out.push(l), err: (l) => out.push(l) });
      return { code, out: out.join('\n') };
    };
    const picked = await cli('--person', wang.id, '--pick', '伟哥');
    expect(picked.code).toBe(0);
    expect((JSON.parse(picked.out) as { id: string; name: string }[]).find((p) => p.id === wang.id)?.name).toBe('伟哥');
    expect((await cli('--person', wang.id, '--pick', '李娜')).code).not.toBe(0);
    const cleared = await cli('--person', wang.id, '--clear-name');
    const after = (JSON.parse(cleared.out) as { id: string; name: string; chosenName?: unknown }[]).find((p) => p.id === wang.id)!;
    expect(after.name).toBe('王伟');
    expect(after).not.toHaveProperty('chosenName');
    backend = open();
  });
});
