// Turns bytes (a file on disk or a zip entry) into decoded text: detects the encoding from the first
// bytes (BOM, valid UTF-8, else GB18030 as Excel on Chinese Windows writes) and streams lines.
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { isUtf8Text } from '../platform/utf8';
import iconv from 'iconv-lite';
import type { BytesCallback, ReaderInput } from './model';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export const SNIFF_BYTES = 64 * 1024;

export interface ByteSource {
  label: string;
  size: number;
  /** First bytes, for format and encoding detection. */
  head: Buffer;
  chunks(): AsyncIterable<Buffer>;
}

export function fileByteSource(path: string, label = path): ByteSource {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return {
    label,
    size,
    head,
    // 64 KB: a chunk decoded stays under V8's large-object size (128 KB) and dies young; at 256 KB
    // every chunk went to the large-object space and waited there for a full collection (+20-30 MB
    // of peak RSS while a 400k-message WhatsApp text was read).
    chunks: () => createReadStream(path, { highWaterMark: 64 * 1024 }),
  };
}

/** Length of a BOM at the start, with the encoding it announces. */
function bomOf(head: Buffer): { encoding: TextEncoding; length: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

export function detectEncoding(source: ByteSource): { encoding: TextEncoding; bomLength: number } {
  const bom = bomOf(source.head);
  if (bom) return { encoding: bom.encoding, bomLength: bom.length };
  const cut = source.head.length < source.size;
  return { encoding: isUtf8Text(source.head, cut) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

/** Head of the source decoded as text (for detection), BOM removed. */
export function headText(source: ByteSource): string {
  const { encoding, bomLength } = detectEncoding(source);
  return iconv.decode(source.head.subarray(bomLength), encoding);
}

async function* decodedChunks(source: ByteSource, onBytes?: BytesCallback): AsyncIterable<string> {
  const { encoding, bomLength } = detectEncoding(source);
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  let read = 0;
  let first = true;
  for await (const raw of source.chunks()) {
    let chunk = raw;
    read += chunk.length;
    if (first) {
      chunk = chunk.subarray(bomLength);
      first = false;
    }
    const text = decoder.write(chunk);
    onBytes?.(read);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Splits decoded text into lines (\n, \r\n or lone \r), without the line ends. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && i === text.length - 1) break; // maybe \r\n split across chunks
        yield text.slice(start, i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    carry = text.slice(start);
  }
  if (carry.length > 0) yield carry.endsWith('\r') ? carry.slice(0, -1) : carry;
}

export function readerInput(source: ByteSource, baseDir: string | undefined, onBytes?: BytesCallback): ReaderInput {
  return {
    label: source.label,
    baseDir,
    onBytes,
    chunks: () => decodedChunks(source, onBytes),
    lines: () => splitLines(decodedChunks(source, onBytes)),
    text: async () => {
      let all = '';
      for await (const c of decodedChunks(source, onBytes)) all += c;
      return all;
    },
  };
}
