import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusPath, hasCorpus } from '../../corpus';
import { chatNameFromFile, classifyBody, decideDateOrder, headerTime, parseHeaderLine, parseWhatsApp } from '../../../electron/messages/formats/whatsapp';
import type { ParsedMessage } from '../../../electron/messages/model';

const messagesOf = (text: string, name = 'chat'): ParsedMessage[] =>
  [...parseWhatsApp(text, name)].flatMap((e) => (e.type === 'message' ? [e.message] : []));

const localIso = (ms: number): string => {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

describe.skipIf(!hasCorpus)('WhatsApp corpus (chat-miner expected parses)', () => {
  // A skipped describe still runs its body: read the corpus only where it exists.
  const target = JSON.parse(hasCorpus ? readFileSync(corpusPath('chats/whatsapp/chat-miner/target.json'), 'utf8') : '[]') as { timestamp: string; author: string; message: string }[];
  const files = ['test_ddmmyy_24hrs.txt', 'test_mmddyy_24hrs.txt', 'test_mmddyyyy_12hrs.txt', 'test_yyyymmdd_24hrs.txt', 'test_[mmddyy]_24hrs.txt'];
  for (const file of files) {
    it(`${file} gives the expected author, time and text of every message`, () => {
      const text = readFileSync(corpusPath('chats/whatsapp/chat-miner', file), 'utf8');
      const got = messagesOf(text)
        .filter((m) => m.kind !== 'system')
        .map((m) => ({ timestamp: localIso(m.at), author: m.sender.name, message: m.text.replace(/\s+/g, ' ') }));
      const expected = [...target].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      expect(got).toEqual(expected);
    });
  }

  it('reads system lines as system messages', () => {
    const text = readFileSync(corpusPath('chats/whatsapp/chat-miner/test_ddmmyy_24hrs.txt'), 'utf8');
    const system = messagesOf(text).filter((m) => m.kind === 'system').map((m) => m.text);
    expect(system).toContain('+12 345 578 created group "Groupname"');
    expect(system).toContain('You were added');
  });

  it('short-chat: multi-line message keeps its blank line, phone senders get a phone handle', () => {
    const ms = messagesOf(readFileSync(corpusPath('chats/whatsapp/pustur/short-chat.txt'), 'utf8'));
    const last = ms[ms.length - 1]!;
    expect(last.text).toBe('How are you?\n\nIs everything alright?');
    expect(last.sender.handles).toEqual(['+410123456789']);
    expect(ms[0]!.kind).toBe('system');
    expect(ms[0]!.chat.kind).toBe('group');
  });

  it('every header variant from the parser tests is read with its author', () => {
    const blocks = readFileSync(corpusPath('chats/whatsapp/pustur/parser-test-lines.txt'), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n')
      .split('\n----\n');
    expect(blocks.length).toBe(20);
    for (const block of blocks) {
      const ms = messagesOf(block);
      expect(ms.length, block).toBe(1);
      const isSystem = block.includes('created group');
      expect(ms[0]!.kind === 'system', block).toBe(isSystem);
      if (!isSystem) expect(['a', 'Luke', 'Loris'], block).toContain(ms[0]!.sender.name);
    }
  });
});

describe('WhatsApp header lines', () => {
  const cases: [string, string, string][] = [
    ['23/06/2018, 01:55 a.m. - Luke: Hey!', '2018-06-23T01:55:00', 'Luke'],
    ['13.6.2018 klo 21.25.15 - a: m', '2018-06-13T21:25:15', 'a'],
    ['13. 6. 2018. 21:25:15 a: m', '2018-06-13T21:25:15', 'a'],
    ['\u200e[13/06/18 1:55:00 p.\u00a0m.] a: m', '2018-06-13T13:55:00', 'a'],
    ['13/06/18, 1:55\u202fPM - a: m', '2018-06-13T13:55:00', 'a'],
    ['2020/6/13 下午9:25 - 张三: 你好', '2020-06-13T21:25:00', '张三'],
    ['[2020/6/13 上午12:05:09] 李四: 早', '2020-06-13T00:05:09', '李四'],
    ['2020. 6. 13. 오후 9:25 - 민수: 안녕', '2020-06-13T21:25:00', '민수'],
    ['13-06-2018, 01.55 PM - a: m', '2018-06-13T13:55:00', 'a'],
    // Arabic iOS: Arabic-Indic digits, right-to-left marks inside the date, the Arabic comma, م for PM
    ['[١٨\u200f/٣\u200f/٢٠٢٢، ٢:٥٦:٠٠\u00a0م] Dmitry: مرحبا ١٢٣', '2022-03-18T14:56:00', 'Dmitry'],
    ['[\u200f18\u200f/3\u200f/2022، 14:56:01] Dmitry: hi', '2022-03-18T14:56:01', 'Dmitry'],
    // Vietnamese iOS writes the time first
    ['[14:56:01, 18/3/22] Elon: hi', '2022-03-18T14:56:01', 'Elon'],
  ];
  for (const [line, time, author] of cases) {
    it(`reads ${JSON.stringify(line)}`, () => {
      const [m] = messagesOf(line);
      expect(m).toBeDefined();
      expect(localIso(m!.at)).toBe(time);
      expect(m!.sender.name).toBe(author);
    });
  }

  it('keeps the text of an Arabic line as written (digits and marks are only read differently in the header)', () => {
    const [m] = messagesOf('[١٨\u200f/٣\u200f/٢٠٢٢، ٢:٥٦:٠٠\u00a0م] Dmitry: مرحبا ١٢٣، \u200fنعم');
    expect(m!.text).toBe('مرحبا ١٢٣، \u200fنعم');
    expect(m!.localTime).toBe('١٨\u200f/٣\u200f/٢٠٢٢، ٢:٥٦:٠٠\u00a0م');
  });

  it('decides day/month order for the whole file', () => {
    const text = '03/06/18, 10:00 - a: first\n25/06/18, 10:00 - a: second';
    expect(messagesOf(text).map((m) => localIso(m.at).slice(0, 10))).toEqual(['2018-06-03', '2018-06-25']);
    const us = '03/06/18, 10:00 - a: first\n06/25/18, 10:00 - a: second';
    expect(messagesOf(us).map((m) => localIso(m.at).slice(0, 10))).toEqual(['2018-03-06', '2018-06-25']);
  });

  it('text that starts with a date inside a message stays part of it', () => {
    const ms = messagesOf('01/02/20, 10:00 - a: meeting on\n12/12/2020 12:00 in the hall');
    expect(ms).toHaveLength(1);
    expect(ms[0]!.text).toBe('meeting on\n12/12/2020 12:00 in the hall');
  });

  it('recognises attachments and omitted media', () => {
    expect(classifyBody('\u200e<attached: 00000042-PHOTO-2020-06-07-15-13-20.jpg>')).toMatchObject({ kind: 'image', mediaPath: '00000042-PHOTO-2020-06-07-15-13-20.jpg' });
    expect(classifyBody('PTT-20210428-WA0001.opus (file attached)')).toMatchObject({ kind: 'voice', mediaPath: 'PTT-20210428-WA0001.opus' });
    expect(classifyBody('<Media omitted>')).toMatchObject({ kind: 'file', mediaMissing: true });
    expect(classifyBody('‹省略影音内容>')).toMatchObject({ mediaMissing: true });
    expect(classifyBody('\u200eimage omitted')).toMatchObject({ kind: 'image', mediaMissing: true });
    expect(classifyBody('just text')).toMatchObject({ kind: 'text', text: 'just text' });
  });

  it('takes the chat name from the export file name', () => {
    expect(chatNameFromFile('/x/WhatsApp Chat with Anna.txt')).toBe('Anna');
    expect(chatNameFromFile('与小明的 WhatsApp 聊天.txt')).toBe('小明');
    expect(chatNameFromFile('WhatsApp Chat - Family.zip')).toBe('Family');
  });
});

describe('WhatsApp parser fuzz', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const events = [...parseWhatsApp(text, 'x')];
        for (const e of events) if (e.type === 'message') expect(Number.isFinite(e.message.at)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back generated lines in Android and iOS styles, 12 and 24 hour', () => {
    const name = fc.stringMatching(/^[A-Za-z\u4e00-\u9fa5][A-Za-z \u4e00-\u9fa5]{0,10}[A-Za-z\u4e00-\u9fa5]$/);
    const body = fc.stringMatching(/^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9 ,.!?\u4e00-\u9fa5]{0,30}$/);
    fc.assert(
      fc.property(
        fc.date({ min: new Date(2001, 0, 1), max: new Date(2035, 11, 31), noInvalidDate: true }),
        name,
        body,
        fc.constantFrom('android24', 'android12', 'ios24', 'ios12'),
        (date, author, text, style) => {
          const d = new Date(date.getFullYear(), date.getMonth(), 13 + (date.getDate() % 15), date.getHours(), date.getMinutes(), style.startsWith('ios') ? date.getSeconds() : 0);
          const p = (n: number): string => String(n).padStart(2, '0');
          const day = `${p(d.getDate())}/${p(d.getMonth() + 1)}/${String(d.getFullYear()).slice(2)}`;
          const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
          const half = d.getHours() < 12 ? 'AM' : 'PM';
          const line = {
            android24: `${day}, ${p(d.getHours())}:${p(d.getMinutes())} - ${author}: ${text}`,
            android12: `${day}, ${h12}:${p(d.getMinutes())}\u202f${half} - ${author}: ${text}`,
            ios24: `[${day}, ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}] ${author}: ${text}`,
            ios12: `[${day}, ${h12}:${p(d.getMinutes())}:${p(d.getSeconds())} ${half}] ${author}: ${text}`,
          }[style]!;
          const ms = messagesOf(line);
          expect(ms).toHaveLength(1);
          expect(ms[0]!.at).toBe(d.getTime());
          expect(ms[0]!.sender.name).toBe(author);
          expect(ms[0]!.text).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('header fields round-trip through decideDateOrder/headerTime', () => {
    const h = parseHeaderLine('[2018/06/13, 21:25:15] a: m')!;
    expect(decideDateOrder([h]).order).toBe('ymd');
    expect(localIso(headerTime(h, 'ymd')!)).toBe('2018-06-13T21:25:15');
  });
});
