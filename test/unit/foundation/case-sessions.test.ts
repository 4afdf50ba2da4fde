// One owner per open case (session/case-sessions.ts): one import of a kind per case at a time,
// claimed before anything is awaited; one key for a case however its folder is spelled; and one
// dispose that lets go of every file the case holds open, so its folder can be moved or deleted.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { CaseSessions } from '../../../electron/session/case-sessions';
import { caseKey } from '../../../electron/session/case-key';
import { archive } from '../../../electron/messages/store';

const later = <T,>(value: T, ms: number) => new Promise<T>((done) => setTimeout(() => done(value), ms));
const sessions = () => new CaseSessions(() => 'en');

describe('CaseSession.exclusive', () => {
  it('refuses a second run of a kind for the same case while the first runs, even if the first is slower to start', async () => {
    const s = sessions();
    const first = s.of('/data/王家').exclusive('photo-import', () => later('first', 30));
    const second = s.of('/data/王家').exclusive('photo-import', () => later('second', 0));
    await expect(second).rejects.toMatchObject({ code: 'busy', message: 'A photo import is already running for this case' });
    await expect(first).resolves.toBe('first');
    await expect(s.of('/data/王家').exclusive('photo-import', async () => 'again')).resolves.toBe('again');
  });

  it('frees the case when the work fails; other kinds and other cases run alongside', async () => {
    const s = sessions();
    await expect(s.of('/data/a').exclusive('chat-import', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const a = s.of('/data/a').exclusive('chat-import', () => later(1, 20));
    await expect(s.of('/data/a/').exclusive('chat-import', async () => 2)).rejects.toMatchObject({ code: 'busy' });
    await expect(s.of('/data/a').exclusive('photo-import', async () => 3)).resolves.toBe(3);
    await expect(s.of('/data/b').exclusive('chat-import', async () => 4)).resolves.toBe(4);
    await expect(a).resolves.toBe(1);
  });
});

describe('caseKey', () => {
  it('one key for one folder however it is written (relative, trailing slash, NFD)', () => {
    const nfc = '/data/王家/José';
    expect(caseKey('/data/王家/José/')).toBe(caseKey(nfc));
    expect(caseKey(nfc.normalize('NFD'))).toBe(caseKey(nfc));
    expect(caseKey('/data/x/../王家/José')).toBe(caseKey(nfc));
  });
});

describe('Backend.close', () => {
  it('closes every SQLite database the process opened, so nothing keeps a case folder busy', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relink-sessions-'));
    const backend = new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'en' });
    const created = (await backend.call('cases.create', { name: 'Ana' }, { mayReadPath: () => false })) as { id: string; folder: string };
    const db = archive(created.folder);
    db.exec('CREATE TABLE IF NOT EXISTS probe (x)');
    await backend.close();
    // A closed handle throws; an open one would keep answering (and keep -wal/-shm beside the file).
    expect(() => db.exec('SELECT 1')).toThrow(/not open/);
    expect(existsSync(join(created.folder, 'messages', 'archive.sqlite-wal'))).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
