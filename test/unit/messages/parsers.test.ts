import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../electron/messages/csv';
import { JsLiteralError, parseJsLiteral } from '../../../electron/messages/formats/js-literal';
import { splitLines } from '../../../electron/messages/text-source';
import { isUtf8Text as looksLikeUtf8 } from '../../../electron/platform/utf8';

async function* chunked(text: string, sizes: number[]): AsyncIterable<string> {
  let i = 0;
  let k = 0;
  while (i < text.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    yield text.slice(i, i + n);
    i += n;
  }
}

async function records(text: string, sizes: number[]): Promise<string[][]> {
  const out: string[][] = [];
  for await (const e of readCsv(chunked(text, sizes))) if (e.type === 'record') out.push(e.record.fields);
  return out;
}

const encode = (rows: string[][], eol: string): string =>
  rows.map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join(eol) + eol;

describe('CSV reader', () => {
  it('reads back any table written with RFC 4180 quoting, however the input is chunked (line ends in fields become \\n)', async () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'é', '火', ',', '"', '\n', '\r\n', ' ', '1'), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\r\n'), async (rows, sizes, eol) => {
        expect(await records(encode(rows, eol), sizes)).toEqual(rows.map((r) => r.map((f) => f.replace(/\r\n/g, '\n'))));
      }),
      { numRuns: 300 },
    );
  });

  it('reports where an unterminated quote starts', async () => {
    const events = [];
    for await (const e of readCsv(chunked('a,b\n1,"open\nmore', [3]))) events.push(e);
    expect(events).toEqual([
      { type: 'record', record: { fields: ['a', 'b'], line: 1 } },
      { type: 'broken', line: 2, reason: 'the file ends inside a quoted field', code: 'row-ends-in-quote' },
    ]);
  });

  it('line numbers count line breaks inside quoted fields', async () => {
    const lines: number[] = [];
    for await (const e of readCsv(chunked('h\n"x\ny"\nz\r\n', [100]))) if (e.type === 'record') lines.push(e.record.line);
    expect(lines).toEqual([1, 2, 4]);
  });
});

describe('JS literal reader', () => {
  it('reads anything JSON can write', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(parseJsLiteral(JSON.stringify(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads single quotes, bare keys, comments and trailing commas', () => {
    expect(parseJsLiteral("{ a:'it\\'s', b:[1, 2,], /* c */ 'd':\"x\", }")).toEqual({ a: "it's", b: [1, 2], d: 'x' });
  });

  it('refuses code', () => {
    for (const code of ['alert(1)', '{a: fetch("x")}', '[1, 2 + 3]', '`${x}`', '{__proto__: 1}.x']) {
      expect(() => parseJsLiteral(code), code).toThrow(JsLiteralError);
    }
  });

  it('never throws anything but JsLiteralError on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        try {
          parseJsLiteral(s);
        } catch (e) {
          expect(e).toBeInstanceOf(JsLiteralError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('text decoding helpers', () => {
  it('tells UTF-8 from GB18030 bytes', () => {
    expect(looksLikeUtf8(Buffer.from('火锅', 'utf8'), false)).toBe(true);
    expect(looksLikeUtf8(Buffer.from([0xbb, 0xf0, 0xb9, 0xf8]), false)).toBe(false); // 火锅 in GBK
    expect(looksLikeUtf8(Buffer.from('火', 'utf8').subarray(0, 2), true)).toBe(true);
  });

  it('splits lines across chunk borders, including CRLF split in two', async () => {
    const out: string[] = [];
    for await (const l of splitLines(chunked('a\r\nb\rc\n\nd', [2]))) out.push(l);
    expect(out).toEqual(['a', 'b', 'c', '', 'd']);
  });
});
