// A large vCard file read on two threads (split-read.ts): the worker's part must give the same
// contacts, issues (card numbers and lines in the whole file) and encoding, byte for byte, as
// reading the file in one go — also when the split falls inside a card (the reader reads on by
// itself), when the worker cannot start, and with cancel.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importContactFile } from '../../../electron/import';
import { readRange, splitReading, type RangeMessage } from '../../../electron/import/vcard/split-read';
import { generateVcardFile } from '../../../bench/gen-vcards';
import { vcardWorkerSource } from '../../../scripts/bundles.mjs';
import { cleanupTmp, importPath, lines, qp, tmp, writeFixture } from './helpers';
import { join } from 'node:path';

afterAll(cleanupTmp);

let workerSource: string;
beforeAll(() => {
  workerSource = vcardWorkerSource(); // as the app's bundles get it
});
afterEach(() => {
  splitReading.workerSource = undefined;
  splitReading.minBytes = 4 << 20;
  splitReading.at = 0.4;
});

/** The file read in one go, then split at `at`: both results as JSON text. */
async function bothWays(path: string, at: number, source = workerSource) {
  splitReading.workerSource = undefined;
  const whole = await importPath(path);
  splitReading.workerSource = source;
  splitReading.minBytes = 0;
  splitReading.at = at;
  const before = splitReading.partsReported;
  const split = await importPath(path);
  return { whole: JSON.stringify(whole), split: JSON.stringify(split), wasSplit: splitReading.partsReported > before, summary: split.summary };
}

const card = (...props: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...props, 'END:VCARD'];
const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]); // 张三 in GBK, undeclared

/** Cards with something to report in every part: junk lines, empty cards, a card without BEGIN, junk phones, GBK bytes. */
function troubledFile(): Buffer {
  const parts: (string | Buffer)[] = [];
  for (let i = 0; i < 60; i++) {
    parts.push(...card(`FN:Person ${i}`, `TEL;TYPE=CELL:+86 138 0013 ${String(1000 + i)}`));
    if (i % 7 === 3) parts.push('stray text between cards');
    if (i % 9 === 4) parts.push(...card('NOTE:nothing to find anyone by'));
    if (i % 2 === 0) parts.push(...card(`FN:Junk ${i}`, 'TEL:7yy-zzz-xxx'));
    if (i % 11 === 6) parts.push('FN:No begin ' + i, 'TEL:+86 139 0000 00' + String(10 + i), 'END:VCARD');
    if (i % 13 === 8) parts.push('BEGIN:VCARD', 'VERSION:2.1', Buffer.concat([Buffer.from('N;ENCODING=QUOTED-PRINTABLE:'), Buffer.from(qp(gbk))]), `TEL:1390000${String(1000 + i)}`, 'END:VCARD');
    if (i % 17 === 10) parts.push('BEGIN:VCARD', 'VERSION:2.1', Buffer.concat([Buffer.from('FN:'), gbk]), 'END:VCARD');
  }
  parts.push('BEGIN:VCARD', 'VERSION:3.0', 'FN:Cut short', 'TEL:+86 137 0000 0000');
  return lines(...parts);
}

describe('a vCard file read on two threads', () => {
  it('gives what reading it in one go gives, wherever the worker’s part begins (3.0 and 2.1 quoted-printable)', async () => {
    for (const flavor of ['3.0', '2.1-qp'] as const) {
      const path = join(tmp, `generated-${flavor}.vcf`);
      generateVcardFile(path, 3000, flavor);
      for (const at of [0.05, 0.5, 0.93]) {
        const { whole, split, wasSplit, summary } = await bothWays(path, at);
        expect(wasSplit).toBe(true);
        expect(summary.records).toBe(3000);
        expect(split).toBe(whole);
      }
    }
  });

  it('reports issues of the worker’s part with their card and line in the whole file, in file order', async () => {
    const path = writeFixture('troubled.vcf', troubledFile());
    for (const at of [0.2, 0.5, 0.8]) {
      const { whole, split, wasSplit, summary } = await bothWays(path, at);
      expect(wasSplit).toBe(true);
      expect(split).toBe(whole);
      // Past 20 junk phone values they are counted, across both parts; the last card is cut short.
      expect(summary.issues.some((i) => i.code === 'phone-junk-more')).toBe(true);
      const last = summary.issues.find((i) => i.code === 'card-truncated')!;
      expect(last.record).toMatch(/^card \d+ \(line \d+\)$/);
      expect(last.params!.card).toBeGreaterThan(100);
      expect(summary.encoding).not.toBe('UTF-8'); // the guessed code page, used in the worker's part too
      expect(new Set(summary.issues.map((i) => i.code))).toEqual(new Set(['card-empty', 'phone-junk', 'phone-junk-more', 'card-no-begin', 'vcard-junk-lines', 'card-truncated', 'encoding-guessed']));
    }
  });

  it('gives the same when the worker may run only one batch ahead of the reader (it waits for each to be reported)', async () => {
    const path = join(tmp, 'generated-held.vcf');
    generateVcardFile(path, 3000, '3.0');
    process.env.RELINK_VCARD_SPLIT_QUEUE = '1'; // read by the worker when it starts
    try {
      const { whole, split, wasSplit } = await bothWays(path, 0.3);
      expect(wasSplit).toBe(true);
      expect(split).toBe(whole);
    } finally {
      delete process.env.RELINK_VCARD_SPLIT_QUEUE;
    }
  });

  it('sends batches of less than 128 KiB (larger blocks, freed on the other thread, keep the C heap resident)', async () => {
    const path = join(tmp, 'batches.vcf');
    generateVcardFile(path, 3000, '3.0');
    const sizes: number[] = [];
    let end: RangeMessage | undefined;
    await readRange({ path, start: 0, end: Number.MAX_SAFE_INTEGER, file: 'batches.vcf' }, (message) => {
      if ('events' in message) sizes.push(message.events.byteLength);
      else end = message;
    });
    expect(end).toMatchObject({ done: true, cardsSeen: 3000 });
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.max(...sizes)).toBeLessThan(128 << 10);
  });

  it('reads on by itself when its part ends inside a card (a card without END:VCARD holds the next ones)', async () => {
    const open = lines(...card('FN:A', 'TEL:+86 138 0013 8000'), 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Never ends', ...Array.from({ length: 40 }, (_, i) => card(`FN:Inner ${i}`)).flat());
    const path = writeFixture('open.vcf', open);
    const { whole, split, wasSplit } = await bothWays(path, 0.5);
    expect(wasSplit).toBe(false);
    expect(split).toBe(whole);
  });

  it('reads the file by itself when the worker cannot start', async () => {
    const path = join(tmp, 'generated-broken-worker.vcf');
    generateVcardFile(path, 500, '3.0');
    const { whole, split, wasSplit } = await bothWays(path, 0.5, 'throw new Error("no worker here")');
    expect(wasSplit).toBe(false);
    expect(split).toBe(whole);
  });

  it('can be cancelled while the worker’s part is reported', async () => {
    const path = join(tmp, 'generated-cancel.vcf');
    generateVcardFile(path, 3000, '3.0');
    splitReading.workerSource = workerSource;
    splitReading.minBytes = 0;
    splitReading.at = 0.1;
    const controller = new AbortController();
    let records = 0;
    const run = importContactFile(path, {
      signal: controller.signal,
      onContact: () => {
        if (++records === 1000) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(records).toBeLessThan(3000);
  });
});
