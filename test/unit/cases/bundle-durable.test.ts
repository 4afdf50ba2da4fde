// Unlocking deletes the locked bundle once the case is back: before that, every file of the case
// and every folder that lists them must be on the disk (fsync), or a power cut right after could
// leave neither. A plain import keeps its bundle, so it does not pay for that.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const synced = vi.hoisted(() => ({ dirs: [] as string[] }));
vi.mock('../../../electron/platform/atomic-file', async (original) => {
  const real = await original<typeof import('../../../electron/platform/atomic-file')>();
  return { ...real, fsyncDirSync: (dir: string) => (synced.dirs.push(dir), real.fsyncDirSync(dir)) };
});

const { exportCaseBundle, importCaseBundle } = await import('../../../electron/cases/bundle');
const { openCaseFolder } = await import('../../../electron/cases/case-folder');

async function bundleOfACase(): Promise<{ dataDir: string; file: string }> {
  const work = await mkdtemp(join(tmpdir(), 'relink-durable-'));
  const caseDir = join(work, 'a', '张三');
  await openCaseFolder(caseDir, '张三');
  await writeFile(join(caseDir, 'contacts.json'), '{"version":1,"records":{}}');
  const file = join(work, '张三.relink');
  await exportCaseBundle(caseDir, file, { appVersion: 'test' });
  return { dataDir: join(work, 'b'), file };
}

describe('bundle import durability', () => {
  beforeEach(() => {
    synced.dirs.length = 0;
  });

  it('unlocking (durable): the case folder and the data folder are synced before the bundle can go', async () => {
    const { dataDir, file } = await bundleOfACase();
    await importCaseBundle(dataDir, file, { caseId: '张三', durable: true });
    expect(synced.dirs.some((d) => d.includes('.bundle-import-'))).toBe(true);
    expect(synced.dirs.at(-1)).toBe(dataDir);
  });

  it('a plain import keeps its bundle and skips the syncs', async () => {
    const { dataDir, file } = await bundleOfACase();
    await importCaseBundle(dataDir, file, {});
    expect(synced.dirs).toEqual([]);
  });
});
