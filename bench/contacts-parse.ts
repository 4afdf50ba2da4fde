// Benchmark of contact file import (electron/import): vCard 3.0 and Android 2.1 quoted-printable
// files of 10k and 100k cards, streamed through importContactFile. Prints cards/s and peak RSS.
// Also a hostile file: a card whose one line is 64 MB (dropped as it streams; 73 s when the line
// splitter re-joined the unfinished line at every chunk).
//
// Run: npx esbuild bench/contacts-parse.ts --bundle --platform=node --format=esm --outfile=<tmp>/b.mjs
//      && ./node_modules/.bin/node --expose-gc <tmp>/b.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importContactFile } from '../electron/import';
import { generateVcardFile, type VcardFlavor } from './gen-vcards';

const gc = (globalThis as { gc?: () => void }).gc;

async function measure(dir: string, n: number, flavor: VcardFlavor): Promise<void> {
  const path = join(dir, `bench-${flavor}-${n}.vcf`);
  const bytes = generateVcardFile(path, n, flavor);
  gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let seen = 0;
  let badNames = 0;
  const started = process.hrtime.bigint();
  const summary = await importContactFile(path, {
    onContact: (c) => {
      seen++;
      if (!c.name || /\ufffd|=[0-9A-F]{2}/.test(c.name)) badNames++;
      if ((seen & 1023) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  rmSync(path, { force: true });
  if (summary.records !== n || badNames > 0) {
    throw new Error(`import of ${flavor} x${n} is wrong: ${summary.records} records, ${badNames} bad names`);
  }
  const mb = (v: number) => (v / 2 ** 20).toFixed(1);
  console.log(
    `contacts-parse vcard-${flavor} ${n} cards: ${(n / seconds).toFixed(0)} cards/s, ${seconds.toFixed(2)} s, ` +
      `file ${mb(bytes)} MB, ${(bytes / 2 ** 20 / seconds).toFixed(1)} MB/s, peak RSS ${mb(peakRss)} MB (+${mb(peakRss - baseRss)} MB)`,
  );
}

async function measureLongLine(dir: string, mb: number): Promise<void> {
  const path = join(dir, 'one-line.vcf');
  writeFileSync(path, `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nNOTE:${'x'.repeat(mb << 20)}\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:B\r\nEND:VCARD\r\n`);
  gc?.();
  const started = process.hrtime.bigint();
  const summary = await importContactFile(path, { onContact: () => undefined });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(path, { force: true });
  if (summary.records !== 1 || !summary.issues.some((i) => i.code === 'line-too-long')) throw new Error('the long line was not skipped and reported');
  console.log(`contacts-parse vcard one ${mb} MB line: ${seconds.toFixed(2)} s, peak RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(1)} MB`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relink-contacts-parse-'));
  try {
    await measureLongLine(dir, 64);
    for (const n of [10_000, 100_000]) {
      for (const flavor of ['3.0', '2.1-qp'] as const) await measure(dir, n, flavor);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
