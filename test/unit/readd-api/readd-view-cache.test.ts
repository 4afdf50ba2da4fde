// The Re-add screen's view comes from a plan kept in the case session (issue 16: a from-scratch
// queue took seconds at 100k persons, on every action). Checked here, through the backend, against
// a plan built from scratch after every step of a random session that also changes the persons
// (merge decisions, a second import) and the settings the queue depends on.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/api/backend';
import { mergePersons } from '../../../electron/contacts';
import { buildQueue, dashboard, pacing, planToday } from '../../../electron/readd';
import type { Results } from '../../../shared/contract';
import type { ReaddAction } from '../../../shared/types';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relink-readd-cache-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Cards with namesakes (merge proposals), some without a searchable key, some labelled. */
function cards(random: () => number, count: number, tag: string): string {
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '赵磊'];
  return Array.from({ length: count }, (_, i) => {
    const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${names[Math.floor(random() * names.length)]}`];
    if (random() < 0.75) lines.push(`TEL:13${Math.floor(random() * 10)}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`);
    else lines.push(`EMAIL:${tag}${i}@mail.example`);
    if (random() < 0.3) lines.push('CATEGORIES:家人');
    return [...lines, 'END:VCARD', ''].join('\r\n');
  }).join('');
}

describe('re-add view kept in the case session', () => {
  it('equals a plan built from scratch after every step, persons and settings changing too', async () => {
    const random = rng(5);
    const backend = new Backend({ dataDir, mode: 'browser', version: 'test', systemLocale: 'zh-CN' });
    const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, { mayReadPath: () => true })) as Results[M];
    try {
      const { id: caseId } = await call('cases.create', { name: 'c' });
      const importFile = async (name: string, count: number) => {
        const file = join(dataDir, name);
        await writeFile(file, cards(random, count, name));
        await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] });
      };
      await importFile('a.vcf', 40);
      let view = await call('readd.settings', { caseId, patch: { target: { newAccountId: 'new_id' }, dailyLimit: 8, minGapMs: 0, maxGapMs: 0 } });
      const actions: ReaddAction[] = ['sent', 'accepted', 'skipped', 'notFound', 'later', 'declined'];
      const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      const changes = { persons: 0, settings: 0 };
      let cardsWithNamesakes = 0;
      for (let step = 0; step < 120; step++) {
        const r = await backend.session(caseId).readdStore();
        const ids = r.persons().map((p) => p.id);
        const x = random();
        if (x < 0.45) view = await call('readd.record', { caseId, personId: view.current?.personId ?? pick(ids), action: pick(actions) });
        else if (x < 0.55) view = await call('readd.undo', { caseId });
        else if (x < 0.62) view = await call('readd.star', { caseId, personIds: [pick(ids)], starred: random() < 0.7 });
        else if (x < 0.69) view = await call('readd.exclude', { caseId, personIds: [pick(ids)], excluded: random() < 0.7 });
        else if (x < 0.75) view = await call('readd.moveToFront', { caseId, personIds: [pick(ids)] });
        else if (x < 0.82) {
          changes.settings++;
          view = await call('readd.settings', { caseId, patch: random() < 0.5 ? { priorityLabels: random() < 0.5 ? ['家人'] : [] } : { dailyLimit: 8 + Math.floor(random() * 8) } });
        } else if (x < 0.95) {
          const review = await call('contacts.review', { caseId });
          if (review.item) {
            changes.persons++;
            await call('contacts.decide', { caseId, proposalId: review.item.proposal.id, accept: random() < 0.6, reviewAt: 0 });
          }
          view = await call('readd.view', { caseId });
        } else {
          changes.persons++;
          await importFile(`b${step}.vcf`, 5);
          view = await call('readd.view', { caseId });
        }

        // From scratch, over what the case holds now.
        const persons = r.persons();
        const state = r.state();
        const settings = r.store.settings();
        const fresh = buildQueue(persons, state, r.strengths(), settings, view.now, { mutualGroups: r.mutualGroups() });
        const today = planToday(fresh.queue, pacing(state, settings, view.now));
        expect([view.current, ...view.upNext].filter(Boolean).map((q) => q!.personId)).toEqual(today.slice(0, 21).map((q) => q.personId));
        expect(view.upNext).toEqual(today.slice(1, 21));
        expect(view.queueTotal).toBe(fresh.queue.length);
        expect(view.followUps).toEqual(fresh.followUps);
        expect(view.needsAnotherWay.map(({ drafts: _drafts, ...item }) => item)).toEqual(fresh.needsAnotherWay);
        expect(view.dashboard).toEqual(dashboard(state, persons, settings, view.now));
        expect(view.persons).toBe(persons.length);
        // The card's namesakes and the count waiting in the merge review, against every proposal made afresh.
        const proposals = mergePersons((await backend.session(caseId).contacts()).book).proposals;
        const id = view.current?.personId;
        const namesakes = proposals
          .filter((p) => p.a === id || p.b === id)
          .map((p) => (p.a === id ? { proposalId: p.id, personId: p.b, name: p.names[1] } : { proposalId: p.id, personId: p.a, name: p.names[0] }));
        expect(view.current?.maybeSameAs).toEqual(id && namesakes.length ? namesakes : undefined);
        if (namesakes.length) cardsWithNamesakes++;
        expect(view.unreviewed).toBe(proposals.length);
        const rows = await call('readd.queue', { caseId, offset: 0, limit: 1000 });
        expect(rows.rows.filter((row) => row.message !== undefined).map((row) => row.personId)).toEqual(fresh.queue.map((q) => q.personId));
      }
      // The session really did change persons and settings, not only progress.
      expect(changes.persons).toBeGreaterThanOrEqual(4);
      expect(changes.settings).toBeGreaterThanOrEqual(4);
      expect(cardsWithNamesakes).toBeGreaterThanOrEqual(20);
    } finally {
      await backend.close();
    }
  });
});
