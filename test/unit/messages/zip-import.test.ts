// Chat exports inside zips through the real import path: the text is streamed from the zip (what was
// read before damage is kept), zip bombs and oversized entries are refused by name with a code for
// the UI's words, and an entry over 1 GiB is never silently taken for "no chat export".
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getMessages, importMessages, listChats } from '../../../electron/messages';
import { readWhatsApp } from '../../../electron/messages/formats/whatsapp';
import { readerInput } from '../../../electron/messages/text-source';
import { zipEntryByteSource } from '../../../electron/messages/zip';
import { ZipArchive } from '../../../electron/platform/zip';
import { buildZip, zeroJpeg } from '../platform/hostile-zips';
import { cleanup, memotraceCsv, strTime, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

function setup(): { root: string; caseDir: string } {
  const root = tempDir();
  return { root, caseDir: join(root, 'case') };
}

const T0 = 1_700_000_000;

describe('chat exports in zips', () => {
  it('refuses a chat text that expands like a zip bomb, naming the zip and the entry', async () => {
    const { root, caseDir } = setup();
    const line = '14/11/2023, 10:00 - Ana: the same words again and again\n';
    const text = Buffer.from(line.repeat(Math.ceil((12 << 20) / line.length)));
    const zip = writeFixture(root, 'WhatsApp Chat - Ana.zip', buildZip([{ name: '_chat.txt', data: text }]));
    const s = await importMessages(caseDir, [zip]);
    const entry = s.files.find((f) => f.file === `${zip}!_chat.txt`)!;
    expect(entry).toMatchObject({ errorCode: 'zip-bomb-entry', messages: 0 });
    expect(entry.errorParams).toMatchObject({ zip, entry: '_chat.txt' });
    expect(entry.error).toMatch(/zip bomb/);
    expect(s.messages).toBe(0);
    expect(s.files.some((f) => f.errorCode === 'zip-no-export')).toBe(false);
  });

  it('an entry declaring more than 1 GiB is refused by name, not taken for "no chat export"', async () => {
    const { root, caseDir } = setup();
    const text = Buffer.from('14/11/2023, 10:00 - Ana: hi\n');
    const zip = writeFixture(root, 'WhatsApp Chat - Ana.zip', buildZip([{ name: '_chat.txt', data: text, declaredSize: 1100 * 1024 * 1024 }]));
    const s = await importMessages(caseDir, [zip]);
    expect(s.files.some((f) => f.errorCode === 'zip-no-export')).toBe(false);
    const refused = s.files.find((f) => f.file === zip)!;
    expect(refused.errorCode).toBe('zip-bomb');
    expect(refused.error).toContain(zip);
  });

  it('streams the text: a zipped export damaged part-way keeps the messages read before the damage', async () => {
    const { root, caseDir } = setup();
    const rows = Array.from({ length: 30_000 }, (_, i) => [i + 1, 1, 1, 0, i % 2, T0 + i, '', `第${i}条消息 message number ${i}`, strTime(T0 + i), '阿强', i % 2 ? '我' : '阿强', i % 2 ? 'wxid_me' : 'wxid_a']);
    const csv = Buffer.from(memotraceCsv(rows));
    // The zip says the entry is 60% of its real size: reading stops there with an error, as a damaged zip does.
    const zip = writeFixture(root, 'export.zip', buildZip([{ name: '阿强/阿强_utf8.csv', data: csv, declaredSize: Math.floor(csv.length * 0.6) }]));
    const s = await importMessages(caseDir, [zip]);
    const entry = s.files.find((f) => f.file.endsWith('阿强_utf8.csv'))!;
    expect(entry.errorCode).toBe('chat-reading-stopped');
    // Inflated whole first, the entry would have failed before any message reached the parser.
    expect(entry.messages).toBeGreaterThan(10_000);
    expect(entry.messages).toBeLessThan(30_000);
  });

  it('a picture entry that is a zip bomb is refused by name; the chat is imported', async () => {
    const { root, caseDir } = setup();
    const chat = '[14/11/23, 10:00:00] Ana: hello\n[14/11/23, 10:01:00] Ben: \u200e<attached: 00000001-PHOTO-2023-11-14-10-01-00.jpg>\n';
    const zip = writeFixture(
      root,
      'WhatsApp Chat - Ana.zip',
      buildZip([
        { name: '_chat.txt', data: Buffer.from(chat) },
        { name: '00000001-PHOTO-2023-11-14-10-01-00.jpg', data: zeroJpeg(16 << 20) },
      ]),
    );
    const s = await importMessages(caseDir, [zip]);
    expect(s.messages).toBe(2);
    const zipFile = s.files.find((f) => f.file === zip)!;
    expect(zipFile.pictures ?? 0).toBe(0);
    expect(zipFile.skipped).toEqual([expect.objectContaining({ code: 'zip-bomb-entry', params: expect.objectContaining({ entry: '00000001-PHOTO-2023-11-14-10-01-00.jpg' }) })]);
  });

  it.each(['plain', 'zipped'])('a %s WhatsApp text is streamed in two passes: a month-first date near its end decides how its first line reads', async (how) => {
    const { root, caseDir } = setup();
    // 40k ambiguous dates (about 1.5 MB, many read chunks), then one only month-first can read.
    const lines = Array.from({ length: 40_000 }, (_, i) => `01/02/2020, 10:${String(i % 60).padStart(2, '0')} - Ana: message ${i}`);
    lines.push('02/13/2020, 11:00 - Ben: the day that decides');
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const file =
      how === 'plain'
        ? writeFixture(root, 'WhatsApp Chat with Ana.txt', text)
        : writeFixture(root, 'WhatsApp Chat - Ana.zip', buildZip([{ name: 'WhatsApp Chat with Ana.txt', data: text }]));
    const s = await importMessages(caseDir, [file]);
    expect(s.messages).toBe(40_001);
    const chat = listChats(caseDir)[0]!;
    const first = getMessages(caseDir, chat.id, { limit: 1 }).messages[0]!;
    const at = new Date(first.at);
    expect([at.getFullYear(), at.getMonth() + 1, at.getDate()]).toEqual([2020, 1, 2]); // 2 January, not 1 February
  });

  it('the WhatsApp reader gets a zipped text chunk by chunk: its first message comes after a fraction of the entry was inflated', async () => {
    const { root } = setup();
    const lines = Array.from({ length: 80_000 }, (_, i) => `14/11/2023, 10:${String(i % 60).padStart(2, '0')} - Ana: message number ${i} with some words`);
    const text = Buffer.from(`${lines.join('\n')}\n`);
    const zip = await ZipArchive.open(writeFixture(root, 'WhatsApp Chat - Ana.zip', buildZip([{ name: '_chat.txt', data: text }])));
    try {
      const source = await zipEntryByteSource(zip, zip.entries[0]!, 'x');
      let pulled = 0;
      let passes = 0;
      const counted = {
        ...source,
        chunks: async function* () {
          passes++;
          pulled = 0;
          for await (const chunk of source.chunks()) {
            pulled += chunk.length;
            yield chunk;
          }
        },
      };
      let atFirst: number | undefined;
      let messages = 0;
      for await (const event of readWhatsApp(readerInput(counted, undefined), 'Ana')) {
        if (event.type !== 'message') continue;
        atFirst ??= pulled;
        messages++;
      }
      expect(messages).toBe(80_000);
      expect(passes).toBe(2);
      expect(text.length).toBeGreaterThan(4 << 20);
      expect(atFirst).toBeLessThan(1 << 20); // of a 4+ MB text inflated in its second pass
    } finally {
      zip.close();
    }
  });
});
