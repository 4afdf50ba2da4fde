import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../corpus';
import { detectFormat } from '../../../electron/photos/detect';
import { classifyDat, DatDecodeError, decodeV1, findXorKey, xorBytes, xorInPlace } from '../../../electron/photos/wechat-dat';
import { makeJpeg, makePng, makeVDat, xorDat } from './fixtures';

describe('detectFormat', () => {
  const cases: [string, number[], string | undefined][] = [
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0], 'jpeg'],
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'png'],
    ['gif', [...Buffer.from('GIF89a')], 'gif'],
    ['webp', [...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'webp'],
    ['tiff le', [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0], 'tiff'],
    ['tiff be', [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], 'tiff'],
    ['bmp', [0x42, 0x4d, 0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0], 'bmp'],
    ['heic', [0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0], 'heic'],
    ['mov', [0, 0, 0, 0x14, ...Buffer.from('ftypqt  '), 0, 0, 0, 0], 'mov'],
    ['mp4', [0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0], 'mp4'],
    ['wxgf', [0x77, 0x78, 0x67, 0x66, 0, 0], 'wxgf'],
    ['text starting with BM', [...Buffer.from('BMW owners club\n')], undefined],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0], undefined],
    ['empty', [], undefined],
  ];
  for (const [label, bytes, want] of cases) {
    it(label, () => expect(detectFormat(Uint8Array.from(bytes))?.type).toBe(want));
  }
});

describe('WeChat .dat decoding', () => {
  it.skipIf(!hasCorpus)('decodes the real corpus file with key 0x51 to the known JPEG', () => {
    const dat = readFileSync(corpusPath('photos/wechat-dat/zhangxiaoyang-test.dat'));
    const kind = classifyDat(dat);
    expect(kind).toMatchObject({ kind: 'xor', key: 0x51, format: { type: 'jpeg' } });
    const out = xorBytes(dat, 0x51);
    expect(out.length).toBe(20292);
    expect([...out.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(createHash('md5').update(out).digest('hex')).toBe('97bb01a44a282860ad7466ff329f438b');
  });

  it('finds the XOR key of PNG, GIF and BMP pictures', async () => {
    const png = await makePng(3);
    expect(findXorKey(xorDat(png, 0xa7))).toMatchObject({ key: 0xa7, format: { type: 'png' } });
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(findXorKey(xorDat(gif, 0x33))).toMatchObject({ key: 0x33, format: { type: 'gif' } });
    const bmp = Buffer.from([0x42, 0x4d, 0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]);
    expect(findXorKey(xorDat(bmp, 0x10))).toMatchObject({ key: 0x10, format: { type: 'bmp' } });
  });

  it('rejects a key that matches only two bytes of a magic', () => {
    // FF D8 then 00: a JPEG key would match the first two bytes only.
    const junk = xorDat(Buffer.from([0xff, 0xd8, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55]), 0x42);
    expect(classifyDat(junk)).toEqual({ kind: 'unknown' });
  });

  it('decodes WeChat 4 V1 files (aligned and unaligned AES part, with and without XOR tail)', async () => {
    const jpeg = await makeJpeg(5, '2021:02:03 04:05:06', 64);
    expect(jpeg.length).toBeGreaterThan(1100);
    for (const [aesLen, xorLen] of [
      [1024, jpeg.length - 1040],
      [1000, 77],
      [1024, 0],
      [16, jpeg.length - 32],
    ] as const) {
      const dat = makeVDat(jpeg, { aesLen, xorLen, xorKey: 0x37 });
      expect(classifyDat(dat)).toEqual({ kind: 'v1' });
      const out = decodeV1(dat);
      expect(out.format.type).toBe('jpeg');
      expect(out.bytes.equals(jpeg)).toBe(true);
      if (xorLen > 0) expect(out.xorKey).toBe(0x37);
    }
  });

  it('recognises V2 files and refuses a truncated V1 file clearly', async () => {
    const jpeg = await makeJpeg(6);
    expect(classifyDat(makeVDat(jpeg, { aesLen: 1024, xorLen: 10, xorKey: 1, version: 2, aesKey: '0123456789abcdef' }))).toEqual({ kind: 'v2' });
    const v1 = makeVDat(jpeg, { aesLen: 1024, xorLen: 100, xorKey: 1 });
    expect(() => decodeV1(v1.subarray(0, 600))).toThrow(DatDecodeError);
    const wrongKey = makeVDat(jpeg, { aesLen: 1024, xorLen: 100, xorKey: 1, aesKey: '0123456789abcdef' });
    expect(() => decodeV1(wrongKey)).toThrow(DatDecodeError);
  });
});

describe('xorInPlace', () => {
  it('decodes like xorBytes at every alignment and length', () => {
    const source = Buffer.from(Array.from({ length: 41 }, (_, i) => (i * 37 + 11) & 0xff));
    for (let start = 0; start < 5; start++) {
      for (let end = start; end <= source.length; end += 3) {
        const view = Buffer.from(source).subarray(start, end);
        const expected = xorBytes(view, 0xa7);
        xorInPlace(view, 0xa7);
        expect(view).toEqual(expected);
      }
    }
  });
});
