// A Telegram Desktop "Export Telegram data" (machine-readable JSON) as the app writes it
// (Telegram Desktop's export_output_json.cpp: keys in its order, one space of indent per level,
// `text` a string or an array of plain strings and entity objects, `text_entities` beside it,
// service messages with actor/action, photos and files as relative paths): personal_information,
// contacts, then chats.list with one big group and private chats. Streams, so writing never holds
// the text in memory. Used by bench/messages-2m.ts and bench/json-stream.ts.
import { createWriteStream } from 'node:fs';
import { rand, sentence } from './gen-messages';

const pad = (n: number): string => String(n).padStart(2, '0');
const wall = (sec: number): string => {
  const d = new Date(sec * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const str = (s: string): string => JSON.stringify(s);

/** One message object at the list's indent (5 spaces: root, chats, list, chat, messages). */
function message(id: number, sec: number, from: [string, number], self: boolean, offset: number): string {
  const i = '      ';
  const head = `     {\n${i}"id": ${id},\n${i}"type": "message",\n${i}"date": "${wall(sec + offset)}",\n${i}"date_unixtime": "${sec}",\n`;
  const who = `${i}"from": ${str(from[0])},\n${i}"from_id": "user${from[1]}",\n`;
  const r = rand(100);
  if (r === 0) {
    return `     {\n${i}"id": ${id},\n${i}"type": "service",\n${i}"date": "${wall(sec + offset)}",\n${i}"date_unixtime": "${sec}",\n${i}"actor": ${str(from[0])},\n${i}"actor_id": "user${from[1]}",\n${i}"action": "pin_message",\n${i}"message_id": ${id - 1},\n${i}"text": "",\n${i}"text_entities": []\n     }`;
  }
  const text = sentence();
  const reply = r < 10 && id > 1 ? `${i}"reply_to_message_id": ${id - 1 - rand(Math.min(id - 1, 20))},\n` : '';
  if (r < 4) {
    const d = new Date(sec * 1000);
    const file = `photos/photo_${id}@${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}_${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}.jpg`;
    return `${head}${who}${reply}${i}"photo": "${file}",\n${i}"photo_file_size": ${50_000 + rand(200_000)},\n${i}"width": 1280,\n${i}"height": 960,\n${i}"text": "",\n${i}"text_entities": []\n     }`;
  }
  if (r < 12 && !self) {
    // A link inside the text: `text` becomes an array of plain strings and entity objects.
    const url = 'https://example.com/a/' + id;
    return `${head}${who}${reply}${i}"text": [\n${i} ${str(text + ' ')},\n${i} {\n${i}  "type": "link",\n${i}  "text": "${url}"\n${i} }\n${i}],\n${i}"text_entities": [\n${i} {\n${i}  "type": "plain",\n${i}  "text": ${str(text + ' ')}\n${i} },\n${i} {\n${i}  "type": "link",\n${i}  "text": "${url}"\n${i} }\n${i}]\n     }`;
  }
  return `${head}${who}${reply}${i}"text": ${str(text)},\n${i}"text_entities": [\n${i} {\n${i}  "type": "plain",\n${i}  "text": ${str(text)}\n${i} }\n${i}]\n     }`;
}

/**
 * Writes result.json with `total` messages: a group holding half, the rest over 49 private chats
 * (the owner, user 1000, on one side). Dates in UTC+8 for `date`, as a Chinese exporter's clock.
 */
export async function writeTelegramExport(file: string, total: number): Promise<number> {
  const out = createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  let chunk = '';
  const put = async (s: string): Promise<void> => {
    chunk += s;
    if (chunk.length < 1 << 20) return;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    chunk = '';
  };
  const me: [string, number] = ['Wei Zhang', 1000];
  await put(`{\n "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't sell your data, and it doesn't use your data to target ads.",\n`);
  await put(` "personal_information": {\n  "user_id": 1000,\n  "first_name": "Wei",\n  "last_name": "Zhang",\n  "phone_number": "+86 138 0013 8000",\n  "username": "@weizhang",\n  "bio": ""\n },\n`);
  await put(` "contacts": {\n  "about": "This is your contact list.",\n  "list": [\n`);
  for (let c = 1; c < 50; c++) await put(`   {\n    "first_name": "Friend",\n    "last_name": "${c}",\n    "phone_number": "+86 139 ${String(c).padStart(4, '0')} ${String(c * 7).padStart(4, '0')}",\n    "date": "2019-01-01T10:00:00",\n    "date_unixtime": "1546308000"\n   }${c < 49 ? ',' : ''}\n`);
  await put(`  ]\n },\n "chats": {\n  "about": "This page lists all chats from this export.",\n  "list": [\n`);
  const chats = 50;
  const offset = 8 * 3600;
  for (let c = 0; c < chats; c++) {
    const group = c === 0;
    const rest = total - Math.floor(total / 2);
    const count = group ? Math.floor(total / 2) : Math.floor(rest / (chats - 1)) + (c <= rest % (chats - 1) ? 1 : 0);
    const other: [string, number] = [`Friend ${c}`, 2000 + c];
    await put(`   {\n    "name": ${str(group ? '周末火锅群' : other[0])},\n    "type": "${group ? 'private_supergroup' : 'personal_chat'}",\n    "id": ${group ? 9_000_000 : other[1]},\n    "messages": [\n`);
    let sec = Date.UTC(2018, 0, 1) / 1000 + rand(86400 * 30);
    for (let m = 1; m <= count; m++) {
      sec += 1 + rand(group ? 600 : 4 * 3600);
      const self = rand(2) === 0;
      const from: [string, number] = self ? me : group ? [`Member ${rand(300)}`, 3000 + rand(300)] : other;
      await put(message(m, sec, from, self, offset) + (m < count ? ',\n' : '\n'));
    }
    await put(`    ]\n   }${c < chats - 1 ? ',' : ''}\n`);
  }
  await put('  ]\n }\n}\n');
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
  return bytes;
}
