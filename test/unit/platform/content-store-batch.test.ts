// Two-phase store used by the photo import: temps written without fsync, committed by batch.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobPath, commitTemps, contentStoreDir, discardTemps, putBuffer, writeTemp } from '../../../electron/platform/content-store';

let caseDir: string;
beforeEach(() => {
  caseDir = mkdtempSync(join(tmpdir(), 'relink-store-batch-'));
});
afterEach(() => rmSync(caseDir, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tmpFiles = () => readdirSync(join(contentStoreDir(caseDir), '.tmp'));

describe('content store batches', () => {
  it('keeps a temp invisible under its hash until the batch is committed', async () => {
    const a = Buffer.from('picture a');
    const b = Buffer.from('picture b');
    const temps = [await writeTemp(caseDir, sha(a), a, 'jpg'), await writeTemp(caseDir, sha(b), b)];
    expect(blobPath(caseDir, sha(a))).toBeUndefined();
    expect(tmpFiles()).toHaveLength(2);
    const stored = await commitTemps(caseDir, temps);
    expect(stored.map((s) => s.existed)).toEqual([false, false]);
    expect(readFileSync(blobPath(caseDir, sha(a))!)).toEqual(a);
    expect(blobPath(caseDir, sha(a))!.endsWith('.jpg')).toBe(true);
    expect(readFileSync(blobPath(caseDir, sha(b))!)).toEqual(b);
    expect(tmpFiles()).toEqual([]);
  });

  it('commits the same bytes once when two temps carry them, and keeps an existing blob', async () => {
    const a = Buffer.from('same bytes');
    const existing = await putBuffer(caseDir, Buffer.from('already here'));
    const temps = [
      await writeTemp(caseDir, sha(a), a),
      await writeTemp(caseDir, sha(a), a),
      await writeTemp(caseDir, existing.sha256, Buffer.from('already here')),
    ];
    const stored = await commitTemps(caseDir, temps);
    expect(stored.map((s) => s.existed)).toEqual([false, true, true]);
    expect(stored[2]!.path).toBe(existing.path);
    expect(readdirSync(join(contentStoreDir(caseDir), sha(a).slice(0, 2))).filter((n) => n.startsWith(sha(a)))).toHaveLength(1);
    expect(tmpFiles()).toEqual([]);
  });

  it('removes every temp of a failed batch and of a discarded one', async () => {
    const a = Buffer.from('one');
    const b = Buffer.from('two');
    const good = await writeTemp(caseDir, sha(a), a);
    const broken = await writeTemp(caseDir, sha(b), b);
    rmSync(broken.tmpPath); // its rename fails
    await expect(commitTemps(caseDir, [good, broken])).rejects.toThrow();
    expect(tmpFiles()).toEqual([]);
    const dropped = await writeTemp(caseDir, sha(a), a);
    expect(existsSync(dropped.tmpPath)).toBe(true);
    await discardTemps([dropped]);
    expect(tmpFiles()).toEqual([]);
  });
});
