// Reads a JSON document as it streams in, handing over the elements of its big arrays (a chat's
// messages) one at a time, so a 200 MB Telegram result.json is never held whole. The scanner only
// finds where values begin and end (strings, brackets, commas); every value is parsed by V8's
// JSON.parse, so what is read is exactly what JSON.parse reads. Measured against the streaming
// parsers on npm (bench/json-stream.ts, 600k Telegram messages): this takes about JSON.parse's own
// CPU time, @streamparser/json ~3.5x and stream-json ~10x more.
//
// The document's other values (a chat's name, the export's owner, ChatLab's meta) are parsed into a
// skeleton: the root with every item array holding only its first element (enough to tell formats
// apart). Containers on the way to item arrays are built key by key, so a chat's name, read before
// its messages, is there when its first message is handed over.

/** Keys and indexes from the root to a value. */
export type JsonPath = readonly (string | number)[];

export interface JsonItemShape {
  /** Arrays whose elements are handed over one by one. */
  isItemArray(path: JsonPath): boolean;
  /** Containers that may hold item arrays, built as they are read. */
  isAncestor(path: JsonPath): boolean;
}

export type JsonItemEvent =
  | { type: 'item'; array: JsonPath; index: number; line: number; value: unknown }
  /** An element whose text JSON.parse refused: the rest of the array is still read. */
  | { type: 'bad-item'; array: JsonPath; index: number; line: number; message: string };

/** The document itself is broken (cut short, stray characters): nothing after `line` can be read. */
export class JsonStreamError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** Elements completed before the break in the text given to the call that threw (not returned by it). */
    readonly itemsBefore: JsonItemEvent[] = [],
  ) {
    super(`${message} (line ${line})`);
  }
}

type Container = Record<string, unknown> | unknown[];

interface Frame {
  path: (string | number)[];
  /** The container built for it; item arrays hold only their first element. */
  node: Container;
  isArray: boolean;
  item: boolean;
  /** What comes next inside it. */
  expect: 'key' | 'colon' | 'value' | 'comma';
  key: string;
  index: number;
}

type Pending = 'key' | 'value' | 'item';

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonItemScanner {
  /** The root as read so far: complete once `end()` returned. */
  root: unknown;
  private rootDone = false;
  private buf = '';
  private pos = 0;
  private line = 1;
  private readonly frames: Frame[] = [];
  // The value being cut out of the text: where it starts, what it is for, and the scan inside it.
  private mark = -1;
  private markLine = 1;
  private pending: Pending = 'value';
  private shape: 'container' | 'string' | 'primitive' = 'container';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private events: JsonItemEvent[] = [];

  constructor(private readonly layout: JsonItemShape) {}

  /** Reads the next piece of text; returns the items completed in it. */
  write(chunk: string): JsonItemEvent[] {
    this.buf = this.mark >= 0 ? this.buf.slice(this.mark) + chunk : chunk;
    this.pos = this.mark >= 0 ? this.buf.length - chunk.length : 0;
    if (this.mark >= 0) this.mark = 0;
    this.scan();
    const out = this.events;
    this.events = [];
    return out;
  }

  /** The text is complete: a value left open means the file was cut short. */
  end(): JsonItemEvent[] {
    if (this.mark >= 0 && this.shape === 'primitive' && !this.inString) this.finish(this.buf.length);
    if (this.mark >= 0 || this.frames.length > 0 || !this.rootDone) this.fail('unexpected end of JSON input: the file is cut short');
    const out = this.events;
    this.events = [];
    return out;
  }

  private scan(): void {
    const s = this.buf;
    const n = s.length;
    for (let i = this.pos; i < n; i++) {
      if (this.mark >= 0 && this.shape === 'container') {
        i = this.skipContainer(s, i);
        if (i >= n) break;
        this.finish(i + 1);
        continue;
      }
      const c = s.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.mark >= 0) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 92) this.escaped = true;
          else if (c === 34) {
            this.inString = false;
            this.finish(i + 1);
          }
        } else if (c === 44 || c === 125 || c === 93 || isSpace(c)) {
          this.finish(i);
          i = this.structural(s, i, c);
        }
        continue;
      }
      i = this.structural(s, i, c);
    }
    this.pos = n;
    if (this.mark < 0) this.buf = '';
  }

  /**
   * The hot loop (a message is a container): runs to the bracket that closes the one at `mark` and
   * returns its index, or the text's length when it has not arrived yet. Locals, not fields, for speed.
   */
  private skipContainer(s: string, from: number): number {
    const n = s.length;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let line = this.line;
    let i = from;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) break;
      } else if (c === 10) line++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.line = line;
    return i;
  }

  /** One character outside any value being cut: structure of the skeleton. Returns the index reached. */
  private structural(s: string, i: number, c: number): number {
    if (isSpace(c)) return i;
    const frame = this.frames[this.frames.length - 1];
    if (!frame) {
      if (this.rootDone) this.fail(`unexpected "${s[i]}" after the end of the document`);
      return this.startValue(s, i, c, [], undefined);
    }
    switch (frame.expect) {
      case 'key':
        if (c === 34) return this.startCut(i, 'key', 'string');
        if (c === 125 && frame.index === 0) return this.close(i);
        break;
      case 'colon':
        if (c === 58) {
          frame.expect = 'value';
          return i;
        }
        break;
      case 'value':
        if (c === 93 && frame.isArray && frame.index === 0) return this.close(i);
        return this.startValue(s, i, c, [...frame.path, frame.isArray ? frame.index : frame.key], frame);
      case 'comma':
        if (c === 44) {
          frame.expect = frame.isArray ? 'value' : 'key';
          return i;
        }
        if (c === (frame.isArray ? 93 : 125)) return this.close(i);
        break;
    }
    return this.fail(`unexpected "${s[i]}"`);
  }

  private startValue(s: string, i: number, c: number, path: (string | number)[], parent: Frame | undefined): number {
    if (c === 125 || c === 93 || c === 44 || c === 58) return this.fail(`unexpected "${s[i]}"`);
    const shape = c === 123 || c === 91 ? 'container' : c === 34 ? 'string' : 'primitive';
    if (parent?.item) return this.startCut(i, 'item', shape);
    if (c === 91 && this.layout.isItemArray(path)) return this.open(i, path, [], true);
    if (shape === 'container' && this.layout.isAncestor(path)) return this.open(i, path, c === 91 ? [] : {}, false);
    return this.startCut(i, 'value', shape);
  }

  private startCut(i: number, pending: Pending, shape: JsonItemScanner['shape']): number {
    this.mark = i;
    this.markLine = this.line;
    this.pending = pending;
    this.shape = shape;
    this.depth = shape === 'container' ? 1 : 0;
    this.inString = shape === 'string';
    this.escaped = false;
    return i;
  }

  private open(i: number, path: (string | number)[], node: Container, item: boolean): number {
    this.attach(node, true);
    this.frames.push({ path, node, isArray: Array.isArray(node), item, expect: Array.isArray(node) ? 'value' : 'key', key: '', index: 0 });
    return i;
  }

  private close(i: number): number {
    this.frames.pop();
    const parent = this.frames[this.frames.length - 1];
    if (parent) this.afterValue(parent);
    else this.rootDone = true;
    return i;
  }

  /** Puts a finished value (or a container just opened, finished when it closes) in the skeleton. */
  private attach(value: unknown, opening = false): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) {
      this.root = value;
      if (!opening) this.rootDone = true;
      return;
    }
    if (frame.isArray) (frame.node as unknown[]).push(value);
    // As JSON.parse does: "__proto__" is a key like any other, never the prototype.
    else Object.defineProperty(frame.node, frame.key, { value, writable: true, enumerable: true, configurable: true });
    if (!opening) this.afterValue(frame);
  }

  /** A member or element is complete; `index` counts them. */
  private afterValue(frame: Frame): void {
    frame.expect = 'comma';
    frame.index++;
  }

  /** The value cut from `mark` to `end` is complete. */
  private finish(end: number): void {
    const text = this.buf.slice(this.mark, end);
    this.mark = -1;
    const frame = this.frames[this.frames.length - 1];
    if (this.pending === 'key') {
      frame!.key = JSON.parse(text) as string;
      frame!.expect = 'colon';
      return;
    }
    if (this.pending === 'item') {
      const index = frame!.index;
      try {
        const value = JSON.parse(text) as unknown;
        if (index === 0) (frame!.node as unknown[]).push(value);
        this.events.push({ type: 'item', array: frame!.path, index, line: this.markLine, value });
      } catch (error) {
        this.events.push({ type: 'bad-item', array: frame!.path, index, line: this.markLine, message: (error as Error).message });
      }
      this.afterValue(frame!);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.line = this.markLine;
      this.fail((error as Error).message);
    }
    this.attach(value);
  }

  private fail(message: string): never {
    const before = this.events;
    this.events = [];
    throw new JsonStreamError(message, this.line, before);
  }
}
