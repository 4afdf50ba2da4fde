// `messages import|search|stats` for the command line (usage in cli/commands.ts).
import { importMessages, messageStats, searchMessages, closeArchive } from './index';
import { parseCommandLine, required, UsageError, type CliIO } from '../platform/command-line';
import { parseDatKey } from '../photos/wechat-dat';

const OPTIONS = { case: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' }, 'wechat-image-key': { type: 'string' } } as const;

export async function messagesCommand(args: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = args;
  if (!command || !['import', 'search', 'stats'].includes(command)) throw new UsageError('messages: import, search or stats?');
  const { values, positionals } = parseCommandLine(rest, OPTIONS);
  const caseDir = required(values.case, 'case');
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new UsageError(`--limit needs a whole number, got "${values.limit}"`);
  const p = { json: values.json === true, limit, rest: positionals };
  try {
    if (command === 'import') {
      if (p.rest.length === 0) throw new UsageError('messages import: give at least one file or folder');
      // The key decodes WeChat 4 V2 pictures; it is never printed, not even when it is refused.
      const key = values['wechat-image-key'];
      if (key !== undefined && !parseDatKey(key)) throw new UsageError('--wechat-image-key: 16 characters or 32 hex digits');
      const summary = await importMessages(caseDir, p.rest, key ? { wechatImageKey: key } : {});
      if (p.json) io.out(JSON.stringify(summary, null, 2));
      else {
        for (const r of summary.wechatDatabases ?? []) {
          const counts = r.friends === undefined ? 'no contact database beside it' : `${r.friends} friends, ${r.groups ?? 0} groups`;
          io.out(`${r.folder}: WeChat ${r.version} database: ${counts}, ${r.messageFiles} message files\n`);
        }
        for (const f of summary.files) {
          io.out(`${f.file}: ${f.format}, ${f.chats} chats, ${f.messages} new messages, ${f.duplicates} already archived${f.error ? `; ERROR: ${f.error}` : ''}`);
          for (const s of f.skipped) io.out(`  skipped${s.line !== undefined ? ` line ${s.line}` : ''}: ${s.reason}`);
          for (const n of f.notes ?? []) io.out(`  note: ${n.reason}`);
        }
        io.out(`total: ${summary.messages} new messages, ${summary.duplicates} already archived`);
      }
      return summary.files.some((f) => f.error) ? 1 : 0;
    }
    if (command === 'search') {
      const query = p.rest.join(' ');
      if (!query.trim()) throw new UsageError('messages search: give a query');
      const hits = searchMessages(caseDir, query, { limit: p.limit ?? Infinity });
      if (p.json) io.out(`${JSON.stringify(hits.map((h) => ({ chat: h.chat, chatId: h.chatId, messageId: h.messageId, sender: h.sender, time: h.time, text: h.text, highlights: h.highlights })), null, 2)}`);
      else for (const h of hits) io.out(`${h.time} [${h.chat}] ${h.sender}: ${h.text}`);
      return 0;
    }
    const stats = messageStats(caseDir);
    if (p.json) io.out(JSON.stringify(stats, null, 2));
    else {
      for (const c of stats.chats) io.out(`${c.name}: ${c.messages}`);
      for (const person of stats.people) io.out(`${person.name} (${person.handles.join(', ')}): ${person.messages}, last ${person.lastAt ?? '-'}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new Error(`messages ${command}: ${(error as Error).message}`, { cause: error });
  } finally {
    closeArchive(caseDir);
  }
}
