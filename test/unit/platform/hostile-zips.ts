// Zips as an attacker (or a broken tool) writes them: deflated entries whose declared sizes may lie,
// many small entries that expand a lot together, a zip64 end record claiming millions of entries.
// Entries are written as the zip format says (local header, data, central directory, end record).
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntrySpec {
  name: string;
  /** The entry's real (uncompressed) bytes. */
  data?: Buffer;
  /** Deflate (method 8, default) or store (method 0). */
  stored?: boolean;
  /** Raw compressed bytes to write instead of deflating `data` (with `declaredSize`). */
  compressed?: Buffer;
  /** Uncompressed size written in the headers (default: the real size). */
  declaredSize?: number;
}

/** A zip of the given entries; identical data is deflated once (a cache keyed by the Buffer). */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const cache = new Map<Buffer, Buffer>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    let body = e.compressed;
    if (!body) {
      if (e.stored) body = data;
      else {
        body = cache.get(data) ?? deflateRawSync(data, { level: 9 });
        cache.set(data, body);
      }
    }
    const method = e.stored ? 0 : 8;
    const crc = crc32(data);
    const size = e.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x6000, 10);
    local.writeUInt16LE(((2020 - 1980) << 9) | (1 << 5) | 1, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x6000, 12);
    central.writeUInt16LE(((2020 - 1980) << 9) | (1 << 5) | 1, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** An empty zip whose zip64 end record claims `count` entries (the listing itself would be the attack). */
export function zip64ClaimingEntries(count: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4); // size of the rest of the record
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(0n, 40); // central directory size
  record.writeBigUInt64LE(0n, 48); // central directory offset
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(0n, 8); // the zip64 end record is at offset 0
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([record, locator, end]);
}

/** A JPEG start followed by zeros: a "picture" that deflates about 1000:1. */
export function zeroJpeg(bytes: number): Buffer {
  const b = Buffer.alloc(bytes);
  b.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  return b;
}
