// kill -9 during message imports: whatever moment a writer process dies at, the archive opens,
// holds whole committed batches only (never part of one), and its search index agrees with its
// messages (every message found by a word it holds, no index entry without its message).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleNodeScript } from '../node-script';
import { closeArchive, countMessages } from '../../../electron/messages';
import { archive } from '../../../electron/messages/store';

const TRIALS = 12;
const BATCH = 2000;
let work: string;
let script: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relink-msg-kill-'));
  script = await bundleNodeScript('test/unit/messages/fixtures/import-writer.ts', join(work, 'import-writer.mjs'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it(`a kill -9 at any moment of a message import leaves whole batches, indexed (${TRIALS} trials)`, async () => {
  const caseDir = join(work, 'case');
  let before = 0;
  const landed: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    const child = spawn(process.execPath, [script, caseDir, String(trial), String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise((r) => child.stdout!.once('data', r));
    await new Promise((r) => setTimeout(r, (trial * 173) % 1200));
    child.kill('SIGKILL');
    const code = await exited;
    expect(code === null || code === 0, `trial ${trial}: the writer failed by itself: ${stderr}`).toBe(true);
    const db = archive(caseDir);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.exec("INSERT INTO message_fts (message_fts) VALUES ('integrity-check')");
    const total = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    const added = total - before;
    expect(added % BATCH, `trial ${trial}: ${added} messages is not whole batches`).toBe(0);
    expect(added, `trial ${trial}: the first batch was committed before the kill`).toBeGreaterThanOrEqual(BATCH);
    // The index holds exactly the stored messages: of this trial, and of all.
    expect(countMessages(caseDir, `t${trial}q`)).toBe(added);
    expect(countMessages(caseDir, 'zq')).toBe(total);
    landed.push(added / BATCH);
    before = total;
    closeArchive(caseDir);
  }
  // The kills landed at different points of the import (not all before or after it).
  expect(new Set(landed).size).toBeGreaterThan(2);
}, 300_000);
