// A WhatsApp export of 600,000 messages inside its zip ("WhatsApp Chat - Ana.zip"), imported through
// the real import path (importMessages): peak RSS and time. Goal: peak RSS ≤ 500 MB (the zip's text
// is streamed, never held whole). MESSAGES_ZIP_PLAIN=1 imports the same text as a plain .txt instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeArchive, importMessages } from '../electron/messages';
import { writeWhatsAppText, writeWhatsAppZip } from './gen-whatsapp';

const TOTAL = Number(process.env.MESSAGES_ZIP_TOTAL ?? 600_000);

/** Generating in this process would leave its memory in the import's RSS: a child process writes the file. */
async function generate(file: string, plain: boolean): Promise<void> {
  if (plain) return writeWhatsAppText(file, TOTAL);
  const { textBytes, zipBytes } = await writeWhatsAppZip(file, TOTAL);
  console.log(`generated ${TOTAL} WhatsApp messages: text ${(textBytes / 1e6).toFixed(1)} MB in a ${(zipBytes / 1e6).toFixed(1)} MB zip`);
}

async function main(): Promise<void> {
  if (process.argv[2] === '--generate') return generate(process.argv[3]!, Boolean(process.env.MESSAGES_ZIP_PLAIN));
  const root = mkdtempSync(join(tmpdir(), 'relink-wazip-bench-'));
  try {
    const plain = Boolean(process.env.MESSAGES_ZIP_PLAIN);
    const file = join(root, plain ? 'WhatsApp Chat with Ana.txt' : 'WhatsApp Chat - Ana.zip');
    const gen = spawnSync(process.execPath, [process.argv[1]!, '--generate', file], { stdio: 'inherit' });
    if (gen.status !== 0) throw new Error('generating the export failed');
    (globalThis as { gc?: () => void }).gc?.();
    const caseDir = join(root, 'case');
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    let atPeak = process.memoryUsage();
    const sample = (): void => {
      const m = process.memoryUsage();
      if (m.rss > peak) [peak, atPeak] = [m.rss, m];
    };
    const sampler = setInterval(sample, 20);
    const t0 = performance.now();
    const summary = await importMessages(caseDir, [file], { onProgress: sample });
    const ms = performance.now() - t0;
    clearInterval(sampler);
    sample();
    const errors = summary.files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`);
    console.log(`import (${plain ? 'plain .txt' : 'zip'}): ${summary.messages} messages in ${(ms / 1000).toFixed(1)} s${errors.length ? `; errors: ${errors.join('; ')}` : ''}`);
    console.log(`import peak RSS: ${(peak / 1e6).toFixed(0)} MB (before import ${(rss0 / 1e6).toFixed(0)} MB; goal ≤ 500 MB)`);
    const mb = (n: number): string => (n / 1e6).toFixed(0);
    console.log(`at the peak: JS heap ${mb(atPeak.heapUsed)} of ${mb(atPeak.heapTotal)} MB, external ${mb(atPeak.external)} MB (array buffers ${mb(atPeak.arrayBuffers)} MB); the rest is SQLite's caches and native memory`);
    closeArchive(caseDir);
    if (summary.messages < TOTAL * 0.99) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
