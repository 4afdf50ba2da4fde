// The exports folder is where exports wait for their download: a killed writer's temp file and an
// export older than a day are removed when the next export of that kind is written; a fresh export,
// and the temp file of a writer still running, stay.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_KEPT_MS, writeExportFile } from '../../../electron/platform/export-file';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A process id that was running and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('writeExportFile', () => {
  it('removes a killed writer\'s temp file and exports older than a day, keeps the rest', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'relink-exports-')), 'chats');
    dirs.push(folder);
    mkdirSync(folder, { recursive: true });
    const killed = join(folder, `.Anna-2026.html.${deadPid()}.0a1b2c3d.tmp`);
    const running = join(folder, `.Bob-2026.html.${process.pid}.0a1b2c3d.tmp`);
    const old = join(folder, 'Anna-2026-11-01.html');
    const recent = join(folder, 'Bob-2026-12-04.html');
    for (const f of [killed, running, old, recent]) writeFileSync(f, 'x');
    const longAgo = (Date.now() - EXPORT_KEPT_MS - 60_000) / 1000;
    utimesSync(old, longAgo, longAgo);

    expect(await writeExportFile(join(folder, 'Carol.txt'), ['hello ', 'there'])).toBe(11);
    expect(existsSync(join(folder, 'Carol.txt'))).toBe(true);
    expect(existsSync(killed)).toBe(false);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(recent)).toBe(true);
  });
});
