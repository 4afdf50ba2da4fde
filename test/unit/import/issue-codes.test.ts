// Each problem the contact reader reports carries a stable code and its values, so the UI can say it
// in Chinese; the English message stays for the command line.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../../shared/types';
import { previewContactFile } from '../../../electron/import';
import { MAX_CARD_BYTES } from '../../../electron/import/vcard/assembler';
import { cleanupTmp, importBytes, importPath, lines, tmp, writeFixture } from './helpers';

afterAll(cleanupTmp);

const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const coded = (issues: ImportIssue[]) => issues.map((i) => ({ code: i.code, params: i.params, severity: i.severity }));

describe('file-level issue codes', () => {
  it('an empty file', async () => {
    const { summary } = await importBytes('empty.vcf', '');
    expect(coded(summary.issues)).toEqual([{ code: 'file-empty', params: undefined, severity: 'error' }]);
    expect(summary.issues[0]!.message).toBe('The file is empty');
  });

  it('a picture renamed .vcf says what it looks like, as a code', async () => {
    const path = writeFixture('photo.vcf', Buffer.concat([PNG_HEAD, Buffer.alloc(200, 7)]));
    const { summary } = await importPath(path);
    expect(coded(summary.issues)).toEqual([{ code: 'file-binary', params: { kind: 'png' }, severity: 'error' }]);
    expect(summary.issues[0]!.message).toMatch(/PNG picture/);
    const preview = await previewContactFile(path);
    expect(coded(preview.issues)).toEqual([{ code: 'file-binary', params: { kind: 'png' }, severity: 'error' }]);
  });

  it('random bytes are "binary"', async () => {
    const { summary } = await importBytes('x.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(summary.issues[0]).toMatchObject({ code: 'file-binary', params: { kind: 'binary' } });
  });

  it('a folder is not a file', async () => {
    const dir = join(tmp, 'a-folder');
    mkdirSync(dir);
    const { summary } = await importPath(dir);
    expect(summary.issues[0]).toMatchObject({ code: 'file-not-a-file', severity: 'error' });
  });

  it('a known export with a header and no rows: no contact found', async () => {
    const { summary } = await importBytes('contact.csv', 'UserName,Alias,Remark,NickName\n');
    expect(summary.issues.map((i) => i.code)).toEqual(['no-contact-found']);
  });

  it('a table with no usable column names its columns', async () => {
    const { summary } = await importBytes('t.csv', 'Colour,Size\nred,3\n');
    expect(summary.issues[0]).toMatchObject({ code: 'csv-no-usable-column', params: { columns: 'Colour, Size' }, line: 1 });
    const preview = await previewContactFile(writeFixture('t.csv', 'Colour,Size\nred,3\n'));
    expect(preview.issues[0]).toMatchObject({ code: 'csv-choose-columns' });
  });

  it('a Telegram chat export instead of contacts', async () => {
    const { summary } = await importBytes('result.json', JSON.stringify({ name: 'A', type: 'personal_chat', id: 1, messages: [] }));
    expect(summary.issues.map((i) => i.code)).toEqual(['chat-export-given']);
    expect(summary.issues[0]!.params).toEqual({ app: 'Telegram', format: 'telegram-json' });
  });

  it('broken JSON names the line', async () => {
    const { summary } = await importBytes('users.json', '{\n  "wxid_a": {"wxid": "wxid_a",\n  "nickname": \n}');
    expect(summary.issues[0]).toMatchObject({ code: 'json-invalid-at', params: { line: expect.any(Number) } });
  });
});

describe('record-level issue codes', () => {
  it('a card without name or phone, among good ones: card number and line', async () => {
    const vcf = lines('BEGIN:VCARD', 'VERSION:3.0', 'FN:甲', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'NOTE:x', 'END:VCARD');
    const { contacts, summary } = await importBytes('c.vcf', vcf);
    expect(contacts).toHaveLength(1);
    expect(coded(summary.issues)).toEqual([{ code: 'card-empty', params: { card: 2, line: 5 }, severity: 'warning' }]);
  });

  it('a card cut short at the end of the file', async () => {
    const { contacts, summary } = await importBytes('c.vcf', lines('BEGIN:VCARD', 'VERSION:3.0', 'FN:乙', 'TEL:13800000000'));
    expect(contacts).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ code: 'card-truncated', params: { card: 1, line: 1 } });
  });

  it('a too-large card is skipped with its card number, line and the limit', async () => {
    // Many ordinary lines (one line that long is dropped as a line: long-line.test.ts).
    const huge = Array.from({ length: Math.ceil(MAX_CARD_BYTES / 60_000) + 1 }, () => 'NOTE:' + 'x'.repeat(60_000));
    const vcf = lines('BEGIN:VCARD', 'VERSION:3.0', 'FN:丙', ...huge, 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:丁', 'END:VCARD');
    const { contacts, summary } = await importBytes('big.vcf', vcf);
    expect(contacts.map((c) => c.name)).toEqual(['丁']);
    expect(summary.issues[0]).toMatchObject({ code: 'card-too-large', params: { card: 1, line: 1, mb: MAX_CARD_BYTES >> 20 } });
  });

  it('a CSV that ends inside a quoted field names the line', async () => {
    const { summary } = await importBytes('p.csv', 'Name,Phone\n张三,13800000000\n"李四,13900000000\n');
    expect(summary.issues).toContainEqual(expect.objectContaining({ code: 'row-ends-in-quote', params: { line: 3 }, line: 3 }));
  });

  it('a chatlog row with extra fields says how many', async () => {
    const csv = 'UserName,Alias,Remark,NickName\nwxid_c2,,,Tom, Jr.\n';
    const { summary } = await importBytes('contact.csv', csv);
    expect(summary.issues[0]).toMatchObject({ code: 'row-extra-fields', params: { row: 2, line: 2, count: 5, expected: 4 } });
  });

  it('junk lines outside cards are counted', async () => {
    const { summary } = await importBytes('c.vcf', lines('hello', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:戊', 'END:VCARD'));
    expect(summary.issues[0]).toMatchObject({ code: 'vcard-junk-lines', params: { count: 1, line: 1 } });
  });
});
