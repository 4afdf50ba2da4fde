// WhatsApp exports read by the evidence of the whole file (issue 11, points 6 and 7): the day/month
// order from impossible dates, attachment names and the order of lines, a note when only the
// locale's habit could decide; chats named after what they are and never merged across files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getMessages, importMessages, listChats, messageStats } from '../../../electron/messages';
import { exportChatName, parseWhatsApp } from '../../../electron/messages/formats/whatsapp';
import type { ParsedMessage, ParseEvent } from '../../../electron/messages/model';
import { corpusPath, hasCorpus } from '../../corpus';
import { ENCRYPTION_NOTICES, STYLES, times, whatsappExport, type WhatsAppLine, type WhatsAppStyle } from './generators';
import { cleanup, makeZip, tempDir, writeFixture } from './helpers';

afterEach(cleanup);

const events = (text: string, origin: string | string[] = 'chat'): ParseEvent[] => [...parseWhatsApp(text, origin)];
const messagesOf = (text: string, origin?: string | string[]): ParsedMessage[] => events(text, origin).flatMap((e) => (e.type === 'message' ? [e.message] : []));
const notesOf = (text: string) => events(text).filter((e) => e.type === 'note');
const day = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A chat whose every date has day and month ≤ 12, so no single line can tell the order. */
const ambiguousDays = (start: Date, count: number): Date[] => times(start, count, 24);
const chatLines = (dates: Date[], extra: Partial<WhatsAppLine>[] = []): WhatsAppLine[] =>
  dates.map((at, i) => ({ at, author: i % 2 ? 'Ben' : 'Ann', text: `message ${i}`, ...extra[i] }));

describe('day and month order, decided per file from its evidence', () => {
  it('an iOS 12-hour export from a day-first phone is read day first when an attachment name carries the date', () => {
    // 1–5 November 2023: "[03/11/2023, 9:15:02 PM]" is 3 November; the photo was sent on the 3rd.
    const dates = ambiguousDays(new Date(2023, 10, 1, 21, 15, 2), 5);
    const lines = chatLines(dates, [{}, {}, { text: '<attached: 00000012-PHOTO-2023-11-03-21-15-02.jpg>' }]);
    const ms = messagesOf(whatsappExport(STYLES.iosUk12, lines));
    expect(ms.map((m) => day(m.at))).toEqual(['2023-11-01', '2023-11-02', '2023-11-03', '2023-11-04', '2023-11-05']);
    expect(notesOf(whatsappExport(STYLES.iosUk12, lines))).toEqual([]);
  });

  it('Android attachment names (IMG-20241202-WA0001) decide it too, in either direction, against the locale habit', () => {
    // A 12-hour day-first phone (en-IN) and a 24-hour month-first one: the habit would read both the other way.
    const dayFirst12: WhatsAppStyle = { platform: 'android', order: 'dmy', separator: '/', yearDigits: 4, hour12: true, halfWords: 'latin' };
    const monthFirst24: WhatsAppStyle = { platform: 'android', order: 'mdy', separator: '/', yearDigits: 2, hour12: false };
    for (const style of [dayFirst12, monthFirst24]) {
      const dates = ambiguousDays(new Date(2024, 11, 1, 10, 0), 4);
      const lines = chatLines(dates, [{}, { text: 'IMG-20241202-WA0001.jpg (file attached)' }]);
      expect(messagesOf(whatsappExport(style, lines)).map((m) => day(m.at)), style.order).toEqual(['2024-12-01', '2024-12-02', '2024-12-03', '2024-12-04']);
    }
  });

  it('the order under which dates never go back wins (12 Nov → 1 Dec, written 12/11 → 01/12 in a 12-hour file)', () => {
    const dates = [new Date(2023, 10, 10, 9), new Date(2023, 10, 12, 9), new Date(2023, 11, 1, 9), new Date(2023, 11, 2, 9)];
    const text = whatsappExport(STYLES.iosUk12, chatLines(dates));
    expect(messagesOf(text).map((m) => day(m.at))).toEqual(['2023-11-10', '2023-11-12', '2023-12-01', '2023-12-02']);
    expect(notesOf(text)).toEqual([]);
    // and month first when that is the order under which time runs forward
    const us = whatsappExport(STYLES.iosUs12, chatLines(dates));
    expect(messagesOf(us).map((m) => day(m.at))).toEqual(['2023-11-10', '2023-11-12', '2023-12-01', '2023-12-02']);
  });

  it('a date that is impossible one way decides the whole file, even when it is far down', () => {
    const dates = [...ambiguousDays(new Date(2023, 2, 1, 8), 10), new Date(2023, 2, 25, 8)];
    const ms = messagesOf(whatsappExport(STYLES.androidDe, chatLines(dates)));
    expect(day(ms[2]!.at)).toBe('2023-03-03');
    expect(day(ms[10]!.at)).toBe('2023-03-25');
  });

  it('when nothing in the file decides, the locale habit is used and the summary says so with an example', async () => {
    const dates = ambiguousDays(new Date(2023, 10, 3, 21, 15, 2), 3);
    const text = whatsappExport(STYLES.iosUk12, chatLines(dates));
    const notes = notesOf(text);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: 'chat-date-order-guessed-mdy', params: { example: '03/11/2023, 9:15:02 PM', read: '2023-03-11' } });
    const root = tempDir();
    const s = await importMessages(join(root, 'case'), [writeFixture(root, 'WhatsApp Chat - Ann.txt', text)]);
    expect(s.files[0]!.notes).toEqual([{ reason: expect.stringMatching(/month first/), code: 'chat-date-order-guessed-mdy', params: { example: '03/11/2023, 9:15:02 PM', read: '2023-03-11' } }]);
  });

  it('a file whose dates read the same either way (01/01, 05/05) needs no note', () => {
    const text = whatsappExport(STYLES.iosUs12, chatLines([new Date(2023, 0, 1, 10), new Date(2023, 4, 5, 10)]));
    expect(notesOf(text)).toEqual([]);
  });

  it('importing the Android and the iOS export of the same chat does not double it', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const dates = ambiguousDays(new Date(2023, 10, 1, 21, 15, 2), 6).map((d, i) => new Date(d.getTime() + i * 7000));
    const lines = chatLines(dates);
    lines.push({ at: new Date(2023, 10, 20, 9, 30, 41), author: 'Ann', text: 'the 20th decides the order' });
    const android = writeFixture(root, 'WhatsApp Chat with Ann.txt', whatsappExport(STYLES.androidUk, lines));
    const ios = writeFixture(root, 'WhatsApp Chat - Ann.zip', makeZip([{ name: '_chat.txt', data: whatsappExport(STYLES.iosUk12, lines, 'Ann') }]));
    const s = await importMessages(caseDir, [android, ios]);
    expect(s.messages).toBe(7);
    expect(s.duplicates).toBe(7);
    expect(listChats(caseDir)).toHaveLength(1);
  });
});

describe('day and month order: every generated WhatsApp form, each kind of evidence alone', () => {
  // 1–5 November 2023: every date reads either way, so only the evidence added can decide.
  const start = new Date(2023, 10, 1, 21, 15, 2);
  const truth = ['2023-11-01', '2023-11-02', '2023-11-03', '2023-11-04', '2023-11-05'];
  const attachments = {
    android: ['IMG-20231103-WA0001.jpg (file attached)', 'VID-20231103-WA0002.mp4 (file attached)', 'PTT-20231103-WA0003.opus (file attached)'],
    ios: ['<attached: 00000012-PHOTO-2023-11-03-21-15-02.jpg>', '<attached: 00000013-VIDEO-2023-11-03-21-15-02.mp4>', '<attached: 2023-11-03-PHOTO-00000014.jpg>'],
  };
  const ambiguousStyles = Object.entries(STYLES).filter(([, style]) => style.order !== 'ymd');
  for (const [name, style] of ambiguousStyles) {
    it(`${name}: an impossible date, an attachment name or the order of lines decides; nothing else gives the habit and a note`, () => {
      const dates = ambiguousDays(start, 5);
      // A day over 12 anywhere in the file.
      const impossible = whatsappExport(style, chatLines([...dates, new Date(2023, 10, 25, 9)]));
      expect(messagesOf(impossible).slice(0, 5).map((m) => day(m.at)), 'impossible date').toEqual(truth);
      expect(notesOf(impossible)).toEqual([]);
      // An attachment name that carries the day (each form of the platform).
      for (const text of attachments[style.platform]) {
        const export_ = whatsappExport(style, chatLines(dates, [{}, {}, { text }]));
        expect(messagesOf(export_).map((m) => day(m.at)), text).toEqual(truth);
        expect(notesOf(export_), text).toEqual([]);
      }
      // Dates that run forward under one order only (10 Nov, 12 Nov, 1 Dec, 2 Dec).
      const forward = [new Date(2023, 10, 10, 9), new Date(2023, 10, 12, 9), new Date(2023, 11, 1, 9), new Date(2023, 11, 2, 9)];
      const ordered = whatsappExport(style, chatLines(forward));
      expect(messagesOf(ordered).map((m) => day(m.at)), 'order of lines').toEqual(['2023-11-10', '2023-11-12', '2023-12-01', '2023-12-02']);
      expect(notesOf(ordered)).toEqual([]);
      // Nothing decides: the habit, said in a note.
      expect(notesOf(whatsappExport(style, chatLines(dates))).map((n) => n.type === 'note' && n.code)).toEqual([expect.stringMatching(/^chat-date-order-guessed-(dmy|mdy)$/)]);
    });
  }
});

describe('a chat is named after what it is', () => {
  it('reads the chat name from WhatsApp export names in many locales', () => {
    const names: [string, string][] = [
      ['WhatsApp Chat with Anna.txt', 'Anna'],
      ['WhatsApp Chat - Family.zip', 'Family'],
      ['WhatsApp Chat - Anna (1).zip', 'Anna'],
      ['WhatsApp-Chat mit Jürgen.txt', 'Jürgen'],
      ['WhatsApp Chat mit Jürgen.zip', 'Jürgen'],
      ['Chat de WhatsApp con María.txt', 'María'],
      ['Discussion WhatsApp avec Léa.txt', 'Léa'],
      ['Chat WhatsApp con Giulia.txt', 'Giulia'],
      ['Conversa do WhatsApp com João.txt', 'João'],
      ['WhatsApp-chat met Sanne.txt', 'Sanne'],
      ['Чат WhatsApp с\u00a0контактом Дмитрий.txt', 'Дмитрий'],
      ['Chat WhatsApp s uživatelem Petr.txt', 'Petr'],
      ['Chat WhatsApp dengan Budi.txt', 'Budi'],
      ['Czat WhatsApp z Kasia.txt', 'Kasia'],
      ['Ayşe ile WhatsApp Sohbeti.txt', 'Ayşe'],
      ['与小明的 WhatsApp 聊天.txt', '小明'],
      ['WhatsApp 聊天 - 家人群.zip', '家人群'],
      ['/home/me/Downloads/WhatsApp Chat - Ben/_chat.txt', '_chat'],
    ];
    for (const [file, name] of names.slice(0, -1)) expect(exportChatName(file), file).toBe(name);
    expect(exportChatName('_chat.txt')).toBeUndefined();
    expect(exportChatName('Downloads')).toBeUndefined();
    expect(exportChatName('/x/WhatsApp Chat - Ben')).toBe('Ben');
  });

  it('two iOS zips, both holding _chat.txt, become two chats named after their zips', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const a = whatsappExport(STYLES.iosDe, chatLines(times(new Date(2023, 4, 14, 9), 3, 1)), 'Anna');
    const b = whatsappExport(STYLES.iosDe, chatLines(times(new Date(2023, 4, 14, 9), 3, 1)), 'Familie');
    await importMessages(caseDir, [
      writeFixture(root, 'WhatsApp Chat - Anna.zip', makeZip([{ name: '_chat.txt', data: a }])),
      writeFixture(root, 'WhatsApp-Chat mit Familie.zip', makeZip([{ name: '_chat.txt', data: b }])),
    ]);
    expect(listChats(caseDir).map((c) => c.name).sort()).toEqual(['Anna', 'Familie']);
  });

  it('a _chat.txt in a folder named after its zip takes that name', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const text = whatsappExport(STYLES.androidUk, chatLines(times(new Date(2023, 4, 14, 9), 3, 1)));
    await importMessages(caseDir, [writeFixture(root, 'WhatsApp Chat - Ben/_chat.txt', text)]);
    expect(listChats(caseDir).map((c) => c.name)).toEqual(['Ben']);
  });

  it('without any name, two different _chat.txt never merge, and re-importing one updates rather than duplicates', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const one = writeFixture(root, 'a/_chat.txt', whatsappExport(STYLES.androidUk, chatLines(times(new Date(2023, 4, 14, 9), 3, 1))));
    const other = writeFixture(root, 'b/_chat.txt', whatsappExport(STYLES.androidUk, [{ at: new Date(2023, 5, 20, 8), author: 'Cleo', text: 'hi' }, { at: new Date(2023, 5, 20, 9), author: 'Dan', text: 'hello' }]));
    await importMessages(caseDir, [one, other]);
    const chats = listChats(caseDir);
    expect(chats).toHaveLength(2);
    expect(chats.map((c) => c.name).sort()).toEqual(['Ann, Ben', 'Cleo, Dan']);
    expect(chats.every((c) => c.name !== '_chat')).toBe(true);
    const again = await importMessages(caseDir, [one]);
    expect(again).toMatchObject({ messages: 0, duplicates: 3 });
    expect(listChats(caseDir)).toHaveLength(2);
  });

  it('the "created group" line names a group whose export has no name', () => {
    const lines: WhatsAppLine[] = [
      { at: new Date(2023, 4, 14, 9), text: 'Ann created group "Wandergruppe"' },
      { at: new Date(2023, 4, 14, 9, 1), text: 'Ann added you' },
      { at: new Date(2023, 4, 14, 9, 2), author: 'Ann', text: 'Willkommen' },
    ];
    const ms = messagesOf(whatsappExport(STYLES.androidDe, lines), ['/x/_chat.txt', '/x']);
    expect(ms[0]!.chat).toMatchObject({ name: 'Wandergruppe', kind: 'group' });
    expect(ms.filter((m) => m.kind === 'system').map((m) => m.sender.name)).toEqual(['', '']);
  });

  it('an iOS export is named by the name WhatsApp writes its notices under', () => {
    const lines: WhatsAppLine[] = [{ at: new Date(2023, 4, 14, 9), text: ENCRYPTION_NOTICES.en! }, ...chatLines(times(new Date(2023, 4, 14, 10), 2, 1))];
    const ms = messagesOf(whatsappExport(STYLES.iosDe, lines, 'Ann'), ['/x/_chat.txt']);
    expect(ms[0]!.chat.name).toBe('Ann');
    expect(ms[0]).toMatchObject({ kind: 'system', sender: { name: '', handles: [] } });
  });
});

describe('WhatsApp notices are no one\'s', () => {
  it('the encryption notice in every collected locale, Android (no name) and iOS (under the chat name, with or without U+200E)', () => {
    for (const [locale, notice] of Object.entries(ENCRYPTION_NOTICES)) {
      const at = new Date(2023, 4, 14, 9);
      const android = messagesOf(whatsappExport(STYLES.androidUk, [{ at, text: notice }, { at, author: 'Ann', text: 'hi' }]));
      expect(android[0], locale).toMatchObject({ kind: 'system', sender: { name: '' } });
      const ios = messagesOf(`[14/05/2023, 09:00:00] Ann: ${notice}\n[14/05/2023, 09:01:00] Ann: hi\n`);
      expect(ios[0], locale).toMatchObject({ kind: 'system', sender: { name: '' } });
      expect(ios[1], locale).toMatchObject({ kind: 'text', sender: { name: 'Ann' } });
    }
  });

  it('an iOS group\'s notices do not make a person named after the group, and people count only their messages', async () => {
    const root = tempDir();
    const caseDir = join(root, 'case');
    const lines: WhatsAppLine[] = [
      { at: new Date(2023, 4, 14, 9), text: ENCRYPTION_NOTICES.de! },
      { at: new Date(2023, 4, 14, 9, 1), text: 'Ann hat die Gruppe „Wandern" erstellt' },
      { at: new Date(2023, 4, 14, 9, 2), text: 'Ann hat Ben hinzugefügt' },
      { at: new Date(2023, 4, 14, 9, 3), author: 'Ann', text: 'Hallo' },
      { at: new Date(2023, 4, 14, 9, 4), author: 'Ben', text: '<attached: 00000003-PHOTO-2023-05-14-09-04-00.jpg>' },
      { at: new Date(2023, 4, 14, 9, 5), author: 'Ben', text: 'Bild weggelassen' },
    ];
    const text = whatsappExport(STYLES.iosDe, lines, 'Wandern').replace('Ben: Bild weggelassen', 'Ben: \u200eBild weggelassen');
    await importMessages(caseDir, [writeFixture(root, 'export/_chat.txt', text)]);
    const stats = messageStats(caseDir);
    expect(stats.people.map((p) => [p.name, p.messages])).toEqual([
      ['Ben', 2],
      ['Ann', 1],
    ]);
    const [chat] = listChats(caseDir);
    expect(chat!.name).toBe('Wandern');
    const ms = getMessages(caseDir, chat!.id, { limit: 10 }).messages;
    expect(ms.filter((m) => m.kind === 'system')).toHaveLength(3);
  });
});

describe('a notice quoting a name with a colon in it is no one\'s', () => {
  // Android writes notices with no name before them, so a colon inside the quoted group name or
  // description once made everything before it (`Ann changed the subject from "Trip" to "Trip`) a person.
  const quoted = [
    'Ann changed the subject from "Trip" to "Trip: 2024"',
    'Ann created group "Plans: summer"',
    'Ann hat den Betreff von „Reise“ zu „Reise: 2024“ geändert',
    'Ann a changé le sujet de « Voyage » en « Voyage : 2024 »',
    'Ann 将群组名称从“旅行”更改为“旅行: 2024”',
    'Ann changed the group description to "Rules: be nice"',
  ];
  for (const [styleName, style] of Object.entries(STYLES)) {
    it(`${styleName}: the notices are system messages, the people are only those who wrote`, async () => {
      const root = tempDir();
      const caseDir = join(root, 'case');
      const lines: WhatsAppLine[] = [
        ...quoted.map((text, i) => ({ at: new Date(2023, 4, 14, 9, i), text })),
        { at: new Date(2023, 4, 14, 10), author: 'Ann', text: 'Hi: all "welcome"' },
        { at: new Date(2023, 4, 14, 10, 1), author: 'Ben "BJ" Jones', text: 'see "this: that"' },
        { at: new Date(2023, 4, 25, 10, 2), author: 'Ann', text: 'ok' },
      ];
      await importMessages(caseDir, [writeFixture(root, 'WhatsApp Chat - Trip.txt', whatsappExport(style, lines, 'Trip'))]);
      expect(messageStats(caseDir).people.map((p) => [p.name, p.messages])).toEqual([
        ['Ann', 2],
        ['Ben "BJ" Jones', 1],
      ]);
      const [chat] = listChats(caseDir);
      const ms = getMessages(caseDir, chat!.id, { limit: 20 }).messages;
      expect(ms.filter((m) => m.kind === 'system').map((m) => m.text).sort()).toEqual([...quoted].sort());
      expect(ms.find((m) => m.sender.name === 'Ann')?.text).toBe('Hi: all "welcome"');
    });
  }
});

describe('an iOS one-to-one chat, where the chat\'s name is the other person\'s', () => {
  it('their media left out (a marked line) stays theirs; the encryption and security-code notices are no one\'s', () => {
    const text = [
      `[14.05.23, 09:00:00] Anna: \u200e${ENCRYPTION_NOTICES.de}`,
      '[14.05.23, 09:01:00] Anna: Hallo',
      '\u200e[14.05.23, 09:02:00] Anna: \u200eBild weggelassen',
      '[14.05.23, 09:03:00] Anna: \u200eDeine Sicherheitsnummer für Anna hat sich geändert. \u200eTippe, um mehr zu erfahren.',
      '[14.05.23, 09:04:00] Ich: Schön',
    ].join('\r\n');
    const ms = messagesOf(text, ['/x/_chat.txt']);
    expect(ms[0]!.chat.name).toBe('Anna');
    expect(ms.map((m) => [m.kind, m.sender.name])).toEqual([
      ['system', ''],
      ['text', 'Anna'],
      ['text', 'Anna'],
      ['system', ''],
      ['text', 'Ich'],
    ]);
  });
});

describe.skipIf(!hasCorpus)('WhatsApp corpus files keep reading right', () => {
  it('the pustur short chat: named by its created-group line, its notice no one\'s', () => {
    const ms = messagesOf(readFileSync(corpusPath('chats/whatsapp/pustur/short-chat.txt'), 'utf8'), [corpusPath('chats/whatsapp/pustur/short-chat.txt')]);
    expect(ms[0]!.chat.name).toBe('ShortChat');
    expect(ms.filter((m) => m.kind === 'system').every((m) => m.sender.name === '')).toBe(true);
  });

  it('every chat-miner file decides its order from its own dates (no note)', () => {
    for (const file of ['test_ddmmyy_24hrs.txt', 'test_mmddyy_24hrs.txt', 'test_mmddyyyy_12hrs.txt', 'test_yyyymmdd_24hrs.txt', 'test_[mmddyy]_24hrs.txt']) {
      expect(notesOf(readFileSync(corpusPath('chats/whatsapp/chat-miner', file), 'utf8')), file).toEqual([]);
    }
  });
});
