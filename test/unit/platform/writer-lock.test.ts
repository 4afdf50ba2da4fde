// The case's writer lock in one process: created whole, released only by its owner, a dead owner's
// lock (and a takeover claim left by a claimer that died) taken over, another machine's lock
// respected, and waiters in this process served one after the other.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../corpus';
import { acquireWriterLock, withWriterLock, WriterLockedError } from '../../../electron/platform/writer-lock';

let dir: string;
let lock: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'writer-lock-'));
  lock = join(dir, 'writer.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function deadPid(): number {
  return Number(spawnSync(resolve(repoRoot, 'node_modules/.bin/node'), ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

const claimFor = (content: string) => `${lock}.takeover-${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;

describe('writer lock', () => {
  it('holds our pid and a nonce, and release removes only our own lock', () => {
    const release = acquireWriterLock(lock);
    const held = JSON.parse(readFileSync(lock, 'utf8')) as { pid: number; nonce: string };
    expect(held.pid).toBe(process.pid);
    expect(held.nonce).toMatch(/^[0-9a-f]{16}$/);
    // Someone replaced it (should never happen, but release must not remove another's lock).
    writeFileSync(lock, JSON.stringify({ pid: 1, host: hostname(), nonce: 'theirs' }));
    release();
    expect(existsSync(lock)).toBe(true);
  });

  it("takes over a dead owner's lock, and a takeover claim left by a claimer that died too", () => {
    const stale = JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z' });
    writeFileSync(lock, stale);
    writeFileSync(claimFor(stale), JSON.stringify({ pid: deadPid(), host: hostname() }));
    const release = acquireWriterLock(lock);
    expect((JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid).toBe(process.pid);
    release();
    // Nothing is left behind: no lock, no claims, no temp files.
    expect(readdirSync(dir)).toEqual([]);
  });

  it("respects another machine's lock (a shared folder: its pid cannot be checked)", () => {
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: 'another-machine' }));
    expect(() => acquireWriterLock(lock)).toThrow(WriterLockedError);
  });

  it('a second taker in this process waits for the first instead of taking its lock over', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = withWriterLock(lock, async () => {
      order.push('first in');
      await new Promise<void>((r) => (releaseFirst = r));
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 20));
    let waited = false;
    const second = withWriterLock(lock, async () => void order.push('second in'), { onWait: () => (waited = true) });
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual(['first in']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
    expect(waited).toBe(true);
  });

  it('gives up waiting after the timeout with the owner named', async () => {
    const release = acquireWriterLock(lock);
    await expect(withWriterLock(lock, async () => undefined, { timeoutMs: 100, what: 'the book' })).rejects.toThrow(/the book is being written by another process \(pid \d+\)/);
    release();
  });
});
