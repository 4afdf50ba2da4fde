// The merge review after each decision is made incrementally (issue 12: each decision < 100 ms at
// 10k contacts): the proposals of groups a decision did not touch come from the last merge's chains
// (ProposalMemo), and their ranked entries are kept with their place. Checked here against a merge
// and ranking made from scratch (a copy of the book, which no memo knows), after every step of a
// random review: merges, keep-aparts, splits, name choices and undos.
import { describe, expect, it } from 'vitest';
import type { ContactBookData, MergeResult, RankedProposal } from '../../../electron/contacts';
import {
  acceptProposal,
  classify,
  EVIDENCE_KINDS,
  emptyContactBook,
  mergePersons,
  personFinder,
  rankProposals,
  rejectProposal,
  replaceFileRecords,
  setPersonName,
  splitPerson,
} from '../../../electron/contacts';
import { contact } from './helpers';

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Namesakes as common as in a real book, with what ranks them: phones, WeChat IDs, organisations, nicknames, same readings. */
function namesakeBook(random: () => number, count: number): ContactBookData {
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '张三', '章三', '杨帆', 'Li Na', '赵磊'];
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const book = emptyContactBook();
  for (const file of ['phone.vcf', 'sheet.csv']) {
    replaceFileRecords(
      book,
      file,
      Array.from({ length: count }, (_, i) =>
        contact(file, `card ${i + 1}`, {
          name: pick(names),
          ...(random() < 0.6 ? { phones: [`139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`] } : {}),
          ...(random() < 0.15 ? { wechatIds: [`wx_${Math.floor(random() * 1e6)}`] } : {}),
          ...(random() < 0.15 ? { org: pick(['腾讯', '华为']) } : {}),
          ...(random() < 0.1 ? { nickname: pick(names) } : {}),
        }),
      ),
    );
  }
  return book;
}

const KIND_ORDER = new Map(EVIDENCE_KINDS.map((k, i) => [k, i]));

/** The review as ranked from scratch: every proposal of a fresh merge classified, then sorted. */
function rankedFromScratch(book: ContactBookData): { result: MergeResult; ranked: RankedProposal[] } {
  const result = mergePersons(JSON.parse(JSON.stringify(book)) as ContactBookData);
  const byId = new Map(result.persons.map((p) => [p.id, p]));
  const ranked = result.proposals.map((proposal) => {
    const a = byId.get(proposal.a)!;
    const b = byId.get(proposal.b)!;
    return { proposal, evidence: classify(a, b, proposal.reason), a, b };
  });
  ranked.sort(
    (x, y) =>
      KIND_ORDER.get(x.evidence.kind)! - KIND_ORDER.get(y.evidence.kind)! ||
      x.proposal.names[0].localeCompare(y.proposal.names[0], 'zh-CN') ||
      (x.proposal.id < y.proposal.id ? -1 : 1),
  );
  return { result, ranked };
}

describe('incremental merge review', () => {
  it('gives after every step the proposals and ranking made from scratch, and keeps the untouched entries', () => {
    const random = rng(7);
    const book = namesakeBook(random, 150);
    let previous: RankedProposal[] | undefined;
    let kept = 0;
    const undo: ContactBookData['decisions'][] = [];
    for (let step = 0; step < 60; step++) {
      const result = mergePersons(book);
      const ranked = rankProposals(result, personFinder(result), previous);
      const scratch = rankedFromScratch(book);
      expect(result.proposals).toEqual(scratch.result.proposals);
      expect(ranked).toEqual(scratch.ranked);
      if (previous) kept += ranked.filter((entry) => previous!.includes(entry)).length;
      previous = ranked;
      if (ranked.length === 0) break;

      const target = ranked[Math.floor(random() * ranked.length)]!.proposal;
      const roll = random();
      undo.push(structuredClone(book.decisions));
      if (roll < 0.35) acceptProposal(book, target, result);
      else if (roll < 0.75) rejectProposal(book, target, result);
      else if (roll < 0.82) splitPerson(book, target.a, undefined, result);
      else if (roll < 0.9) setPersonName(book, target.b, { name: `改名 ${step}` }, result);
      else book.decisions = undo.splice(-2, 2)[0]!; // an undo: the decisions as they were before the last step
    }
    // Most entries survive each step: only the touched persons' proposals are ranked again.
    expect(kept).toBeGreaterThan(60 * 50);
  });
});
