// The support-staff commands, one row each. They share the backend code the app uses.
import { contactsCommand, importCommand } from './contacts-commands';
import { photosCommand } from '../photos/cli';
import type { CliIO } from './io';

export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export const commandTable: CliCommand[] = [
  { name: 'import', usage: 'import --case DIR FILE… [--json]      import contact files (vCard, CSV, WeChat, Telegram)', run: importCommand },
  { name: 'contacts', usage: 'contacts --case DIR [--json]          print the merged contact list', run: contactsCommand },
  { name: 'photos', usage: 'photos import|list|verify --case DIR [PATH…] [--json]   photo archive: import folders/zips, list, re-hash', run: photosCommand },
];
