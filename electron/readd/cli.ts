// Command line: `progress` and `mark` (their usages are in cli/commands.ts). A usage mistake is a
// UsageError, any other failure an Error: the command line's dispatcher tells them apart.
// Persons come from a loader passed in (the contacts storage is another capability's).
import type { Person, ReaddAction, ReaddStatus } from '../../shared/types';
import { loadReaddState } from './load';
import { ReaddStore } from './store';
import { STATUSES } from './state';
import { parseCommandLine, required, UsageError, type CliIO } from '../platform/command-line';

export type CliCommandFn = (args: string[], io: CliIO) => Promise<number>;
export type LoadPersons = (caseDir: string) => Promise<Person[]>;

export function makeProgressCommand(loadPersons: LoadPersons): CliCommandFn {
  return async (args, io) => {
    const { values: options } = parseCommandLine(args, { case: { type: 'string' }, target: { type: 'string' }, json: { type: 'boolean' } }, { positionals: false });
    const caseDir = required(options.case, 'case');
    const { state, issues } = loadReaddState(caseDir);
    const targetId = options.target ?? state.settings.activeTargetId;
    if (!state.settings.targets.some((t) => t.id === targetId)) throw new Error(`unknown target "${targetId}" in ${caseDir}`);
    const persons = await loadPersons(caseDir);
    const progress = state.progress[targetId] ?? {};
    // Persons with progress but missing from the contact book still show (nothing recorded is hidden).
    const known = new Set(persons.map((p) => p.id));
    const rows = [
      ...persons.map((p) => ({ id: p.id, name: p.name })),
      ...Object.keys(progress).filter((id) => !known.has(id)).map((id) => ({ id, name: '' })),
    ].map(({ id, name }) => {
      const p = progress[id];
      return { id, name, status: p?.status ?? ('pending' as ReaddStatus), attempts: p?.attempts ?? 0, updatedAt: p?.updatedAt ?? null, excluded: state.excluded[id] === true };
    });
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReaddStatus, number>;
    for (const row of rows) if (!row.excluded) counts[row.status] += 1;

    if (options.json) {
      io.out(`${JSON.stringify({ case: caseDir, target: targetId, lastSeq: state.lastSeq, counts, persons: rows, issues }, null, 2)}`);
    } else {
      io.out(`${STATUSES.map((s) => `${s}: ${counts[s]}`).join('  ')}`);
      for (const row of rows) io.out(`${row.id}\t${row.status}${row.excluded ? ' (excluded)' : ''}\t${row.name}`);
      for (const issue of issues) io.err(`${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}`);
    }
    return 0;
  };
}

const MARK_OPTIONS = {
  case: { type: 'string' },
  person: { type: 'string' },
  status: { type: 'string' },
  target: { type: 'string' },
  at: { type: 'string' },
} as const;

export function makeMarkCommand(loadPersons?: LoadPersons): CliCommandFn {
  return async (args, io) => {
    const { values: options } = parseCommandLine(args, MARK_OPTIONS, { positionals: false });
    const caseDir = required(options.case, 'case');
    const personId = required(options.person, 'person');
    const status = required(options.status, 'status') as ReaddAction;
    if (![...STATUSES, 'follow-up-sent'].includes(status)) throw new UsageError(`unknown status "${status}"`);
    const atText = options.at;
    const at = atText === undefined ? Date.now() : Date.parse(atText);
    if (Number.isNaN(at)) throw new UsageError(`--at "${atText}" is not a date/time`);
    if (loadPersons) {
      const persons = await loadPersons(caseDir);
      if (!persons.some((p) => p.id === personId)) throw new Error(`no person "${personId}" in ${caseDir}`);
    }
    const store = await ReaddStore.open(caseDir);
    try {
      const targetId = options.target ?? store.settings().activeTargetId;
      const event = await store.record(personId, status, at, targetId);
      io.out(`${personId}: ${store.statusOf(personId, targetId)} (event ${event.seq})`);
      return 0;
    } finally {
      await store.close();
    }
  };
}

/** Without a contact book: progress lists persons that have progress; mark does not check the id. */
export const progressCommand: CliCommandFn = makeProgressCommand(async () => []);
export const markCommand: CliCommandFn = makeMarkCommand();
