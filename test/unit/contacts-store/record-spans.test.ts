// Reading a contact book packs each record as its own bytes in the file (record-spans.ts) instead
// of writing it out again: the records read must be exactly those JSON.parse reads, whatever the
// file's layout — our writer's, the former one-string writer's, pretty-printed, strings holding
// quotes, backslashes and brackets — and any layout the scan does not expect falls back to
// packing from the objects.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PackedRecords, type ContactBookData } from '../../../electron/contacts';
import { bookJsonParts, ContactBookFile } from '../../../electron/contacts-store/book-file';
import { recordSpans } from '../../../electron/contacts-store/record-spans';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relink-record-spans-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const isBook = (v: unknown): v is ContactBookData => typeof v === 'object' && v !== null && (v as ContactBookData).version === 1;

/** Strings that the scan must skip whole: quotes, backslash runs before quotes, brackets, commas, non-ASCII. */
const trickyText = fc.oneof(
  fc.string(),
  fc.constantFrom('a"b', 'ends with \\', '\\"', '\\\\"', '{[,]}', '"]}', '王小明', 'Zoë \u2028', '\ud83d\ude00', '\u0000\u001f', 'records', '"records":['),
);
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, trickyText, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(trickyText, tie('value'), { maxKeys: 3 }),
})).value;
const record = fc.oneof(fc.record({ name: trickyText, phones: fc.array(fc.record({ value: trickyText }), { maxLength: 2 }), extra: json }, { requiredKeys: [] }), json);
const bookArb = fc.record({
  records: fc.dictionary(trickyText, fc.oneof(fc.array(record, { maxLength: 5 }), json), { maxKeys: 4 }),
  before: fc.dictionary(fc.constantFrom('groups', 'notes', 'x'), json, { maxKeys: 2 }),
  after: fc.dictionary(fc.constantFrom('decisions', 'names', 'y'), json, { maxKeys: 2 }),
});

type Layout = 'ours' | 'one string' | 'pretty';
function textOf(book: Record<string, unknown>, layout: Layout): string {
  if (layout === 'pretty') return JSON.stringify(book, null, 2);
  if (layout === 'one string') return JSON.stringify(book);
  return Buffer.concat([...bookJsonParts(book as unknown as ContactBookData)].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');
}

async function readBack(text: string): Promise<ContactBookData | null> {
  const file = join(dir, 'contacts.json');
  writeFileSync(file, text);
  return new ContactBookFile(file, isBook).read();
}

describe('record spans of a book file', () => {
  it('packs exactly the records JSON.parse reads, in every layout', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, fc.constantFrom<Layout>('ours', 'one string', 'pretty'), async ({ records, before, after }, layout) => {
        const book = { ...before, version: 1, records, ...after, defaultRegion: 'CN' };
        const text = textOf(book, layout);
        const expected = JSON.parse(text) as { records: Record<string, unknown> };
        const read = (await readBack(text))!;
        // The scan found every record (not the fallback), each span holding that record's text.
        const bytes = Buffer.from(text);
        const spans = recordSpans(bytes);
        expect(spans).toBeDefined();
        for (const [file, list] of Object.entries(expected.records)) {
          if (!Array.isArray(list)) continue;
          const at = spans!.get(file)!;
          expect(at.length).toBe(2 * list.length);
          list.forEach((element, i) => expect(JSON.parse(bytes.toString('utf8', at[2 * i], at[2 * i + 1]))).toEqual(element));
        }
        for (const [file, list] of Object.entries(expected.records)) {
          const packed = read.records[file];
          if (!Array.isArray(list)) continue;
          expect(packed).toBeInstanceOf(PackedRecords);
          expect(packed!.length).toBe(list.length);
          for (let i = 0; i < list.length; i++) expect(JSON.parse(packed!.jsonAt(i))).toEqual(list[i]);
        }
        // Written again, it is the same book.
        expect(JSON.parse(textOf(read as unknown as Record<string, unknown>, 'ours'))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('finds each record where the file has it (no re-encoding), pretty-printed too', () => {
    const text = '{ "version": 1,\n  "records": {\n    "a\\"b.vcf": [ { "name": "x\\\\" } , 7,\n null ],\n "c": "no list", "d": [] },\n  "decisions": {} }';
    const bytes = Buffer.from(text);
    const spans = recordSpans(bytes)!;
    const slices = (file: string) => Array.from({ length: spans.get(file)!.length / 2 }, (_, i) => bytes.toString('utf8', spans.get(file)![2 * i], spans.get(file)![2 * i + 1]));
    expect([...spans.keys()]).toEqual(['a"b.vcf', 'c', 'd']);
    expect(slices('a"b.vcf')).toEqual(['{ "name": "x\\\\" }', '7', 'null']);
    expect(slices('d')).toEqual([]);
  });

  it('gives no spans for a repeated key (JSON.parse keeps the last), and the book still reads right', async () => {
    for (const text of [
      '{"version":1,"records":{"a":[{"name":"first"}]},"records":{"a":[{"name":"second"},{"name":"third"}]}}',
      '{"version":1,"records":{"a":[{"name":"first"}],"a":[{"name":"second"},{"name":"third"}]}}',
    ]) {
      expect(recordSpans(Buffer.from(text))).toBeUndefined();
      const read = (await readBack(text))!;
      expect([...read.records['a']!].map((r) => r.name)).toEqual(['second', 'third']);
    }
  });
});
