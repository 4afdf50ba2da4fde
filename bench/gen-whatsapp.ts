// A WhatsApp "Export chat" as the Android app writes it: "dd/mm/yyyy, HH:MM - Name: text" lines
// (UTF-8, \n), a few multi-line messages, system notices and "IMG-…-WA….jpg (file attached)"
// markers, packed into "WhatsApp Chat - <name>.zip" with deflate like the app's share sheet does.
// Used by bench/messages-zip.ts; streams, so generating never holds the text in memory.
import { createWriteStream } from 'node:fs';
import { crc32, createDeflateRaw } from 'node:zlib';
import { open } from 'node:fs/promises';

const WORDS = ('我们 今天 晚上 一起 吃饭 火锅 生日 快乐 工作 回家 孩子 朋友 电话 微信 照片 看看 旅游 北京 上海 天气 开心 谢谢 好的 收到 哈哈 ' +
  'ok hello see you tomorrow lunch meeting where are you running late call me later thanks').split(' ');

let seed = 7;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** The lines of an export with `total` messages between two people (plus a few system lines), in chunks. */
export function* whatsappText(total: number): Generator<string> {
  const people = ['Ana Souza', '+55 11 98765-4321'];
  let t = Date.UTC(2017, 2, 6, 8, 0) / 1000;
  let chunk = '';
  for (let i = 0; i < total; i++) {
    t += 30 + rand(4 * 3600);
    const d = new Date(t * 1000);
    const stamp = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const r = rand(100);
    let body: string;
    if (r === 0) body = 'Messages and calls are end-to-end encrypted.';
    else if (r < 4) body = `${people[rand(2)]}: IMG-${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-WA${String(i % 10000).padStart(4, '0')}.jpg (file attached)`;
    else {
      const n = 2 + rand(10);
      const words: string[] = [];
      for (let k = 0; k < n; k++) words.push(WORDS[rand(WORDS.length)]!);
      body = `${people[rand(2)]}: ${words.join(' ')}`;
      if (r < 8) body += `\n${WORDS[rand(WORDS.length)]}`;
    }
    chunk += `${stamp} - ${body}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Writes one deflated entry `entryName` holding `chunks` as a zip, streaming (only a chunk is in
 * memory; the local header is written again with the CRC and sizes at the end). Tests use it too.
 */
export async function writeDeflatedZip(zipPath: string, entryName: string, chunks: Iterable<Buffer>, level = 6): Promise<{ dataBytes: number; zipBytes: number }> {
  const name = Buffer.from(entryName);
  const handle = await open(zipPath, 'w', 0o600);
  try {
    let crc = 0;
    let dataBytes = 0;
    let packed = 0;
    let at = 30 + name.length;
    const deflate = createDeflateRaw({ level });
    const writing = (async () => {
      for await (const out of deflate) {
        const b = out as Buffer;
        await handle.write(b, 0, b.length, at);
        at += b.length;
        packed += b.length;
      }
    })();
    for (const bytes of chunks) {
      crc = crc32(bytes, crc);
      dataBytes += bytes.length;
      if (!deflate.write(bytes)) await new Promise<void>((r) => deflate.once('drain', () => r()));
    }
    deflate.end();
    await writing;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed, 18);
    local.writeUInt32LE(dataBytes, 22);
    local.writeUInt16LE(name.length, 26);
    await handle.write(Buffer.concat([local, name]), 0, 30 + name.length, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed, 20);
    central.writeUInt32LE(dataBytes, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(at, 16);
    const tail = Buffer.concat([central, name, end]);
    await handle.write(tail, 0, tail.length, at);
    return { dataBytes, zipBytes: at + tail.length };
  } finally {
    await handle.close();
  }
}

/** The export's text as the only entry "WhatsApp Chat with Ana.txt" of a deflated zip ("WhatsApp Chat - Ana.zip"). */
export async function writeWhatsAppZip(zipPath: string, total: number): Promise<{ textBytes: number; zipBytes: number }> {
  const bytes = function* (): Generator<Buffer> {
    for (const c of whatsappText(total)) yield Buffer.from(c, 'utf8');
  };
  const { dataBytes, zipBytes } = await writeDeflatedZip(zipPath, 'WhatsApp Chat with Ana.txt', bytes());
  return { textBytes: dataBytes, zipBytes };
}

/** Writes the export's text as a plain file (the same bytes the zip holds). */
export async function writeWhatsAppText(path: string, total: number): Promise<void> {
  const out = createWriteStream(path, { mode: 0o600 });
  for (const c of whatsappText(total)) if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
  out.end();
  await new Promise<void>((r) => out.once('finish', () => r()));
}
