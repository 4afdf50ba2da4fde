// The one CSV tokenizer, used by contact spreadsheets and chat exporters' CSVs alike.
import { describe, expect, it } from 'vitest';
import { CsvTokenizer } from '../../../electron/import/csv/tokenizer';

function tokenize(text: string, pieces = 1): { rows: [string[], number][]; broken: [number, string][] } {
  const rows: [string[], number][] = [];
  const broken: [number, string][] = [];
  const t = new CsvTokenizer(',', (fields, line) => rows.push([fields, line]), (line, _reason, code) => broken.push([line, code]));
  const size = Math.ceil(text.length / pieces);
  for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size));
  t.end();
  return { rows, broken };
}

describe('CsvTokenizer', () => {
  it('a row the file cuts inside a quoted field is reported and not given out half', () => {
    for (const pieces of [1, 3, 7]) {
      expect(tokenize('姓名,备注\n张三,"大学室友\n住在', pieces)).toEqual({ rows: [[['姓名', '备注'], 1]], broken: [[2, 'row-ends-in-quote']] });
    }
  });

  it('an empty line is no row, a line holding only "" is one empty field', () => {
    expect(tokenize('a\n\n""\nb\n').rows).toEqual([
      [['a'], 1],
      [[''], 3],
      [['b'], 4],
    ]);
  });

  it('a row over 1 MB is given up once with its line, nothing of it comes out, and the next rows are read', () => {
    const long = 'x'.repeat((1 << 20) + 10);
    for (const row of [`1,${long},tail`, `1,"${long}\n,""quoted"" tail",z`]) {
      const { rows, broken } = tokenize(`a,b\n${row}\n2,ok\n`, 5);
      expect(broken).toEqual([[2, 'row-too-long']]);
      expect(rows.map(([fields]) => fields)).toEqual([
        ['a', 'b'],
        ['2', 'ok'],
      ]);
    }
  });
});
