// A chat export given to the contact import: said plainly, with where it belongs. Which files are
// chats is the Messages importer's knowledge (electron/messages/detect.ts); this only words it.
import type { MessageFormat } from '../../shared/types';
import { chatAppName } from '../messages/detect';
import type { ImportRun } from './run';

export function reportChatExport(run: ImportRun, format: MessageFormat): void {
  const app = chatAppName(format);
  run.error(`This is a ${app} chat export, not a contact list: import it under Messages`, undefined, undefined, {
    code: 'chat-export-given',
    params: { app, format },
  });
}
