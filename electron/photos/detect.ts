// Picture and video formats, recognised by their first bytes (the name of a file says nothing:
// WeChat hides JPEGs in .dat files, backups lose extensions, phones write .jpg that are HEIC).
import type { PhotoType } from '../../shared/types';

export interface FormatInfo {
  type: PhotoType;
  mime: string;
  ext: string;
}

const FORMATS: Record<PhotoType, FormatInfo> = {
  jpeg: { type: 'jpeg', mime: 'image/jpeg', ext: 'jpg' },
  png: { type: 'png', mime: 'image/png', ext: 'png' },
  gif: { type: 'gif', mime: 'image/gif', ext: 'gif' },
  webp: { type: 'webp', mime: 'image/webp', ext: 'webp' },
  heic: { type: 'heic', mime: 'image/heic', ext: 'heic' },
  avif: { type: 'avif', mime: 'image/avif', ext: 'avif' },
  bmp: { type: 'bmp', mime: 'image/bmp', ext: 'bmp' },
  tiff: { type: 'tiff', mime: 'image/tiff', ext: 'tif' },
  // WeChat's own HEVC container: kept as is, no decoder for it here.
  wxgf: { type: 'wxgf', mime: 'application/octet-stream', ext: 'wxgf' },
  mp4: { type: 'mp4', mime: 'video/mp4', ext: 'mp4' },
  mov: { type: 'mov', mime: 'video/quicktime', ext: 'mov' },
};

export function formatInfo(type: PhotoType): FormatInfo {
  return FORMATS[type];
}

/** Bytes needed to recognise every format below. */
export const SNIFF_BYTES = 16;

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

function startsWith(b: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (b.length < at + magic.length) return false;
  return magic.every((m, i) => b[at + i] === m);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/** The format of a file from its first bytes, or undefined when it is not a picture or video we keep. */
export function detectFormat(head: Uint8Array): FormatInfo | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return FORMATS.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return FORMATS.png;
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38]) && (head[4] === 0x37 || head[4] === 0x39)) return FORMATS.gif;
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return FORMATS.webp;
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return FORMATS.tiff;
  if (isBmp(head)) return FORMATS.bmp;
  if (startsWith(head, [0x77, 0x78, 0x67, 0x66])) return FORMATS.wxgf;
  if (ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12).toLowerCase();
    if (HEIC_BRANDS.has(brand)) return FORMATS.heic;
    if (AVIF_BRANDS.has(brand)) return FORMATS.avif;
    if (brand === 'qt  ') return FORMATS.mov;
    return FORMATS.mp4;
  }
  // Old QuickTime files start with a moov/mdat/wide atom instead of ftyp.
  if (['moov', 'mdat', 'wide', 'free'].includes(ascii(head, 4, 8)) && head.length >= 8) return FORMATS.mov;
  return undefined;
}

/** "BM" alone matches text files ("BMW…"); also check the header size field and reserved bytes. */
function isBmp(head: Uint8Array): boolean {
  if (!startsWith(head, [0x42, 0x4d]) || head.length < 16) return false;
  const reservedZero = head[6] === 0 && head[7] === 0 && head[8] === 0 && head[9] === 0;
  const dibSize = head[14]! | (head[15]! << 8);
  return reservedZero && [12, 40, 52, 56, 64, 108, 124].includes(dibSize);
}
