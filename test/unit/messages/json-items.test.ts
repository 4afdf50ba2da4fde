// The streaming JSON scanner hands over exactly what JSON.parse reads, however the text is cut into
// chunks: the skeleton plus the items put back together equal JSON.parse of the whole text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonItemScanner, JsonStreamError, type JsonItemEvent, type JsonPath } from '../../../electron/messages/json-items';

const layout = {
  // Arrays under a key "messages" anywhere on an ancestor path, and a root array.
  isItemArray: (path: JsonPath) => path.length === 0 || path[path.length - 1] === 'messages',
  isAncestor: (path: JsonPath) => path.length < 4,
};

function scan(text: string, cuts: number[]): { root: unknown; events: JsonItemEvent[] } {
  const scanner = new JsonItemScanner(layout);
  const events: JsonItemEvent[] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c < text.length)].sort((a, b) => a - b)) {
    events.push(...scanner.write(text.slice(at, cut)));
    at = cut;
  }
  events.push(...scanner.write(text.slice(at)));
  events.push(...scanner.end());
  return { root: scanner.root, events };
}

/** The skeleton with each item array given all its items back. */
function reassemble(root: unknown, events: JsonItemEvent[]): unknown {
  const byArray = new Map<string, unknown[]>();
  for (const e of events) {
    if (e.type !== 'item') continue;
    const key = JSON.stringify(e.array);
    if (!byArray.has(key)) byArray.set(key, []);
    byArray.get(key)![e.index] = e.value;
  }
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (Array.isArray(v)) {
      if (layout.isItemArray(path) && path.length < 5) return byArray.get(JSON.stringify(path)) ?? [];
      return v.map((x, i) => walk(x, [...path, i]));
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, [...path, k])]));
    return v;
  };
  return walk(root, []);
}

describe('JsonItemScanner', () => {
  it('skeleton + items = JSON.parse, for any JSON and any chunking, indented or not', () => {
    const doc = fc.oneof(
      fc.jsonValue(),
      fc.record({ name: fc.string(), messages: fc.array(fc.jsonValue(), { maxLength: 8 }), tail: fc.jsonValue() }),
      fc.record({ chats: fc.record({ list: fc.array(fc.record({ id: fc.integer(), messages: fc.array(fc.jsonValue(), { maxLength: 5 }) }), { maxLength: 4 }) }) }),
    );
    fc.assert(
      fc.property(doc, fc.array(fc.nat(400), { maxLength: 6 }), fc.boolean(), (value, cuts, indent) => {
        const text = JSON.stringify(value, null, indent ? 1 : undefined);
        const { root, events } = scan(text, cuts);
        expect(events.filter((e) => e.type === 'bad-item')).toEqual([]);
        expect(reassemble(root, events)).toEqual(JSON.parse(text));
      }),
      { numRuns: 400 },
    );
  });

  it('hands items over as the text arrives, with their lines, the chat fields before them already read', () => {
    const scanner = new JsonItemScanner(layout);
    const first = scanner.write('{\n "name": "Bob",\n "messages": [\n  {"id": 1},\n  {"id": 2');
    expect(first).toEqual([{ type: 'item', array: ['messages'], index: 0, line: 4, value: { id: 1 } }]);
    expect(scanner.root).toEqual({ name: 'Bob', messages: [{ id: 1 }] });
    expect(scanner.write('},\n  "x\\"y"\n ]\n}\n')).toEqual([
      { type: 'item', array: ['messages'], index: 1, line: 5, value: { id: 2 } },
      { type: 'item', array: ['messages'], index: 2, line: 6, value: 'x"y' },
    ]);
    expect(scanner.end()).toEqual([]);
  });

  it('a broken item is reported with its place and the next ones are still read', () => {
    const { events } = scan('{"messages": [{"id": 1}, {"id": 2 "text": "x"}, {"id": 3}]}', [20]);
    expect(events.map((e) => [e.type, e.index])).toEqual([['item', 0], ['bad-item', 1], ['item', 2]]);
  });

  it.each([
    ['{"messages": [', /cut short/],
    ['{"messages": [{"id": 1}', /cut short/],
    ['{"a": 1} x', /after the end/],
    ['{"a" 1}', /unexpected "1"/],
    ['{"a": tru}', /JSON/],
    ['[1, 2,]', /unexpected "]"/],
  ])('%s is refused with a line', (text, message) => {
    expect(() => scan(text, [3])).toThrow(JsonStreamError);
    expect(() => scan(text, [3])).toThrow(message);
  });
});
