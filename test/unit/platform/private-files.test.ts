// Who may read the data (issue 14, point 4): under the usual umask 022 every folder the app makes in
// the data folder is 0700 and every file 0600 — contact book, re-add journal and snapshot, photo
// store, index and thumbnails, message archive with its -wal/-shm — and opening a case repairs what
// an older version left readable; so is what appeals, settings, photo exports into the data
// folder, bundles, locking and the trash make. (Windows has no such modes: skipped there.)
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { CaseStore } from '../../../electron/cases/case-store';
import { ContactsRepository } from '../../../electron/contacts-store/contacts-repository';
import { importContactFiles } from '../../../electron/contacts-store/import-files';
import { closeArchiveDb } from '../../../electron/messages/store';
import { importMessages } from '../../../electron/messages';
import { buildThumbnails, closePhotoArchive, importPhotos } from '../../../electron/photos';
import { ReaddStore } from '../../../electron/readd/store';
import { whatsAppChatTxt } from '../messages-api/fixtures';
import { makeJpeg } from '../photos/fixtures';

/** Every entry under `dir` (and `dir` itself) whose mode lets anyone but the owner in. */
function looseEntries(dir: string): string[] {
  const out: string[] = [];
  const check = (path: string) => {
    const info = lstatSync(path);
    if (!info.isSymbolicLink() && (info.mode & 0o077) !== 0) out.push(`${path.slice(dir.length)} ${(info.mode & 0o777).toString(8)}`);
    if (info.isDirectory()) for (const name of readdirSync(path)) check(join(path, name));
  };
  check(dir);
  return out;
}

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

let work: string;
let umask: number;
beforeEach(() => {
  umask = process.umask(0o022);
  work = mkdtempSync(join(tmpdir(), 'relink-private-'));
});
afterEach(() => {
  process.umask(umask);
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('data folder modes under umask 022', () => {
  it('everything contacts, re-add, photos and messages make is 0700 / 0600, and opening a case repairs 0755 / 0644', async () => {
    const dataDir = join(work, 'Relink');
    const cases = new CaseStore(dataDir);
    const { id } = await cases.create('权限');
    const folder = cases.folderOf(id);

    const vcf = join(work, 'a.vcf');
    writeFileSync(vcf, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:13800138000\r\nEND:VCARD\r\n');
    await importContactFiles(await new ContactsRepository().get(folder), [{ path: vcf, name: 'a.vcf' }]);

    const readd = await ReaddStore.open(folder, { compactEvery: 1 });
    await readd.record('p1', 'sent');
    await new Promise((r) => setTimeout(r, 50)); // the snapshot is written after the acknowledgement
    await readd.close();

    const pictures = join(work, 'pictures');
    mkdirSync(pictures);
    writeFileSync(join(pictures, 'a.jpg'), await makeJpeg(1, '2019:09:06 12:34:56'));
    writeFileSync(join(pictures, 'b.jpg'), await makeJpeg(2));
    await importPhotos(folder, [pictures]);
    await buildThumbnails(folder);

    const chat = join(work, 'WhatsApp Chat with Anna.txt');
    writeFileSync(chat, whatsAppChatTxt());
    await importMessages(folder, [chat]);

    const made = readdirSync(folder, { recursive: true }).map(String);
    // The probe covers what the issue names: archive and its WAL, photo index, stored pictures, thumbnails.
    for (const wanted of [/^contacts\.json$/, /^readd[/\\]journal/, /^messages[/\\]archive\.sqlite-wal$/, /^photos[/\\]index\.sqlite$/, /^store[/\\]/, /thumb/]) {
      expect(made.some((p) => wanted.test(p)), `${wanted} in ${made.join(', ')}`).toBe(true);
    }
    expect(looseEntries(dataDir)).toEqual([]);

    // An older version's case: folders 0755 and files 0644 everywhere.
    closeArchiveDb(folder);
    closePhotoArchive(folder);
    const loosen = (path: string) => {
      const info = lstatSync(path);
      chmodSync(path, info.isDirectory() ? 0o755 : 0o644);
      if (info.isDirectory()) for (const name of readdirSync(path)) loosen(join(path, name));
    };
    loosen(dataDir);
    expect(modeOf(join(folder, 'messages', 'archive.sqlite'))).toBe('644');
    await cases.list();
    await cases.open(id);
    expect(looseEntries(dataDir)).toEqual([]);
  });

  it('so is everything the other screens make: appeals and their attachments, settings, exports, bundles, a locked case, the trash', async () => {
    const dataDir = join(work, 'Relink');
    const backend = new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
    const call = (method: string, args: unknown) => backend.call(method, args, { mayReadPath: () => true }) as Promise<Record<string, unknown>>;
    try {
      const ids = [];
      for (const name of ['申诉', '锁定', '删除']) ids.push(String((await call('cases.create', { name })).id));
      const [caseId, lockedId, deletedId] = ids as [string, string, string];
      const vcf = join(work, 'a.vcf');
      writeFileSync(vcf, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL:13800138000\r\nEND:VCARD\r\n');
      for (const id of ids) await call('contacts.import', { caseId: id, files: [{ file: { kind: 'path', path: vcf } }] });
      await call('settings.setLocale', { locale: 'en' });

      const view = (await call('appeals.saveAccount', { caseId, account: { platform: 'wechat', name: '小李', state: 'banned' } })) as { accounts: { id: string }[] };
      const withAppeal = (await call('appeals.saveAppeal', { caseId, appeal: { accountId: view.accounts[0]!.id, date: '2026-11-30', channel: 'in-app' } })) as { appeals: { id: string }[] };
      const letter = join(work, 'letter.jpg');
      writeFileSync(letter, await makeJpeg(3));
      await call('appeals.attach', { caseId, appealId: withAppeal.appeals[0]!.id, files: [{ kind: 'path', path: letter }] });

      const pictures = join(work, 'pictures');
      mkdirSync(pictures);
      writeFileSync(join(pictures, 'a.jpg'), await makeJpeg(1, '2019:09:06 12:34:56'));
      await call('photos.import', { caseId, files: [{ file: { kind: 'path', path: pictures } }] });
      const { photos } = (await call('photos.list', { caseId })) as { photos: { sha256: string }[] };
      await call('photos.export', { caseId, sha256s: photos.map((p) => p.sha256) });
      await call('cases.exportBundle', { caseId, passphrase: 'correct horse' });
      await call('cases.lock', { caseId: lockedId, passphrase: 'correct horse' });
      await call('cases.delete', { caseId: deletedId, confirmName: '删除' });

      const made = readdirSync(dataDir, { recursive: true }).map(String);
      for (const wanted of [/^settings|\.json$/, /appeals[/\\]journal/, /^exports[/\\]/, /\.relink$/, /^\.trash[/\\]/]) {
        expect(made.some((p) => wanted.test(p)), `${wanted} in ${made.join(', ')}`).toBe(true);
      }
      expect(looseEntries(dataDir)).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
