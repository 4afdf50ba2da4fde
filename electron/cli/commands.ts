// The support-staff commands, one row each: name, usage, and the module that runs it, loaded only
// when that command runs (so `relink help` reads this table without loading any of them). They
// share the backend code the app uses.
import type { CliIO } from '../platform/command-line';

export interface CliCommand {
  name: string;
  /** Arguments, then what it does. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

const loadPersons = async (caseDir: string) => (await (await import('./contacts-commands')).openCaseContacts(caseDir)).persons();

export const commandTable: CliCommand[] = [
  {
    name: 'import',
    usage: 'import --case DIR FILE|FOLDER… [--json] [--charset CODEPAGE]   import contact files (vCard, CSV, WeChat, Telegram, WeChat databases); --charset: the code page of a vCard or CSV that names none and is not UTF-8 (else guessed)',
    run: async (args, io) => (await import('./contacts-commands')).importCommand(args, io),
  },
  {
    name: 'contacts',
    usage: "contacts --case DIR [--json] [--person ID --name TEXT|--pick TEXT|--clear-name]   the merged contact list (after fixing a person's name)",
    run: async (args, io) => (await import('./contacts-commands')).contactsCommand(args, io),
  },
  {
    name: 'progress',
    usage: "progress --case DIR [--json] [--target ID]   re-add counts by status and each person's status",
    run: async (args, io) => (await import('../readd/cli')).makeProgressCommand(loadPersons)(args, io),
  },
  {
    name: 'mark',
    usage: 'mark --case DIR --person ID --status pending|sent|accepted|declined|notFound|skipped|later|follow-up-sent [--target ID] [--at ISO-TIME]   record a re-add outcome',
    run: async (args, io) => (await import('../readd/cli')).makeMarkCommand(loadPersons)(args, io),
  },
  {
    name: 'messages',
    usage: 'messages import|search|stats --case DIR [PATH…|QUERY] [--json] [--limit N] [--wechat-image-key KEY]   chat archive: import exports (KEY: your own noted key of WeChat 4 V2 pictures), search, statistics',
    run: async (args, io) => (await import('../messages/cli')).messagesCommand(args, io),
  },
  {
    name: 'case',
    usage: 'case export --case DIR --out FILE | import FILE [--data-dir DIR] [--as-new|--replace] | verify FILE  [--passphrase-stdin]   one file per case',
    run: async (args, io) => (await import('../cases/bundle/cli')).caseCommand(args, io),
  },
  {
    name: 'photos',
    usage: 'photos import|list|verify --case DIR [PATH…] [--json] [--no-thumbnails] [--wechat-image-key KEY]   photo archive: import folders/zips (KEY: your own noted key of WeChat 4 V2 pictures), list, re-hash',
    run: async (args, io) => (await import('../photos/cli')).photosCommand(args, io),
  },
  {
    name: 'appeal',
    usage:
      'appeal ban|add|list --case DIR [...]   appeals: record a ban (--platform --name --handle --ban-date [--kind --days --reapply --notice]), an appeal (--date --channel [--account --asked --sent --reply --next --next-date] [FILE…] attached), list them and the reminders [--json]',
    run: async (args, io) => (await import('../appeals/cli')).appealCommand(args, io),
  },
];
