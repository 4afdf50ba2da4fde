import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../corpus';
import { encodeLine } from '../../../electron/readd/journal';
import { loadReaddState, readdPaths } from '../../../electron/readd/load';
import { ReaddLockedError } from '../../../electron/readd/lock';
import { ReaddSettingsError } from '../../../electron/readd/settings';
import { ReaddInputError, ReaddStore } from '../../../electron/readd/store';
import { HOUR, MIN, T0, tempCase } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function newCase(): string {
  const { dir, cleanup } = tempCase();
  cleanups.push(cleanup);
  return dir;
}

function clock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('ReaddStore', () => {
  it('records outcomes with timestamps and attempts, and they survive a reopen', async () => {
    const dir = newCase();
    const c = clock();
    const store = await ReaddStore.open(dir, { now: c.now, rng: () => 0.5 });
    await store.record('alice', 'sent');
    c.advance(HOUR);
    await store.record('alice', 'accepted');
    await store.record('bob', 'notFound');
    expect(store.statusOf('alice')).toBe('accepted');
    expect(store.progressOf('alice')).toMatchObject({ status: 'accepted', attempts: 1, sentAt: T0, acceptedAt: T0 + HOUR });
    expect(store.state.requests.default).toEqual([{ seq: 1, at: T0, personId: 'alice', gapMs: 4 * MIN }]);
    await store.close();

    const again = await ReaddStore.open(dir);
    expect(again.statusOf('alice')).toBe('accepted');
    expect(again.statusOf('bob')).toBe('notFound');
    expect(again.statusOf('carol')).toBe('pending');
    expect(again.state.lastSeq).toBe(3);
    await again.close();
  });

  it('undo goes back several steps, across a reopen, and restores the daily count', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir, { now: () => T0 });
    await store.record('a', 'sent');
    await store.record('b', 'sent');
    await store.record('b', 'accepted');
    await store.star(['c']);
    expect((await store.undo())?.type).toBe('star');
    expect(store.state.starred.c).toBeUndefined();
    await store.close();

    const again = await ReaddStore.open(dir, { now: () => T0 });
    const undone = await again.undo();
    expect(undone).toMatchObject({ type: 'outcome', personId: 'b', action: 'accepted' });
    expect(again.statusOf('b')).toBe('sent');
    await again.undo();
    expect(again.statusOf('b')).toBe('pending');
    expect(again.state.requests.default?.map((r) => r.personId)).toEqual(['a']);
    await again.undo();
    expect(again.statusOf('a')).toBe('pending');
    expect(await again.undo()).toBeUndefined();
    // The history keeps everything, undos included.
    const types = again.events().map((e) => e.type);
    expect(types).toEqual(['outcome', 'outcome', 'outcome', 'star', 'undo', 'undo', 'undo', 'undo']);
    expect(again.events({ personId: 'b' }).map((e) => e.seq)).toEqual([2, 3]);
    expect(again.events({ limit: 2 }).map((e) => e.seq)).toEqual([7, 8]);
    await again.close();
  });

  it('order, exclude and star are recorded and undoable', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir);
    await store.setOrder(['x', 'y']);
    await store.setOrder(['z']);
    expect(store.state.manualRank).toEqual({ z: 0 });
    await store.undo();
    expect(store.state.manualRank).toEqual({ x: 0, y: 1 });
    await store.exclude(['x', 'y']);
    await store.exclude(['y'], false);
    expect(store.state.excluded).toEqual({ x: true });
    await store.undo();
    expect(store.state.excluded).toEqual({ x: true, y: true });
    await store.close();
  });

  it('"too frequent" sets a cool-down of settings.coolDownMs, undo lifts it', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir, { now: () => T0 });
    await store.updateSettings({ coolDownMs: 12 * HOUR });
    await store.tooFrequent();
    expect(store.state.coolDownUntil.default).toBe(T0 + 12 * HOUR);
    await store.undo();
    expect(store.state.coolDownUntil.default).toBeUndefined();
    await store.close();
  });

  it('refuses bad input without writing anything', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir);
    await expect(store.updateSettings({ minGapMs: 10, maxGapMs: 5 })).rejects.toThrow(ReaddSettingsError);
    await expect(store.updateSettings({ timezone: 'Mars/Olympus' })).rejects.toThrow(/time zone/);
    await expect(store.record('', 'sent')).rejects.toThrow(ReaddInputError);
    await expect(store.record('a', 'bogus' as 'sent')).rejects.toThrow(/unknown outcome/);
    await expect(store.record('a', 'sent', T0, 'nope')).rejects.toThrow(/unknown target/);
    expect(store.state.lastSeq).toBe(0);
    await store.updateSettings({ timezone: 'Asia/Shanghai', dailyLimit: 20 });
    await store.close();
    expect(loadReaddState(dir).state.settings).toMatchObject({ timezone: 'Asia/Shanghai', dailyLimit: 20 });
    // Clearing an optional setting survives the journal (JSON has no undefined).
    const again = await ReaddStore.open(dir);
    await again.updateSettings({ timezone: undefined });
    expect(again.settings().timezone).toBeUndefined();
    await again.close();
    expect('timezone' in loadReaddState(dir, { useSnapshot: false }).state.settings).toBe(false);
  });

  it('ignores a torn last line, keeps it aside, and appends cleanly after it', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir);
    await store.record('a', 'sent');
    await store.record('b', 'sent');
    await store.close();
    const { journal, dir: readdDir } = readdPaths(dir);
    const full = encodeLine({ seq: 3, at: T0, type: 'outcome', targetId: 'default', personId: 'c', action: 'sent', prev: null, counted: true, gapMs: 1 });
    appendFileSync(journal, full.slice(0, 40)); // power cut mid-write

    const loaded = loadReaddState(dir);
    expect(loaded.state.lastSeq).toBe(2);
    expect(loaded.issues).toEqual([expect.objectContaining({ severity: 'warning', line: 3 })]);

    const again = await ReaddStore.open(dir);
    await again.record('d', 'sent');
    await again.close();
    expect(readdirSync(readdDir).some((f) => f.startsWith('journal.jsonl.torn-'))).toBe(true);
    const reloaded = loadReaddState(dir, { useSnapshot: false });
    expect(reloaded.issues).toEqual([]);
    expect(Object.keys(reloaded.state.progress.default ?? {})).toEqual(['a', 'b', 'd']);
  });

  it('reports a damaged line in the middle by line number and keeps every good event', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir);
    for (const id of ['a', 'b', 'c']) await store.record(id, 'sent');
    await store.close();
    const { journal, snapshot } = readdPaths(dir);
    const lines = readFileSync(journal, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"b"', '"B"'); // checksum no longer matches
    writeFileSync(journal, lines.join('\n'));
    writeFileSync(snapshot, '{ not json');

    const loaded = loadReaddState(dir);
    expect(loaded.issues.map((i) => [i.severity, i.line ?? null])).toEqual([
      ['warning', null],
      ['error', 2],
    ]);
    expect(Object.keys(loaded.state.progress.default ?? {})).toEqual(['a', 'c']);
  });

  it('an unreadable snapshot is moved aside and the journal rebuilds the state', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir, { compactEvery: 2 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await store.record(id, 'later');
    await store.close();
    const { snapshot, dir: readdDir } = readdPaths(dir);
    expect(JSON.parse(readFileSync(snapshot, 'utf8')).seq).toBe(5);
    writeFileSync(snapshot, '{"format":"relink-readd-state","version":1,"seq":5,"state":{}}');
    const again = await ReaddStore.open(dir);
    expect(again.issues[0]?.message).toMatch(/snapshot unreadable/);
    expect(Object.keys(again.state.progress.default ?? {})).toHaveLength(5);
    await again.close();
    expect(readdirSync(readdDir).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });

  it('snapshot + journal tail loads the same state as a full replay', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir, { compactEvery: 3 });
    for (let i = 0; i < 20; i++) {
      await store.record(`p${i % 7}`, i % 3 === 0 ? 'sent' : 'accepted');
      if (i % 5 === 0) await new Promise((r) => setImmediate(r)); // let compaction run mid-way
    }
    const live = structuredClone(store.state);
    // Not closed (no final snapshot): the tail must come from the journal.
    const fromSnapshot = loadReaddState(dir);
    expect(fromSnapshot.snapshotSeq).toBeGreaterThan(0);
    expect(fromSnapshot.snapshotSeq).toBeLessThan(20);
    expect(fromSnapshot.state).toEqual(live);
    expect(loadReaddState(dir, { useSnapshot: false }).state).toEqual(live);
    await store.close();
  });

  it('one writer per case: shared in-process, refused for another live process', async () => {
    const dir = newCase();
    const a = await ReaddStore.open(dir);
    const b = await ReaddStore.open(dir);
    expect(b).toBe(a);
    await b.close();
    await a.record('x', 'sent'); // still open: a holds a reference
    await a.close();
    expect(existsSync(readdPaths(dir).lock)).toBe(false);

    // A live foreign process "holds" the lock.
    const sleeper = spawn(resolve(repoRoot, 'node_modules/.bin/node'), ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(readdPaths(dir).lock, JSON.stringify({ pid: sleeper.pid, host: (await import('node:os')).hostname() }));
      await expect(ReaddStore.open(dir)).rejects.toThrow(ReaddLockedError);
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((r) => sleeper.once('exit', r));
    }
    // Its owner is gone now: the stale lock is taken over.
    const c = await ReaddStore.open(dir);
    expect(c.statusOf('x')).toBe('sent');
    await c.close();
  });

  it('events can be filtered by target', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir);
    await store.updateSettings({
      targets: [
        { id: 'default', platform: 'wechat', newAccountName: '', newAccountId: '', oldAccountName: '' },
        { id: 'tg', platform: 'telegram', newAccountName: 'me', newAccountId: '@me', oldAccountName: 'old' },
      ],
    });
    await store.record('a', 'sent', T0, 'tg');
    await store.record('a', 'declined');
    expect(store.statusOf('a', 'tg')).toBe('sent');
    expect(store.statusOf('a')).toBe('declined');
    expect(store.events({ targetId: 'tg' }).filter((e) => e.type === 'outcome')).toHaveLength(1);
    await store.close();
  });
});

describe('journal file', () => {
  it('is one JSON object per line with seq and checksum', async () => {
    const dir = newCase();
    const store = await ReaddStore.open(dir);
    await store.record('a', 'sent');
    await store.close();
    const line = readFileSync(join(dir, 'readd', 'journal.jsonl'), 'utf8').trim();
    expect(JSON.parse(line)).toMatchObject({ seq: 1, sum: expect.stringMatching(/^[0-9a-f]{16}$/), event: { personId: 'a' } });
  });
});
