// The one UTF-8 check (platform/utf8.ts) against a reference decoder: whole buffers, and a sample cut
// at any byte from a longer text (only a character cut at the very end may be incomplete).
import { describe, expect, it } from 'vitest';
import { isUtf8Text } from '../../../electron/platform/utf8';

const strict = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('isUtf8Text', () => {
  it('agrees with a fatal TextDecoder on whole buffers, GBK, overlongs and surrogates', () => {
    const samples = [
      Buffer.from('火锅 ok 😀'),
      Buffer.from([0xbb, 0xf0, 0xb9, 0xf8]), // 火锅 in GBK
      Buffer.from([0xc0, 0xaf]), // overlong '/'
      Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // beyond U+10FFFF
      Buffer.from([]),
    ];
    for (const s of samples) expect(isUtf8Text(s), s.toString('hex')).toBe(strict(s));
  });

  it('a head cut inside the last character passes only when cut there, and only if the rest is whole', () => {
    const text = Buffer.from('张三 wxid_1 😀 火锅');
    for (let end = 0; end <= text.length; end++) {
      const head = text.subarray(0, end);
      expect(isUtf8Text(head, true), `cut at ${end}`).toBe(true);
      expect(isUtf8Text(head, false), `cut at ${end}`).toBe(strict(head));
    }
    expect(isUtf8Text(Buffer.from([0xbb, 0xf0, 0xe7]), true)).toBe(false); // GBK, then a cut-looking lead
    expect(isUtf8Text(Buffer.from([0x41, 0x80]), true)).toBe(false); // a lone continuation byte
  });
});
