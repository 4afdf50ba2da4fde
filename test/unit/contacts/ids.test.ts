// Record keys and person ids are persisted (decisions, re-add progress): pin how they are made.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords } from '../../../electron/contacts';
import { flatConcat, flatText, hash64, prefixedHash64, prefixedHash64Of } from '../../../electron/contacts/hash';
import { contact } from './helpers';

describe('stable ids', () => {
  it('makes prefixed hashes and flat concatenations of the very same text as plain concatenation', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'r', 'p', 'm'), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 70 }), (prefix, text, body) => {
        expect(prefixedHash64(prefix, text)).toBe(prefix + hash64(text));
        expect(prefixedHash64Of(prefix, body, '\u0000', text)).toBe(prefixedHash64(prefix, body + '\u0000' + text));
        expect(flatConcat(prefix + 'x:', body)).toBe(prefix + 'x:' + body);
        expect(flatText(`${prefix}${text} (line ${body.length})`)).toBe(prefix + text + ' (line ' + body.length + ')');
      }),
      { numRuns: 2000 },
    );
  });

  it('hash64 never changes (stored ids are made from it)', () => {
    expect([hash64(''), hash64('abc'), hash64('contacts.csv\u0000x:wxid_abc'), hash64('张三')]).toEqual([
      '488bdcb81aee8d83',
      '7a91f9f91ac18c8d',
      'f00a93e8c3d0aa46',
      'b7851639f792223b',
    ]);
  });

  it('keys a record by file and strongest identity, and its person by that key', () => {
    const book = emptyContactBook();
    replaceFileRecords(book, 'contacts.csv', [contact('contacts.csv', 'row 9', { remark: '老王', wxids: ['wxid_abc'], phones: ['13800138000'] })]);
    const result = mergePersons(book);
    expect([...result.recordIndex.keys()]).toEqual(['rf00a93e8c3d0aa46']);
    expect(result.persons[0]!.id).toBe('pf00a93e8c3d0aa46');
  });

  it('prefers wxid, then WeChat ID, then phone, then e-mail, then name as identity', () => {
    const keyOf = (fields: Parameters<typeof contact>[2]) => {
      const book = emptyContactBook();
      replaceFileRecords(book, 'f', [contact('f', 'r', fields)]);
      return [...mergePersons(book).recordIndex.keys()][0];
    };
    expect(keyOf({ wxids: ['wxid_b', 'wxid_a'], wechatIds: ['w'] })).toBe('r' + hash64('f\u0000x:wxid_a'));
    expect(keyOf({ wechatIds: ['Wang88'], phones: ['13800138000'] })).toBe('r' + hash64('f\u0000w:wang88'));
    expect(keyOf({ phones: ['139 0000 1111', '+86 138 0013 8000'], emails: ['a@b.c'] })).toBe('r' + hash64('f\u0000p:+8613800138000'));
    expect(keyOf({ emails: ['B@x.org', 'a@x.org'], name: 'N' })).toBe('r' + hash64('f\u0000e:a@x.org'));
    expect(keyOf({ name: 'Zhang San' })).toBe('r' + hash64('f\u0000n:zhangsan'));
  });
});

describe('keys of records that share an identity', () => {
  it('never change (pinned): same phone with other content, exact copies, content-only records', async () => {
    const { FileRecordPacker } = await import('../../../electron/contacts/file-records');
    const { preparedRecordsOf } = await import('../../../electron/contacts/records');
    const records = [
      contact('a.vcf', 'card 1', { name: '王伟', phones: ['138 0013 8000'] }),
      contact('a.vcf', 'card 2', { name: '王伟 (work)', phones: ['13800138000'] }),
      contact('a.vcf', 'card 3', { givenName: '伟', familyName: '王' }),
      contact('a.vcf', 'card 4', { givenName: '伟', familyName: '王' }),
      contact('a.vcf', 'card 5', { givenName: '伟', familyName: '王' }),
      contact('a.vcf', 'card 6', { name: 'Solo', emails: ['s@x.com'] }),
      contact('a.vcf', 'card 7', { note: 'nothing else' }),
      contact('a.vcf', 'card 8', { note: 'nothing else' }),
    ];
    const packer = new FileRecordPacker('a.vcf', 'CN');
    for (const record of records) packer.push(record);
    const keys = preparedRecordsOf('a.vcf', packer.finish(), 'CN').map((r) => `${r.index}:${r.key}`);
    expect(keys.join(' ')).toBe(
      '2:r0cca2bc3adf732de 4:r49bc235e72ed2fdb 7:r6e25a04292ad69a6 5:r9221aba3deb0468b 6:r9b8aa02747ccff37 3:ra69d18eaf012a01a 0:raf6f0cbbfae39dec 1:rb47281845bc5fb3f',
    );
  });
});
