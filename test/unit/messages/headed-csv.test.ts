// The one reader behind every chat format that comes as a CSV with a header row.
import { describe, expect, it } from 'vitest';
import { readHeadedCsv, type HeadedCsvEvent } from '../../../electron/messages/csv';

async function events(text: string, columns: number): Promise<HeadedCsvEvent[]> {
  const out: HeadedCsvEvent[] = [];
  for await (const e of readHeadedCsv((async function* () { yield text; })(), columns)) out.push(e);
  return out;
}

describe('readHeadedCsv', () => {
  it('gives rows by column name and reports short and cut-off records with their lines', async () => {
    const result = await events('\ufeffA,B,C\r\n1,2,3\r\n4,5\r\n6,7,"never closed\r\n', 3);
    expect(result[0]).toMatchObject({ type: 'row', line: 2 });
    expect(result[0]!.type === 'row' && result[0]!.get('A')).toBe('1');
    expect(result[0]!.type === 'row' && result[0]!.get('C')).toBe('3');
    expect(result[1]).toMatchObject({ type: 'skip', line: 3, code: 'chat-row-columns', params: { found: 2, expected: 3 } });
    expect(result[2]).toMatchObject({ type: 'skip', line: 4, code: 'chat-row-cut-off' });
    expect(result).toHaveLength(3);
  });

  it('says a file without a header row is empty', async () => {
    expect(await events('', 3)).toEqual([{ type: 'skip', reason: 'empty file', code: 'file-empty' }]);
  });
});
