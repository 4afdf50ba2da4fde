// Recognizes a contact file by its first bytes, never by its extension.
import iconv from 'iconv-lite';
import { detectBom, looksLikeGb18030, sniffUtf16, type FileEncoding } from './encoding';
import { isUtf8Text } from '../platform/utf8';

export type SniffKind = 'vcard' | 'json' | 'csv' | 'empty' | 'binary';

export interface Sniffed {
  kind: SniffKind;
  encoding: FileEncoding;
  bomLength: number;
  /** The head decoded to text (BOM removed). */
  text: string;
  /** For binary files: what it looks like, in English and as a code the UI translates (see BINARY_MAGICS). */
  what?: string;
  whatCode?: string;
}

export const SNIFF_BYTES = 256 * 1024;

// [English description, code for the UI, magic bytes, offset of the magic]
const BINARY_MAGICS: [string, string, number[], number?][] = [
  ['a JPEG picture', 'jpeg', [0xff, 0xd8, 0xff]],
  ['a PNG picture', 'png', [0x89, 0x50, 0x4e, 0x47]],
  ['a GIF picture', 'gif', [0x47, 0x49, 0x46, 0x38]],
  ['a WebP/RIFF file', 'riff', [0x52, 0x49, 0x46, 0x46]],
  ['a PDF document', 'pdf', [0x25, 0x50, 0x44, 0x46]],
  ['a ZIP archive (an .xlsx workbook or a zipped export?)', 'zip', [0x50, 0x4b, 0x03, 0x04]],
  ['an old Excel/Office document', 'office', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a gzip archive', 'gzip', [0x1f, 0x8b]],
  ['a 7-Zip archive', '7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['a RAR archive', 'rar', [0x52, 0x61, 0x72, 0x21]],
  ['a SQLite database', 'sqlite', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
  ['an HEIC/MP4 file', 'heic', [0x66, 0x74, 0x79, 0x70], 4],
];

function magicName(head: Uint8Array): { what: string; whatCode: string } | undefined {
  for (const [what, whatCode, magic, offset = 0] of BINARY_MAGICS) {
    if (head.length >= offset + magic.length && magic.every((b, i) => head[offset + i] === b)) return { what, whatCode };
  }
  return undefined;
}

/** Share of control bytes (not tab/CR/LF/FF/ESC) in the sample. */
function controlShare(head: Uint8Array): number {
  const n = Math.min(head.length, 8192);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) bad++;
  }
  return bad / n;
}

export function detectTextEncoding(head: Uint8Array, truncated: boolean): { encoding: FileEncoding; bomLength: number } {
  const bom = detectBom(head);
  if (bom) return { encoding: bom.encoding === 'utf-8' ? 'utf-8-bom' : bom.encoding, bomLength: bom.length };
  const utf16 = sniffUtf16(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isUtf8Text(head, truncated)) return { encoding: 'utf-8', bomLength: 0 };
  // Not UTF-8: Chinese Excel writes GBK (read as its superset GB18030); Western Excel writes cp1252.
  return { encoding: looksLikeGb18030(head.subarray(0, truncated ? head.length - 4 : head.length)) ? 'gb18030' : 'windows-1252', bomLength: 0 };
}

export function decodeHead(head: Uint8Array, encoding: string, bomLength: number): string {
  const body = Buffer.from(head.buffer, head.byteOffset, head.byteLength).subarray(bomLength);
  const name = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  return iconv.decode(body, name, { stripBOM: true });
}

/**
 * A BEGIN:VCARD or END:VCARD line, or a first line `VERSION:2.1|3.0|4.0`: a vCard file even when its
 * first card lost its BEGIN line (the reader reads such a card and says so).
 */
function looksLikeVcard(text: string): boolean {
  return /(^|[\r\n])[ \t]*(BEGIN|END)[ \t]*:[ \t]*VCARD/i.test(text) || /^\s*VERSION[ \t]*:[ \t]*[234]\.\d/i.test(text);
}

export function sniff(head: Uint8Array, fileSize: number): Sniffed {
  const base = { encoding: 'utf-8' as FileEncoding, bomLength: 0, text: '' };
  if (fileSize === 0) return { ...base, kind: 'empty' };
  const magic = magicName(head);
  if (magic) return { ...base, kind: 'binary', ...magic };
  const { encoding, bomLength } = detectTextEncoding(head, fileSize > head.length);
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && controlShare(head) > 0.05) {
    return { ...base, kind: 'binary', what: 'binary data', whatCode: 'binary' };
  }
  const text = decodeHead(head, encoding, bomLength);
  const trimmed = text.trimStart();
  if (trimmed === '') return { kind: 'empty', encoding, bomLength, text };
  if (looksLikeVcard(text.slice(0, 65536))) return { kind: 'vcard', encoding, bomLength, text };
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { kind: 'json', encoding, bomLength, text };
  return { kind: 'csv', encoding, bomLength, text };
}
