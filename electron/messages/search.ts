// Full-text search: candidates come from the bigram index newest first (ids are time-ordered),
// each is confirmed against the real text, which also gives the highlight ranges.
import type { SearchHit } from '../../shared/types';
import { archive, millisToFirstId } from './store';
import { ftsQuery, highlightRanges, queryParts } from './tokens';
import { iso } from './queries';

export interface SearchOptions {
  chatId?: string;
  sender?: string;
  from?: string;
  to?: string;
  /** Most hits returned; default 100, Infinity for all. */
  limit?: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** [lowest id, highest id) for an optional date range; a date-only `to` includes that whole day (UTC). */
function idRange(from?: string, to?: string): [number, number] {
  let low = 0;
  let high = Number.MAX_SAFE_INTEGER;
  if (from) {
    const t = Date.parse(from);
    if (Number.isFinite(t)) low = millisToFirstId(t);
  }
  if (to) {
    const t = Date.parse(to);
    if (Number.isFinite(t)) high = millisToFirstId(t + (DATE_ONLY.test(to) ? 86_400_000 : 1000));
  }
  return [low, high];
}

/** Ids of the people a sender filter names (exact name or one of their handles). */
function senderIds(caseDir: string, sender: string): Set<number> {
  const rows = archive(caseDir).prepare('SELECT id, name, handles FROM people').all() as { id: number; name: string; handles: string }[];
  const wanted = sender.trim().toLowerCase();
  return new Set(
    rows.filter((r) => r.name.toLowerCase() === wanted || (JSON.parse(r.handles) as string[]).some((h) => h.toLowerCase() === wanted)).map((r) => r.id),
  );
}

interface CandidateRow {
  id: number;
  chat_id: number;
  sender_id: number;
  text: string;
}

export function search(caseDir: string, query: string, opts: SearchOptions = {}): SearchHit[] {
  const parts = queryParts(query);
  if (parts.length === 0) return [];
  const db = archive(caseDir);
  const limit = opts.limit ?? 100;
  const [low, high] = idRange(opts.from, opts.to);
  const senders = opts.sender ? senderIds(caseDir, opts.sender) : undefined;
  if (senders && senders.size === 0) return [];
  const chatFilter = opts.chatId !== undefined ? ' AND m.chat_id = ?' : '';
  const params: (string | number)[] = [];
  const match = ftsQuery(query);
  let sql: string;
  if (match) {
    sql = `SELECT m.id, m.chat_id, m.sender_id, m.text FROM message_fts f JOIN messages m ON m.id = f.rowid
           WHERE message_fts MATCH ? AND f.rowid >= ? AND f.rowid < ?${chatFilter} ORDER BY f.rowid DESC`;
    params.push(match, low, high);
  } else {
    // Nothing indexable (emoji, punctuation): scan texts.
    sql = `SELECT m.id, m.chat_id, m.sender_id, m.text FROM messages m
           WHERE instr(lower(m.text), ?) > 0 AND m.id >= ? AND m.id < ?${chatFilter} ORDER BY m.id DESC`;
    params.push(parts[0]!, low, high);
  }
  if (opts.chatId !== undefined) params.push(Number(opts.chatId));
  const chatNames = new Map<number, string>();
  const senderNames = new Map<number, string>();
  const chatName = db.prepare('SELECT name FROM chats WHERE id = ?');
  const personName = db.prepare('SELECT name FROM people WHERE id = ?');
  const hits: SearchHit[] = [];
  if (limit <= 0) return hits;
  for (const row of db.prepare(sql).iterate(...params) as Iterable<CandidateRow>) {
    if (senders && !senders.has(row.sender_id)) continue;
    const highlights = highlightRanges(row.text, parts);
    if (highlights.length === 0) continue;
    let chat = chatNames.get(row.chat_id);
    if (chat === undefined) {
      chat = (chatName.get(row.chat_id) as { name: string }).name;
      chatNames.set(row.chat_id, chat);
    }
    let sender = senderNames.get(row.sender_id);
    if (sender === undefined) {
      sender = (personName.get(row.sender_id) as { name: string }).name;
      senderNames.set(row.sender_id, sender);
    }
    hits.push({ chat, chatId: String(row.chat_id), messageId: String(row.id), sender, time: iso(row.id), text: row.text, highlights });
    if (hits.length >= limit) break;
  }
  return hits;
}

