// A digest of everything an import leaves in a case's archive: every table row by row, the search
// index's terms with their document counts, and the hits of queries of every kind. Two archives
// with equal digests hold the same messages, duplicates found and search results.
import { createHash } from 'node:crypto';
import { countMessages, searchMessages } from '../../../electron/messages';
import { archive } from '../../../electron/messages/store';

const TABLES: [string, string][] = [
  ['messages', 'SELECT * FROM messages ORDER BY id'],
  ['chats', 'SELECT * FROM chats ORDER BY id'],
  ['people', 'SELECT * FROM people ORDER BY id'],
  ['chat_people', 'SELECT * FROM chat_people ORDER BY chat_id, person_id'],
  ['files', 'SELECT * FROM files ORDER BY id'],
  ['index terms', 'SELECT term, doc FROM temp.relink_dump_vocab ORDER BY term'],
];

export function archiveDigest(caseDir: string, queries: string[]): Record<string, string> {
  const db = archive(caseDir);
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.relink_dump_vocab USING fts5vocab(main, 'message_fts', 'row')");
  const out: Record<string, string> = {};
  for (const [name, sql] of TABLES) {
    const h = createHash('sha256');
    let rows = 0;
    const statement = db.prepare(sql);
    statement.setReadBigInts(true);
    for (const row of statement.iterate()) {
      h.update(JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
      h.update('\n');
      rows++;
    }
    out[name] = `${rows} rows ${h.digest('hex').slice(0, 16)}`;
  }
  const hits = createHash('sha256');
  for (const q of queries) hits.update(`${q}\u0001${countMessages(caseDir, q)}\u0001${searchMessages(caseDir, q, { limit: 50 }).map((m) => m.messageId).join(',')}\n`);
  out.search = `${queries.length} queries ${hits.digest('hex').slice(0, 16)}`;
  db.exec('DROP TABLE temp.relink_dump_vocab');
  return out;
}
