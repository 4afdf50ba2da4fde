// Contract for the chat archive: import of chat exports (files, folders, zips; uploads in browser
// mode), the chat list, pages of one conversation, full-text search, statistics, a person's chats,
// and export of one chat as a self-contained HTML page or plain text.
import { z } from 'zod';
import type { ArchivedMessage, ChatKind, ChatSummary, MessageImportSummary, Platform, SearchHit } from '../types';
import { caseId, exportedFileName, fileRef, wechatImageKey, type ExportedFile } from './core';

/** Chat ids are the archive's row ids. */
export const chatId = z.string().regex(/^\d{1,15}$/, 'not a chat id');
/** Message ids are time-ordered integers (seconds × 2^20 + sequence). */
export const messageId = z.string().regex(/^\d{1,20}$/, 'not a message id');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'not a date');

export interface MessageStats {
  chats: { name: string; messages: number }[];
  /** Everyone who wrote, most messages first; `ref` names the person for messages.person. */
  people: { ref: string; name: string; handles: string[]; messages: number; lastAt?: string }[];
  years: { year: number; messages: number }[];
}

export interface PersonChats {
  ref: string;
  name: string;
  handles: string[];
  /** Messages this person wrote, in all chats. */
  messages: number;
  lastAt?: string;
  chats: { chatId: string; name: string; kind: ChatKind; platform: Platform; messages: number; fromPerson: number; lastAt?: string }[];
  /** The contact with one of these handles, for a link to their contact page. */
  contactId?: string;
}

/** Exported chats wait under <data dir>/exports/chats/ for the page to download them. */
export const chatExportFileName = exportedFileName('html', 'txt');

export interface ChatExportFile extends ExportedFile {
  messages: number;
}

export const messagesMethods = {
  /**
   * Export files, folders and zips (Electron: paths) or uploaded files (browser mode: each named by
   * its relative path in the uploaded folder, so media beside an export and users.json beside
   * PyWxDump CSVs are found again).
   */
  'messages.import': z.object({
    caseId,
    files: z.array(fileRef).min(1).max(200_000),
    jobId: z.string().max(64).optional(),
    /** WeChat 4 V2 pictures' key, if the user noted it (see core.ts). */
    wechatImageKey: wechatImageKey.optional(),
  }),
  'messages.chats': z.object({ caseId }),
  /** A page of one chat, oldest first; `aroundMessageId` centres the page on that message. */
  'messages.get': z.object({
    caseId,
    chatId,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(10_000).default(200),
    aroundMessageId: messageId.optional(),
  }),
  'messages.search': z.object({
    caseId,
    query: z.string().max(200),
    chatId: chatId.optional(),
    /** A sender's name as shown, or one of their handles. */
    sender: z.string().max(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Hits skipped, newest first: paging through `total`. */
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(2000).default(200),
  }),
  'messages.stats': z.object({ caseId }),
  /** One person (a `ref` from messages.stats): the chats they are in, with message counts. */
  'messages.person': z.object({ caseId, ref: z.string().min(1).max(300) }),
  /** A long job: written under the data folder (temp file, renamed when whole), then downloaded. */
  'messages.export': z.object({ caseId, chatId, format: z.enum(['html', 'txt']), jobId: z.string().max(64).optional() }),
};

export interface MessagesResults {
  'messages.import': MessageImportSummary;
  'messages.chats': ChatSummary[];
  'messages.get': { total: number; offset: number; messages: ArchivedMessage[] };
  /** One page of hits (newest first, from `offset`) and how many messages match in all. */
  'messages.search': { hits: SearchHit[]; total: number; offset: number };
  'messages.stats': MessageStats;
  'messages.person': PersonChats;
  'messages.export': ChatExportFile;
}
