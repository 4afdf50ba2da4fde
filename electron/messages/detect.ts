// Which exporter wrote a file, decided from its content (never from its extension alone).
import type { MessageFormat } from '../../shared/types';
import { MEMOTRACE_CSV_COLUMNS, HTML_MARKER } from './formats/memotrace';
import { CHATLOG_CSV_COLUMNS, PYWXDUMP_CSV_COLUMNS } from './formats/wechat-others';
import { parseHeaderLine, splitAuthor } from './formats/whatsapp';
import { headText, type ByteSource } from './text-source';

export type Detected = { format: MessageFormat } | { format: 'json' } | { format: 'html' } | { error: string; errorCode: string };

const hasColumns = (header: string, columns: string[]): boolean => {
  const cells = header.split(',').map((c) => c.replace(/^"|"$/g, '').trim());
  return columns.every((c) => cells.includes(c));
};

export function detectFormat(source: ByteSource): Detected {
  const head = source.head;
  if (head.length === 0) return { error: 'the file is empty', errorCode: 'file-empty' };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { format: 'whatsapp-zip' };
  const text = headText(source).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (hasColumns(firstLine, MEMOTRACE_CSV_COLUMNS)) return { format: 'memotrace-csv' };
  if (hasColumns(firstLine, PYWXDUMP_CSV_COLUMNS)) return { format: 'pywxdump-csv' };
  if (hasColumns(firstLine, CHATLOG_CSV_COLUMNS)) return { format: 'chatlog-csv' };
  if (start.startsWith('{') && /"_type"\s*:\s*"header"/.test(firstLine)) return { format: 'chatlab-jsonl' };
  // "[" also starts iOS WhatsApp lines ("[01/02/19 …"): JSON only when what follows fits JSON.
  if (/^\{\s*("|\})/.test(start) || /^\[\s*([{["\]]|$)/.test(start)) return { format: 'json' };
  if (/^<(!doctype|html|head|body|meta|script)/i.test(start) || HTML_MARKER.test(text)) return { format: 'html' };
  return detectTextFormat(text);
}

/** Plain-text exports: scores each candidate on the first lines. */
function detectTextFormat(text: string): Detected {
  const lines = text.split(/\r\n|\n|\r/).slice(0, 400);
  if (lines.length > 1 && lines[lines.length - 1] !== undefined) lines.pop(); // may be cut by the sniff window
  let whatsapp = 0;
  let memotrace = 0;
  let exporter = 0;
  for (const line of lines) {
    if (/^.+ - (微信聊天记录|WeChat Chat History)\s*$/.test(line) || /^.+? \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\):/.test(line)) exporter++;
    else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [^:]*$/.test(line)) memotrace++;
    const h = parseHeaderLine(line);
    if (h && (splitAuthor(h.rest) || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /.test(line))) whatsapp++;
  }
  const best = Math.max(whatsapp, memotrace, exporter);
  if (best === 0) return { error: 'not a chat export this app knows (no dated message lines found)', errorCode: 'chat-unknown-text' };
  if (best === exporter) return { format: 'wechatexporter-txt' };
  if (best === memotrace) return { format: 'memotrace-txt' };
  return { format: 'whatsapp-txt' };
}
