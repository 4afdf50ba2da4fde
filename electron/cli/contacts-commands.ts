// `relink import --case DIR FILE|FOLDER…` and `relink contacts --case DIR --json`.
import { basename, resolve } from 'node:path';
import { LEGACY_CHARSETS } from '../../shared/contract/contact-words';
import type { Person } from '../../shared/types';
import { openCaseFolder } from '../cases/case-folder';
import { ContactsRepository } from '../contacts-store/contacts-repository';
import { expandFolders } from '../contacts-store/expand-folders';
import { importContactFiles } from '../contacts-store/import-files';
import { clearPersonName, setPersonName } from '../contacts';
import { parseCommandLine, required, UsageError, type CliIO } from '../platform/command-line';

export async function openCaseContacts(caseDir: string, io?: CliIO) {
  const folder = resolve(caseDir);
  await openCaseFolder(folder);
  const contacts = await new ContactsRepository().get(folder);
  if (contacts.corrupt && io) {
    io.err(`relink: ${contacts.corrupt.file} could not be read; it was kept aside as ${contacts.corrupt.keptAs} and this case's contact book starts empty.`);
  }
  return contacts;
}

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { case: { type: 'string' }, json: { type: 'boolean' }, charset: { type: 'string' } });
  const caseDir = required(values.case, 'case');
  if (positionals.length === 0) throw new UsageError('give one or more contact files to import');
  const charset = values.charset;
  if (charset !== undefined && !(LEGACY_CHARSETS as readonly string[]).includes(charset)) throw new UsageError(`--charset is one of ${LEGACY_CHARSETS.join(', ')}`);
  // A folder stands for every file in it, as when one is picked in the app.
  const files = await expandFolders(positionals.map((p) => ({ path: resolve(p), name: basename(resolve(p)), charset })));
  if (files.length === 0) throw new Error(`no files to import in ${positionals.join(', ')}`);
  const contacts = await openCaseContacts(caseDir, io);
  contacts.onLockWait = (pid) => io.err(`waiting: another process (pid ${pid}) is saving this case's contacts…`);
  const result = await importContactFiles(contacts, files);
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
  } else {
    for (const f of result.files) {
      io.out(
        `${f.file}: ${f.format}, ${f.encoding}, ${f.records} records (${f.added} new, ${f.updated} updated, ${f.unchanged} unchanged, ${f.removed} removed), ${f.skipped} skipped, ${f.issues.filter((i) => i.severity === 'error').length} errors`,
      );
      for (const issue of f.issues) {
        io.out(`  ${issue.severity}: ${issue.file}${issue.record ? ` ${issue.record}` : issue.line ? ` line ${issue.line}` : ''}: ${issue.message}`);
      }
    }
    io.out(`merged: ${result.persons} persons, ${result.proposals} possible duplicates to review`);
  }
  const failed = result.files.some((f) => f.records === 0 && f.issues.some((i) => i.severity === 'error'));
  return failed ? 1 : 0;
}

function personJson(p: Person) {
  return {
    id: p.id,
    name: p.name,
    phones: p.phones.map((v) => v.value),
    emails: p.emails.map((v) => v.value),
    wechatIds: p.wechatIds.map((v) => v.value),
    wxids: p.wxids.map((v) => v.value),
    labels: p.labels,
    sources: p.sources,
    // `name` is the user's choice when they fixed it; this says so, and what the records alone give.
    ...(p.chosenName ? { chosenName: p.chosenName } : {}),
  };
}

const CONTACTS_OPTIONS = {
  case: { type: 'string' },
  json: { type: 'boolean' },
  person: { type: 'string' },
  name: { type: 'string' },
  pick: { type: 'string' },
  'clear-name': { type: 'boolean' },
} as const;

export async function contactsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandLine(argv, CONTACTS_OPTIONS, { positionals: false });
  const contacts = await openCaseContacts(required(values.case, 'case'), io);
  // A damaged book lists as empty: that is not an answer to "who is in this case", so fail.
  if (contacts.corrupt) return 1;
  if (values.person !== undefined) await fixName(contacts, values.person, values);
  const persons = contacts.persons();
  if (values.json) io.out(JSON.stringify(persons.map(personJson), null, 2));
  else for (const p of persons) io.out([p.name, ...p.phones.map((v) => v.value), ...p.wechatIds.map((v) => v.value)].join('\t'));
  return 0;
}

/** `--person ID --name TEXT | --pick TEXT | --clear-name`: what the person page's name chooser does. */
async function fixName(
  contacts: Awaited<ReturnType<typeof openCaseContacts>>,
  personId: string,
  { name, pick, 'clear-name': clearName }: { name?: string; pick?: string; 'clear-name'?: boolean },
): Promise<void> {
  const result = contacts.result();
  const id = result.aliases.get(personId) ?? personId;
  if (!result.personRecords.has(id)) throw new Error(`no person ${personId}`);
  if (clearName) {
    await contacts.update((book) => clearPersonName(book, id, result));
  } else if (pick !== undefined || name !== undefined) {
    const wanted = pick !== undefined ? { pick } : { name: name! };
    const done = await contacts.update((book) => setPersonName(book, id, wanted, result));
    if (!done) throw new Error(pick !== undefined ? `person ${personId} has no name "${pick}"` : 'the name is empty');
  } else {
    throw new UsageError('--person needs --name TEXT, --pick TEXT or --clear-name');
  }
}
