// The wrong importer says so plainly (issue 11, point 5): a chat export given to the contact import
// is named as one (WhatsApp in every form and locale, and every other chat export the Messages
// importer reads), never a CSV column error; a vCard that lost its BEGIN:VCARD line is read and
// the card named.
import { readdirSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importContactFile, previewContactFile } from '../../../electron/import';
import { corpusPath, hasCorpus } from '../../corpus';
import { makeZip } from '../messages/helpers';
import { excelBook, pick, random } from './csv-books';
import { cleanupTmp, importBytes, importPath, writeFixture } from './helpers';

afterAll(cleanupTmp);

// ---- WhatsApp "Export chat" text, as the phones write it -------------------------------------

interface Stamp {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}
const p2 = (n: number) => String(n).padStart(2, '0');
const h12 = (h: number) => (h % 12 === 0 ? 12 : h % 12);

/** Header of one message line: [locale form, platform]; `who` is "Name: " or "" for system lines. */
const FORMS: Record<string, (t: Stamp, who: string) => string> = {
  'android en-US': (t, who) => `${t.mo}/${t.d}/${String(t.y).slice(2)}, ${h12(t.h)}:${p2(t.mi)}\u202f${t.h < 12 ? 'AM' : 'PM'} - ${who}`,
  'android en-GB': (t, who) => `${p2(t.d)}/${p2(t.mo)}/${t.y}, ${p2(t.h)}:${p2(t.mi)} - ${who}`,
  'android de': (t, who) => `${p2(t.d)}.${p2(t.mo)}.${String(t.y).slice(2)}, ${p2(t.h)}:${p2(t.mi)} - ${who}`,
  'android es': (t, who) => `${p2(t.d)}/${p2(t.mo)}/${t.y}, ${p2(h12(t.h))}:${p2(t.mi)} ${t.h < 12 ? 'a.\u00a0m.' : 'p.\u00a0m.'} - ${who}`,
  'android fi': (t, who) => `${t.d}.${t.mo}.${t.y} klo ${t.h}.${p2(t.mi)} - ${who}`,
  'android zh-CN': (t, who) => `${t.y}/${t.mo}/${t.d} ${t.h < 12 ? '上午' : '下午'}${h12(t.h)}:${p2(t.mi)} - ${who}`,
  'android ko': (t, who) => `${t.y}. ${t.mo}. ${t.d}. ${t.h < 12 ? '오전' : '오후'} ${h12(t.h)}:${p2(t.mi)} - ${who}`,
  'android pt-BR': (t, who) => `${p2(t.d)}/${p2(t.mo)}/${t.y} ${p2(t.h)}:${p2(t.mi)} - ${who}`,
  'ios en-US': (t, who) => `[${t.mo}/${t.d}/${String(t.y).slice(2)}, ${h12(t.h)}:${p2(t.mi)}:${p2(t.s)}\u202f${t.h < 12 ? 'AM' : 'PM'}] ${who}`,
  'ios en-GB': (t, who) => `[${p2(t.d)}/${p2(t.mo)}/${t.y}, ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}] ${who}`,
  'ios de': (t, who) => `[${p2(t.d)}.${p2(t.mo)}.${String(t.y).slice(2)}, ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}] ${who}`,
  'ios es': (t, who) => `\u200e[${p2(t.d)}/${p2(t.mo)}/${String(t.y).slice(2)} ${h12(t.h)}:${p2(t.mi)}:${p2(t.s)} ${t.h < 12 ? 'a.\u00a0m.' : 'p.\u00a0m.'}] ${who}`,
  'ios zh-CN': (t, who) => `[${t.y}/${t.mo}/${t.d} ${t.h < 12 ? '上午' : '下午'}${h12(t.h)}:${p2(t.mi)}:${p2(t.s)}] ${who}`,
};

const NOTICE = ['Messages and calls are end-to-end encrypted. No one outside of this chat can read them.', '消息和通话已进行端到端加密。', 'Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.'];
const TEXTS = ['Hi!', 'see you at the hotel, 8pm', '今天晚上吃火锅吗？', 'ok', 'Name,Phone,Email', 'line one\nline two, with a comma', '<Media omitted>', '😂😂', 'Tel: 13800138000'];

/** A chat of some messages in one phone's form; iOS starts with the encryption notice as a message line too. */
function whatsappChat(seed: number, form: string): string {
  const rnd = random(seed);
  const line = FORMS[form]!;
  const people = ['Alice', '张三', '+44 7700 900123', 'Bob Smith'];
  const out: string[] = [];
  const t: Stamp = { y: 2023, mo: 1 + Math.floor(rnd() * 12), d: 13 + Math.floor(rnd() * 15), h: 9, mi: 0, s: 0 };
  out.push(line(t, form.startsWith('ios') ? `${people[0]}: \u200e` : '') + pick(rnd, NOTICE));
  const count = 3 + Math.floor(rnd() * 30);
  for (let i = 0; i < count; i++) {
    t.mi = (t.mi + 1 + Math.floor(rnd() * 7)) % 60;
    t.h = (t.h + (rnd() < 0.2 ? 1 : 0)) % 24;
    t.s = Math.floor(rnd() * 60);
    out.push(line(t, `${pick(rnd, people)}: `) + pick(rnd, TEXTS));
  }
  return out.join(form.startsWith('ios') ? '\r\n' : '\n') + '\n';
}

async function expectChatExport(path: string, app: string): Promise<void> {
  const contacts: unknown[] = [];
  const summary = await importContactFile(path, { onContact: (c) => contacts.push(c) });
  expect(contacts).toEqual([]);
  expect(summary.issues.map((i) => [i.severity, i.code, i.params?.app])).toEqual([['error', 'chat-export-given', app]]);
  expect(summary.issues[0]!.message).toMatch(new RegExp(`This is a ${app} chat export.*import it under Messages`));
  const preview = await previewContactFile(path);
  expect(preview.issues.map((i) => [i.code, i.params?.app])).toEqual([['chat-export-given', app]]);
}

describe('a WhatsApp chat given to the contact import', () => {
  for (const form of Object.keys(FORMS)) {
    for (const seed of [1, 2, 3]) {
      it(`${form} (${seed}), UTF-8 and with a BOM, is named a WhatsApp chat export`, async () => {
        const chat = whatsappChat(seed * 97 + form.length, form);
        await expectChatExport(writeFixture('WhatsApp Chat with Alice.txt', chat), 'WhatsApp');
        await expectChatExport(writeFixture('_chat.txt', `\ufeff${chat}`), 'WhatsApp');
      });
    }
  }

  it('a WhatsApp zip ("Export chat" with media, Android and iOS names) is named a WhatsApp chat export', async () => {
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
    for (const [name, form] of [['WhatsApp Chat with Alice.txt', 'android en-GB'], ['_chat.txt', 'ios de']] as const) {
      const zip = makeZip([{ name: 'IMG-20231203-WA0001.jpg', data: jpeg }, { name, data: whatsappChat(7, form) }]);
      await expectChatExport(writeFixture('WhatsApp Chat - Alice.zip', zip), 'WhatsApp');
    }
    // A zip without a chat (an .xlsx workbook, zipped vCards) keeps its own words.
    const { summary } = await importBytes('contacts.zip', makeZip([{ name: 'contacts.vcf', data: 'BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\n' }, { name: 'readme.txt', data: 'my contacts' }]));
    expect(summary.issues.map((i) => [i.code, i.params?.kind])).toEqual([['file-binary', 'zip']]);
  });

  it.skipIf(!hasCorpus)('every WhatsApp export in the shared corpus', async () => {
    const dirs = ['chats/whatsapp/chat-miner', 'chats/whatsapp/pustur'];
    let files = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(corpusPath(dir)).filter((n) => n.endsWith('.txt') && n !== 'parser-test-lines.txt')) {
        await expectChatExport(corpusPath(dir, name), 'WhatsApp');
        files++;
      }
    }
    expect(files).toBeGreaterThanOrEqual(6);
  });
});

describe('other chat exports given to the contact import', () => {
  const T = '2023-05-01 10:00:00';
  const cases: [string, string | Buffer, string][] = [
    ['小王_utf8.csv', '\ufefflocalId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n1,5,1,0,0,1682906400,,你好,2023-05-01 10:00:00,小王,Wang,wxid_wang\r\n', 'MemoTrace'],
    ['老李.txt', [`${T} 老李`, '生日快乐！', '', '2023-05-01 10:01:00 我', '[图片]', ''].join('\n'), 'MemoTrace'],
    ['老张.html', '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><script>const chatMessages = [{ type:1, text:\'hi\', is_send:0, timestamp:1682906400, is_chatroom:0, displayname:\'老张\' }];</script></body></html>', 'MemoTrace'],
    ['g1@chatroom_0_5000.csv', `id,MsgSvrID,type_name,is_sender,talker,room_name,msg,src,CreateTime\n1,111,文本,0,wxid_li,g1@chatroom,明天交作业,,${T}\n`, 'PyWxDump'],
    ['wxid_a.json', JSON.stringify([{ id: 1, MsgSvrID: '7', type_name: '文本', is_sender: 0, talker: 'wxid_a', msg: 'hi', CreateTime: T }]), 'PyWxDump'],
    ['chatlog.csv', `Time,SenderName,Sender,TalkerName,Talker,Content\n${T},小赵,wxid_zhao,小赵,wxid_zhao,新年快乐\n`, 'chatlog'],
    ['index.txt', ['阿May - 微信聊天记录', '', '阿May (2022-03-04 12:00:00):在吗', '我 (2022-03-04 12:01:00):在的', ''].join('\n'), 'WechatExporter'],
    ['weflow.json', JSON.stringify({ weflow: { version: '1' }, session: { wxid: 'wxid_q', nickname: 'Q', remark: '小Q' }, messages: [{ localId: 1, createTime: 1, content: 'x', isSend: 0 }] }), 'WeFlow'],
    ['a.json', JSON.stringify({ chatlab: { version: '0.0.2' }, meta: { name: '群' }, members: [], messages: [{ sender: 'u1', accountName: '张三', timestamp: 1, type: 0, content: 'x' }] }), 'ChatLab'],
    ['b.jsonl', `${JSON.stringify({ _type: 'header', chatlab: { version: '0.0.2' }, meta: { name: 'QQ群' } })}\n${JSON.stringify({ _type: 'message', sender: 'u9', timestamp: 1, type: 0, content: 'x' })}\n`, 'ChatLab'],
    ['result.json', JSON.stringify({ name: 'A', type: 'personal_chat', id: 1, messages: [{ id: 1, type: 'message', date: '2023-01-01T10:00:00', date_unixtime: '1672567200', from: 'A', text: 'hi' }] }), 'Telegram'],
    ['小王.txt', iconv.encode([`${T} 小王`, '在吗', '', '2023-05-01 10:01:00 我', '在', ''].join('\r\n'), 'gb18030'), 'MemoTrace'],
  ];
  for (const [name, content, app] of cases) {
    it(`${name} is named a ${app} chat export`, async () => {
      await expectChatExport(writeFixture(name, content), app);
    });
  }
});

describe('contact tables are never taken for chats', () => {
  it('a table whose first column holds dates and times is still read as contacts', async () => {
    const csv = ['登记时间,姓名,手机', '2023/6/13 下午9:25,张三,13800138000', '2023/6/14 上午9:05,李四,13900139000', '2023/6/15 上午10:00,王五,13700137000'].join('\r\n');
    const { contacts, summary } = await importBytes('登记.csv', iconv.encode(csv, 'gb18030'));
    // Only the code page guess is named (a GBK file says nothing of its encoding).
    expect(summary.issues.map((i) => [i.code, i.params])).toEqual([['encoding-guessed', { encoding: 'gb18030' }]]);
    expect(contacts.map((c) => c.name)).toEqual(['张三', '李四', '王五']);
  });

  it('generated Excel books are read as contacts', async () => {
    for (let seed = 100; seed < 130; seed++) {
      const book = excelBook(seed);
      const { contacts, summary } = await importBytes('book.csv', book.bytes);
      expect(summary.issues.filter((i) => i.code === 'chat-export-given'), book.kind).toEqual([]);
      expect(contacts.length, book.kind).toBe(book.rows.length);
    }
  });
});

// ---- vCards that lost their BEGIN:VCARD line ----------------------------------------------------

function vcf(names: string[], missing: Set<number>, version: '2.1' | '3.0' | '4.0'): string {
  return names
    .map((name, i) => [...(missing.has(i) ? [] : ['BEGIN:VCARD']), `VERSION:${version}`, `FN:${name}`, `N:${name};;;;`, `TEL;TYPE=CELL:+86 138 0013 ${String(8000 + i)}`, 'END:VCARD'].join('\r\n'))
    .join('\r\n') + '\r\n';
}

describe('a vCard without its BEGIN:VCARD line', () => {
  const names = ['张三', 'Anna Müller', '李四', 'Bob', '王五'];
  const variants: [string, number[]][] = [['the first card', [0]], ['a middle card', [2]], ['the last card', [4]], ['two cards', [1, 3]], ['every card', [0, 1, 2, 3, 4]]];
  for (const version of ['2.1', '3.0', '4.0'] as const) {
    for (const [what, missing] of variants) {
      it(`${version}: ${what} is read, and each such card is named`, async () => {
        const { contacts, summary } = await importBytes('contacts.vcf', vcf(names, new Set(missing), version));
        expect(summary.format).toBe('vcard');
        expect(contacts.map((c) => c.name)).toEqual(names);
        expect(summary.issues.filter((i) => i.severity === 'error')).toEqual([]);
        const named = summary.issues.filter((i) => i.code === 'card-no-begin');
        expect(named.map((i) => i.params?.card)).toEqual(missing.map((m) => m + 1));
        expect(named[0]!.message).toMatch(/no BEGIN:VCARD/);
      });
    }
  }

  it('a single card without BEGIN is still a vCard (preview counts it)', async () => {
    const path = writeFixture('one.vcf', 'VERSION:3.0\r\nFN:孤单\r\nTEL:13800138000\r\nEND:VCARD\r\n');
    const preview = await previewContactFile(path);
    expect(preview).toMatchObject({ format: 'vcard', estimatedRecords: 1 });
    const { contacts } = await importPath(path);
    expect(contacts.map((c) => c.name)).toEqual(['孤单']);
  });

  it('lines that are no vCard property outside cards are still junk, not a card', async () => {
    const { contacts, summary } = await importBytes('junk.vcf', 'hello there\r\nNote: exported by hand\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n');
    expect(contacts.map((c) => c.name)).toEqual(['A']);
    expect(summary.issues.map((i) => i.code)).toEqual(['vcard-junk-lines']);
  });
});
