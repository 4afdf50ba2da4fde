// Picked files as paths for an importer: disk paths as they are, uploads staged under their own
// names, and the staging folder gone afterwards even when the import fails.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withImportPaths } from '../../../electron/api/upload-staging';

let dir: string;
let caseDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-import-paths-'));
  caseDir = join(dir, 'case');
  mkdirSync(caseDir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function upload(name: string, text: string) {
  const path = join(dir, `upload-${Math.random().toString(16).slice(2)}`);
  writeFileSync(path, text);
  return { path, name, upload: true };
}

describe('withImportPaths', () => {
  it('passes disk paths through, stages uploads under their names, and removes the staging afterwards', async () => {
    const onDisk = join(dir, 'on-disk.vcf');
    writeFileSync(onDisk, 'x');
    let staging = 0;
    const seen = await withImportPaths(caseDir, [{ path: onDisk, name: 'on-disk.vcf', upload: false }, upload('chat/微信.txt', '你好')], { prefix: 'messages-', onStaging: () => staging++ }, async (paths, staged) => {
      expect(staged?.base).toMatch(/[\\/]\.import-tmp[\\/]messages-[0-9a-f]+$/);
      expect(readFileSync(join(paths[1]!, 'chat', '微信.txt'), 'utf8')).toBe('你好');
      return paths;
    });
    expect(seen[0]).toBe(onDisk);
    expect(staging).toBe(1);
    expect(existsSync(join(caseDir, '.import-tmp'))).toBe(false);
  });

  it('removes the staging when the import fails, and stages nothing when there are no uploads', async () => {
    await expect(withImportPaths(caseDir, [upload('a.jpg', 'A')], {}, async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    expect(existsSync(join(caseDir, '.import-tmp'))).toBe(false);
    let staging = 0;
    const staged = await withImportPaths(caseDir, [], { onStaging: () => staging++ }, async (paths, s) => [paths, s] as const);
    expect(staged).toEqual([[], undefined]);
    expect(staging).toBe(0);
  });
});
