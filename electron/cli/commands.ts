// The support-staff commands, one row each. They share the backend code the app uses.
import { contactsCommand, importCommand, openCaseContacts } from './contacts-commands';
import { makeMarkCommand, makeProgressCommand } from '../readd/cli';
import { photosCommand } from '../photos/cli';
import { messagesCommand } from '../messages/cli';
import type { CliIO } from './io';
import { CASE_USAGE, caseCommand } from '../cases/bundle/cli';
import { APPEAL_USAGE, appealCommand } from '../appeals/cli';

export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

const loadPersons = async (caseDir: string) => (await openCaseContacts(caseDir)).persons();

/** messagesCommand writes text that already ends its lines; CliIO adds one per call. */
const lineIO = (io: CliIO) => ({ out: (s: string) => io.out(s.replace(/\n$/, '')), err: (s: string) => io.err(s.replace(/\n$/, '')) });

export const commandTable: CliCommand[] = [
  { name: 'import', usage: 'import --case DIR FILE|FOLDER… [--json] import contact files (vCard, CSV, WeChat, Telegram)', run: importCommand },
  { name: 'contacts', usage: 'contacts --case DIR [--json] [--person ID --name TEXT|--pick TEXT|--clear-name]  print the merged contact list (after fixing a person\'s name)', run: contactsCommand },
  { name: 'progress', usage: 'progress --case DIR [--json]          re-add counts by status and each person\'s status', run: (args, io) => makeProgressCommand(loadPersons)(args, lineIO(io)) },
  { name: 'mark', usage: 'mark --case DIR --person ID --status S   record a re-add outcome (sent, accepted, declined, notFound, skipped, later)', run: (args, io) => makeMarkCommand(loadPersons)(args, lineIO(io)) },
  { name: 'messages', usage: 'messages import|search|stats --case DIR [PATH…|QUERY] [--json] [--limit N]   chat archive: import exports, search, statistics', run: (args, io) => messagesCommand(args, lineIO(io)) },
  { name: 'case', usage: CASE_USAGE, run: (args, io) => caseCommand(args, io) },
  { name: 'photos', usage: 'photos import|list|verify --case DIR [PATH…] [--json]   photo archive: import folders/zips, list, re-hash', run: photosCommand },
  { name: 'appeal', usage: APPEAL_USAGE, run: (args, io) => appealCommand(args, io) },
];
