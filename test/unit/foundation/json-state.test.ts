import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicJsonFile, openJsonState } from '../../../electron/platform/json-state';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relink-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic JSON state', () => {
  it('persists through a fresh Low instance (not the in-memory test preset)', async () => {
    const file = join(dir, 'state.json');
    const first = new Low(new AtomicJsonFile<{ n: number }>(file), { n: 0 });
    await first.read();
    first.data.n = 42;
    await first.write();
    const second = new Low(new AtomicJsonFile<{ n: number }>(file), { n: 0 });
    await second.read();
    expect(second.data.n).toBe(42);
  });

  it('serializes concurrent writes: the last write wins and no temp files remain', async () => {
    const file = join(dir, 'state.json');
    const adapter = new AtomicJsonFile<{ n: number }>(file);
    await Promise.all(Array.from({ length: 50 }, (_, n) => adapter.write({ n })));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ n: 49 });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps an unreadable file aside and reports it instead of replacing it silently', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, '{"n": 1, truncated');
    const { db, corrupt } = await openJsonState(file, { n: 0 });
    expect(db.data).toEqual({ n: 0 });
    expect(corrupt?.keptAs).toMatch(/state\.json\.corrupt-/);
    expect(await readFile(corrupt!.keptAs, 'utf8')).toBe('{"n": 1, truncated');
  });

  it('treats a file that parses but fails validation as unreadable', async () => {
    const file = join(dir, 'state.json');
    await writeFile(file, '[1,2,3]');
    const isState = (v: unknown): v is { n: number } => typeof (v as { n?: unknown })?.n === 'number';
    const { corrupt } = await openJsonState(file, { n: 0 }, isState);
    expect(corrupt).toBeDefined();
  });
});
