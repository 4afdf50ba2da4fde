// The tar framing of a bundle (POSIX pax, IEEE Std 1003.1-2001 "pax Interchange Format"): 512-byte
// ustar headers, a pax extended header before an entry whose name is not short ASCII or whose size
// does not fit the ustar field, data padded to 512 bytes, two zero blocks at the end. Only what a
// bundle holds: regular files. Written and read here rather than through tar-stream so the bytes go
// straight between the disk and the hash, in large pieces; bundles tar-stream wrote read the same
// (it writes ustar with prefix, and pax for other names), and `tar` lists and unpacks ours.

export const BLOCK = 512;
/** The end of an archive: two zero blocks. */
export const TAR_END = Buffer.alloc(2 * BLOCK);
const USTAR_MAGIC = Buffer.from('ustar\0' + '00', 'latin1');
const GNU_MAGIC = Buffer.from('ustar  \0', 'latin1');
const MAX_OCTAL_SIZE = 0o77777777777; // 11 octal digits

export interface TarEntry {
  name: string;
  size: number;
  mode: number;
  mtime: Date;
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

/** Zeros that fill an entry of `size` bytes up to its next block. */
export function padding(size: number): Buffer {
  return TAR_END.subarray(0, (BLOCK - (size % BLOCK)) % BLOCK);
}

function writeOctal(block: Buffer, value: number, at: number, width: number): void {
  block.write(value.toString(8).padStart(width - 1, '0') + '\0', at, width, 'latin1');
}

function checksum(block: Buffer): number {
  let sum = 8 * 0x20; // the checksum field counts as spaces
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]!;
  return sum;
}

function ustar(name: string, size: number, mode: number, mtime: Date, type: string): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  writeOctal(block, mode & 0o7777, 100, 8);
  writeOctal(block, 0, 108, 8); // uid
  writeOctal(block, 0, 116, 8); // gid
  writeOctal(block, size, 124, 12);
  writeOctal(block, Math.max(0, Math.floor(mtime.getTime() / 1000)), 136, 12);
  block.write(type, 156, 1, 'latin1');
  USTAR_MAGIC.copy(block, 257);
  writeOctal(block, checksum(block), 148, 7);
  block[155] = 0x20;
  return block;
}

/** One pax record: "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyBytes = Buffer.byteLength(body);
  let length = bodyBytes + 1;
  while (String(length).length + bodyBytes !== length) length = String(length).length + bodyBytes;
  return `${length}${body}`;
}

/** The header block(s) of a regular file: a pax header first when the ustar fields cannot hold it. */
export function entryHeader(entry: TarEntry): Buffer {
  const simpleName = /^[\x20-\x7e]{1,100}$/.test(entry.name);
  const fits = entry.size <= MAX_OCTAL_SIZE;
  if (simpleName && fits) return ustar(entry.name, entry.size, entry.mode, entry.mtime, '0');
  const records = Buffer.from((simpleName ? '' : paxRecord('path', entry.name)) + (fits ? '' : paxRecord('size', String(entry.size))), 'utf8');
  const shortName = simpleName ? entry.name : entry.name.replace(/[^\x20-\x7e]/g, '_').slice(-100);
  return Buffer.concat([
    ustar(`PaxHeader/${shortName}`.slice(0, 100), records.length, 0o600, entry.mtime, 'x'),
    records,
    padding(records.length),
    ustar(shortName, fits ? entry.size : 0, entry.mode, entry.mtime, '0'),
  ]);
}

function readOctal(block: Buffer, at: number, width: number): number {
  if (block[at]! & 0x80) {
    // base-256 (GNU and tar-stream for large values): big-endian after the marker bit
    let value = block[at]! & 0x7f;
    for (let i = at + 1; i < at + width; i++) value = value * 256 + block[i]!;
    return value;
  }
  const text = block.toString('latin1', at, at + width).replace(/[\0 ]+$/, '').replace(/^[ ]+/, '');
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError('A tar header holds a number that is not octal');
  return text ? parseInt(text, 8) : 0;
}

function readText(block: Buffer, at: number, width: number): string {
  const end = block.indexOf(0, at);
  return block.toString('utf8', at, end < 0 || end > at + width ? at + width : end);
}

export interface TarHeader {
  name: string;
  size: number;
  /** '0' a file, 'x' pax records for the next entry; other types a bundle never holds. */
  type: string;
}

/** A header block, or undefined for a zero block (the end); throws when its checksum is wrong. */
export function readHeader(block: Buffer): TarHeader | undefined {
  if (block.every((b) => b === 0)) return undefined;
  if (readOctal(block, 148, 8) !== checksum(block)) throw new TarFormatError('A tar header is damaged (its checksum differs)');
  const ustarFormat = block.subarray(257, 265).equals(USTAR_MAGIC);
  if (!ustarFormat && !block.subarray(257, 265).equals(GNU_MAGIC)) throw new TarFormatError('A tar header is of an unknown format');
  let name = readText(block, 0, 100);
  if (ustarFormat && block[345] !== 0) name = `${readText(block, 345, 155)}/${name}`;
  const type = block[156] === 0 ? '0' : String.fromCharCode(block[156]!);
  return { name, size: readOctal(block, 124, 12), type };
}

/** The records of a pax extended header that a bundle's entries use (path and size). */
export function readPax(records: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let at = 0;
  while (at < records.length) {
    const space = records.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(records.toString('latin1', at, space));
    if (!Number.isInteger(length) || length <= 0 || at + length > records.length || records[at + length - 1] !== 0x0a) {
      throw new TarFormatError('A tar pax header is damaged');
    }
    const record = records.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq < 0) throw new TarFormatError('A tar pax header is damaged');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') out.path = value;
    else if (key === 'size') {
      if (!/^[0-9]+$/.test(value)) throw new TarFormatError('A tar pax header holds a size that is not a number');
      out.size = Number(value);
    }
    at += length;
  }
  return out;
}
