import { afterEach, describe, expect, it } from 'vitest';
import { makeMarkCommand, makeProgressCommand, markCommand as bareMark, type CliCommandFn } from '../../../electron/readd/cli';
import { runCommand } from '../../../electron/platform/command-line';

/** As the command line runs a command (cli/main.ts): a usage mistake ends 2, a failure 1. */
const asRun = (command: CliCommandFn): CliCommandFn => (args, io) => runCommand(io, 'usage: mark …', () => command(args, io));
const markCommand = asRun(bareMark);
import { person, tempCase } from './helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function capture(): { io: { out: (s: string) => void; err: (s: string) => void }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) }, out: () => out, err: () => err };
}

const persons = [person({ id: 'p1', name: '张三' }), person({ id: 'p2', name: 'Bob' })];
const loadPersons = async (): Promise<typeof persons> => persons;

describe('readd CLI', () => {
  it('mark then progress --json shows counts and per-person status', async () => {
    const { dir, cleanup } = tempCase();
    cleanups.push(cleanup);
    const mark = makeMarkCommand(loadPersons);
    const m = capture();
    expect(await mark(['--case', dir, '--person', 'p1', '--status', 'sent'], m.io)).toBe(0);
    expect(m.out()).toBe('p1: sent (event 1)\n');

    const p = capture();
    expect(await makeProgressCommand(loadPersons)(['--case', dir, '--json'], p.io)).toBe(0);
    const report = JSON.parse(p.out());
    expect(report.counts).toEqual({ pending: 1, sent: 1, accepted: 0, declined: 0, notFound: 0, skipped: 0, later: 0 });
    expect(report.persons.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ['p1', 'sent'],
      ['p2', 'pending'],
    ]);
  });

  it('rejects unknown persons, statuses and options with a message and a non-zero code', async () => {
    const { dir, cleanup } = tempCase();
    cleanups.push(cleanup);
    const mark = asRun(makeMarkCommand(loadPersons));
    const a = capture();
    expect(await mark(['--case', dir, '--person', 'nobody', '--status', 'sent'], a.io)).toBe(1);
    expect(a.err()).toMatch(/no person "nobody"/);
    const b = capture();
    expect(await mark(['--case', dir, '--person', 'p1', '--status', 'maybe'], b.io)).toBe(2);
    expect(b.err()).toMatch(/unknown status "maybe"/);
    const c = capture();
    expect(await asRun(makeProgressCommand(loadPersons))(['--case', dir, '--frob'], c.io)).toBe(2);
    const d = capture();
    expect(await markCommand(['--person', 'p1', '--status', 'sent'], d.io)).toBe(2);
    expect(d.err()).toMatch(/--case is required/);
  });

  it('lists progress of persons no longer in the contact book', async () => {
    const { dir, cleanup } = tempCase();
    cleanups.push(cleanup);
    await markCommand(['--case', dir, '--person', 'gone', '--status', 'accepted'], capture().io);
    const p = capture();
    await makeProgressCommand(loadPersons)(['--case', dir, '--json'], p.io);
    expect(JSON.parse(p.out()).persons.find((r: { id: string }) => r.id === 'gone')).toMatchObject({ status: 'accepted' });
  });
});
