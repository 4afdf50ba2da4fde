// ByteLineSplitter against the plain definition of a line (split the whole input at CRLF, CR or LF),
// on random inputs cut into random chunks: the byte loop that finds line ends (and the CR that ends
// one chunk while its LF starts the next) must give exactly the lines, numbers and bytes of the
// definition.
import { describe, expect, it } from 'vitest';
import { ByteLineSplitter } from '../../../electron/import/vcard/lines';
// A seeded generator (mulberry32), so a failure can be replayed from its seed.
import { random } from './csv-books';

/** The lines by definition: the last one only when the input does not end with a line end. */
function definitionLines(input: Buffer): string[] {
  const parts = input.toString('latin1').split(/\r\n|\r|\n/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

// Line ends, their neighbours (tab, 0x0b, 0x0c, 0x0e are the bytes next to them) and text, UTF-8 included.
const PIECES = ['\r\n', '\r', '\n', '\n\r', 'a', 'BEGIN:VCARD', '\t', '\x0b', '\x0c', '\x0e', ' ', '张', '\xff'];

function randomInput(next: () => number): Buffer {
  const parts: Buffer[] = [];
  const count = Math.floor(next() * 60);
  for (let i = 0; i < count; i++) parts.push(Buffer.from(PIECES[Math.floor(next() * PIECES.length)]!, i % 7 === 0 ? 'latin1' : 'utf8'));
  return Buffer.concat(parts);
}

function splitInChunks(input: Buffer, next: () => number, maxLineBytes?: number): { lines: string[]; numbers: number[]; overlong: number[] } {
  const lines: string[] = [];
  const numbers: number[] = [];
  const overlong: number[] = [];
  const splitter = new ByteLineSplitter(
    (data, start, end, no) => {
      lines.push(data.toString('latin1', start, end));
      numbers.push(no);
    },
    { maxLineBytes, onOverlong: (no) => overlong.push(no) },
  );
  for (let at = 0; at < input.length; ) {
    const size = Math.floor(next() * 8); // empty chunks too
    splitter.push(input.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  return { lines, numbers, overlong };
}

describe('ByteLineSplitter agrees with the definition of a line', () => {
  it('on 5,000 random inputs in random chunks: same lines, in order, numbered from 1', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const next = random(seed);
      const input = randomInput(next);
      const expected = definitionLines(input);
      const got = splitInChunks(input, next);
      expect({ seed, lines: got.lines }).toEqual({ seed, lines: expected });
      expect(got.numbers).toEqual(expected.map((_, i) => i + 1));
    }
  });

  it('with a length limit: longer lines are reported by number instead, the rest kept', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const input = randomInput(next);
      const limit = 1 + Math.floor(next() * 12);
      const all = definitionLines(input);
      const got = splitInChunks(input, next, limit);
      const keptNumbers = all.flatMap((line, i) => (Buffer.byteLength(line, 'latin1') <= limit ? [i + 1] : []));
      expect({ seed, numbers: got.numbers }).toEqual({ seed, numbers: keptNumbers });
      expect(got.lines).toEqual(keptNumbers.map((no) => all[no - 1]));
      expect(got.overlong).toEqual(all.flatMap((line, i) => (Buffer.byteLength(line, 'latin1') > limit ? [i + 1] : [])));
    }
  });

  it('in one chunk at every alignment, with long runs of text between line ends (tested four bytes at a time)', () => {
    const next = random(11);
    // Bytes just above and below a line end, high bytes, and runs long enough to fill aligned words.
    const pieces = ['\r\n', '\r', '\n', '\x0e', '\x0c', '\x00', '\x8a', '\x8d', '\xff', 'abcdefghijklm', 'x', 'xy', 'xyz'];
    for (let i = 0; i < 2000; i++) {
      const parts = Array.from({ length: Math.floor(next() * 40) }, () => Buffer.from(pieces[Math.floor(next() * pieces.length)]!, 'latin1'));
      const input = Buffer.concat(parts);
      const offset = i % 4;
      const holder = Buffer.alloc(input.length + 8, 'q');
      input.copy(holder, offset);
      const lines: string[] = [];
      const splitter = new ByteLineSplitter((data, start, end) => lines.push(data.toString('latin1', start, end)));
      splitter.push(holder.subarray(offset, offset + input.length));
      splitter.end();
      expect(lines).toEqual(definitionLines(input));
    }
  });

  it('in one chunk, as a whole file is read when it is small', () => {
    const next = random(7);
    for (let i = 0; i < 500; i++) {
      const input = randomInput(next);
      const lines: string[] = [];
      const splitter = new ByteLineSplitter((data, start, end) => lines.push(data.toString('latin1', start, end)));
      splitter.push(input);
      splitter.end();
      expect(lines).toEqual(definitionLines(input));
    }
  });
});
