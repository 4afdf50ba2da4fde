// A contact import cancelled while a large file is read on its thread stops and changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ContactsRepository } from '../../../electron/contacts-store/contacts-repository';
import { importContactFiles } from '../../../electron/contacts-store/import-files';
import { THREAD_MIN_BYTES } from '../../../electron/import/parse-thread';
import { generateVcardFile } from '../../../bench/gen-vcards';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-import-cancel-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('stops a large file read on its thread when cancelled, and changes nothing', async () => {
  const vcf = join(dir, 'a.vcf');
  expect(generateVcardFile(vcf, 45_000, '3.0')).toBeGreaterThan(THREAD_MIN_BYTES);
  const contacts = await new ContactsRepository().get(join(dir, 'case'));
  const controller = new AbortController();
  let lastRecords = 0;
  const run = importContactFiles(contacts, [{ path: vcf, name: 'a.vcf' }], {
    signal: controller.signal,
    onProgress: (p) => {
      lastRecords = p.records;
      if (p.bytesRead > p.totalBytes / 5) controller.abort();
    },
  });
  await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  expect(lastRecords).toBeLessThan(45_000);
  expect(Object.keys(contacts.book.records)).toEqual([]);
});
