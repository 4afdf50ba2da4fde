// [ci] One unreadable item never stops a folder import, and links are treated alike everywhere
// (issue 14, point 7). A picked folder holds good exports, a folder nobody may list, a file nobody
// may read, a link to a file outside the picked folder and a link to a folder inside it. Contacts,
// messages and photos each import every readable export, name each item they skipped, never read
// through the outside link and walk the inside one once. Run through the command line as a user
// without root's right to read anything (as the nobody user when the tests run as root).
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNodeScript } from '../node-script';
import { repoRoot } from '../../corpus';
import { makeJpeg } from '../photos/fixtures';

const nodeBin = resolve(repoRoot, 'node_modules/.bin/node');
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
let work: string;
let cli: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'folder-walk-'));
  chmodSync(work, 0o755);
  cli = join(work, 'cli.mjs');
  await bundleNodeScript('test/unit/platform/storage-fixtures/writer-probe.ts', cli, { minify: true });
  chmodSync(cli, 0o644);
});
afterAll(() => {
  // Give the locked items back their modes so they can be removed.
  spawnSync('chmod', ['-R', 'u+rwx', work]);
  rmSync(work, { recursive: true, force: true });
});

/** The picked folder: `good` files, plus the four awkward items, each named after what it is. */
function pickedFolder(name: string, ext: string, good: Record<string, string | Buffer>, outside: string | Buffer): string {
  const root = join(work, name);
  const picked = join(root, 'picked');
  mkdirSync(join(picked, 'sub'), { recursive: true });
  mkdirSync(join(picked, 'locked'));
  for (const [file, content] of Object.entries(good)) writeFileSync(join(picked, file), content);
  writeFileSync(join(picked, 'locked', `hidden${ext}`), outside);
  writeFileSync(join(picked, `secret${ext}`), outside);
  writeFileSync(join(root, `outside${ext}`), outside);
  symlinkSync(join(root, `outside${ext}`), join(picked, `out-link${ext}`));
  symlinkSync(join(picked, 'sub'), join(picked, 'sub-link')); // inside: the same folder, walked once
  chmodSync(join(picked, 'locked'), 0o000);
  chmodSync(join(picked, `secret${ext}`), 0o000);
  mkdirSync(join(root, 'case'));
  if (asRoot) chownSync(join(root, 'case'), NOBODY, NOBODY);
  return picked;
}

function runCli(...args: string[]): { code: number; json: unknown; err: string } {
  const r = spawnSync(nodeBin, [cli, '0', 'cli', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    env: { ...process.env, HOME: work },
  });
  const start = r.stdout.search(/^[[{]/m);
  return { code: r.status ?? -1, json: start >= 0 ? JSON.parse(r.stdout.slice(start)) : undefined, err: r.stderr + r.stdout };
}

describe('[ci] a picked folder with unreadable items and links', () => {
  it('contacts: the 300 readable rows are imported; the locked folder, the unreadable file and the outside link are named', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `Person ${i},+86 139 ${String(10000000 + i).replace(/(\d{4})(\d{4})/, '$1 $2')}`);
    const picked = pickedFolder('contacts', '.vcf', { 'people.csv': `Name,Phone\n${rows.join('\n')}\n`, 'sub/one.vcf': 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Inside\r\nEND:VCARD\r\n' }, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Leak\r\nEND:VCARD\r\n');
    const caseDir = join(picked, '..', 'case');
    const r = runCli('import', '--case', caseDir, picked, '--json');
    const result = r.json as { files: { file: string; records: number; issues: { code?: string }[] }[]; persons: number };
    expect(result, r.err).toBeDefined();
    expect(result.persons).toBe(301);
    const codes = Object.fromEntries(result.files.map((f) => [f.file, f.issues.map((i) => i.code)]));
    expect(codes['picked/locked']).toEqual(['folder-unreadable']);
    expect(codes['picked/out-link.vcf']).toEqual(['link-outside-folder']);
    expect(codes['picked/secret.vcf']?.length).toBe(1);
    expect(result.files.filter((f) => f.records > 0).map((f) => f.file)).toEqual(['picked/people.csv', 'picked/sub/one.vcf']);
  });

  it('messages: the 3,000 readable messages are imported; the same three items are named', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `15/03/2024, ${String(Math.floor(i / 60) % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} - Anna: message ${i}`);
    const outside = '15/03/2024, 20:02 - Leak: should never be read\n';
    const picked = pickedFolder('messages', '.txt', { 'WhatsApp Chat with Anna.txt': lines.join('\n') + '\n', 'sub/WhatsApp Chat with Bo.txt': '16/03/2024, 09:10 - Bo: hi\n' }, outside);
    const r = runCli('messages', 'import', '--case', join(picked, '..', 'case'), picked, '--json');
    const result = r.json as { messages: number; files: { file: string; messages: number; errorCode?: string }[] };
    expect(result, r.err).toBeDefined();
    expect(result.messages).toBe(3001);
    const byName = (end: string) => result.files.find((f) => f.file.endsWith(end));
    expect(byName('picked/locked')?.errorCode).toBe('folder-unreadable');
    expect(byName('out-link.txt')?.errorCode).toBe('link-outside-folder');
    expect(byName('secret.txt')?.errorCode).toBe('file-unopenable');
    expect(result.files.filter((f) => f.messages > 0)).toHaveLength(2);
  });

  it('photos: no longer follows a link out of the picked folder, and says so', async () => {
    const picked = pickedFolder('photos', '.jpg', { 'a.jpg': await makeJpeg(1), 'sub/b.jpg': await makeJpeg(2) }, await makeJpeg(3));
    const r = runCli('photos', 'import', '--case', join(picked, '..', 'case'), picked, '--json', '--no-thumbnails');
    const result = r.json as { new: number; unreadable: { path: string; message: string }[] };
    expect(result, r.err).toBeDefined();
    expect(result.new).toBe(2);
    const named = result.unreadable.map((u) => u.path.slice(picked.length + 1)).sort();
    expect(named).toEqual(['locked', 'out-link.jpg', 'secret.jpg']);
    expect(result.unreadable.find((u) => u.path.endsWith('out-link.jpg'))?.message).toMatch(/outside the picked folder/);
  });
});
