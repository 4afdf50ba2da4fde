// Command line: `progress --case DIR [--json] [--target ID]` and
// `mark --case DIR --person ID --status sent [--target ID] [--at ISO]`.
// Persons come from a loader passed in (the contacts storage is another capability's).
import type { Person, ReaddAction, ReaddStatus } from '../../shared/types';
import { loadReaddState } from './load';
import { ReaddStore } from './store';
import { STATUSES } from './state';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}
export type CliCommandFn = (args: string[], io: CliIo) => Promise<number>;
export type LoadPersons = (caseDir: string) => Promise<Person[]>;

const USAGE_PROGRESS = 'usage: progress --case DIR [--json] [--target ID]';
const USAGE_MARK = `usage: mark --case DIR --person ID --status ${[...STATUSES, 'follow-up-sent'].join('|')} [--target ID] [--at ISO-TIME]`;

class UsageError extends Error {}

/** `--key value`, `--key=value` and `--flag`; anything else is a usage error. */
function parseOptions(args: string[], valued: string[], flags: string[]): Map<string, string | true> {
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const key = arg.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(key) && eq < 0) {
      options.set(key, true);
    } else if (valued.includes(key)) {
      const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') throw new UsageError(`--${key} needs a value`);
      options.set(key, value);
    } else {
      throw new UsageError(`unknown option --${key}`);
    }
  }
  return options;
}

function required(options: Map<string, string | true>, key: string): string {
  const value = options.get(key);
  if (typeof value !== 'string') throw new UsageError(`--${key} is required`);
  return value;
}

async function guarded(io: CliIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${usage}\n`);
      return 2;
    }
    io.err(`${(error as Error).message}\n`);
    return 1;
  }
}

export function makeProgressCommand(loadPersons: LoadPersons): CliCommandFn {
  return (args, io) =>
    guarded(io, USAGE_PROGRESS, async () => {
      const options = parseOptions(args, ['case', 'target'], ['json']);
      const caseDir = required(options, 'case');
      const { state, issues } = loadReaddState(caseDir);
      const targetId = (options.get('target') as string | undefined) ?? state.settings.activeTargetId;
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

      if (options.get('json') === true) {
        io.out(`${JSON.stringify({ case: caseDir, target: targetId, lastSeq: state.lastSeq, counts, persons: rows, issues }, null, 2)}\n`);
      } else {
        io.out(`${STATUSES.map((s) => `${s}: ${counts[s]}`).join('  ')}\n`);
        for (const row of rows) io.out(`${row.id}\t${row.status}${row.excluded ? ' (excluded)' : ''}\t${row.name}\n`);
        for (const issue of issues) io.err(`${issue.file}${issue.line ? `:${issue.line}` : ''}: ${issue.message}\n`);
      }
      return 0;
    });
}

export function makeMarkCommand(loadPersons?: LoadPersons): CliCommandFn {
  return (args, io) =>
    guarded(io, USAGE_MARK, async () => {
      const options = parseOptions(args, ['case', 'person', 'status', 'target', 'at'], []);
      const caseDir = required(options, 'case');
      const personId = required(options, 'person');
      const status = required(options, 'status') as ReaddAction;
      if (![...STATUSES, 'follow-up-sent'].includes(status)) throw new UsageError(`unknown status "${status}"`);
      const atText = options.get('at') as string | undefined;
      const at = atText === undefined ? Date.now() : Date.parse(atText);
      if (Number.isNaN(at)) throw new UsageError(`--at "${atText}" is not a date/time`);
      if (loadPersons) {
        const persons = await loadPersons(caseDir);
        if (!persons.some((p) => p.id === personId)) throw new Error(`no person "${personId}" in ${caseDir}`);
      }
      const store = await ReaddStore.open(caseDir);
      try {
        const targetId = (options.get('target') as string | undefined) ?? store.settings().activeTargetId;
        const event = await store.record(personId, status, at, targetId);
        io.out(`${personId}: ${store.statusOf(personId, targetId)} (event ${event.seq})\n`);
        return 0;
      } finally {
        await store.close();
      }
    });
}

/** Without a contact book: progress lists persons that have progress; mark does not check the id. */
export const progressCommand: CliCommandFn = makeProgressCommand(async () => []);
export const markCommand: CliCommandFn = makeMarkCommand();
