// The support-staff commands, one row each. They share the backend code the app uses.
import { CONTACTS_USAGE, contactsCommand, IMPORT_USAGE, importCommand, openCaseContacts } from './contacts-commands';
import { makeMarkCommand, makeProgressCommand, MARK_USAGE, PROGRESS_USAGE } from '../readd/cli';
import { photosCommand } from '../photos/cli';
import { messagesCommand } from '../messages/cli';
import type { CliIO } from '../platform/command-line';
import { CASE_USAGE, caseCommand } from '../cases/bundle/cli';

export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

const loadPersons = async (caseDir: string) => (await openCaseContacts(caseDir)).persons();

export const commandTable: CliCommand[] = [
  { name: 'import', usage: `${IMPORT_USAGE}   import contact files (vCard, CSV, WeChat, Telegram)`, run: importCommand },
  { name: 'contacts', usage: `${CONTACTS_USAGE}   print the merged contact list (after fixing a person's name)`, run: contactsCommand },
  { name: 'progress', usage: `${PROGRESS_USAGE}   re-add counts by status and each person's status`, run: makeProgressCommand(loadPersons) },
  { name: 'mark', usage: `${MARK_USAGE}   record a re-add outcome`, run: makeMarkCommand(loadPersons) },
  { name: 'messages', usage: 'messages import|search|stats --case DIR [PATH…|QUERY] [--json] [--limit N]   chat archive: import exports, search, statistics', run: messagesCommand },
  { name: 'case', usage: CASE_USAGE, run: (args, io) => caseCommand(args, io) },
  { name: 'photos', usage: 'photos import|list|verify --case DIR [PATH…] [--json]   photo archive: import folders/zips, list, re-hash', run: photosCommand },
];
