// One writer at a time across processes, for every piece of a case's state (re-add progress, the
// contact book, case.json): a lock file holding its owner's pid, host and a random nonce.
//
// Creating: the content is written to a private temp file first and then hard-linked to the lock
// name, which fails if the name exists (link(2) is atomic, like O_EXCL). So a lock file is never
// seen half-written, and a reader never mistakes a lock being created for a stale one.
//
// Taking over a stale lock (its owner died: crash, kill -9): deleting it and creating ours in two
// steps would let two processes that both saw the same dead owner each delete the other's fresh
// lock (both "won": duplicate journal sequence numbers). Instead the right to delete one particular
// stale lock is itself a lock, named after that lock's exact content: `<lock>.takeover-<hash>`.
// Only its holder may delete the stale lock, and it re-reads the lock after getting that right:
// while the stale content is still there nobody else can remove it, so the delete removes exactly
// what was judged stale. A claim left by a process that died mid-takeover is stale in turn and taken
// over the same way (one level deeper).
import { createHash, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE } from './private-files';

export class WriterLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
    what = 'this case',
  ) {
    super(`${what} is being written by another process (pid ${ownerPid}); close it first or try again (${lockFile})`);
    this.name = 'WriterLockedError';
  }
}

interface LockContent {
  /** The exact bytes of the lock file: its identity. */
  raw: string;
  pid?: number;
  host?: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's content, or undefined when there is no lock file. */
function readLock(lockFile: string): LockContent | undefined {
  let raw: string;
  try {
    raw = readFileSync(lockFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as { pid?: unknown; host?: unknown };
    return {
      raw,
      pid: typeof parsed.pid === 'number' ? parsed.pid : undefined,
      host: typeof parsed.host === 'string' ? parsed.host : undefined,
    };
  } catch {
    return { raw }; // unreadable (written by something else): no owner to wait for
  }
}

/** Live owner, or undefined when the lock may be taken over. A lock from another machine (shared folder) cannot be checked: it is respected. */
function liveOwner(lock: LockContent): number | undefined {
  if (lock.pid === undefined) return undefined;
  const sameHost = !lock.host || lock.host === hostname();
  if (!sameHost) return lock.pid;
  // Our pid but not held by us: left by an earlier process that had the same pid (containers reuse pid 1).
  if (lock.pid === process.pid) return heldHere.has(lock.raw) ? lock.pid : undefined;
  return processAlive(lock.pid) ? lock.pid : undefined;
}

/** Creates the lock file with our content, atomically; false when it exists. */
function tryCreate(lockFile: string): string | undefined {
  const raw = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString(), nonce: randomBytes(8).toString('hex') });
  const temp = join(dirname(lockFile), `.${basename(lockFile)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  writeFileSync(temp, raw, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    linkSync(temp, lockFile);
    return raw;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function removeIfSame(lockFile: string, raw: string): void {
  try {
    if (readFileSync(lockFile, 'utf8') === raw) unlinkSync(lockFile);
  } catch {
    /* already gone */
  }
}

/** Contents of the locks this process holds (a second taker in this process must wait, not take over). */
const heldHere = new Set<string>();

const MAX_TAKEOVER_DEPTH = 4;

/** One attempt: our content when we hold the lock now, else the live owner's pid (or -1: lost a race, try again). */
function attempt(lockFile: string, depth: number): { held: string } | { owner: number } {
  const created = tryCreate(lockFile);
  if (created) {
    heldHere.add(created);
    return { held: created };
  }
  const current = readLock(lockFile);
  if (!current) return { owner: -1 }; // released meanwhile
  const owner = liveOwner(current);
  if (owner !== undefined) return { owner };
  if (depth >= MAX_TAKEOVER_DEPTH) return { owner: -1 };
  // Stale: claim the right to delete exactly this content.
  const claim = `${lockFile}.takeover-${createHash('sha256').update(current.raw).digest('hex').slice(0, 16)}`;
  const claimed = attempt(claim, depth + 1);
  if (!('held' in claimed)) return { owner: -1 };
  try {
    // Re-check under the claim: the stale lock is still there (nobody else may remove it now)?
    if (readLock(lockFile)?.raw === current.raw) unlinkSync(lockFile);
  } finally {
    heldHere.delete(claimed.held);
    removeIfSame(claim, claimed.held);
  }
  const mine = tryCreate(lockFile);
  if (!mine) return { owner: -1 };
  heldHere.add(mine);
  return { held: mine };
}

/** Takes the lock or throws WriterLockedError; returns the release function (it removes only our own lock). */
export function acquireWriterLock(lockFile: string, what?: string): () => void {
  let lastOwner = -1;
  for (let tries = 0; tries < 5; tries++) {
    const result = attempt(lockFile, 0);
    if ('held' in result) {
      // Ownership re-checked: the file holds our nonce.
      if (readLock(lockFile)?.raw !== result.held) {
        heldHere.delete(result.held);
        continue;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(result.held);
        removeIfSame(lockFile, result.held);
      };
    }
    lastOwner = result.owner;
    if (lastOwner !== -1) break;
  }
  throw new WriterLockedError(lockFile, lastOwner, what);
}

export interface WaitOptions {
  /** Give up after this long (default 10 minutes: an import of 100k contacts holds it for seconds). */
  timeoutMs?: number;
  /** Called once when the lock is busy and we start waiting. */
  onWait?: (ownerPid: number) => void;
  /** What is locked, for the error message. */
  what?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for the lock (polling), runs `work` holding it, releases it. */
export async function withWriterLock<T>(lockFile: string, work: () => Promise<T>, opts: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
  let told = false;
  let delay = 10;
  for (;;) {
    let release: (() => void) | undefined;
    try {
      release = acquireWriterLock(lockFile, opts.what);
    } catch (error) {
      if (!(error instanceof WriterLockedError) || Date.now() >= deadline) throw error;
      if (!told) opts.onWait?.(error.ownerPid);
      told = true;
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 250);
      continue;
    }
    try {
      return await work();
    } finally {
      release();
    }
  }
}
