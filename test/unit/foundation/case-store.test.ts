import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaseStore } from '../../../electron/cases/case-store';
import { openCaseFolder } from '../../../electron/cases/case-folder';
import { folderNameFor, uniqueName } from '../../../electron/cases/case-names';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-cases-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('case names', () => {
  it('keeps Chinese, replaces characters filesystems refuse, never hidden or empty', () => {
    expect(folderNameFor('张三的新微信')).toBe('张三的新微信');
    expect(folderNameFor('a/b:c*?')).toBe('a_b_c__');
    expect(folderNameFor('..hidden')).toBe('hidden');
    expect(folderNameFor('   ')).toBe('case');
    expect(folderNameFor('CON')).toBe('CON_');
    expect(uniqueName('x', new Set(['x', 'x (2)']))).toBe('x (3)');
  });
});

describe('CaseStore', () => {
  it('creates, lists, renames and deletes into the trash', async () => {
    const store = new CaseStore(dataDir);
    const a = await store.create('张三');
    const b = await store.create('张三');
    expect(a.id).toBe('张三');
    expect(b.id).toBe('张三 (2)');
    expect((await store.list()).map((c) => c.name).sort()).toEqual(['张三', '张三']);

    const renamed = await store.rename(b.id, '李四');
    expect(renamed.name).toBe('李四');
    expect(renamed.id).toBe(b.id);

    await expect(store.delete(a.id, 'wrong')).rejects.toMatchObject({ code: 'confirm-mismatch' });
    const deleted = await store.delete(a.id, '张三');
    expect(deleted.keptAs).toContain(join(dataDir, '.trash'));
    expect((await store.list()).map((c) => c.id)).toEqual([b.id]);
    expect(await readdir(join(dataDir, '.trash'))).toHaveLength(1);
  });

  it('lists a case folder the command line made with --case <data-dir>/<name>', async () => {
    await openCaseFolder(join(dataDir, 'from-cli'));
    const store = new CaseStore(dataDir);
    expect((await store.list()).map((c) => c.id)).toEqual(['from-cli']);
  });

  it('reports an unreadable case.json as kept aside, and still opens the case', async () => {
    const store = new CaseStore(dataDir);
    const c = await store.create('x');
    await writeFile(join(c.folder, 'case.json'), 'garbage');
    const opened = await store.open(c.id);
    expect(opened.notices).toHaveLength(1);
    expect(opened.notices[0]!.keptAs).toMatch(/case\.json\.corrupt-/);
  });

  it('refuses unknown cases', async () => {
    await expect(new CaseStore(dataDir).open('nope')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('phone region per case', () => {
  it('is chosen at creation (default CN) and shown in the summary', async () => {
    const store = new CaseStore(dataDir);
    expect((await store.create('a')).defaultRegion).toBe('CN');
    const hk = await store.create('b', 'HK');
    expect(hk.defaultRegion).toBe('HK');
    expect((await store.open(hk.id)).defaultRegion).toBe('HK');
  });
});
