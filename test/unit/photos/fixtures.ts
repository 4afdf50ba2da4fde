// Builders for photo fixtures: small JPEGs with EXIF (sharp), WeChat .dat encodings, stored zips.
import { createCipheriv, createHash } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
export const md5 = (b: Uint8Array | string) => createHash('md5').update(b).digest('hex');

/** Deterministic noisy pixels: JPEGs of them compress like photos, not like flat colour. */
export function noisePixels(seed: number, width: number, height: number): Buffer {
  const px = Buffer.alloc(width * height * 3);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < px.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    px[i] = (x & 0x7f) + ((i / 3) % width) / 4;
  }
  return px;
}

/** A distinct JPEG per seed, optionally with EXIF DateTimeOriginal ("2019:09:06 12:34:56"). */
export async function makeJpeg(seed: number, exifDate?: string, size = 48): Promise<Buffer> {
  const img = sharp(noisePixels(seed, size, size), { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 80 });
  return exifDate ? img.withExif({ IFD0: { Make: 'Relink test' }, IFD2: { DateTimeOriginal: exifDate } }).toBuffer() : img.toBuffer();
}

export async function makePng(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 20 + seed, height: 10, channels: 4, background: { r: seed, g: 0, b: 0, alpha: 1 } } }).png().toBuffer();
}

export function xorDat(bytes: Uint8Array, key: number): Buffer {
  return Buffer.from(bytes.map((b) => b ^ key));
}

/** WeChat 4 ".dat" V1 (or V2 with another key): AES-ECB head, plain middle, XORed tail. */
export function makeVDat(picture: Buffer, opts: { aesLen: number; xorLen: number; xorKey: number; version?: 1 | 2; aesKey?: string }): Buffer {
  const { aesLen, xorLen, xorKey } = opts;
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(opts.aesKey ?? 'cfcd208495d565ef', 'ascii'), null);
  const aesPart = Buffer.concat([cipher.update(picture.subarray(0, aesLen)), cipher.final()]);
  const middle = picture.subarray(aesLen, picture.length - xorLen);
  const tail = xorDat(picture.subarray(picture.length - xorLen), xorKey);
  const header = Buffer.alloc(15);
  Buffer.from([0x07, 0x08, 0x56, opts.version === 2 ? 0x32 : 0x31, 0x08, 0x07]).copy(header);
  header.writeUInt32LE(aesLen, 6);
  header.writeUInt32LE(xorLen, 10);
  return Buffer.concat([header, aesPart, middle, tail]);
}

export function put(path: string, bytes: Uint8Array | string, mtime?: Date): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  if (mtime) utimesSync(path, mtime, mtime);
}

/** A zip with stored (uncompressed) entries; names are written as given, "../" included. */
export function storedZip(entries: { name: string; data: Uint8Array }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = Buffer.from(e.data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0x6000, 10); // 12:00
    local.writeUInt16LE(((2018 - 1980) << 9) | (5 << 5) | 20, 12); // 2018-05-20
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0x6000, 12);
    central.writeUInt16LE(((2018 - 1980) << 9) | (5 << 5) | 20, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
