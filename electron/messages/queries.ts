// Reading the archive: chats, pages of messages, people and who talked with whom.
import type { ArchivedMessage, ChatKind, ChatSummary, InteractionStrength, MessageKind, Platform } from '../../shared/types';
import { archive, idToMillis, PersonRole } from './store';

interface ChatRow {
  id: number;
  name: string;
  kind: ChatKind | null;
  platform: Platform;
}

interface PersonRow {
  id: number;
  name: string;
  handles: string;
  role: number;
}

export interface MessageRow {
  id: number;
  chat_id: number;
  local_time: string;
  sender_id: number;
  kind: MessageKind;
  text: string;
  source_id: string | null;
  media_path: string | null;
  media_missing: number | null;
  media_sha256: string | null;
  reply: string | null;
  file_id: number;
}

export const iso = (id: number): string => new Date(idToMillis(id)).toISOString();

/** Chat kind: as the export said, else a group when more than one other person wrote in it. */
function chatKinds(caseDir: string): Map<number, ChatKind> {
  const db = archive(caseDir);
  const rows = db
    .prepare(
      `SELECT c.id, c.kind, (SELECT count(*) FROM chat_people cp JOIN people p ON p.id = cp.person_id
         WHERE cp.chat_id = c.id AND p.role = ${PersonRole.other}) AS others FROM chats c`,
    )
    .all() as { id: number; kind: ChatKind | null; others: number }[];
  return new Map(rows.map((r) => [r.id, r.kind ?? (r.others > 1 ? 'group' : 'private')]));
}

function people(caseDir: string): Map<number, PersonRow> {
  const rows = archive(caseDir).prepare('SELECT id, name, handles, role FROM people').all() as unknown as PersonRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function listChatsQuery(caseDir: string): ChatSummary[] {
  const db = archive(caseDir);
  const chats = db.prepare('SELECT id, name, kind, platform FROM chats').all() as unknown as ChatRow[];
  const counts = db.prepare('SELECT chat_id, count(*) AS n, max(id) AS last FROM messages GROUP BY chat_id').all() as { chat_id: number; n: number; last: number }[];
  const byChat = new Map(counts.map((c) => [c.chat_id, c]));
  const kinds = chatKinds(caseDir);
  const persons = people(caseDir);
  const members = db.prepare('SELECT chat_id, person_id FROM chat_people').all() as { chat_id: number; person_id: number }[];
  const lastText = db.prepare('SELECT text, kind FROM messages WHERE id = ?');
  const out: ChatSummary[] = [];
  for (const chat of chats) {
    const c = byChat.get(chat.id);
    if (!c) continue;
    const last = lastText.get(c.last) as { text: string; kind: MessageKind };
    out.push({
      id: String(chat.id),
      name: chat.name,
      kind: kinds.get(chat.id) ?? 'private',
      platform: chat.platform,
      messages: c.n,
      lastAt: iso(c.last),
      // The kind is named by the UI in the reader's language ("[图片]"), never as the internal word.
      ...(last.text ? { lastText: last.text } : {}),
      lastKind: last.kind,
      participants: members
        .filter((m) => m.chat_id === chat.id)
        .map((m) => persons.get(m.person_id)!)
        .filter((p) => p.role !== PersonRole.system)
        .map((p) => ({ name: p.name, handles: JSON.parse(p.handles) as string[], isSelf: p.role === PersonRole.self })),
    });
  }
  return out.sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''));
}

export function toArchived(caseDir: string, rows: MessageRow[]): ArchivedMessage[] {
  const db = archive(caseDir);
  const persons = new Map<number, PersonRow>();
  const person = db.prepare('SELECT id, name, handles, role FROM people WHERE id = ?');
  const file = db.prepare('SELECT path FROM files WHERE id = ?');
  const bySource = db.prepare('SELECT m.id, m.text, p.name FROM messages m JOIN people p ON p.id = m.sender_id WHERE m.chat_id = ? AND m.source_id = ? LIMIT 1');
  const files = new Map<number, string>();
  return rows.map((r) => {
    let p = persons.get(r.sender_id);
    if (!p) {
      p = person.get(r.sender_id) as unknown as PersonRow;
      persons.set(r.sender_id, p);
    }
    let f = files.get(r.file_id);
    if (f === undefined) {
      f = (file.get(r.file_id) as { path: string } | undefined)?.path ?? '';
      files.set(r.file_id, f);
    }
    const msg: ArchivedMessage = {
      id: String(r.id),
      chatId: String(r.chat_id),
      at: iso(r.id),
      localTime: r.local_time,
      sender: { name: p.name, handles: JSON.parse(p.handles) as string[], isSelf: p.role === PersonRole.self },
      kind: r.kind,
      text: r.text,
      sourceFile: f,
    };
    if (r.media_path || r.media_missing || r.media_sha256) {
      msg.media = { ...(r.media_path ? { path: r.media_path } : {}), ...(r.media_missing ? { missing: true } : {}), ...(r.media_sha256 ? { sha256: r.media_sha256 } : {}) };
    }
    if (r.reply) {
      const reply = JSON.parse(r.reply) as { sourceId?: string; sender?: string; text?: string };
      const target = reply.sourceId ? (bySource.get(r.chat_id, reply.sourceId) as { id: number; text: string; name: string } | undefined) : undefined;
      msg.replyTo = {
        ...(target ? { messageId: String(target.id) } : {}),
        ...((reply.sender ?? target?.name) ? { sender: reply.sender ?? target?.name } : {}),
        ...((reply.text ?? target?.text) !== undefined ? { text: reply.text ?? target?.text } : {}),
      };
    }
    return msg;
  });
}

const MESSAGE_COLUMNS = 'id, chat_id, local_time, sender_id, kind, text, source_id, media_path, media_missing, media_sha256, reply, file_id';

export function getMessagesQuery(caseDir: string, chatId: string, opts: { offset?: number; limit?: number; aroundMessageId?: string }): { total: number; offset: number; messages: ArchivedMessage[] } {
  const db = archive(caseDir);
  const chat = Number(chatId);
  const total = (db.prepare('SELECT count(*) AS n FROM messages WHERE chat_id = ?').get(chat) as { n: number }).n;
  const limit = Math.max(1, Math.min(opts.limit ?? 100, 10_000));
  let offset = Math.max(0, opts.offset ?? 0);
  if (opts.aroundMessageId !== undefined) {
    const before = (db.prepare('SELECT count(*) AS n FROM messages WHERE chat_id = ? AND id < ?').get(chat, Number(opts.aroundMessageId)) as { n: number }).n;
    offset = Math.max(0, Math.min(before - Math.floor(limit / 2), total - limit));
  }
  const rows = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE chat_id = ? ORDER BY id LIMIT ? OFFSET ?`).all(chat, limit, offset) as unknown as MessageRow[];
  return { total, offset, messages: toArchived(caseDir, rows) };
}

/** The stored media one message links (its kind, content hash, path in the export and time); undefined when the archive has no such message or it links none. */
export function messageMediaQuery(caseDir: string, messageId: number): { kind: MessageKind; sha256: string; path?: string; at: string } | undefined {
  const row = archive(caseDir).prepare('SELECT id, kind, media_path, media_sha256 FROM messages WHERE id = ?').get(messageId) as
    | { id: number; kind: MessageKind; media_path: string | null; media_sha256: string | null }
    | undefined;
  if (!row?.media_sha256) return undefined;
  return { kind: row.kind, sha256: row.media_sha256, ...(row.media_path ? { path: row.media_path } : {}), at: iso(row.id) };
}

/** What an export of a chat covers: its messages up to the newest one now (an import meanwhile adds after it). */
export function chatExtent(caseDir: string, chatId: number): { total: number; lastId: number } {
  const row = archive(caseDir).prepare('SELECT count(*) AS total, max(id) AS lastId FROM messages WHERE chat_id = ?').get(chatId) as { total: number; lastId: number | null };
  return { total: row.total, lastId: row.lastId ?? 0 };
}

/** One page of a chat, oldest first: up to `limit` messages after `afterId` up to `lastId` (no cursor stays open between pages). */
export function messageRowsOfChatAfter(caseDir: string, chatId: number, afterId: number, lastId: number, limit: number): MessageRow[] {
  return archive(caseDir)
    .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE chat_id = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?`)
    .all(chatId, afterId, lastId, limit) as unknown as MessageRow[];
}

export function chatRow(caseDir: string, chatId: number): (ChatRow & { kindResolved: ChatKind }) | undefined {
  const row = archive(caseDir).prepare('SELECT id, name, kind, platform FROM chats WHERE id = ?').get(chatId) as unknown as ChatRow | undefined;
  return row ? { ...row, kindResolved: chatKinds(caseDir).get(row.id) ?? 'private' } : undefined;
}

export function messageStatsQuery(caseDir: string): {
  chats: { name: string; messages: number }[];
  people: { name: string; handles: string[]; messages: number; lastAt?: string }[];
  years: { year: number; messages: number }[];
} {
  const db = archive(caseDir);
  const chats = db
    .prepare('SELECT c.name, count(m.id) AS messages FROM chats c JOIN messages m ON m.chat_id = c.id GROUP BY c.id ORDER BY messages DESC, c.name')
    .all() as { name: string; messages: number }[];
  const senders = db
    .prepare(`SELECT p.name, p.handles, count(m.id) AS messages, max(m.id) AS last FROM people p JOIN messages m ON m.sender_id = p.id
              WHERE p.role != ${PersonRole.system} GROUP BY p.id ORDER BY messages DESC, p.name`)
    .all() as { name: string; handles: string; messages: number; last: number }[];
  const years = new Map<number, number>();
  const perSecond = db.prepare(`SELECT id / ${2 ** 20} AS sec FROM messages`).iterate() as Iterable<{ sec: number }>;
  for (const { sec } of perSecond) {
    const y = new Date(Math.floor(sec) * 1000).getUTCFullYear();
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  return {
    chats: chats.map((c) => ({ name: c.name, messages: c.messages })),
    people: senders.map((s) => ({ name: s.name, handles: JSON.parse(s.handles) as string[], messages: s.messages, lastAt: iso(s.last) })),
    years: [...years].map(([year, messages]) => ({ year, messages })).sort((a, b) => a.year - b.year),
  };
}

/**
 * Per handle: messages exchanged with that person — every message of a one-to-one chat counts for
 * the other person (both directions), in groups only what the person wrote — how many of those in
 * the 12 months before `now`, and the newest one's time.
 */
export function interactionStrengthsQuery(caseDir: string, now: Date): Map<string, InteractionStrength> {
  const db = archive(caseDir);
  const kinds = chatKinds(caseDir);
  const persons = people(caseDir);
  const yearAgoSec = Math.floor(now.getTime() / 1000) - 365 * 24 * 3600;
  const perPerson = new Map<number, InteractionStrength & { lastId: number }>();
  const add = (personId: number, n: number, recent: number, lastId: number): void => {
    const s = perPerson.get(personId) ?? { messages: 0, last12Months: 0, lastId: 0 };
    s.messages += n;
    s.last12Months += recent;
    s.lastId = Math.max(s.lastId, lastId);
    perPerson.set(personId, s);
  };
  const threshold = yearAgoSec * 2 ** 20;
  const bySender = db
    .prepare('SELECT chat_id, sender_id, count(*) AS n, sum(id >= ?) AS recent, max(id) AS last FROM messages GROUP BY chat_id, sender_id')
    .all(threshold) as { chat_id: number; sender_id: number; n: number; recent: number; last: number }[];
  const byChat = new Map<number, { n: number; recent: number; last: number }>();
  for (const r of bySender) {
    const c = byChat.get(r.chat_id) ?? { n: 0, recent: 0, last: 0 };
    c.n += r.n;
    c.recent += r.recent;
    c.last = Math.max(c.last, r.last);
    byChat.set(r.chat_id, c);
  }
  const members = db.prepare('SELECT chat_id, person_id FROM chat_people').all() as { chat_id: number; person_id: number }[];
  for (const m of members) {
    const p = persons.get(m.person_id);
    if (!p || p.role !== PersonRole.other || kinds.get(m.chat_id) !== 'private') continue;
    const c = byChat.get(m.chat_id);
    if (c) add(p.id, c.n, c.recent, c.last);
  }
  for (const r of bySender) {
    const p = persons.get(r.sender_id);
    if (!p || p.role !== PersonRole.other || kinds.get(r.chat_id) === 'private') continue;
    add(p.id, r.n, r.recent, r.last);
  }
  const out = new Map<string, InteractionStrength>();
  for (const [personId, s] of perPerson) {
    const p = persons.get(personId)!;
    const value: InteractionStrength = { messages: s.messages, last12Months: s.last12Months, lastAt: iso(s.lastId) };
    const handles = JSON.parse(p.handles) as string[];
    for (const h of handles.length > 0 ? handles : [`name:${p.name}`]) {
      const prev = out.get(h);
      // One handle seen in several chats or platforms adds up.
      out.set(h, prev ? { messages: prev.messages + value.messages, last12Months: prev.last12Months + value.last12Months, lastAt: [prev.lastAt!, value.lastAt!].sort().pop() } : value);
    }
  }
  return out;
}

/** The reference of a person used by the UI: their first handle, else `name:<name>` (as in interactionStrengths). */
export const personRef = (name: string, handles: string[]): string => handles[0] ?? `name:${name}`;

/**
 * One person (by a handle, or `name:<name>` for people without one): the chats they are in, each
 * with its total and how many of its messages this person wrote. Undefined when no one matches.
 */
export function personChatsQuery(caseDir: string, ref: string): {
  name: string;
  handles: string[];
  messages: number;
  lastAt?: string;
  chats: { chatId: string; name: string; kind: ChatKind; platform: Platform; messages: number; fromPerson: number; lastAt?: string }[];
} | undefined {
  const db = archive(caseDir);
  const matches = [...people(caseDir).values()].filter((p) => {
    if (p.role === PersonRole.system) return false;
    const handles = JSON.parse(p.handles) as string[];
    return handles.includes(ref) || personRef(p.name, handles) === ref;
  });
  if (matches.length === 0) return undefined;
  const ids = matches.map((p) => p.id);
  const marks = ids.map(() => '?').join(',');
  const written = db
    .prepare(`SELECT chat_id, count(*) AS n, max(id) AS last FROM messages WHERE sender_id IN (${marks}) GROUP BY chat_id`)
    .all(...ids) as { chat_id: number; n: number; last: number }[];
  const member = db.prepare(`SELECT DISTINCT chat_id FROM chat_people WHERE person_id IN (${marks})`).all(...ids) as { chat_id: number }[];
  const chatIds = [...new Set([...member.map((m) => m.chat_id), ...written.map((w) => w.chat_id)])];
  const byChat = new Map(written.map((w) => [w.chat_id, w]));
  const kinds = chatKinds(caseDir);
  const chatInfo = db.prepare('SELECT c.id, c.name, c.platform, (SELECT count(*) FROM messages m WHERE m.chat_id = c.id) AS n, (SELECT max(id) FROM messages m WHERE m.chat_id = c.id) AS last FROM chats c WHERE c.id = ?');
  const chats = chatIds
    .map((id) => {
      const c = chatInfo.get(id) as { id: number; name: string; platform: Platform; n: number; last: number | null };
      return {
        chatId: String(c.id),
        name: c.name,
        kind: kinds.get(c.id) ?? 'private',
        platform: c.platform,
        messages: c.n,
        fromPerson: byChat.get(id)?.n ?? 0,
        ...(c.last ? { lastAt: iso(c.last) } : {}),
      };
    })
    .sort((a, b) => b.fromPerson - a.fromPerson || b.messages - a.messages);
  const last = Math.max(0, ...written.map((w) => w.last));
  const first = matches[0]!;
  return {
    name: matches.find((p) => p.name)?.name ?? first.name,
    handles: [...new Set(matches.flatMap((p) => JSON.parse(p.handles) as string[]))],
    messages: written.reduce((n, w) => n + w.n, 0),
    ...(last ? { lastAt: iso(last) } : {}),
    chats,
  };
}

/**
 * Group chats each handle takes part in (names, most active first is not needed: sorted by name).
 * Feeds the re-add planner's "ask a mutual friend" suggestion: people in a shared group can pass
 * on the user's new card.
 */
export function groupsByHandleQuery(caseDir: string): Map<string, string[]> {
  const db = archive(caseDir);
  const rows = db
    .prepare(
      `SELECT p.handles AS handles, c.name AS chat FROM chat_people cp
         JOIN people p ON p.id = cp.person_id JOIN chats c ON c.id = cp.chat_id
        WHERE c.kind = 'group' AND p.role = ${PersonRole.other}`,
    )
    .all() as { handles: string; chat: string }[];
  const out = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const handle of JSON.parse(row.handles) as string[]) {
      let set = out.get(handle);
      if (!set) out.set(handle, (set = new Set()));
      set.add(row.chat);
    }
  }
  return new Map([...out].map(([h, set]) => [h, [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'))]));
}
