// Full-text search by substring: candidates come from the index newest first (ids are time-ordered),
// each is confirmed against the folded text (tokens.ts), and highlight ranges come from that text.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { SearchHit } from '../../shared/types';
import { archive, millisToFirstId } from './store';
import { highlightRanges, planQuery, type QueryPlan } from './tokens';
import { iso } from './queries';

export interface SearchOptions {
  chatId?: string;
  sender?: string;
  from?: string;
  to?: string;
  /** Most hits returned; default 100, Infinity for all. */
  limit?: number;
  /** Hits skipped (newest first) before the first one returned: paging. */
  offset?: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Prepared statements kept per archive connection: a search runs three or four, and compiling each
 * again cost a good part of a sub-millisecond search. The SQL of a search varies only with the
 * number of query parts and sender ids, so the set stays small.
 */
const statements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

function statement(db: DatabaseSync, sql: string): StatementSync {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

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

/** FROM … WHERE for the messages that contain every part of the query, newest first by `order`. */
function matching(query: string, caseDir: string, opts: SearchOptions): { sql: string; order: string; params: (string | number)[]; plan: QueryPlan; bare: boolean } | undefined {
  const plan = planQuery(query);
  if (plan.parts.length === 0) return undefined;
  const [low, high] = idRange(opts.from, opts.to);
  const senders = opts.sender ? [...senderIds(caseDir, opts.sender)] : undefined;
  if (senders && senders.length === 0) return undefined;
  const params: (string | number)[] = [];
  let sql: string;
  let order: string;
  if (plan.match) {
    sql = 'FROM message_fts f JOIN messages m ON m.id = f.rowid WHERE message_fts MATCH ? AND f.rowid >= ? AND f.rowid < ?';
    order = 'f.rowid DESC';
    params.push(plan.match, low, high);
  } else {
    // Nothing indexable (emoji, punctuation): every text is checked.
    sql = 'FROM messages m WHERE m.id >= ? AND m.id < ?';
    order = 'm.id DESC';
    params.push(low, high);
  }
  if (opts.chatId !== undefined) {
    sql += ' AND m.chat_id = ?';
    params.push(Number(opts.chatId));
  }
  if (senders) {
    sql += ` AND m.sender_id IN (${senders.map(() => '?').join(',')})`;
    params.push(...senders);
  }
  if (!plan.exact) {
    // The text check. SQLite's instr over lower() (ASCII case only) settles most hits in C: text that
    // contains a folded part that way contains it folded too; only the rest (full-width letters,
    // other scripts' case, non-hits) reaches the JS fold in relink_contains.
    sql += ` AND ((${plan.parts.map(() => 'instr(lower(m.text), ?) > 0').join(' AND ')}) OR relink_contains(m.text, ?))`;
    params.push(...plan.parts, JSON.stringify(plan.parts));
  }
  return { sql, order, params, plan, bare: plan.exact && opts.chatId === undefined && !senders };
}

/** How many messages contain the query (every part), with the same filters as search. */
export function countHits(caseDir: string, query: string, opts: SearchOptions = {}): number {
  const q = matching(query, caseDir, opts);
  if (!q) return 0;
  const db = archive(caseDir);
  if (q.bare) {
    // Every row of the index match is a hit: count the index alone.
    const [low, high] = idRange(opts.from, opts.to);
    return (statement(db, 'SELECT count(*) AS n FROM message_fts WHERE message_fts MATCH ? AND rowid >= ? AND rowid < ?').get(q.plan.match!, low, high) as { n: number }).n;
  }
  return (statement(db, `SELECT count(*) AS n ${q.sql}`).get(...q.params) as { n: number }).n;
}

/** Messages containing the query (every whitespace-separated part, anywhere in the text), newest first; `offset` hits skipped. */
export function search(caseDir: string, query: string, opts: SearchOptions = {}): SearchHit[] {
  const limit = opts.limit ?? 100;
  const q = matching(query, caseDir, opts);
  if (!q || limit <= 0) return [];
  const db = archive(caseDir);
  const rows = statement(db, `SELECT m.id, m.chat_id, m.sender_id, m.text ${q.sql} ORDER BY ${q.order} LIMIT ? OFFSET ?`)
    .all(...q.params, Number.isFinite(limit) ? limit : -1, Math.max(0, opts.offset ?? 0)) as unknown as CandidateRow[];
  const chatNames = new Map<number, string>();
  const senderNames = new Map<number, string>();
  const chatName = statement(db, 'SELECT name FROM chats WHERE id = ?');
  const personName = statement(db, 'SELECT name FROM people WHERE id = ?');
  return rows.map((row) => {
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
    return { chat, chatId: String(row.chat_id), messageId: String(row.id), sender, time: iso(row.id), text: row.text, highlights: highlightRanges(row.text, q.plan.parts) };
  });
}
