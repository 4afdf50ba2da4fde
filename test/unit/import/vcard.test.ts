// vCard fixtures built as bytes: charsets, UTF-16, quoted-printable, groups, photos, broken cards.
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importContactFile, previewContactFile } from '../../../electron/import';
import { cleanupTmp, importBytes, lines, looksBroken, qp, writeFixture } from './helpers';

afterAll(cleanupTmp);

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('vCard 2.1 from Chinese phones', () => {
  it('decodes Android quoted-printable UTF-8 with soft line breaks inside a character', async () => {
    const fn = qp(Buffer.from('张三丰', 'utf8'));
    // Break the encoded name in the middle of the second character's bytes.
    const cut = fn.indexOf('=E4') + 6;
    const { contacts, summary } = await importBytes('android.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:2.1',
      `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(Buffer.from('张', 'utf8'))};${qp(Buffer.from('三丰', 'utf8'))};;;`,
      `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${fn.slice(0, cut)}=`,
      `${fn.slice(cut)}`,
      'TEL;CELL:138 0013 8000',
      'TEL;HOME;VOICE:010-12345678',
      `NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:${qp(Buffer.from('第一行\n第二行', 'utf8'))}`,
      'END:VCARD',
    ));
    expect(summary.issues).toEqual([]);
    expect(contacts[0]).toMatchObject({
      name: '张三丰',
      familyName: '张',
      givenName: '三丰',
      note: '第一行\n第二行',
      phones: [{ value: '138 0013 8000', label: 'mobile' }, { value: '010-12345678', label: 'home' }],
    });
  });

  it('decodes per-property GB2312/GBK declarations and undeclared GB18030 bytes', async () => {
    const gbk = (s: string) => iconv.encode(s, 'gbk');
    const { contacts, summary } = await importBytes('gbk.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:2.1',
      Buffer.concat([Buffer.from('FN;CHARSET=GB2312:'), gbk('王小明')]),
      `NOTE;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:${qp(gbk('同事'))}`,
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      Buffer.concat([Buffer.from('FN:'), iconv.encode('李四', 'gb18030')]),
      Buffer.concat([Buffer.from('ORG:'), iconv.encode('腾讯公司', 'gb18030')]),
      'END:VCARD',
    ));
    expect(contacts.map((c) => c.name)).toEqual(['王小明', '李四']);
    expect(contacts[0]!.note).toBe('同事');
    expect(contacts[1]!.org).toBe('腾讯公司');
    expect(summary.encoding).toContain('GB18030');
  });

  it('applies Shift_JIS per property while the rest of the file is UTF-8', async () => {
    const { contacts } = await importBytes('mixed.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:2.1',
      Buffer.concat([Buffer.from('N;CHARSET=SHIFT_JIS:'), iconv.encode('山田;太郎', 'shift_jis')]),
      'ORG:株式会社テスト',
      'END:VCARD',
    ));
    expect(contacts[0]).toMatchObject({ name: '山田太郎', familyName: '山田', givenName: '太郎', org: '株式会社テスト' });
  });
});

describe('file encodings', () => {
  const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:陈小红', 'N:陈;小红;;;', 'TEL;TYPE=CELL:+86 139 0000 0000', 'END:VCARD', ''].join('\r\n');

  it.each([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(card, 'utf-16le')]), 'UTF-16LE'],
    ['UTF-16LE without BOM', iconv.encode(card, 'utf-16le'), 'UTF-16LE'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(card, 'utf-16be')]), 'UTF-16BE'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(card)]), 'UTF-8'],
  ])('reads %s', async (_label, bytes, encoding) => {
    const { contacts, summary } = await importBytes('enc.vcf', bytes);
    expect(summary.format).toBe('vcard');
    expect(summary.encoding).toContain(encoding);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ name: '陈小红', phones: [{ value: '+86 139 0000 0000', label: 'mobile' }] });
  });
});

describe('vCard 3.0 and 4.0 details', () => {
  it('joins Apple group labels, splits TYPE lists, unescapes text and reads handles', async () => {
    const { contacts } = await importBytes('ios.vcf', lines(
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Doe;Jane;;;',
      'FN:Jane Doe',
      'item1.TEL;type=pref:+1 555 0100',
      'item1.X-ABLabel:_$!<Mobile>!$_',
      'item2.EMAIL;type=INTERNET:jane@example.com',
      'item2.X-ABLabel:school',
      'TEL;TYPE="WORK,VOICE":+1 555 0199',
      'NOTE:line one\\nline two\\, with comma\\; and semicolon \\\\ end',
      'X-WECHAT-ID:jane_wx',
      'X-WECHAT-ID:wxid_abc123',
      'X-QQ:10001',
      'IMPP;X-SERVICE-TYPE=WeChat:x-apple:jane_wechat',
      'X-SOCIALPROFILE;type=weibo;x-user=janeweibo:http://weibo.com/janeweibo',
      'CATEGORIES:Friends,Work',
      'END:VCARD',
    ));
    const c = contacts[0]!;
    expect(c.phones).toEqual([{ value: '+1 555 0100', label: 'Mobile' }, { value: '+1 555 0199', label: 'work' }]);
    expect(c.emails).toEqual([{ value: 'jane@example.com', label: 'school' }]);
    expect(c.note).toBe('line one\nline two, with comma; and semicolon \\ end');
    expect(c.wechatIds).toEqual(['jane_wx', 'jane_wechat']);
    expect(c.wxids).toEqual(['wxid_abc123']);
    expect(c.handles).toEqual(expect.arrayContaining([{ kind: 'qq', value: '10001' }, { kind: 'weibo', value: 'janeweibo' }]));
    expect(c.labels).toEqual(['Friends', 'Work']);
  });

  it('keeps photos from 2.1 BASE64, 3.0 ENCODING=b and 4.0 data: URIs, and drops broken ones', async () => {
    const b64 = PNG_1PX.toString('base64');
    const folded = b64.match(/.{1,40}/g)!;
    const { contacts } = await importBytes('photos.vcf', lines(
      'BEGIN:VCARD', 'VERSION:2.1', 'FN:A', `PHOTO;ENCODING=BASE64;TYPE=PNG:${folded[0]}`, ...folded.slice(1).map((l) => `  ${l}`), '', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:B', `PHOTO;ENCODING=b;TYPE=PNG:${b64}`, 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:C', `PHOTO:data:image/png;base64,${b64}`, 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:D', 'PHOTO;ENCODING=b;TYPE=JPEG:bm90IGEgcGljdHVyZQ==', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:E', 'PHOTO;VALUE=uri:http://example.com/a.jpg', 'END:VCARD',
    ));
    expect(contacts.map((c) => c.name)).toEqual(['A', 'B', 'C', 'D', 'E']);
    for (const c of contacts.slice(0, 3)) expect(c.photo).toEqual({ mime: 'image/png', base64: b64 });
    expect(contacts[3]!.photo).toBeUndefined();
    expect(contacts[4]!.photo).toBeUndefined();
  });

  it('reads WeFlow vCards: X-WECHAT-ID as WeChat ID, wxid_ as internal id', async () => {
    const { contacts } = await importBytes('weflow.vcf', lines(
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:老王', 'NICKNAME:王哥', 'NOTE:备注: 老王\\n标签: 同事', 'X-WECHAT-ID:wxid_k2j3h4', 'END:VCARD', '',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:小李', 'X-WECHAT-ID:xiaoli_1990', 'END:VCARD', '',
    ));
    expect(contacts[0]).toMatchObject({ name: '老王', nickname: '王哥', wxids: ['wxid_k2j3h4'], wechatIds: [] });
    expect(contacts[1]).toMatchObject({ name: '小李', wechatIds: ['xiaoli_1990'], wxids: [] });
  });
});

describe('broken input', () => {
  it('skips a broken card, reports it with file and line, and imports the rest', async () => {
    const huge = 'A'.repeat(9 * 1024 * 1024);
    const path = writeFixture('broken.vcf', lines(
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:First', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Too big', `NOTE:${huge}`, 'END:VCARD',
      'garbage between cards',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Third', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Cut short',
    ));
    const contacts: string[] = [];
    const summary = await importContactFile(path, { displayName: 'phone.vcf', onContact: (c) => contacts.push(c.name!) });
    expect(contacts).toEqual(['First', 'Third', 'Cut short']);
    expect(summary.skipped).toBe(1);
    const error = summary.issues.find((i) => i.severity === 'error')!;
    // Its 9 MB line is dropped as it streams in; the error names the card and that line.
    expect(error).toMatchObject({ file: 'phone.vcf', record: 'card 2 (line 5)', line: 8, code: 'line-too-long' });
    expect(summary.issues.some((i) => i.record === 'card 4 (line 15)' && /END:VCARD/.test(i.message))).toBe(true);
  });

  it.each([
    ['empty file', Buffer.alloc(0), /empty/],
    ['JPEG renamed .vcf', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]), /JPEG/],
    ['random binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /binary|not|No/i],
    ['text without cards', Buffer.from('hello\nworld\n'), /column|vCard|contact/i],
  ])('%s gives a clear error and imports nothing', async (_label, bytes, message) => {
    const { contacts, summary } = await importBytes('bad.vcf', bytes);
    expect(contacts).toEqual([]);
    expect(summary.issues.some((i) => i.severity === 'error' && message.test(i.message))).toBe(true);
  });

  it('streams a file larger than one read chunk with cards across chunk borders', async () => {
    const cards: string[] = [];
    for (let i = 0; i < 30_000; i++) cards.push(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${i}\r\nTEL:+86 138${String(i).padStart(8, '0')}\r\nEND:VCARD\r\n`);
    const bytes = Buffer.from(cards.join(''));
    expect(bytes.length).toBeGreaterThan(2 << 20);
    const progress: number[] = [];
    const path = writeFixture('big.vcf', bytes);
    const names: string[] = [];
    const summary = await importContactFile(path, { onContact: (c) => names.push(c.name!), onProgress: (read) => progress.push(read) });
    expect(summary.records).toBe(30_000);
    expect(new Set(names).size).toBe(30_000);
    expect(names.every((n) => !looksBroken(n))).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
    const preview = await previewContactFile(path);
    expect(preview.format).toBe('vcard');
    expect(preview.estimatedRecords).toBeGreaterThan(25_000);
    expect(preview.estimatedRecords).toBeLessThan(35_000);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const path = writeFixture('abort.vcf', Buffer.from('BEGIN:VCARD\r\nFN:X\r\nEND:VCARD\r\n'.repeat(200_000)));
    const controller = new AbortController();
    let seen = 0;
    const run = importContactFile(path, {
      signal: controller.signal,
      onContact: () => {
        if (++seen === 10) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toBeLessThan(200_000);
  });
});
