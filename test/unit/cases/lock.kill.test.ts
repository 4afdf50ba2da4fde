// Locking a case at rest: lock and unlock with a passphrase, a wrong one changes nothing, and a
// kill -9 at any moment of either loses nothing (after recovery the case is either open and whole or
// locked and verifiable, never both, never neither).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNodeScript } from '../node-script';
import { runCli } from '../../../electron/cli/main';
import { lockCase, lockedCases, recoverLocks, unlockCase } from '../../../electron/cases/bundle/lock';
import { verifyCaseBundle } from '../../../electron/cases/bundle';
import { isCaseFolder } from '../../../electron/cases/case-folder';

let work: string;
let script: string;
const quiet = { out: () => undefined, err: () => undefined };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'relink-lock-'));
  script = join(work, 'lock-cycler.mjs');
  await bundleNodeScript('test/unit/cases/fixtures/lock-cycler.ts', script);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function caseWithContacts(dataDir: string): Promise<string> {
  const vcf = join(work, 'book.vcf');
  writeFileSync(vcf, Array.from({ length: 50 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:人${i}\r\nTEL:138000${String(i).padStart(5, '0')}\r\nEND:VCARD\r\n`).join(''));
  expect(await runCli(['import', '--case', join(dataDir, '李四'), vcf], quiet)).toBe(0);
  return '李四';
}

const persons = (dataDir: string, id: string) => Object.keys(JSON.parse(readFileSync(join(dataDir, id, 'contacts.json'), 'utf8')).records).length;

describe('locking a case', () => {
  it('locks into one encrypted file, refuses a wrong passphrase, unlocks whole', async () => {
    const dataDir = join(work, 'plain');
    const id = await caseWithContacts(dataDir);
    const before = readFileSync(join(dataDir, id, 'contacts.json'));
    await lockCase(dataDir, id, 'pass', { appVersion: 'test', workFactor: 10 });
    expect(await isCaseFolder(join(dataDir, id))).toBe(false);
    expect((await lockedCases(dataDir)).map((c) => c.id)).toEqual([id]);
    expect(readdirSync(dataDir).filter((n) => !n.startsWith('.'))).toEqual([`${id}.locked.relink`]);
    await expect(unlockCase(dataDir, id, 'wrong')).rejects.toMatchObject({ details: { code: 'bundle-wrong-passphrase' } });
    expect((await lockedCases(dataDir)).map((c) => c.id)).toEqual([id]);
    await unlockCase(dataDir, id, 'pass');
    expect(readFileSync(join(dataDir, id, 'contacts.json')).equals(before)).toBe(true);
    expect(await lockedCases(dataDir)).toEqual([]);
  });

  it('a kill -9 at any moment of locking or unlocking loses nothing (50 trials)', async () => {
    const dataDir = join(work, 'killed');
    const id = await caseWithContacts(dataDir);
    const expected = persons(dataDir, id);
    const states = { open: 0, locked: 0 };
    for (let trial = 0; trial < 50; trial++) {
      const child = spawn(process.execPath, [script, dataDir, id], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      // Kill at a moment spread over the first step (which runs cold: ~0.1–0.7 s) and the next.
      await new Promise((r) => child.stdout!.once('data', r));
      await new Promise((r) => setTimeout(r, (trial * 97) % 900));
      child.kill('SIGKILL');
      expect(await exited, `trial ${trial}: the cycler failed by itself: ${stderr}`).toBe(null);
      await recoverLocks(dataDir);
      const open = await isCaseFolder(join(dataDir, id));
      const locked = (await lockedCases(dataDir)).some((c) => c.id === id);
      expect(open !== locked, `trial ${trial}: open=${open} locked=${locked}`).toBe(true);
      if (open) {
        expect(persons(dataDir, id)).toBe(expected);
        states.open++;
      } else {
        const { header } = await verifyCaseBundle(join(dataDir, `${id}.locked.relink`), { passphrase: 'kill test' });
        expect(header.caseName).toBe(id);
        states.locked++;
      }
      expect(readdirSync(dataDir).filter((n) => /pending|unlocking|locking-|bundle-import|scratch/.test(n)), `trial ${trial}`).toEqual([]);
    }
    // The kills landed in both halves of the cycle.
    console.log(`lock kill trials: ${JSON.stringify(states)}`);
    expect(states.open).toBeGreaterThan(5);
    expect(states.locked).toBeGreaterThan(5);
  }, 120_000);
});
