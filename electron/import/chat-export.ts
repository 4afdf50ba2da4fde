// A chat export given to the contact import: said plainly, with where it belongs. Which files are
// chats is the Messages importer's knowledge (electron/messages/detect.ts); this only asks and words it.
import type { MessageFormat } from '../../shared/types';
import { chatAppName, clearChatExport } from '../messages/detect';
import { zipEntryByteSource } from '../messages/zip';
import { ZipArchive } from '../platform/zip';
import type { ImportRun } from './run';

export function reportChatExport(run: ImportRun, format: MessageFormat): void {
  const app = chatAppName(format);
  run.error(`This is a ${app} chat export, not a contact list: import it under Messages`, undefined, undefined, {
    code: 'chat-export-given',
    params: { app, format },
  });
}

/**
 * The chat format of a zip that holds a chat export (WhatsApp's "Export chat" with media: its
 * `_chat.txt` or `WhatsApp Chat with ….txt`), or undefined (an .xlsx workbook, zipped vCards…).
 * Only the head of text entries is read, and only until the first chat.
 */
export async function chatExportInZip(path: string): Promise<MessageFormat | undefined> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(path);
  } catch {
    return undefined; // not a readable zip (or a bomb): the caller's own words about the file stand
  }
  try {
    for (const entry of zip.entries) {
      if (entry.unsafe || !/\.txt$/i.test(entry.name)) continue;
      const format = clearChatExport(await zipEntryByteSource(zip, entry, entry.name));
      if (format) return format === 'whatsapp-txt' ? 'whatsapp-zip' : format;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    zip.close();
  }
}
