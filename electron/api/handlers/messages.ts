// Handlers for the chat archive: import (paths, or browser uploads staged into a temporary tree
// that repeats their relative names), the chat list, conversation pages, search, statistics, a
// person's chats, and export of one chat.

import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ApiError, type MessageStats } from '../../../shared/contract';
import type { ArchivedMessage, MessageImportSummary } from '../../../shared/types';
import { countMessages, exportChat, getMessages, hasArchive, importMessages, listChats, messageStats, personChats, personRef, searchMessages } from '../../messages';
import type { Handlers } from '../backend';
import { contactOfHandles } from '../../cases/cross-links';
import { withImportPaths } from '../upload-staging';
import { CaseAppeals } from '../../appeals';
import { uiLocale } from '../../settings/app-settings';
import { blobPath } from '../../platform/content-store';
import { exportFolder, safeFileName } from '../../platform/export-file';


const TEMP_PREFIX = /^.*?[\\/]\.import-tmp[\\/]messages-[a-f0-9]+[\\/]\d+[\\/]/;

/** A staged upload's path as the user knows it: its relative name in the upload. */
export function shownFileName(file: string): string {
  return file.replace(TEMP_PREFIX, '').split(sep).join('/');
}

function withShownNames(summary: MessageImportSummary): MessageImportSummary {
  const shown = { ...summary, files: summary.files.map((f) => ({ ...f, file: shownFileName(f.file) })) };
  if (summary.wechatDatabases) shown.wechatDatabases = summary.wechatDatabases.map((r) => ({ ...r, folder: shownFileName(r.folder) }));
  return shown;
}

/** A stored voice, video or file message with its size, shown beside its link (pictures show themselves). */
function withMediaSize(caseDir: string, m: ArchivedMessage): ArchivedMessage {
  const path = m.media?.sha256 && m.kind !== 'image' ? blobPath(caseDir, m.media.sha256) : undefined;
  if (!path) return m;
  try {
    return { ...m, media: { ...m.media, size: statSync(path).size } };
  } catch {
    return m;
  }
}

const EMPTY_STATS: MessageStats = { chats: [], people: [], years: [] };

export const messagesHandlers: Handlers<
  'messages.import' | 'messages.chats' | 'messages.get' | 'messages.search' | 'messages.stats' | 'messages.person' | 'messages.export'
> = {
  'messages.import': ({ caseId, files, jobId, wechatImageKey }, ctx) =>
    ctx.backend.session(caseId).exclusive('chat-import', async () => {
      const caseDir = await ctx.backend.cases.existing(caseId);
      const job = ctx.job('messages.import', jobId);
      const picked = files.map((file) => ({ ...ctx.resolveFile(file), upload: file.kind === 'upload' }));
      const onStaging = () => job.progress({ messages: 0, bytesRead: 0, totalBytes: 0 }, undefined, 'staging');
      try {
        return await withImportPaths(caseDir, picked, { prefix: 'messages-', onStaging }, async (paths) => {
          const summary = await importMessages(caseDir, paths, {
            signal: job.signal,
            wechatImageKey,
            onProgress: (p) =>
              job.progress(
                { messages: p.messages, bytesRead: p.bytesRead, totalBytes: p.totalBytes },
                p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : undefined,
                shownFileName(p.file),
              ),
          });
          // The recovery timeline shows when chats came in (the archive itself keeps no import dates).
          if (!summary.aborted) await new CaseAppeals(caseDir).noteChatsImported(summary.messages, summary.files.length);
          return withShownNames(summary);
        });
      } finally {
        job.finish();
      }
    }),

  'messages.chats': async ({ caseId }, { backend }) => {
    const caseDir = await backend.cases.existing(caseId);
    return hasArchive(caseDir) ? listChats(caseDir) : [];
  },

  'messages.get': async ({ caseId, chatId, offset, limit, aroundMessageId }, { backend }) => {
    const caseDir = await backend.cases.existing(caseId);
    if (!hasArchive(caseDir)) throw new ApiError('not-found', `No chat ${chatId} in this case`);
    const page = getMessages(caseDir, chatId, { offset, limit, aroundMessageId });
    if (page.total === 0) throw new ApiError('not-found', `No chat ${chatId} in this case`);
    return { ...page, messages: page.messages.map((m) => ({ ...withMediaSize(caseDir, m), sourceFile: shownFileName(m.sourceFile) })) };
  },

  'messages.search': async ({ caseId, query, chatId, sender, from, to, offset, limit }, { backend }) => {
    const caseDir = await backend.cases.existing(caseId);
    if (!hasArchive(caseDir)) return { hits: [], total: 0, offset: 0 };
    const filters = { chatId, sender: sender || undefined, from, to };
    const total = countMessages(caseDir, query, filters);
    // A page past the end (the archive changed under the user) shows the last page.
    const start = Math.max(0, Math.min(offset, Math.floor(Math.max(0, total - 1) / limit) * limit));
    return { hits: searchMessages(caseDir, query, { ...filters, offset: start, limit }), total, offset: start };
  },

  'messages.stats': async ({ caseId }, { backend }) => {
    const caseDir = await backend.cases.existing(caseId);
    if (!hasArchive(caseDir)) return EMPTY_STATS;
    const stats = messageStats(caseDir);
    return { ...stats, people: stats.people.map((p) => ({ ref: personRef(p.name, p.handles), ...p })) };
  },

  'messages.person': async ({ caseId, ref }, { backend }) => {
    const folder = await backend.cases.existing(caseId);
    const found = personChats(folder, ref);
    if (!found) throw new ApiError('not-found', `No one called ${ref} in this case's chats`);
    const contact = contactOfHandles((await backend.contacts.get(folder)).persons(), found.handles);
    return { ref, ...found, ...(contact ? { contactId: contact.id } : {}) };
  },

  'messages.export': async ({ caseId, chatId, format, jobId }, ctx) => {
    const caseDir = await ctx.backend.cases.existing(caseId);
    const chat = hasArchive(caseDir) ? listChats(caseDir).find((c) => c.id === chatId) : undefined;
    if (!chat) throw new ApiError('not-found', `No chat ${chatId} in this case`);
    const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    const fileName = `${safeFileName(chat.name, 'chat')}-${stamp}.${format}`;
    const job = ctx.job('messages.export', jobId);
    try {
      const written = await exportChat(caseDir, chatId, format, await uiLocale(ctx.backend.options), join(exportFolder(ctx.backend.options.dataDir, 'chats'), fileName), {
        signal: job.signal,
        onProgress: (done, total) => job.progress({ written: done, total }, total ? done / total : 1),
      });
      return { fileName, downloadPath: `/api/exports/chats/${encodeURIComponent(fileName)}`, ...written };
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw new ApiError('cancelled', 'Export cancelled; no file was written');
      throw error;
    } finally {
      job.finish();
    }
  },
};
