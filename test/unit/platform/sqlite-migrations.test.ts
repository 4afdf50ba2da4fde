// Numbered migrations (platform/sqlite.ts), and every schema fixture written by an earlier version
// of the code opening with today's: the archives and indexes people already hold keep working.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { closeArchive, listChats, searchMessages } from '../../../electron/messages';
import { archiveMigrations } from '../../../electron/messages/migrations';
import { closePhotoArchive, listPhotos } from '../../../electron/photos';
import { photoIndexMigrations } from '../../../electron/photos/migrations';
import { latestVersion, NewerSchemaError, openCaseDatabase, schemaVersion, type Migration } from '../../../electron/platform/sqlite';
import { FIXTURE_PICTURES } from './fixtures/make-schema-fixtures';

const fixtures = join(__dirname, 'fixtures');
const temp = () => mkdtempSync(join(tmpdir(), 'relink-migrate-'));

const steps: Migration[] = [
  { version: 1, name: 'people', up: (db) => db.exec('CREATE TABLE people (name TEXT)') },
  { version: 2, name: 'phones', up: (db) => db.exec('ALTER TABLE people ADD COLUMN phone TEXT') },
];

describe('numbered migrations', () => {
  it('runs the steps a file has not had, and records the version with each', () => {
    const file = join(temp(), 'a.sqlite');
    const v1 = openCaseDatabase(file, { what: 'a test file', migrations: steps.slice(0, 1) });
    v1.exec("INSERT INTO people VALUES ('张伟')");
    expect(schemaVersion(v1)).toBe(1);
    v1.close();
    const v2 = openCaseDatabase(file, { what: 'a test file', migrations: steps });
    expect(schemaVersion(v2)).toBe(2);
    expect(v2.prepare('SELECT name, phone FROM people').all()).toEqual([{ name: '张伟', phone: null }]);
    v2.close();
  });

  it('a failing step leaves the file at the version before it, and names the step', () => {
    const file = join(temp(), 'a.sqlite');
    openCaseDatabase(file, { what: 'a test file', migrations: steps.slice(0, 1) }).close();
    const broken: Migration = {
      version: 2,
      name: 'phones',
      up: (db) => {
        db.exec('ALTER TABLE people ADD COLUMN phone TEXT');
        throw new Error('disk full');
      },
    };
    expect(() => openCaseDatabase(file, { what: 'a test file', migrations: [steps[0]!, broken] })).toThrow(/schema 2 \(phones\): disk full/);
    const db = new DatabaseSync(file, { readOnly: true });
    expect(schemaVersion(db)).toBe(1);
    expect((db.prepare('PRAGMA table_info(people)').all() as { name: string }[]).map((c) => c.name)).toEqual(['name']);
    db.close();
  });

  it('a file from a newer version is refused, not downgraded or written', () => {
    const file = join(temp(), 'a.sqlite');
    openCaseDatabase(file, { what: 'the chat archive', migrations: steps }).close();
    expect(() => openCaseDatabase(file, { what: 'the chat archive', migrations: steps.slice(0, 1) })).toThrow(NewerSchemaError);
    expect(() => openCaseDatabase(file, { what: 'the chat archive', migrations: steps.slice(0, 1) })).toThrow(/newer version of Relink/);
  });

  it('steps are numbered 1, 2, 3… without gaps', () => {
    const gap = [steps[0]!, { ...steps[1]!, version: 3 }];
    expect(() => openCaseDatabase(join(temp(), 'a.sqlite'), { what: 'x', migrations: gap })).toThrow(/numbered 3, expected 2/);
    for (const list of [archiveMigrations, photoIndexMigrations]) expect(list.map((m) => m.version)).toEqual(list.map((_, i) => i + 1));
  });
});

/** Every `<name>-v<N>.sqlite` in fixtures/, by name. */
function fixturesOf(name: string): { version: number; file: string }[] {
  return readdirSync(fixtures)
    .map((f) => ({ match: new RegExp(`^${name}-v(\\d+)\\.sqlite$`).exec(f), file: join(fixtures, f) }))
    .filter((f) => f.match)
    .map((f) => ({ version: Number(f.match![1]), file: f.file }));
}

function caseWith(file: string, at: string): string {
  const caseDir = join(temp(), 'case');
  mkdirSync(join(caseDir, at, '..'), { recursive: true });
  copyFileSync(file, join(caseDir, at));
  return caseDir;
}

describe('files written by earlier versions open with today’s code', () => {
  it('each schema version that shipped has its fixture (run make-schema-fixtures.ts when adding a step)', () => {
    expect(fixturesOf('archive').map((f) => f.version)).toContain(latestVersion(archiveMigrations));
    expect(fixturesOf('photo-index').map((f) => f.version)).toContain(latestVersion(photoIndexMigrations));
  });

  it.each(fixturesOf('archive'))('chat archive of schema $version: upgraded, every message found', ({ file }) => {
    const caseDir = caseWith(file, 'messages/archive.sqlite');
    expect(listChats(caseDir).map((c) => [c.name, c.messages])).toEqual([['小王', 3]]);
    expect(searchMessages(caseDir, '火锅', { limit: 10 }).map((h) => h.text)).toEqual(['周末一起吃火锅吗']);
    expect(searchMessages(caseDir, '8000', { limit: 10 })).toHaveLength(1);
    expect(searchMessages(caseDir, 'eijin', { limit: 10 })).toHaveLength(1);
    closeArchive(caseDir);
    const db = new DatabaseSync(join(caseDir, 'messages', 'archive.sqlite'), { readOnly: true });
    expect(schemaVersion(db)).toBe(latestVersion(archiveMigrations));
    db.close();
  });

  it.each(fixturesOf('photo-index'))('photo index of schema $version: upgraded, every picture listed', async ({ file }) => {
    const caseDir = caseWith(file, 'photos/index.sqlite');
    const { total, photos } = await listPhotos(caseDir, {});
    expect(total).toBe(FIXTURE_PICTURES);
    expect(photos.map((p) => [p.date.slice(0, 10), p.dateSource])).toEqual([
      ['2024-03-11', 'filename'],
      ['2024-03-10', 'filename'],
    ]);
    closePhotoArchive(caseDir);
    const db = new DatabaseSync(join(caseDir, 'photos', 'index.sqlite'), { readOnly: true });
    expect(schemaVersion(db)).toBe(latestVersion(photoIndexMigrations));
    db.close();
  });
});
