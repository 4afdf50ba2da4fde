// Packed records: every record reads back as the JSON value it was, whatever its size or text,
// and the packed bytes are the inside of the JSON array the book file holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedRecords, RecordPacker } from '../../../electron/contacts/packed-records';

const asArrayJson = (packed: PackedRecords) => Buffer.concat(['[', ...packed.jsonBody(), ']'].map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8');

describe('PackedRecords', () => {
  it('reads back each record, and the packed bytes as a JSON array, for any JSON values', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 40 }), (values) => {
        const packed = PackedRecords.from(values);
        const expected = JSON.parse(JSON.stringify(values)) as unknown[];
        expect(packed.length).toBe(values.length);
        expect([...packed]).toEqual(expected);
        expect(JSON.parse(asArrayJson(packed))).toEqual(expected);
        expect(JSON.parse(JSON.stringify({ records: packed }))).toEqual({ records: expected });
      }),
      { numRuns: 200 },
    );
  });

  it('keeps Chinese text, emoji, lone surrogates and line separators exactly', () => {
    const records = [{ name: '王小明 😀' }, { note: 'a\u2028b\u2029c' }, { odd: '\ud800x\udfff' }, { empty: '' }];
    const packed = PackedRecords.from(records);
    expect([...packed]).toEqual(records);
    expect(JSON.parse(asArrayJson(packed))).toEqual(records);
  });

  it('spreads records over several buffers, and gives a record larger than one buffer its own', () => {
    const packer = new RecordPacker();
    const photo = 'A'.repeat(3 << 20); // a 3 MB base64 photo: more than a buffer
    const records: unknown[] = [];
    for (let i = 0; i < 12_000; i++) {
      const record = i === 11_000 ? { name: '有照片', photo } : { name: `联系人 ${i}`, note: '备注'.repeat(i % 50) };
      records.push(record);
      packer.push(record);
    }
    const packed = packer.finish();
    expect(packed.length).toBe(records.length);
    for (const i of [0, 4999, 10_999, 11_000, 11_001, 11_999]) expect(packed.at(i)).toEqual(records[i]);
    expect(JSON.parse(asArrayJson(packed))).toEqual(records);
    // Buffers: ~1.4 MB of small records before the photo (two), the photo's own (three).
    expect([...packed.jsonBody()].filter((p) => p.length > 1).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps full buffers as they are (no copy of each), and cuts a mostly empty last one to what it holds', () => {
    const packer = new RecordPacker();
    for (let i = 0; i < 20_000; i++) packer.push({ name: `联系人 ${i}`, note: '备注'.repeat(i % 30) });
    const buffers = [...packer.finish().jsonBody()].filter((p) => p.length > 1);
    expect(buffers.length).toBeGreaterThanOrEqual(3);
    const last = buffers.pop()!;
    for (const full of buffers) {
      expect(full.buffer.byteLength).toBe(1 << 20); // the buffer filled, not a copy of its bytes
      expect(full.byteLength).toBeGreaterThan((7 / 8) * (1 << 20)); // little room kept with it
    }
    expect(last.buffer.byteLength).toBe(last.byteLength < (7 / 8) * (1 << 20) ? last.byteLength : 1 << 20);
    // A small file keeps no megabyte of room for good.
    const small = [...PackedRecords.from([{ name: '甲' }, { name: '乙' }]).jsonBody()].filter((p) => p.length > 1);
    expect(small.map((p) => p.buffer.byteLength)).toEqual(small.map((p) => p.byteLength));
  });

  it('gives a new object on each read (callers may change what they read), and refuses indexes out of range', () => {
    const packed = PackedRecords.from([{ phones: [{ value: '1' }] }]);
    const first = packed.at(0) as unknown as { phones: unknown[] };
    first.phones.push('changed');
    expect(packed.at(0)).toEqual({ phones: [{ value: '1' }] });
    expect(() => packed.at(1)).toThrow(RangeError);
    expect(() => packed.at(-1)).toThrow(RangeError);
    expect(PackedRecords.from([]).length).toBe(0);
    expect(asArrayJson(PackedRecords.from([]))).toBe('[]');
    expect([...PackedRecords.from([undefined])]).toEqual([null]);
  });
});

describe('FileRecordPacker', () => {
  it('prepares records as they are packed exactly as the merge prepares them from the packed bytes', async () => {
    const { FileRecordPacker } = await import('../../../electron/contacts/file-records');
    const { clearPreparedCache, prepareFileRecords, preparedRecordsOf } = await import('../../../electron/contacts/records');
    const { contact } = await import('./helpers');
    const records = [
      contact('a.vcf', 'card 1', { name: '王伟', phones: ['138 0013 8000', '010-6552 9988'], labels: ['同学'] }),
      contact('a.vcf', 'card 2', { remark: ' 老王 ', wechatIds: ['WangWei'], emails: ['W@Example.com'] }),
      contact('elsewhere.csv', 'row 3', { nickname: 'Zoë', wxids: ['wxid_1', 'legacy_name'] }),
      contact('a.vcf', 'card 4', { givenName: '伟', familyName: '王' }),
      contact('a.vcf', 'card 4', { givenName: '伟', familyName: '王' }), // an exact copy: keyed by rank
    ];
    const packer = new FileRecordPacker('a.vcf', 'CN');
    for (const record of records) packer.push(record);
    const packed = packer.finish();
    const whilePacking = preparedRecordsOf('a.vcf', packed, 'CN');
    clearPreparedCache();
    const fromBytes = prepareFileRecords('a.vcf', packed, 'CN');
    expect(fromBytes).not.toBe(whilePacking);
    expect(whilePacking).toEqual(fromBytes);
    expect(new Set(fromBytes.map((r) => r.key)).size).toBe(records.length);
    expect(packed.at(2).source).toEqual({ file: 'a.vcf', record: 'row 3' });
  });

  it('packs a record given with its JSON text (as the parse thread sends it) to the same bytes, and a record it stores changed from its object', async () => {
    const { FileRecordPacker } = await import('../../../electron/contacts/file-records');
    const { contact } = await import('./helpers');
    const records = [
      contact('a.vcf', 'card 1', { name: '王伟', phones: ['138 0013 8000'], labels: ['同学', '朋友'] }),
      contact('elsewhere.csv', 'row 2', { nickname: 'Zoë \u{1F600}', emails: ['a"b@example.com'] }), // stored with this file's name
      contact('a.vcf', 'card 3', { remark: 'tab\there' }),
    ];
    const plain = new FileRecordPacker('a.vcf');
    const withText = new FileRecordPacker('a.vcf');
    for (const record of records) {
      plain.push(record);
      // The text of the record as it came; for row 2 the stored record differs (another file's name).
      withText.push(JSON.parse(JSON.stringify(record)), JSON.stringify(record));
    }
    const a = plain.finish();
    const b = withText.finish();
    expect(Array.from({ length: b.length }, (_, i) => b.jsonAt(i))).toEqual(Array.from({ length: a.length }, (_, i) => a.jsonAt(i)));
    expect(b.at(1).source).toEqual({ file: 'a.vcf', record: 'row 2' });
  });
});
