// Message archive of a case: public API for the IPC handlers, the command line and the contacts
// side. Chats from many exporters (WeChat tools, WhatsApp, Telegram) live in one offline SQLite
// archive, <case>/messages/archive.sqlite, searchable by any sentence.
import { existsSync } from 'node:fs';
import type { ArchivedMessage, ChatSummary, InteractionStrength, Locale, MessageImportSummary, SearchHit } from '../../shared/types';
import type { ExportProgress } from '../platform/export-file';
import { writeChatExport, type ChatExportFormat } from './export';
import { runImport, type ImportOptions } from './importer';
import { getMessagesQuery, groupsByHandleQuery, messageMediaQuery, interactionStrengthsQuery, listChatsQuery, messageStatsQuery, personChatsQuery } from './queries';
import { countHits, search } from './search';
import { archivePath, closeAllArchiveDbs, closeArchiveDb } from './store';
import { withSmallYoungGeneration } from '../runtime/young-generation';

export type { ArchivedMessage, ChatSummary, MessageImportSummary, SearchHit } from '../../shared/types';
export { personRef } from './queries';

/** True once something was imported into the case (reading never creates the archive). */
export function hasArchive(caseDir: string): boolean {
  return existsSync(archivePath(caseDir));
}

/** Imports export files, folders of them, or zips; per file: format, chats, new messages, duplicates, skipped lines with reasons. */
export async function importMessages(
  caseDir: string,
  paths: string[],
  opts?: ImportOptions,
): Promise<MessageImportSummary> {
  return withSmallYoungGeneration(() => runImport(caseDir, paths, opts), MESSAGE_IMPORT_YOUNG_GENERATION_MB);
}

/**
 * The message import's young generation stops at 32 MB (V8 grows it to 134 MB on a machine with much
 * memory). Measured on the 2M bench's formats (messages-2m): the same CPU time at 32 MB as at 134
 * (MemoTrace 1M 25-26 s, WhatsApp 400k 19 s, Telegram 600k 24.5 s), and ~100 MB less peak RSS;
 * at 16 MB MemoTrace took 1-2 s more.
 */
export const MESSAGE_IMPORT_YOUNG_GENERATION_MB = 32;

/** Every chat with messages, newest activity first. */
export function listChats(caseDir: string): ChatSummary[] {
  return listChatsQuery(caseDir);
}

/** A page of one chat's messages, oldest first; `aroundMessageId` centres the page on that message. */
export function getMessages(
  caseDir: string,
  chatId: string,
  opts: { offset?: number; limit?: number; aroundMessageId?: string },
): { total: number; offset: number; messages: ArchivedMessage[] } {
  return getMessagesQuery(caseDir, chatId, opts);
}

/**
 * The stored media of one message of this case, for the media route: only what a message links
 * can be served, looked up by the message's id, never by a hash or path the page names.
 */
export function messageMedia(caseDir: string, messageId: string): ReturnType<typeof messageMediaQuery> {
  if (!/^\d{1,16}$/.test(messageId) || !hasArchive(caseDir)) return undefined;
  return messageMediaQuery(caseDir, Number(messageId));
}

export interface SearchFilters {
  chatId?: string;
  sender?: string;
  from?: string;
  to?: string;
}

/**
 * Messages containing the query — every whitespace-separated part, anywhere in the text, in any
 * script, case- and width-insensitive — newest first, `offset` hits skipped.
 */
export function searchMessages(caseDir: string, query: string, opts?: SearchFilters & { limit?: number; offset?: number }): SearchHit[] {
  return search(caseDir, query, opts);
}

/** How many messages searchMessages would find with these filters (the true total, for paging). */
export function countMessages(caseDir: string, query: string, opts?: SearchFilters): number {
  return countHits(caseDir, query, opts);
}

export function messageStats(caseDir: string): {
  chats: { name: string; messages: number }[];
  people: { name: string; handles: string[]; messages: number; lastAt?: string }[];
  years: { year: number; messages: number }[];
} {
  return messageStatsQuery(caseDir);
}

/**
 * How much the owner talked with each person, keyed by every handle of that person (see MessageHandle).
 * Safe for the re-add planner to call on any case: without an archive it is an empty map and no file is created.
 */
export function interactionStrengths(caseDir: string, now?: Date): Map<string, InteractionStrength> {
  if (!hasArchive(caseDir)) return new Map();
  return interactionStrengthsQuery(caseDir, now ?? new Date());
}

/** Group chats each handle is in (for "ask a mutual friend"); empty when the case has no archive. */
export function groupsByHandle(caseDir: string): Map<string, string[]> {
  if (!hasArchive(caseDir)) return new Map();
  return groupsByHandleQuery(caseDir);
}

/** One person (a handle, or `name:<name>`): their chats with message counts; undefined when unknown. */
export function personChats(caseDir: string, ref: string): ReturnType<typeof personChatsQuery> {
  if (!hasArchive(caseDir)) return undefined;
  return personChatsQuery(caseDir, ref);
}

/** Writes one chat to `target` as a self-contained offline HTML page (all text escaped) or plain text; a long job (cancel: no file). */
export function exportChat(
  caseDir: string,
  chatId: string,
  format: ChatExportFormat,
  locale: Locale,
  target: string,
  opts?: ExportProgress,
): Promise<{ messages: number; bytes: number }> {
  return writeChatExport(caseDir, chatId, format, locale, target, opts);
}

/** Closes the case's archive (before moving or deleting the case folder). */
export function closeArchive(caseDir: string): void {
  closeArchiveDb(caseDir);
}

/** Closes every archive this process opened (the backend closing). */
export function closeAllArchives(): void {
  closeAllArchiveDbs();
}
