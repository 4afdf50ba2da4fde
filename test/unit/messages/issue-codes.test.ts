// Whole-file errors and skipped lines of a chat import carry a stable code and its values, so the UI
// can say them in Chinese; the English words stay for the command line.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importMessages } from '../../../electron/messages';
import { cleanup, makeZip, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const T0 = 1_700_000_000;

function setup(): { root: string; caseDir: string } {
  const root = tempDir();
  return { root, caseDir: join(root, 'case') };
}

describe('file-level error codes', () => {
  it.each([
    ['empty.txt', '', 'file-empty', /empty/],
    ['notes.txt', 'just some notes\nwithout any dates\n', 'chat-unknown-text', /not a chat export/],
    ['data.json', '{"hello": "world"}', 'chat-json-unknown', /JSON file/],
    ['cut.json', '{"messages": [', 'chat-json-invalid', /not valid JSON/],
    ['page.html', '<html><body>hi</body></html>', 'chat-html-not-export', /HTML page/],
    ['train.json', '[{"conversations": []}]', 'chat-json-training-data', /training data/],
  ])('%s → %s, English words kept', async (name, content, code, english) => {
    const { root, caseDir } = setup();
    const s = await importMessages(caseDir, [writeFixture(root, name, content)]);
    expect(s.files[0]).toMatchObject({ errorCode: code, error: expect.stringMatching(english), messages: 0 });
  });

  it('a path that does not exist', async () => {
    const { root, caseDir } = setup();
    const s = await importMessages(caseDir, [join(root, 'gone.txt')]);
    expect(s.files[0]).toMatchObject({ errorCode: 'file-not-found', error: 'file or folder not found' });
  });

  it('a zip without any chat export', async () => {
    const { root, caseDir } = setup();
    const s = await importMessages(caseDir, [writeFixture(root, 'photos.zip', makeZip([{ name: 'a.jpg', data: 'x' }]))]);
    expect(s.files[0]).toMatchObject({ errorCode: 'zip-no-export' });
  });
});

describe('skipped-line codes', () => {
  it('a cut-off CSV row says how many columns it has of how many', async () => {
    const { root, caseDir } = setup();
    const text = memotraceCsv([[1, 5, 1, 0, 0, T0, '', 'ok', strTime(T0), 'A', 'A', 'wxid_a']]) + '2,5,1,0,0\r\n';
    const s = await importMessages(caseDir, [writeFixture(root, 'A/A_utf8.csv', text)]);
    expect(s.files[0]!.messages).toBe(1);
    expect(s.files[0]!.skipped).toEqual([{ line: 3, reason: expect.stringMatching(/5 of 12 columns/), code: 'chat-row-columns', params: { found: 5, expected: 12 } }]);
  });

  it('text before the first dated line of a WhatsApp export', async () => {
    const { root, caseDir } = setup();
    const text = 'stray words\n12/01/2023, 10:00 - Ann: hello\n';
    const s = await importMessages(caseDir, [writeFixture(root, 'WhatsApp Chat with Ann.txt', text)]);
    expect(s.files[0]!.messages).toBe(1);
    expect(s.files[0]!.skipped).toEqual([{ line: 1, reason: expect.any(String), code: 'chat-text-before-first' }]);
  });

  it('a Telegram message without a date names its position', async () => {
    const { root, caseDir } = setup();
    const json = JSON.stringify({
      name: 'Bob',
      type: 'personal_chat',
      id: 7,
      messages: [
        { id: 1, type: 'message', date: '2023-11-14T10:00:00', date_unixtime: '1699956000', from: 'Bob', from_id: 'user7', text: 'hi' },
        { id: 2, type: 'message', from: 'Bob', from_id: 'user7', text: 'no date' },
      ],
    });
    const s = await importMessages(caseDir, [writeFixture(root, 'result.json', json)]);
    expect(s.files[0]!.skipped).toEqual([{ reason: expect.stringMatching(/no usable date/), code: 'chat-item-no-time', params: { item: 2 } }]);
  });
});
