// A chat export given to the contact import: said plainly, with where it belongs. Which files are
// chats is the Messages importer's knowledge (electron/messages/detect.ts); this only asks and words it.
import type { MessageFormat } from '../../shared/types';
import { chatAppName, clearChatExport } from '../messages/detect';
import { bufferByteSource } from '../messages/text-source';
import { readZipEntries } from '../messages/zip';
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
 * Only text entries are read, and only until the first chat.
 */
export async function chatExportInZip(path: string): Promise<MessageFormat | undefined> {
  let found: MessageFormat | undefined;
  try {
    await readZipEntries(path, {
      wanted: (name) => !found && /\.txt$/i.test(name),
      onUnsafe: () => undefined,
      onEntry: async (name, bytes) => {
        const format = clearChatExport(bufferByteSource(bytes, name));
        if (format) found = format === 'whatsapp-txt' ? 'whatsapp-zip' : format;
      },
    });
  } catch {
    return found; // not a readable zip: the caller's own words about the file stand
  }
  return found;
}
