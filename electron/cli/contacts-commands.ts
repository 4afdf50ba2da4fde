// `relink import --case DIR FILE|FOLDER…` and `relink contacts --case DIR --json`.
import { basename, resolve } from 'node:path';
import type { Person } from '../../shared/types';
import { openCaseFolder } from '../cases/case-folder';
import { ContactsRepository } from '../contacts-store/contacts-repository';
import { expandFolders } from '../contacts-store/expand-folders';
import { importContactFiles } from '../contacts-store/import-files';
import { parseArgs, stringOption } from './args';
import type { CliIO } from './io';

export async function openCaseContacts(caseDir: string) {
  const folder = resolve(caseDir);
  await openCaseFolder(folder);
  return new ContactsRepository().get(folder);
}

function requireCase(argv: string[], valued: string[] = []) {
  const args = parseArgs(argv, ['case', ...valued]);
  const caseDir = stringOption(args, 'case');
  if (!caseDir) throw new Error('--case DIR is required (a case folder, e.g. <data-dir>/<name>)');
  return { args, caseDir };
}

export async function importCommand(argv: string[], io: CliIO): Promise<number> {
  const { args, caseDir } = requireCase(argv);
  if (args.positionals.length === 0) throw new Error('give one or more contact files to import');
  // A folder stands for every file in it, as when one is picked in the app.
  const files = await expandFolders(args.positionals.map((p) => ({ path: resolve(p), name: basename(resolve(p)) })));
  if (files.length === 0) throw new Error(`no files to import in ${args.positionals.join(', ')}`);
  const contacts = await openCaseContacts(caseDir);
  contacts.onLockWait = (pid) => io.err(`waiting: another process (pid ${pid}) is saving this case's contacts…`);
  const result = await importContactFiles(contacts, files);
  if (args.options.has('json')) {
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
  };
}

export async function contactsCommand(argv: string[], io: CliIO): Promise<number> {
  const { args, caseDir } = requireCase(argv);
  const persons = (await openCaseContacts(caseDir)).persons();
  if (args.options.has('json')) io.out(JSON.stringify(persons.map(personJson), null, 2));
  else for (const p of persons) io.out([p.name, ...p.phones.map((v) => v.value), ...p.wechatIds.map((v) => v.value)].join('\t'));
  return 0;
}
