// The one UTF-8 check: node:buffer's isUtf8 (simdutf, strict: no overlongs, no surrogates), plus the
// case of a sample cut from a longer file, whose last character may have lost its last bytes.
import { isUtf8 } from 'node:buffer';

/** Well-formed UTF-8. With `cutAtEnd`, an incomplete sequence at the very end passes (a sniffed head). */
export function isUtf8Text(bytes: Uint8Array, cutAtEnd = false): boolean {
  if (isUtf8(bytes)) return true;
  if (!cutAtEnd) return false;
  // Step back over the trailing continuation bytes (at most 3) to the lead byte of the last sequence.
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return false;
  const b = bytes[lead]!;
  const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  // Only a sequence that really is cut short may be left out; everything before it must be whole.
  return length > bytes.length - lead && isUtf8(bytes.subarray(0, lead));
}
