// Which exporter wrote a file, decided from its content (never from its extension alone).
import type { MessageFormat } from '../../shared/types';
import { isChatLabJson } from './formats/chatlab';
import { MEMOTRACE_CSV_COLUMNS, HTML_MARKER } from './formats/memotrace';
import { isTelegramExport } from './formats/telegram';
import { CHATLOG_CSV_COLUMNS, isWeFlowExport, PYWXDUMP_CSV_COLUMNS } from './formats/wechat-others';
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

/** How many of the first lines start a message of each plain-text format, and how many lines had text. */
function textFormatScores(text: string): { whatsapp: number; memotrace: number; exporter: number; lines: number } {
  const lines = text.split(/\r\n|\n|\r/).slice(0, 400);
  if (lines.length > 1 && lines[lines.length - 1] !== undefined) lines.pop(); // may be cut by the sniff window
  let whatsapp = 0;
  let memotrace = 0;
  let exporter = 0;
  let nonEmpty = 0;
  for (const line of lines) {
    if (line.trim()) nonEmpty++;
    if (/^.+ - (微信聊天记录|WeChat Chat History)\s*$/.test(line) || /^.+? \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\):/.test(line)) exporter++;
    else if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [^:]*$/.test(line)) memotrace++;
    const h = parseHeaderLine(line);
    if (h && (splitAuthor(h.rest) || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /.test(line))) whatsapp++;
  }
  return { whatsapp, memotrace, exporter, lines: nonEmpty };
}

/** Plain-text exports: scores each candidate on the first lines. */
function detectTextFormat(text: string): Detected {
  const { whatsapp, memotrace, exporter } = textFormatScores(text);
  const best = Math.max(whatsapp, memotrace, exporter);
  if (best === 0) return { error: 'not a chat export this app knows (no dated message lines found)', errorCode: 'chat-unknown-text' };
  if (best === exporter) return { format: 'wechatexporter-txt' };
  if (best === memotrace) return { format: 'memotrace-txt' };
  return { format: 'whatsapp-txt' };
}

/** The chat format of parsed JSON, or undefined when it is no chat export this app reads. */
export function detectJsonChat(data: unknown): MessageFormat | undefined {
  if (isTelegramExport(data)) return 'telegram-json';
  if (isChatLabJson(data)) return 'chatlab-json';
  if (isWeFlowExport(data)) return 'weflow-json';
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object' && data[0] && 'type_name' in data[0]) return 'pywxdump-json';
  return undefined;
}

/**
 * For the other importers (a chat given to the contact import): the chat format of a file that is
 * clearly a chat export, judged from its head; undefined when it is not. Stricter than
 * detectFormat, which only has to choose among chat formats: a plain-text file counts as a chat
 * only when at least a tenth of its first lines start messages (a contact table with one row that
 * happens to start with a date is not a chat), an HTML page only with MemoTrace's message array,
 * and a zip (any zip looks like a WhatsApp one) or JSON (to be parsed whole: see detectJsonChat)
 * never.
 */
export function clearChatExport(source: ByteSource): MessageFormat | undefined {
  const detected = detectFormat(source);
  if ('error' in detected) return undefined;
  switch (detected.format) {
    case 'json':
    case 'whatsapp-zip':
      return undefined;
    case 'html':
      return HTML_MARKER.test(headText(source)) ? 'memotrace-html' : undefined;
    case 'whatsapp-txt':
    case 'memotrace-txt':
    case 'wechatexporter-txt': {
      const scores = textFormatScores(headText(source).replace(/^\uFEFF/, ''));
      const best = Math.max(scores.whatsapp, scores.memotrace, scores.exporter);
      return best * 10 >= scores.lines ? detected.format : undefined;
    }
    default:
      return detected.format;
  }
}

/** The program that writes a chat format, as the user knows it (the same in every language). */
export function chatAppName(format: MessageFormat): string {
  const app = format.split('-')[0]!;
  const names: Record<string, string> = {
    memotrace: 'MemoTrace', pywxdump: 'PyWxDump', wechatexporter: 'WechatExporter', chatlog: 'chatlog', weflow: 'WeFlow',
    chatlab: 'ChatLab', whatsapp: 'WhatsApp', telegram: 'Telegram', wechat: 'WeChat',
  };
  return names[app] ?? app;
}
