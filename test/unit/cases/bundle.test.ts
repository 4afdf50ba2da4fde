// Case bundles: a whole case (contacts, re-add progress, chats, pictures) out as one file and back
// in on "another machine" (another data folder), plain or with a passphrase; damaged, cut-short,
// newer, hostile or wrongly unlocked bundles name what failed and leave the data folder unchanged.
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { exportCaseBundle, importCaseBundle, verifyCaseBundle } from '../../../electron/cases/bundle';
import type { Results } from '../../../shared/contract';
import { makeJpeg } from '../photos/fixtures';
import { headerEnd } from '../../../electron/cases/bundle/age-stream';
import { HASH_ON_WORKER_FROM } from '../../../electron/cases/bundle/part-hasher';
import { CHUNKS_PER_BATCH } from '../../../electron/cases/bundle/open-workers';

let work: string;
let source: Backend;
let caseId: string;
const ctx = { mayReadPath: () => true };
const FAST = { appVersion: 'test', workFactor: 10 }; // scrypt 2^10 instead of 2^18: tests only

async function call<M extends keyof Results>(backend: Backend, method: M, args: unknown): Promise<Results[M]> {
  return (await backend.call(method, args, ctx)) as Results[M];
}

/** What a user sees of a case: the same before export and after import. */
async function snapshot(backend: Backend, id: string) {
  const contacts = await call(backend, 'contacts.list', { caseId: id });
  const readd = await call(backend, 'readd.view', { caseId: id });
  const chats = await call(backend, 'messages.chats', { caseId: id });
  const photos = await call(backend, 'photos.list', { caseId: id });
  return {
    persons: contacts.persons.map((p) => [p.name, p.phones.map((v) => v.value)]),
    readd: { awaiting: readd.awaiting.map((a) => a.name), queue: readd.queueTotal, settings: readd.settings.targets },
    chats: chats.map((c) => [c.name, c.messages]),
    photos: photos.photos.map((p) => p.sha256),
  };
}

async function dataFolderNames(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[])).filter((n) => n !== '.trash').sort();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'relink-bundle-'));
  source = new Backend({ dataDir: join(work, 'machine-a'), mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
  caseId = (await call(source, 'cases.create', { name: '张三的新微信' })).id;
  const files = join(work, 'files');
  await mkdir(join(files, 'photos'), { recursive: true });
  await writeFile(join(files, '通讯录.vcf'), 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:13800138000\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nTEL:13900139000\r\nEND:VCARD\r\n');
  await writeFile(join(files, 'WhatsApp Chat with 张伟.txt'), '12/02/2024, 09:15 - 张伟: 你好\n12/02/2024, 09:16 - 我: 好久不见\n');
  await writeFile(join(files, 'photos', 'IMG_1.jpg'), await makeJpeg(1, '2019:09:01 10:00:00'));
  await call(source, 'contacts.import', { caseId, files: [{ file: { kind: 'path', path: join(files, '通讯录.vcf') } }] });
  await call(source, 'messages.import', { caseId, files: [{ kind: 'path', path: join(files, 'WhatsApp Chat with 张伟.txt') }] });
  await call(source, 'photos.import', { caseId, files: [{ file: { kind: 'path', path: join(files, 'photos') } }] });
  await call(source, 'readd.settings', { caseId, patch: { target: { newAccountId: 'new_id' }, dailyLimit: 5, minGapMs: 0, maxGapMs: 0 } });
  const view = await call(source, 'readd.view', { caseId });
  await call(source, 'readd.record', { caseId, personId: view.current!.personId, action: 'sent' });
});

afterAll(async () => {
  await source.close();
  await rm(work, { recursive: true, force: true });
});

describe('case bundles', () => {
  it('carries a case to another data folder, plain and with a passphrase, with everything in it', async () => {
    const before = await snapshot(source, caseId);
    expect(before.persons).toHaveLength(2);
    expect(before.chats).toHaveLength(1);
    expect(before.photos).toHaveLength(1);
    expect(before.readd.awaiting).toHaveLength(1);

    for (const passphrase of [undefined, 'correct horse 电池 staple']) {
      const file = join(work, `out-${passphrase ? 'locked' : 'plain'}.relink`);
      const result = await exportCaseBundle(join(work, 'machine-a', caseId), file, { ...FAST, passphrase });
      expect(result.encrypted).toBe(passphrase !== undefined);
      if (passphrase) expect((await readFile(file)).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
      // Nothing of the bundle is readable without the passphrase.
      if (passphrase) expect((await readFile(file)).includes(Buffer.from('张伟'))).toBe(false);
      expect((await verifyCaseBundle(file, { passphrase })).header.caseName).toBe('张三的新微信');

      const machineB = join(work, `machine-b-${passphrase ? 'locked' : 'plain'}`);
      const imported = await importCaseBundle(machineB, file, { passphrase });
      expect(imported).toMatchObject({ caseId: '张三的新微信', name: '张三的新微信' });
      const target = new Backend({ dataDir: machineB, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
      try {
        expect(await snapshot(target, imported.caseId)).toEqual(before);
      } finally {
        await target.close();
      }
    }
  });

  it('an encrypted bundle asks for its passphrase, and a wrong one writes nothing', async () => {
    const file = join(work, 'secret.relink');
    await exportCaseBundle(join(work, 'machine-a', caseId), file, { ...FAST, passphrase: 'right' });
    const dir = join(work, 'machine-c');
    await expect(importCaseBundle(dir, file)).rejects.toMatchObject({ details: { code: 'bundle-passphrase-needed' } });
    await expect(importCaseBundle(dir, file, { passphrase: 'wrong' })).rejects.toMatchObject({ details: { code: 'bundle-wrong-passphrase' } });
    expect(await dataFolderNames(dir)).toEqual([]);
  });

  it('a bundle cut short anywhere, or with a damaged byte, names the part and leaves the data folder unchanged', async () => {
    const file = join(work, 'whole.relink');
    await exportCaseBundle(join(work, 'machine-a', caseId), file, FAST);
    const bytes = await readFile(file);
    const dir = join(work, 'machine-d');
    for (const cut of [100, 1024, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 1500, bytes.length - 600]) {
      const short = join(work, `short-${cut}.relink`);
      await writeFile(short, bytes.subarray(0, cut));
      const error = await importCaseBundle(dir, short).catch((e: unknown) => e);
      expect((error as { details?: { code?: string } }).details?.code, `cut at ${cut}`).toMatch(/^bundle-(truncated|damaged|not-a-bundle)$/);
      expect((error as Error).message.length).toBeGreaterThan(10);
      expect(await dataFolderNames(dir)).toEqual([]);
    }
    // One byte of the contact book changed: that part is named.
    const at = bytes.indexOf(Buffer.from('13800138000'));
    expect(at).toBeGreaterThan(0);
    const damaged = Buffer.from(bytes);
    damaged[at] = damaged[at]! ^ 1;
    await writeFile(join(work, 'damaged.relink'), damaged);
    await expect(importCaseBundle(dir, join(work, 'damaged.relink'))).rejects.toMatchObject({ details: { code: 'bundle-damaged', part: 'contacts.json' } });
    expect(await dataFolderNames(dir)).toEqual([]);
  });

  it('a large encrypted bundle (opened on workers): comes back whole; a changed chunk names its part; a cancel leaves nothing', async () => {
    // Two files past the size from which the payload is opened (and parts hashed) on worker threads.
    const caseDir = join(work, 'large', caseId);
    await cp(join(work, 'machine-a', caseId), caseDir, { recursive: true });
    const a = randomBytes(HASH_ON_WORKER_FROM / 2 + 12345);
    const b = randomBytes(HASH_ON_WORKER_FROM / 2 + 777);
    await writeFile(join(caseDir, 'big-a.bin'), a);
    await writeFile(join(caseDir, 'big-b.bin'), b);
    const file = join(work, 'large.relink');
    await exportCaseBundle(caseDir, file, { ...FAST, passphrase: 'p' });
    const dir = join(work, 'machine-large');
    const imported = await importCaseBundle(dir, file, { passphrase: 'p' });
    expect((await readFile(join(dir, imported.caseId, 'big-a.bin'))).equals(a)).toBe(true);
    expect((await readFile(join(dir, imported.caseId, 'big-b.bin'))).equals(b)).toBe(true);
    await rm(dir, { recursive: true });

    // The same bytes in the clear say where big-b.bin's data lies in the payload. A chunk wholly
    // inside it is changed, one whose batch of chunks starts in big-a.bin: the workers must give out
    // the batch's chunks before it for the reader to reach big-b.bin.
    const plainFile = join(work, 'large-plain.relink');
    await exportCaseBundle(caseDir, plainFile, FAST);
    const plain = await readFile(plainFile);
    const sealed = await readFile(file);
    const bStart = plain.indexOf(b.subarray(0, 64));
    expect(bStart).toBeGreaterThan(0);
    const CHUNK = 64 * 1024;
    const lastOfA = Math.floor(bStart / CHUNK) - 1; // ends before big-b.bin's header
    const changedChunk = (Math.floor(lastOfA / CHUNKS_PER_BATCH) + 1) * CHUNKS_PER_BATCH - 1; // the last of that batch
    expect(changedChunk, 'the layout leaves a whole chunk of big-b.bin in the batch').toBeGreaterThan(lastOfA + 2);
    const damaged = Buffer.from(sealed);
    damaged[headerEnd(sealed) + 16 + changedChunk * (CHUNK + 16) + 100]! ^= 1;
    await writeFile(join(work, 'large-damaged.relink'), damaged);
    await expect(importCaseBundle(dir, join(work, 'large-damaged.relink'), { passphrase: 'p' })).rejects.toMatchObject({ details: { code: 'bundle-truncated', part: 'case/big-b.bin' } });
    expect(await dataFolderNames(dir)).toEqual([]);

    // Cancelled after the first bytes: nothing is left in the data folder.
    const abort = new AbortController();
    const cancelled = importCaseBundle(dir, file, { passphrase: 'p', signal: abort.signal, onProgress: () => abort.abort() });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(await dataFolderNames(dir)).toEqual([]);
  }, 60_000);

  it('a name clash is refused, imported beside, or replaced with the old case kept in .trash', async () => {
    const file = join(work, 'clash.relink');
    await exportCaseBundle(join(work, 'machine-a', caseId), file, FAST);
    const dir = join(work, 'machine-a');
    await expect(importCaseBundle(dir, file)).rejects.toMatchObject({ code: 'already-exists' });
    expect(await importCaseBundle(dir, file, { onClash: 'new' })).toMatchObject({ caseId: '张三的新微信 (2)', name: '张三的新微信 (2)' });
    const replaced = await importCaseBundle(dir, file, { onClash: 'replace' });
    expect(replaced.replacedKeptAs).toMatch(/\.trash/);
    expect((await readdir(join(dir, '.trash'))).some((n) => n.startsWith('张三的新微信-'))).toBe(true);
  });

  async function handMade(entries: { name: string; body: string }[]): Promise<string> {
    const tar = tarPack();
    for (const e of entries) tar.entry({ name: e.name }, e.body);
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of tar) chunks.push(chunk as Buffer);
    const file = join(work, `hand-${Math.random().toString(16).slice(2)}.relink`);
    await writeFile(file, Buffer.concat(chunks));
    return file;
  }
  const header = (format: number) => JSON.stringify({ format, app: '9.0', caseName: 'x', createdAt: '2030-01-01', counts: { persons: 0, parts: 0, bytes: 0 } });

  it('a bundle from a newer Relink says so before reading on', async () => {
    const file = await handMade([{ name: 'bundle.json', body: header(99) }]);
    await expect(verifyCaseBundle(file)).rejects.toMatchObject({ details: { code: 'bundle-newer-format', format: 99 } });
  });

  it('refuses parts that would land outside the case folder, and parts the manifest does not list', async () => {
    const dir = join(work, 'machine-e');
    for (const name of ['case/../evil.txt', 'case//etc', '../evil', 'case/a\\..\\b']) {
      const file = await handMade([{ name: 'bundle.json', body: header(1) }, { name, body: 'x' }, { name: 'manifest.json', body: '{"parts":[]}' }]);
      await expect(importCaseBundle(dir, file), name).rejects.toMatchObject({ details: { code: 'bundle-damaged' } });
    }
    const extra = await handMade([{ name: 'bundle.json', body: header(1) }, { name: 'case/case.json', body: '{}' }, { name: 'manifest.json', body: '{"parts":[]}' }]);
    await expect(importCaseBundle(dir, extra)).rejects.toMatchObject({ details: { code: 'bundle-damaged', part: 'case.json' } });
    expect(await dataFolderNames(dir)).toEqual([]);
  });
});

describe('relink case', () => {
  it('exports, verifies and imports from the command line, the passphrase read from standard input', async () => {
    const { runCli } = await import('../../../electron/cli/main');
    const { caseCommand } = await import('../../../electron/cases/bundle/cli');
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const file = join(work, 'cli.relink');
    const secret = async () => 'cli secret';
    expect(await caseCommand(['export', '--case', join(work, 'machine-a', caseId), '--out', file, '--passphrase-stdin'], io, secret, FAST.workFactor)).toBe(0);
    expect(lines.join('\n')).toMatch(/encrypted with the passphrase/);
    expect(lines.join('\n')).not.toContain('cli secret');
    expect(await caseCommand(['verify', file, '--passphrase-stdin'], io, secret)).toBe(0);
    expect(lines.at(-1)).toMatch(/every checksum matches/);
    const dir = join(work, 'machine-cli');
    expect(await caseCommand(['import', file, '--data-dir', dir, '--passphrase-stdin'], io, secret)).toBe(0);
    // Again: the name is taken, and the command says what to do.
    expect(await runCli(['case', 'import', file, '--data-dir', dir], io)).toBe(1);
    expect(lines.at(-1)).toMatch(/encrypted: give its passphrase/);
    await expect(caseCommand(['import', file, '--data-dir', dir, '--passphrase-stdin'], io, secret)).rejects.toThrow(/--as-new or --replace/);
  });
});

describe('what a bundle leaves out', () => {
  it('locks, their takeover claims, temporary and SQLite side files, staging folders, a message import\'s stage files; never a file kept aside', async () => {
    const { isTransient } = await import('../../../electron/cases/bundle/format');
    for (const p of ['contacts.lock', 'readd/writer.lock', 'case.lock.takeover-0123abcd', 'store/aa/x.part', '.contacts.json.42.ab12.tmp', 'messages/archive.sqlite-wal', 'messages/archive.sqlite-shm', '.import-tmp/x/y.jpg', 'messages/.import-stage-4242-1-a.sqlite']) {
      expect(isTransient(p), p).toBe(true);
    }
    for (const p of ['contacts.json', 'case.json', 'readd/journal.jsonl', 'store/aa/aabb', 'messages/archive.sqlite', 'contacts.json.corrupt-2026-12-04T10-00-00-000Z']) expect(isTransient(p), p).toBe(false);
  });
});
