// A vCard line longer than a whole card may be (issue 14, point 5): splitting lines stays linear in
// the input (it copied the unfinished line again at every chunk: a one-line 64 MB file took 73 s),
// and such a line is reported with its number and skipped while the cards around it are kept.
// Measured by work done (bytes copied), not by time.
import { afterAll, describe, expect, it } from 'vitest';
import { ByteLineSplitter } from '../../../electron/import/vcard/lines';
import { MAX_CARD_BYTES } from '../../../electron/import/vcard/assembler';
import { cleanupTmp, importBytes, lines } from './helpers';

afterAll(cleanupTmp);

const MB = 1 << 20;
const CHUNK = 64 * 1024;

/** Feeds `total` bytes of 'x' with no line break, in 64 KiB chunks, then a LF and one short line. */
function feedLongLine(splitter: ByteLineSplitter, total: number): void {
  const chunk = Buffer.alloc(CHUNK, 'x');
  for (let sent = 0; sent < total; sent += CHUNK) splitter.push(chunk.subarray(0, Math.min(CHUNK, total - sent)));
  splitter.push(Buffer.from('\nEND\n'));
  splitter.end();
}

describe('line splitting is linear', () => {
  it('a 16 MB line in 64 KiB chunks is copied once, not once per chunk', () => {
    const got: { no: number; length: number }[] = [];
    const splitter = new ByteLineSplitter((_data, start, end, no) => got.push({ no, length: end - start }));
    feedLongLine(splitter, 16 * MB);
    expect(got).toEqual([
      { no: 1, length: 16 * MB },
      { no: 2, length: 3 },
    ]);
    // Each byte copied at most twice (kept from its chunk, joined once); re-joining at every chunk would be ~2 GB.
    expect(splitter.copiedBytes).toBeLessThanOrEqual(2 * 16 * MB);
  });

  it('work grows with the input: 4x the line, at most ~4x the bytes copied', () => {
    const copied = (size: number) => {
      const s = new ByteLineSplitter(() => undefined);
      feedLongLine(s, size);
      return s.copiedBytes;
    };
    expect(copied(16 * MB) / copied(4 * MB)).toBeLessThanOrEqual(4.1);
  });

  it('a line over the limit is dropped as it streams (never held whole) and reported with its number', () => {
    const kept: number[] = [];
    const overlong: [number, number][] = [];
    const splitter = new ByteLineSplitter((_data, _start, _end, no) => kept.push(no), {
      maxLineBytes: 8 * MB,
      onOverlong: (no, bytes) => overlong.push([no, bytes]),
    });
    splitter.push(Buffer.from('first\r\n'));
    feedLongLine(splitter, 16 * MB);
    expect(overlong).toEqual([[2, 16 * MB]]);
    expect(kept).toEqual([1, 3]);
    expect(splitter.copiedBytes).toBeLessThanOrEqual(8 * MB + CHUNK);
  });

  it('CR-only line ends (old Macs) in one chunk: every line found once', () => {
    const got: string[] = [];
    const splitter = new ByteLineSplitter((data, start, end) => got.push(data.toString('utf8', start, end)));
    splitter.push(Buffer.from(Array.from({ length: 5000 }, (_, i) => `L${i}`).join('\r') + '\r'));
    splitter.end();
    expect(got).toHaveLength(5000);
    expect(got[4999]).toBe('L4999');
  });
});

describe('a vCard with a line longer than a card may be', () => {
  it('skips that card, reports the line, keeps the cards around it', async () => {
    const long = 'NOTE:' + 'x'.repeat(MAX_CARD_BYTES * 2);
    const vcf = lines('BEGIN:VCARD', 'VERSION:3.0', 'FN:甲', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:乙', long, 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:丙', 'END:VCARD');
    const { contacts, summary } = await importBytes('long.vcf', vcf);
    expect(contacts.map((c) => c.name)).toEqual(['甲', '丙']);
    expect(summary.issues).toEqual([
      expect.objectContaining({ severity: 'error', record: 'card 2 (line 5)', line: 8, code: 'line-too-long', params: { line: 8, mb: MAX_CARD_BYTES >> 20 } }),
    ]);
    expect(summary.skipped).toBe(1);
  });

  it('a file that is one 16 MB line (no line break at all) says so instead of hanging', async () => {
    const { contacts, summary } = await importBytes('one-line.vcf', 'BEGIN:VCARD' + 'x'.repeat(16 * MB));
    expect(contacts).toEqual([]);
    expect(summary.issues.map((i) => i.code)).toContain('line-too-long');
  });
});
