// PC 3.x Contact.ExtraBuf: a run of tagged values. Each value sits after a 4-byte tag and a type
// byte: 0x04 an int32 (LE), 0x18 a byte length (u32 LE) then UTF-16LE text, 0x17 the same with UTF-8.
// The layout between tags is not documented, so values are found by their tag, as every reader does.

/** The tags Relink uses (bytes as they appear in the blob). */
export const EXTRA_BUF_TAGS = {
  phone: [0x75, 0x93, 0x78, 0xad],
  signature: [0x46, 0xcf, 0x10, 0xc4],
  country: [0xa4, 0xd9, 0x02, 0x4a],
  province: [0xe2, 0xea, 0xa8, 0xd1],
  city: [0x1d, 0x02, 0x5b, 0xbf],
  gender: [0x74, 0x75, 0x2c, 0x06],
} as const;

export type ExtraBufField = keyof typeof EXTRA_BUF_TAGS;

export function readExtraBuf(buf: Uint8Array | null | undefined, field: ExtraBufField): string | number | undefined {
  if (!buf || buf.length < 6) return undefined;
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const at = bytes.indexOf(Buffer.from(EXTRA_BUF_TAGS[field]));
  if (at < 0) return undefined;
  let offset = at + 4;
  const type = bytes[offset++];
  if (type === 0x04) return offset + 4 <= bytes.length ? bytes.readInt32LE(offset) : undefined;
  if (type !== 0x18 && type !== 0x17) return undefined;
  if (offset + 4 > bytes.length) return undefined;
  const length = bytes.readUInt32LE(offset);
  offset += 4;
  if (length > bytes.length - offset) return undefined;
  const text = bytes.subarray(offset, offset + length).toString(type === 0x18 ? 'utf16le' : 'utf8');
  return text.replace(/\0+$/, '') || undefined;
}
