// A small, safe reader for JavaScript literals (objects, arrays, strings, numbers, true/false/null)
// as MemoTrace 1.x writes its HTML message array: unquoted keys, single-quoted strings, comments,
// trailing commas. Nothing is evaluated; anything else (calls, expressions) is a syntax error.

export class JsLiteralError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export class JsLiteralReader {
  pos: number;
  constructor(
    private readonly src: string,
    start = 0,
  ) {
    this.pos = start;
  }

  /** Skips blanks and comments. */
  skip(): void {
    const s = this.src;
    for (;;) {
      while (this.pos < s.length && /\s/.test(s[this.pos]!)) this.pos++;
      if (s.startsWith('//', this.pos)) {
        const end = s.indexOf('\n', this.pos);
        this.pos = end < 0 ? s.length : end + 1;
      } else if (s.startsWith('/*', this.pos)) {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) throw new JsLiteralError('unterminated comment', this.pos);
        this.pos = end + 2;
      } else return;
    }
  }

  peek(): string | undefined {
    this.skip();
    return this.src[this.pos];
  }

  value(depth = 0): unknown {
    if (depth > 64) throw new JsLiteralError('nesting too deep', this.pos);
    const c = this.peek();
    if (c === undefined) throw new JsLiteralError('unexpected end of input', this.pos);
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'" || c === '`') return this.string();
    if (/[-+.\d]/.test(c)) return this.number();
    const word = /^[A-Za-z_$][\w$]*/.exec(this.src.slice(this.pos, this.pos + 64))?.[0];
    if (word === 'true' || word === 'false' || word === 'null' || word === 'undefined') {
      this.pos += word.length;
      return word === 'true' ? true : word === 'false' ? false : null;
    }
    throw new JsLiteralError(`unexpected ${JSON.stringify(this.src.slice(this.pos, this.pos + 12))}`, this.pos);
  }

  /** Reads `[ item, item, … ]`, handing each item to `each` instead of keeping them (streaming-friendly). */
  arrayItems(each: (item: unknown, index: number, offset: number) => void, depth = 0): void {
    this.expect('[');
    let index = 0;
    for (;;) {
      const c = this.peek();
      if (c === ']') {
        this.pos++;
        return;
      }
      const offset = this.pos;
      each(this.value(depth + 1), index++, offset);
      const next = this.peek();
      if (next === ',') this.pos++;
      else if (next !== ']') throw new JsLiteralError(`expected , or ] but found ${JSON.stringify(next ?? 'end')}`, this.pos);
    }
  }

  private array(depth: number): unknown[] {
    const out: unknown[] = [];
    this.arrayItems((item) => out.push(item), depth);
    return out;
  }

  private object(depth: number): Record<string, unknown> {
    this.expect('{');
    const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (;;) {
      const c = this.peek();
      if (c === '}') {
        this.pos++;
        return out;
      }
      let key: string;
      if (c === '"' || c === "'") key = this.string();
      else {
        const m = /^[A-Za-z_$][\w$]*|^\d+/.exec(this.src.slice(this.pos, this.pos + 256));
        if (!m) throw new JsLiteralError('expected a property name', this.pos);
        key = m[0];
        this.pos += key.length;
      }
      this.expect(':');
      out[key] = this.value(depth + 1);
      const next = this.peek();
      if (next === ',') this.pos++;
      else if (next !== '}') throw new JsLiteralError(`expected , or } but found ${JSON.stringify(next ?? 'end')}`, this.pos);
    }
  }

  private string(): string {
    const s = this.src;
    const q = s[this.pos]!;
    let i = this.pos + 1;
    let out = '';
    while (i < s.length) {
      const c = s[i]!;
      if (c === q) {
        this.pos = i + 1;
        return out;
      }
      if (q === '`' && c === '$' && s[i + 1] === '{') throw new JsLiteralError('template expressions are not literals', i);
      if (c === '\\') {
        const e = s[i + 1];
        i += 2;
        switch (e) {
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'v': out += '\v'; break;
          case '0': out += '\0'; break;
          case 'x': out += String.fromCharCode(parseInt(s.slice(i, i + 2), 16)); i += 2; break;
          case 'u':
            if (s[i] === '{') {
              const end = s.indexOf('}', i);
              out += String.fromCodePoint(parseInt(s.slice(i + 1, end), 16));
              i = end + 1;
            } else {
              out += String.fromCharCode(parseInt(s.slice(i, i + 4), 16));
              i += 4;
            }
            break;
          case '\r': if (s[i] === '\n') i++; break; // line continuation
          case '\n': break;
          case undefined: throw new JsLiteralError('unterminated string', this.pos);
          default: out += e;
        }
        continue;
      }
      if ((c === '\n' || c === '\r') && q !== '`') throw new JsLiteralError('line break inside a string', i);
      out += c;
      i++;
    }
    throw new JsLiteralError('unterminated string', this.pos);
  }

  private number(): number {
    const m = /^[-+]?(0x[0-9a-f]+|(\d+\.?\d*|\.\d+)(e[-+]?\d+)?)/i.exec(this.src.slice(this.pos, this.pos + 64));
    if (!m) throw new JsLiteralError('bad number', this.pos);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) throw new JsLiteralError(`expected ${ch}`, this.pos);
    this.pos++;
  }
}

/** Parses one literal from the start of `src`. */
export function parseJsLiteral(src: string): unknown {
  const r = new JsLiteralReader(src);
  const v = r.value();
  if (r.peek() !== undefined) throw new JsLiteralError('unexpected text after the value', r.pos);
  return v;
}
