// WeChat PC image cache files (.dat). See shared/reference/export-formats.md §4.
//
// * Old scheme (PC 3.x, early 4.x): the whole picture XORed with one byte. The key is found from
//   the first byte and a format's magic, and only accepted when every byte of that magic matches.
// * WeChat 4 "V1" (07 08 56 31): the head is AES-128-ECB with a fixed key, the tail XORed with a
//   byte, the middle is plain. Decoded here.
// * WeChat 4 "V2" (07 08 56 32): same layout, but the AES key belongs to the account. Decoded only
//   with a key the user gives (one they noted themselves); Relink never looks for keys. Without
//   one, such files are reported as needing a key.
import { createDecipheriv } from 'node:crypto';
import { detectFormat, type FormatInfo } from './detect';

const XOR_MAGICS: readonly (readonly number[])[] = [
  [0xff, 0xd8, 0xff], // JPEG
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x49, 0x49, 0x2a, 0x00], // TIFF (little endian)
  [0x4d, 0x4d, 0x00, 0x2a], // TIFF (big endian)
  [0x42, 0x4d], // BMP: only two bytes of magic, so the decoded header is checked too
  [0x77, 0x78, 0x67, 0x66], // WXGF
];

const V1_SIGNATURE = [0x07, 0x08, 0x56, 0x31];
const V2_SIGNATURE = [0x07, 0x08, 0x56, 0x32];
const V_HEADER_BYTES = 15;
/** ASCII "cfcd208495d565ef": the first 16 hex digits of md5("0"), WeChat 4's fixed V1 key. */
const V1_AES_KEY = Buffer.from('cfcd208495d565ef', 'ascii');

export type DatKind =
  | { kind: 'plain'; format: FormatInfo }
  | { kind: 'xor'; key: number; format: FormatInfo }
  | { kind: 'v1' }
  | { kind: 'v2' }
  | { kind: 'unknown' };

function hasPrefix(b: Uint8Array, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((m, i) => b[i] === m);
}

export function xorBytes(chunk: Uint8Array, key: number): Buffer {
  const out = Buffer.allocUnsafe(chunk.length);
  for (let i = 0; i < chunk.length; i++) out[i] = chunk[i]! ^ key;
  return out;
}

/** XOR-decodes in place, four bytes at a time: no copy, no garbage for the collector. */
export function xorInPlace(bytes: Uint8Array, key: number): void {
  const lead = (4 - (bytes.byteOffset & 3)) & 3;
  if (bytes.length < lead + 4) {
    for (let i = 0; i < bytes.length; i++) bytes[i]! ^= key;
    return;
  }
  for (let i = 0; i < lead; i++) bytes[i]! ^= key;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + lead, (bytes.length - lead) >>> 2);
  const key32 = (key & 0xff) * 0x01010101;
  for (let i = 0; i < words.length; i++) words[i]! ^= key32;
  for (let i = lead + words.length * 4; i < bytes.length; i++) bytes[i]! ^= key;
}

/** The single-byte XOR key of an old-scheme .dat file, from its first bytes. */
export function findXorKey(head: Uint8Array): { key: number; format: FormatInfo } | undefined {
  if (head.length === 0) return undefined;
  for (const magic of XOR_MAGICS) {
    const key = head[0]! ^ magic[0]!;
    if (!magic.every((m, i) => i < head.length && (head[i]! ^ key) === m)) continue;
    const format = detectFormat(xorBytes(head.subarray(0, 32), key));
    if (format) return { key, format };
  }
  return undefined;
}

/** What a WeChat .dat file holds, from its first bytes (32 are plenty). */
export function classifyDat(head: Uint8Array): DatKind {
  if (hasPrefix(head, V1_SIGNATURE)) return { kind: 'v1' };
  if (hasPrefix(head, V2_SIGNATURE)) return { kind: 'v2' };
  const plain = detectFormat(head);
  if (plain) return { kind: 'plain', format: plain };
  const xor = findXorKey(head);
  if (xor) return { kind: 'xor', ...xor };
  return { kind: 'unknown' };
}

/** Last bytes each format ends with: they reveal the XOR byte of a V1 file's tail. */
const TRAILERS: Partial<Record<FormatInfo['type'], readonly number[]>> = {
  jpeg: [0xff, 0xd9],
  png: [0xae, 0x42, 0x60, 0x82],
  gif: [0x00, 0x3b],
};

export class DatDecodeError extends Error {}

/**
 * The AES key of a user's WeChat 4 V2 pictures as they may have noted it: 16 characters (used as
 * they are, like the V1 key) or 32 hex digits (those 16 bytes written out). Undefined for anything else.
 */
export function parseDatKey(text: string): Buffer | undefined {
  const key = text.trim();
  if (/^[0-9a-f]{32}$/i.test(key)) return Buffer.from(key, 'hex');
  if (/^[\x21-\x7e]{16}$/.test(key)) return Buffer.from(key, 'ascii');
  return undefined;
}

/** A WeChat image key that is not 16 characters or 32 hex digits (the key itself is never repeated). */
export class ImageKeyError extends Error {
  constructor() {
    super('the WeChat image key must be 16 characters or 32 hex digits');
  }
}

/** The key an import was given, parsed; none given, none returned; one that is not a key refused. */
export function importDatKey(text: string | undefined): Buffer | undefined {
  if (!text) return undefined;
  const key = parseDatKey(text);
  if (!key) throw new ImageKeyError();
  return key;
}

type Decoded = { bytes: Buffer; format: FormatInfo; xorKey?: number };

/**
 * Decodes a WeChat 4 V1 file. The tail's XOR byte is taken from the picture's own trailer
 * (JPEG FF D9, PNG IEND CRC, GIF 3B); `xorKeyHint` (learnt from other files of the same account)
 * is used when the trailer cannot tell.
 */
export function decodeV1(file: Uint8Array, xorKeyHint?: number): Decoded {
  if (!hasPrefix(file, V1_SIGNATURE)) throw new DatDecodeError('not a WeChat 4 V1 file');
  return decodeVersioned(file, V1_AES_KEY, 'V1', xorKeyHint);
}

/** Decodes a WeChat 4 V2 file with the account's AES key (from parseDatKey), else as V1. */
export function decodeV2(file: Uint8Array, aesKey: Buffer, xorKeyHint?: number): Decoded {
  if (!hasPrefix(file, V2_SIGNATURE)) throw new DatDecodeError('not a WeChat 4 V2 file');
  return decodeVersioned(file, aesKey, 'V2', xorKeyHint);
}

function decodeVersioned(file: Uint8Array, aesKey: Buffer, version: 'V1' | 'V2', xorKeyHint?: number): Decoded {
  if (file.length < V_HEADER_BYTES) throw new DatDecodeError(`${version} header is truncated`);
  const view = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const aesLen = view.readUInt32LE(6);
  const xorLen = view.readUInt32LE(10);
  const body = view.subarray(V_HEADER_BYTES);
  // PKCS#7 always pads: an aligned length gets a whole extra block.
  const aesBlockLen = aesLen + (16 - (aesLen % 16));
  if (aesBlockLen > body.length || xorLen > body.length - aesBlockLen) {
    throw new DatDecodeError(`${version} lengths do not fit the file (aes ${aesLen}, xor ${xorLen}, body ${body.length})`);
  }
  let head: Buffer;
  try {
    const decipher = createDecipheriv('aes-128-ecb', aesKey, null);
    head = Buffer.concat([decipher.update(body.subarray(0, aesBlockLen)), decipher.final()]);
  } catch {
    throw new DatDecodeError(version === 'V1' ? 'V1 head does not decrypt with the V1 key' : 'V2 head does not decrypt with the key given (another account’s key?)');
  }
  const format = detectFormat(head);
  if (!format) throw new DatDecodeError(`${version} head decrypts to no known picture format${version === 'V2' ? ' (another account’s key?)' : ''}`);
  const middle = body.subarray(aesBlockLen, body.length - xorLen);
  const tail = body.subarray(body.length - xorLen);
  if (xorLen === 0) return { bytes: Buffer.concat([head, middle]), format };
  const xorKey = tailXorKey(tail, format) ?? xorKeyHint;
  if (xorKey === undefined) throw new DatDecodeError(`${version} tail XOR byte could not be found`);
  return { bytes: Buffer.concat([head, middle, xorBytes(tail, xorKey)]), format, xorKey };
}

function tailXorKey(tail: Buffer, format: FormatInfo): number | undefined {
  const trailer = TRAILERS[format.type];
  if (!trailer || tail.length < trailer.length) return undefined;
  const end = tail.subarray(tail.length - trailer.length);
  const key = end[end.length - 1]! ^ trailer[trailer.length - 1]!;
  return trailer.every((t, i) => (end[i]! ^ key) === t) ? key : undefined;
}
