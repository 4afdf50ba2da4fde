// `messages import|search|stats` for the command line.
import { importMessages, messageStats, searchMessages, closeArchive } from './index';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

interface Parsed {
  caseDir?: string;
  json: boolean;
  limit?: number;
  rest: string[];
  error?: string;
}

function parseArgs(args: string[]): Parsed {
  const p: Parsed = { json: false, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--case') p.caseDir = args[++i];
    else if (a.startsWith('--case=')) p.caseDir = a.slice(7);
    else if (a === '--json') p.json = true;
    else if (a === '--limit' || a.startsWith('--limit=')) {
      const v = a === '--limit' ? args[++i] : a.slice(8);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) p.error = `--limit needs a whole number, got "${v ?? ''}"`;
      else p.limit = n;
    } else if (a.startsWith('--')) p.error = `unknown option ${a}`;
    else p.rest.push(a);
  }
  return p;
}

const USAGE = `usage:
  messages import --case DIR PATH... [--json]
  messages search --case DIR QUERY [--json] [--limit N]
  messages stats --case DIR [--json]`;

export async function messagesCommand(args: string[], io: Io): Promise<number> {
  const [command, ...rest] = args;
  const p = parseArgs(rest);
  if (p.error) {
    io.err(`${p.error}\n${USAGE}\n`);
    return 2;
  }
  if (!p.caseDir || !command || !['import', 'search', 'stats'].includes(command)) {
    io.err(`${USAGE}\n`);
    return 2;
  }
  const caseDir = p.caseDir;
  try {
    if (command === 'import') {
      if (p.rest.length === 0) {
        io.err(`messages import: give at least one file or folder\n${USAGE}\n`);
        return 2;
      }
      const summary = await importMessages(caseDir, p.rest);
      if (p.json) io.out(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        for (const r of summary.wechatDatabases ?? []) {
          const counts = r.friends === undefined ? 'no contact database beside it' : `${r.friends} friends, ${r.groups ?? 0} groups`;
          io.out(`${r.folder}: WeChat ${r.version} database: ${counts}, ${r.messageFiles} message files\n`);
        }
        for (const f of summary.files) {
          io.out(`${f.file}: ${f.format}, ${f.chats} chats, ${f.messages} new messages, ${f.duplicates} already archived${f.error ? `; ERROR: ${f.error}` : ''}\n`);
          for (const s of f.skipped) io.out(`  skipped${s.line !== undefined ? ` line ${s.line}` : ''}: ${s.reason}\n`);
          for (const n of f.notes ?? []) io.out(`  note: ${n.reason}\n`);
        }
        io.out(`total: ${summary.messages} new messages, ${summary.duplicates} already archived\n`);
      }
      return summary.files.some((f) => f.error) ? 1 : 0;
    }
    if (command === 'search') {
      const query = p.rest.join(' ');
      if (!query.trim()) {
        io.err(`messages search: give a query\n${USAGE}\n`);
        return 2;
      }
      const hits = searchMessages(caseDir, query, { limit: p.limit ?? Infinity });
      if (p.json) io.out(`${JSON.stringify(hits.map((h) => ({ chat: h.chat, chatId: h.chatId, messageId: h.messageId, sender: h.sender, time: h.time, text: h.text, highlights: h.highlights })), null, 2)}\n`);
      else for (const h of hits) io.out(`${h.time} [${h.chat}] ${h.sender}: ${h.text}\n`);
      return 0;
    }
    const stats = messageStats(caseDir);
    if (p.json) io.out(`${JSON.stringify(stats, null, 2)}\n`);
    else {
      for (const c of stats.chats) io.out(`${c.name}: ${c.messages}\n`);
      for (const person of stats.people) io.out(`${person.name} (${person.handles.join(', ')}): ${person.messages}, last ${person.lastAt ?? '-'}\n`);
    }
    return 0;
  } catch (error) {
    io.err(`messages ${command}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    closeArchive(caseDir);
  }
}
