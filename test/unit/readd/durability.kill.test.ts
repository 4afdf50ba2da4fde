// [ci] kill -9 durability: a writer child is SIGKILLed ≥ 200 times mid-update; after every kill the
// state loads, snapshot+journal equals a full replay, and no acknowledged event is missing. < 60 s.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNodeScript } from '../node-script';
import { repoRoot } from '../../corpus';
import { scanJournal } from '../../../electron/readd/journal';
import { loadReaddState, readdPaths } from '../../../electron/readd/load';
import { ReaddStore } from '../../../electron/readd/store';

const KILLS = 220;
const nodeBin = resolve(repoRoot, 'node_modules/.bin/node');

interface Ack {
  seq: number;
  type: string;
  personId: string;
  action: string;
}

let work: string;
let script: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'readd-kill-'));
  script = join(work, 'kill-writer.mjs');
  await bundleNodeScript('test/unit/readd/fixtures/kill-writer.ts', script, { minify: true });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Runs the writer until `acksWanted` acks arrived (or `delayMs` passed), then SIGKILLs it. */
function runAndKill(caseDir: string, seed: number, acksWanted: number, delayMs: number | undefined): Promise<{ acks: Ack[]; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(nodeBin, [script, caseDir, String(seed)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // V8 code cache shared by the children: start-up is most of each round.
      env: { ...process.env, NODE_COMPILE_CACHE: join(work, 'compile-cache') },
    });
    const acks: Ack[] = [];
    let stdout = '';
    let stderr = '';
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    if (delayMs !== undefined) setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      let newline: number;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        const [word, seq, type, personId, action] = line.split(' ');
        if (word === 'ack') acks.push({ seq: Number(seq), type: type!, personId: personId!, action: action! });
        if (acks.length >= acksWanted) kill();
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', () => resolvePromise({ acks, stderr }));
  });
}

/** JSON with sorted keys: a fast deep comparison of two states. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** One lane: a case folder whose writer is killed `kills` times, verified after every kill. */
async function killLane(caseDir: string, kills: number, seed: number): Promise<{ acked: number; maxAcked: number }> {
  const acked = new Map<number, Ack>();
  let maxAcked = 0;
  let state = seed;
  const nextRandom = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };

  for (let round = 0; round < kills; round++) {
    // Most rounds kill right after an ack (the next write is in flight); some kill on a timer,
    // which also lands in start-up, lock take-over, torn-tail repair and snapshot writes.
    const timed = round % 5 === 0;
    const { acks, stderr } = await runAndKill(
      caseDir,
      seed * 1000 + round,
      timed ? 40 : 1 + Math.floor(nextRandom() * 15), // timed rounds stop at 40 acks too: the journal stays small
      timed ? 10 + Math.floor(nextRandom() * 60) : undefined,
    );
    expect(stderr, `child stderr in round ${round}`).toBe('');
    for (const ack of acks) {
      acked.set(ack.seq, ack);
      maxAcked = Math.max(maxAcked, ack.seq);
    }

    const loaded = loadReaddState(caseDir);
    expect(loaded.issues.filter((i) => i.severity === 'error'), `round ${round}`).toEqual([]);
    expect(loaded.state.lastSeq).toBeGreaterThanOrEqual(maxAcked);
    const replayed = loadReaddState(caseDir, { useSnapshot: false });
    expect(canonical(replayed.state), `snapshot + journal equals full replay (round ${round})`).toBe(canonical(loaded.state));

    const journal = new Map(scanJournal(readdPaths(caseDir).journal).events.map((e) => [e.seq, e]));
    for (const ack of acked.values()) {
      const event = journal.get(ack.seq);
      expect(event, `acknowledged event ${ack.seq} (round ${round})`).toBeDefined();
      expect(event!.type).toBe(ack.type);
      if (event!.type === 'outcome') expect(`${event!.personId} ${event!.action}`).toBe(`${ack.personId} ${ack.action}`);
    }
  }
  return { acked: acked.size, maxAcked };
}

describe('[ci] re-add store survives kill -9', () => {
  it(`never loses an acknowledged update across ${KILLS} SIGKILLs`, async () => {
    // Two case folders killed in parallel halve the wall time; each has its own single writer.
    const lanes = [join(work, 'case-a'), join(work, 'case-b')];
    const results = await Promise.all(lanes.map((dir, i) => killLane(dir, KILLS / lanes.length, i + 1)));
    for (const result of results) expect(result.acked).toBeGreaterThan(KILLS / lanes.length);

    // After all that, the app can still open the case (stale lock taken over, torn tail cut).
    const caseDir = lanes[0]!;
    const store = await ReaddStore.open(caseDir);
    expect(store.state.lastSeq).toBeGreaterThanOrEqual(results[0]!.maxAcked);
    await store.record('p-final', 'sent');
    await store.close();
    expect(loadReaddState(caseDir).state.progress.default?.['p-final']?.status).toBe('sent');
  }, 180_000); // ~14 s alone; 220 child processes took over 60 s at load 16 (as the other kill tests: 120–180 s)
});
