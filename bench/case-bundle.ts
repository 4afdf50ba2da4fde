// Case bundles (issue 15): export and import speed of a case of ~400 MB (pictures in the content
// store, a contact book), plain and encrypted, against `tar` doing the same I/O on the same folder
// in the same run (tar -cf to write one archive of the folder, tar -xf to unpack it).
// Targets: at least 70% of tar's speed unencrypted, 50% encrypted.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCaseBundle, importCaseBundle } from '../electron/cases/bundle';
import { openCaseFolder } from '../electron/cases/case-folder';

const PICTURES = 200;
const PICTURE_BYTES = 2 * 1024 * 1024;

async function time(work: () => unknown): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'relink-bench-bundle-'));
  try {
    const caseDir = join(root, 'data', '张三');
    await openCaseFolder(caseDir, '张三');
    for (let i = 0; i < PICTURES; i++) {
      const sha = randomBytes(32).toString('hex');
      mkdirSync(join(caseDir, 'store', sha.slice(0, 2)), { recursive: true });
      writeFileSync(join(caseDir, 'store', sha.slice(0, 2), sha), randomBytes(PICTURE_BYTES)); // photos do not compress
    }
    writeFileSync(join(caseDir, 'contacts.json'), JSON.stringify({ version: 1, records: { 'a.vcf': 'x'.repeat(5_000_000) } }));
    const mb = (PICTURES * PICTURE_BYTES + 5_000_000) / 1e6;

    const rounds = 3;
    const results: Record<string, number[]> = { tarCreate: [], export: [], exportEncrypted: [], tarExtract: [], import: [], importEncrypted: [] };
    for (let r = 0; r < rounds; r++) {
      const out = join(root, `r${r}`);
      mkdirSync(out);
      results.tarCreate!.push(await time(() => execFileSync('tar', ['-cf', join(out, 'case.tar'), '-C', join(root, 'data'), '张三'])));
      results.export!.push(await time(() => exportCaseBundle(caseDir, join(out, 'plain.relink'), { appVersion: 'bench' })));
      results.exportEncrypted!.push(await time(() => exportCaseBundle(caseDir, join(out, 'locked.relink'), { appVersion: 'bench', passphrase: 'bench passphrase' })));
      mkdirSync(join(out, 'untar'));
      results.tarExtract!.push(await time(() => execFileSync('tar', ['-xf', join(out, 'case.tar'), '-C', join(out, 'untar')])));
      results.import!.push(await time(() => importCaseBundle(join(out, 'plain-data'), join(out, 'plain.relink'))));
      results.importEncrypted!.push(await time(() => importCaseBundle(join(out, 'locked-data'), join(out, 'locked.relink'), { passphrase: 'bench passphrase' })));
      rmSync(out, { recursive: true, force: true });
    }
    const line = (what: string, ours: string, base: string, target: number) => {
      const ratio = median(results[base]!) / median(results[ours]!);
      console.log(
        `${what}: ${(mb / median(results[ours]!)).toFixed(0)} MB/s vs tar ${(mb / median(results[base]!)).toFixed(0)} MB/s = ${(ratio * 100).toFixed(0)}% of tar (target ≥ ${target}%) ${ratio * 100 >= target ? 'PASS' : 'SHORT'}`,
      );
    };
    console.log(`case of ${mb.toFixed(0)} MB, median of ${rounds} rounds (each includes fsync of the bundle; encrypted includes scrypt at age's default cost)`);
    line('export', 'export', 'tarCreate', 70);
    line('export encrypted', 'exportEncrypted', 'tarCreate', 50);
    line('import', 'import', 'tarExtract', 70);
    line('import encrypted', 'importEncrypted', 'tarExtract', 50);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
