// A bundle's tar framing is written and read by Relink's own code (for speed): what it writes is
// read by tar-stream (an independent reader) entry for entry, and what tar-stream wrote — bundles
// made before — is read by it, with long and Chinese names (pax) and all.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract as tarExtract, pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCaseBundle, verifyCaseBundle } from '../../../../electron/cases/bundle';
import { readBundle } from '../../../../electron/cases/bundle/read';
import { entryHeader, readHeader, readPax } from '../../../../electron/cases/bundle/tar';
import { openCaseFolder } from '../../../../electron/cases/case-folder';

let dir: string;
const LONG = `sources/${'很长的通讯录文件名'.repeat(8)}.vcf`; // > 100 bytes, not ASCII: a pax path

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relink-tar-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function entriesOf(file: string): Promise<Map<string, { size: number; body: Buffer; mtime: Date }>> {
  const out = new Map<string, { size: number; body: Buffer; mtime: Date }>();
  const extract = tarExtract();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.set(entry.header.name, { size: entry.header.size ?? 0, body: Buffer.concat(chunks), mtime: entry.header.mtime ?? new Date(0) });
    }
  })();
  extract.end(await readFile(file));
  await done;
  return out;
}

describe('bundle tar framing', () => {
  it('tar-stream reads what we write: every entry, its name (long and Chinese too), size, time and bytes', async () => {
    const caseDir = join(dir, 'data', '王五');
    await openCaseFolder(caseDir, '王五');
    await mkdir(join(caseDir, 'sources'), { recursive: true });
    const body = Buffer.from('BEGIN:VCARD\r\nFN:张伟\r\nEND:VCARD\r\n'.repeat(1000));
    await writeFile(join(caseDir, LONG), body);
    await writeFile(join(caseDir, 'empty.txt'), '');
    const file = join(dir, 'w.relink');
    await exportCaseBundle(caseDir, file, { appVersion: 'test' });
    const entries = await entriesOf(file);
    expect([...entries.keys()][0]).toBe('bundle.json');
    expect([...entries.keys()].at(-1)).toBe('manifest.json');
    expect(entries.get(`case/${LONG}`)?.body.equals(body)).toBe(true);
    expect(entries.get('case/empty.txt')?.size).toBe(0);
    const manifest = JSON.parse(entries.get('manifest.json')!.body.toString()) as { parts: { path: string; sha256: string }[] };
    expect(manifest.parts.find((p) => p.path === LONG)?.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(Math.abs(entries.get(`case/${LONG}`)!.mtime.getTime() - Date.now())).toBeLessThan(600_000);
  });

  // A header counting 100 MB makes the reader hash on its worker thread (64 MB and more).
  for (const counted of [70_000, 100_000_000]) it(`reads bundles tar-stream wrote (as Relink did before), long Chinese names included (hashed ${counted > 64e6 ? 'on the worker' : 'here'})`, async () => {
    const parts = [
      { path: 'case.json', body: Buffer.from(JSON.stringify({ version: 1, name: '赵六' })) },
      { path: LONG, body: Buffer.from('x'.repeat(70_000)) },
      { path: `store/ab/${'ab'.repeat(32)}`, body: Buffer.alloc(0) },
    ];
    const pack = tarPack();
    const chunks: Buffer[] = [];
    const collected = (async () => {
      for await (const c of pack) chunks.push(c as Buffer);
    })();
    pack.entry({ name: 'bundle.json' }, JSON.stringify({ format: 1, app: 'old', caseName: '赵六', createdAt: '2026-01-01', counts: { persons: 0, parts: 3, bytes: counted } }));
    for (const p of parts) pack.entry({ name: `case/${p.path}`, mtime: new Date() }, p.body);
    pack.entry({ name: 'manifest.json' }, JSON.stringify({ parts: parts.map((p) => ({ path: p.path, size: p.body.length, sha256: createHash('sha256').update(p.body).digest('hex') })) }));
    pack.finalize();
    await collected;
    const file = join(dir, `old-${counted}.relink`);
    await writeFile(file, Buffer.concat(chunks));
    expect(await verifyCaseBundle(file)).toMatchObject({ header: { caseName: '赵六' }, parts: 3, bytes: parts.reduce((sum, p) => sum + p.body.length, 0) });
    const bytes = await readFile(file);
    bytes[bytes.indexOf(Buffer.from('xxxxxxxx')) + 5] = 0x79; // one byte of the long-named part
    await writeFile(file, bytes);
    await expect(verifyCaseBundle(file)).rejects.toMatchObject({ details: { code: 'bundle-damaged', part: LONG } });
  });

  it('a size past the ustar field (8 GiB) goes into a pax record, and reads back', () => {
    const size = 9 * 1024 ** 3 + 7;
    const header = entryHeader({ name: 'case/messages/archive.sqlite', size, mode: 0o600, mtime: new Date() });
    expect(header.length).toBe(3 * 512);
    const pax = readHeader(header.subarray(0, 512))!;
    expect(pax.type).toBe('x');
    expect(readPax(header.subarray(512, 512 + pax.size))).toEqual({ size });
    expect(readHeader(header.subarray(1024))).toMatchObject({ name: 'case/messages/archive.sqlite', type: '0' });
  });

  it('a disk that fails while a part is written is named as such, not as a damaged bundle', async () => {
    const file = join(dir, 'w.relink'); // from the first test
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const sink = { write: () => Promise.reject(full), end: () => Promise.resolve() };
    await expect(readBundle(file, { partSink: () => Promise.resolve(sink) })).rejects.toMatchObject({ code: 'ENOSPC' });
  });
});
