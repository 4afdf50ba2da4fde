// The packed values inside decrypted WeChat databases: LZ4 blocks (3.x CompressContent), zstd
// frames (4.x message_content), and the few protobuf fields Relink reads (3.x BytesExtra, 4.x
// packed_info_data, the RoomData of group members). Every reader here returns undefined for a
// value in another shape rather than throwing: one odd row never stops a chat.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { decompressBlock } from 'lz4js';
import { zstdDecompressSync } from 'node:zlib';

/** The largest text Relink unpacks from one message (an app message's XML is a few KB). */
const MAX_UNPACKED = 16 << 20;

/**
 * A raw LZ4 block (no frame, no size prefix) → UTF-8 text without the trailing NULs WeChat leaves.
 * The output size is unknown, so the buffer starts at 8× the input and grows while lz4js reports
 * it wrote past the end (it keeps counting where a typed array drops the bytes).
 */
export function lz4Text(block: Uint8Array): string | undefined {
  if (block.length === 0) return undefined;
  for (let size = Math.max(256, block.length * 8); size <= MAX_UNPACKED; size *= 4) {
    const out = new Uint8Array(size);
    let end: number;
    try {
      end = decompressBlock(block, out, 0, block.length, 0);
    } catch {
      return undefined;
    }
    if (!Number.isFinite(end)) return undefined;
    if (end <= size) return Buffer.from(out.buffer, 0, end).toString('utf8').replace(/\0+$/, '');
  }
  return undefined;
}

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export const isZstd = (bytes: Uint8Array): boolean => bytes.length >= 4 && ZSTD_MAGIC.every((b, i) => bytes[i] === b);

/** 4.x message_content: text as stored, or a zstd frame (told by its magic, whatever the column type). */
export function contentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!(value instanceof Uint8Array)) return value === null || value === undefined ? '' : String(value);
  if (isZstd(value)) {
    try {
      return zstdDecompressSync(value, { maxOutputLength: MAX_UNPACKED }).toString('utf8').replace(/\0+$/, '');
    } catch {
      return '';
    }
  }
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
}

/** Calls `onField` for each top-level field of a protobuf message; false when the bytes are not one. */
function eachField(bytes: Uint8Array, onField: (field: number, reader: BinaryReader, wireType: WireType) => boolean): boolean {
  try {
    const reader = new BinaryReader(bytes);
    while (reader.pos < reader.len) {
      const [field, wireType] = reader.tag();
      if (!onField(field, reader, wireType)) reader.skip(wireType);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * 3.x BytesExtra: `{1: {…}, 3: repeated {1: type, 2: value}}`. Type 1 is the sender's wxid in a
 * group, 3 the thumbnail path, 4 the picture or file path.
 */
export function bytesExtraItems(bytes: Uint8Array | undefined): { type: number; value: string }[] {
  const items: { type: number; value: string }[] = [];
  if (!bytes || bytes.length === 0) return items;
  eachField(bytes, (field, reader, wireType) => {
    if (field !== 3 || wireType !== WireType.LengthDelimited) return false;
    let type = 0;
    let value = '';
    eachField(reader.bytes(), (f, r, w) => {
      if (f === 1 && w === WireType.Varint) type = r.int32();
      else if (f === 2 && w === WireType.LengthDelimited) value = r.string();
      else return false;
      return true;
    });
    items.push({ type, value });
    return true;
  });
  return items;
}

/**
 * The sender of a 3.x group message: item type 1 (one source takes the first item instead, so that
 * is the fallback), without the `:25319:1`-like suffix one source strips.
 */
export function bytesExtraSender(items: { type: number; value: string }[]): string | undefined {
  const value = (items.find((i) => i.type === 1) ?? (items[0]?.type === 0 ? items[0] : undefined))?.value;
  const wxid = value?.replace(/(:\d+)+$/, '').trim();
  return wxid || undefined;
}

/** 4.x packed_info_data: a picture's file md5 sits in field 3 → field 4. */
export function packedPictureMd5(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes || bytes.length === 0) return undefined;
  let md5: string | undefined;
  eachField(bytes, (field, reader, wireType) => {
    if (field !== 3 || wireType !== WireType.LengthDelimited) return false;
    eachField(reader.bytes(), (f, r, w) => {
      if (f !== 4 || w !== WireType.LengthDelimited) return false;
      const text = r.string();
      if (/^[0-9a-f]{32}$/i.test(text)) md5 = text.toLowerCase();
      return true;
    });
    return true;
  });
  return md5;
}

/** RoomData (3.x ChatRoom, 4.x chat_room.ext_buffer): `1: repeated {1 wxid, 2 display name}`. */
export function roomMembers(bytes: Uint8Array | undefined): Map<string, string> {
  const members = new Map<string, string>();
  if (!bytes || bytes.length === 0) return members;
  eachField(bytes, (field, reader, wireType) => {
    if (field !== 1 || wireType !== WireType.LengthDelimited) return false;
    let wxid = '';
    let name = '';
    eachField(reader.bytes(), (f, r, w) => {
      if (f === 1 && w === WireType.LengthDelimited) wxid = r.string();
      else if (f === 2 && w === WireType.LengthDelimited) name = r.string();
      else return false;
      return true;
    });
    if (wxid) members.set(wxid, name.trim());
    return true;
  });
  return members;
}
