// A record's link tokens are its identifiers' tokens, each once, in the order first seen: gathered
// by DistinctTexts (a scan of the few a record has, a Set past a limit) and compared here with a
// plain Set, on both sides of that limit, and through prepared records of generated contacts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DistinctTexts, linkTokensOf, prepareFileRecords } from '../../../electron/contacts/records';
import { FileRecordPacker } from '../../../electron/contacts';
import { contact } from './helpers';

describe('DistinctTexts', () => {
  it('keeps what a Set keeps, in the same order, for short and long lists with repeats', () => {
    const text = fc.constantFrom('p:+8613800138000', 'e:a@x.org', 'w:wx_1', 'x:wxid_1', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'q', 'r', 's', 't', 'u', 'v', 'w', 'y', 'z');
    fc.assert(
      fc.property(fc.array(text, { maxLength: 80, size: 'max' }), (texts) => {
        const distinct = new DistinctTexts();
        for (const t of texts) distinct.add(t);
        expect(distinct.list).toEqual([...new Set(texts)]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('link tokens of prepared records', () => {
  it('each identifier once, in the order of phones, e-mails, WeChat IDs and wxids, whatever repeats', () => {
    const phones = Array.from({ length: 40 }, (_, i) => `+86 139 ${String(1000 + (i % 25)).padStart(4, '0')} 0000`);
    const raw = contact('f.vcf', 'card 1', { name: '张伟', phones, emails: ['A@x.org', 'a@x.org', 'b@x.org'], wechatIds: ['Wx_1', 'wx_1'], wxids: ['wxid_9', 'legacy', 'wxid_9'] });
    const packer = new FileRecordPacker('f.vcf');
    packer.push(raw);
    const [record] = prepareFileRecords('f.vcf', packer.finish(), 'CN');
    const expected = [...new Set([...phones.map((p) => 'p:+86' + p.replace(/\D/g, '').slice(2)), 'e:a@x.org', 'e:b@x.org', 'w:wx_1', 'x:wxid_9', 'x:legacy', 'w:legacy'])];
    expect(linkTokensOf(record!)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(16); // past the scan's limit
  });
});
