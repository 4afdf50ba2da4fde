// kill -9 durability of the appeals: writer children (sometimes two at once, on the same case) are
// SIGKILLed mid-write, also while holding the case's appeals lock; after every kill the appeals
// load without damage, every acknowledged write is there, and sequence numbers never repeat.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appealsJournalPath, loadAppeals } from '../../../electron/appeals';
import type { AppealsEvent } from '../../../electron/appeals/state';
import { scanJournal } from '../../../electron/readd/journal';
import { repoRoot } from '../../corpus';
import { bundleNodeScript } from '../node-script';

const ROUNDS = 40;
const nodeBin = resolve(repoRoot, 'node_modules/.bin/node');
let work: string;
let script: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'appeals-kill-'));
  script = await bundleNodeScript('test/unit/appeals/fixtures/kill-writer.ts', join(work, 'kill-writer.mjs'), { minify: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs one writer until it acknowledged `acksWanted` writes (or `delayMs` passed), then SIGKILLs it. */
function runAndKill(caseDir: string, tag: string, acksWanted: number, delayMs?: number): Promise<{ acks: string[]; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(nodeBin, [script, caseDir, tag], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_COMPILE_CACHE: join(work, 'cache') } });
    const acks: string[] = [];
    let out = '';
    let stderr = '';
    const kill = () => child.kill('SIGKILL');
    if (delayMs !== undefined) setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const lines = out.split('\n');
      out = lines.pop()!;
      for (const line of lines) if (line.startsWith('ack ')) acks.push(line.slice(4));
      if (acks.length >= acksWanted) kill();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('exit', () => done({ acks, stderr }));
  });
}

it(`never loses an acknowledged write across ${ROUNDS} rounds of SIGKILLs, two writers at times`, async () => {
  const caseDir = join(work, 'case');
  mkdirSync(caseDir);
  const acked = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const two = round % 4 === 1;
    const timed = round % 5 === 0;
    const runs = await Promise.all(
      (two ? ['a', 'b'] : ['a']).map((w) => runAndKill(caseDir, `r${round}${w}`, timed ? 1000 : 1 + ((round * 7) % 9), timed ? 40 + ((round * 13) % 80) : undefined)),
    );
    for (const run of runs) {
      expect(run.stderr, `child stderr in round ${round}`).toBe('');
      for (const id of run.acks) acked.add(id);
    }
    const loaded = loadAppeals(caseDir);
    expect(loaded.issues.filter((i) => i.severity === 'error'), `round ${round}`).toEqual([]);
    for (const id of acked) expect(loaded.state.reminders.has(id), `acknowledged ${id} (round ${round})`).toBe(true);
    const seqs = scanJournal<AppealsEvent>(appealsJournalPath(caseDir)).events.map((e) => e.seq);
    expect(seqs, `sequence numbers 1..n without repeats (round ${round})`).toEqual(seqs.map((_s, i) => i + 1));
  }
  expect(acked.size).toBeGreaterThan(ROUNDS);
}, 180_000);
