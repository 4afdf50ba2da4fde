// Inline vCard photos: 2.1 BASE64, 3.0 ENCODING=b and 4.0 data: URIs. Kept only when the bytes are
// a real picture of reasonable size, because a broken or huge blob is worse than no avatar.
import type { VProperty } from './property';

export const MAX_PHOTO_BYTES = 1 << 20;

const MAGICS: [string, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/gif', [0x47, 0x49, 0x46, 0x38]],
  ['image/bmp', [0x42, 0x4d]],
];

export function sniffImageMime(bytes: Uint8Array): string | undefined {
  for (const [mime, magic] of MAGICS) if (magic.every((b, i) => bytes[i] === b)) return mime;
  if (bytes.length > 12 && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return undefined;
}

function decodeBase64Strict(text: string): Buffer | undefined {
  const b64 = text.replace(/\s+/g, '');
  // Cheap bound before decoding: 4 characters carry 3 bytes.
  if (b64.length === 0 || (b64.length / 4) * 3 > MAX_PHOTO_BYTES + 3) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) && !/^[A-Za-z0-9_-]*={0,2}$/.test(b64)) return undefined;
  return Buffer.from(b64, 'base64');
}

export function decodePhoto(p: VProperty): { mime: string; base64: string } | undefined {
  const raw = p.value.toString('latin1', p.valueStart, p.valueEnd).trim();
  let bytes: Buffer | undefined;
  const dataUri = /^data:([^;,]*)(;[^,]*)?,(.*)$/is.exec(raw);
  if (dataUri) {
    if (!/;base64/i.test(dataUri[2] ?? '')) return undefined;
    bytes = decodeBase64Strict(dataUri[3]!);
  } else if (p.encoding === 'base64') {
    bytes = decodeBase64Strict(raw);
  } else return undefined; // a URL: nothing to embed offline
  if (!bytes || bytes.length === 0 || bytes.length > MAX_PHOTO_BYTES) return undefined;
  const mime = sniffImageMime(bytes);
  if (!mime) return undefined;
  return { mime, base64: bytes.toString('base64') };
}
