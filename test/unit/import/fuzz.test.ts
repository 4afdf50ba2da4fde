// Property tests: mutated real files never make the importer throw; bad records are located.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { importContactFile } from '../../../electron/import';
import { corpusPath, hasCorpus } from '../../corpus';
import { cleanupTmp, writeFixture } from './helpers';

afterAll(cleanupTmp);

const SAMPLES = [
  'vcard/ez-vcard/John_Doe_ANDROID.vcf',
  'vcard/ez-vcard/John_Doe_IPHONE.vcf',
  'vcard/kde-kcontacts/vcard10.vcf',
  'vcard/aosp-opt-vcard/v21_japanese_2.vcf',
  'vcard/aosp-opt-vcard/v21_nest.vcf',
  'vcard/node-vcf/multiple.vcf',
  'csv/thunderbird/export.csv',
  'csv/thunderbird/csv_semicolon.csv',
];

type Mutation = { kind: 'set' | 'insert' | 'delete'; at: number; byte: number; len: number };

function mutate(bytes: Buffer, mutations: Mutation[], truncateAt: number | null): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === 'set' && out.length > 0) out[at] = m.byte;
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.alloc(m.len, m.byte), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.len)]);
  }
  return truncateAt === null ? out : out.subarray(0, truncateAt % (out.length + 1));
}

const mutationArb = fc.record({
  kind: fc.constantFrom<'set' | 'insert' | 'delete'>('set', 'insert', 'delete'),
  at: fc.nat(),
  byte: fc.constantFrom(0x00, 0x0a, 0x0d, 0x20, 0x22, 0x2c, 0x3a, 0x3b, 0x3d, 0x5c, 0x80, 0xc3, 0xe4, 0xff, 0x41),
  len: fc.integer({ min: 1, max: 40 }),
});

describe.skipIf(!hasCorpus)('fuzz', () => {
  it('random byte mutations of corpus files never throw out of importContactFile', async () => {
    const originals = SAMPLES.map((s) => readFileSync(corpusPath(s)));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: SAMPLES.length - 1 }),
        fc.array(mutationArb, { minLength: 1, maxLength: 12 }),
        fc.option(fc.nat(), { nil: null }),
        async (which, mutations, truncateAt) => {
          const path = writeFixture('mutant.bin', mutate(originals[which]!, mutations, truncateAt));
          let count = 0;
          const summary = await importContactFile(path, { displayName: 'mutant', onContact: () => count++ });
          expect(summary.records).toBe(count);
          for (const issue of summary.issues) expect(issue.file).toBe('mutant');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('bad records are located', () => {
  it('an empty vCard among good ones is reported with its card number and line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.nat(), async (n, pos) => {
        const bad = pos % (n + 1);
        const cards: string[] = [];
        let line = 1;
        let badLine = 0;
        for (let i = 0; i <= n; i++) {
          if (i === bad) {
            badLine = line;
            cards.push('BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n');
            line += 3;
          } else {
            cards.push(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P${i}\r\nEND:VCARD\r\n`);
            line += 4;
          }
        }
        const path = writeFixture('cards.vcf', cards.join(''));
        const summary = await importContactFile(path, { displayName: 'cards.vcf', onContact: () => undefined });
        expect(summary.records).toBe(n);
        expect(summary.skipped).toBe(1);
        expect(summary.issues).toEqual([
          expect.objectContaining({ file: 'cards.vcf', record: `card ${bad + 1} (line ${badLine})`, line: badLine }),
        ]);
      }),
      { numRuns: 40 },
    );
  });

  it('a CSV row with a runaway quote is reported with its line; rows before it are kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), async (good) => {
        const rows = ['Name,Phone'];
        for (let i = 0; i < good; i++) rows.push(`P${i},1380000${String(i).padStart(4, '0')}`);
        rows.push('Broken,"never closed');
        for (let i = 0; i < 2100; i++) rows.push(`tail ${i},1`);
        const path = writeFixture('rows.csv', rows.join('\n'));
        const names: string[] = [];
        const summary = await importContactFile(path, { displayName: 'rows.csv', onContact: (c) => names.push(c.name!) });
        expect(names.slice(0, good)).toEqual(Array.from({ length: good }, (_, i) => `P${i}`));
        expect(summary.issues.some((i) => i.file === 'rows.csv' && i.severity === 'error' && i.line === good + 2)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });
});
