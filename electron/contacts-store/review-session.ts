// The merge review's decisions on a case's contact book, with undo. Decisions live in the book as
// record-key pairs (electron/contacts/decisions.ts); undo puts back the decisions as they were
// before the step, which is exact whatever the step changed. The undo steps live in memory: a
// review is one sitting, and the book on disk always holds the decisions made.
import type { ReviewPage, UndoneDecision } from '../../shared/contract/contacts';
import type { EvidenceKind, MergeDecisions } from '../contacts';
import { acceptProposal, countByKind, decisionsOf, personCount, personFinder, proposalCount, rankProposals, rejectProposal, type RankedProposal } from '../contacts';
import type { CaseContacts } from './contacts-repository';

interface UndoStep {
  kind: UndoneDecision;
  count: number;
  before: MergeDecisions;
}

const UNDO_DEPTH = 50;
/** Keeping a kind apart can bring up the next namesake of each chain (k namesakes: k-1 pairs): settle those too. */
const KIND_ROUNDS = 20;

const steps = new WeakMap<CaseContacts, UndoStep[]>();

/** The last ranking made of each case's book: the next one starts from it (see rankProposals). */
const lastRanked = new WeakMap<CaseContacts, readonly RankedProposal[]>();

export function rankedReview(contacts: CaseContacts): RankedProposal[] {
  const result = contacts.result();
  const ranked = rankProposals(result, personFinder(result), lastRanked.get(contacts));
  lastRanked.set(contacts, ranked);
  return ranked;
}

/** The review's page at `offset` (or at `proposalId` while it is still proposed), clamped to the last pair. */
export function reviewPage(contacts: CaseContacts, offset: number, proposalId?: string): ReviewPage {
  const ranked = rankedReview(contacts);
  const linked = proposalId === undefined ? -1 : ranked.findIndex((r) => r.proposal.id === proposalId);
  const at = linked >= 0 ? linked : Math.min(offset, Math.max(0, ranked.length - 1));
  const item = ranked[at];
  return { total: ranked.length, offset: at, kinds: countByKind(ranked), ...(item ? { item } : {}) };
}

/**
 * Counts after a step, and the review's page at `reviewAt` when asked (the page then needs no
 * second call). The page first: it makes the proposals, which the count then reads.
 */
export function outcome(contacts: CaseContacts, reviewAt?: number): { persons: number; proposals: number; review?: ReviewPage } {
  const review = reviewAt === undefined ? undefined : reviewPage(contacts, reviewAt);
  const result = contacts.result();
  return { persons: personCount(result), proposals: proposalCount(result), ...(review ? { review } : {}) };
}

async function step(contacts: CaseContacts, kind: UndoneDecision, change: () => Promise<number>): Promise<number> {
  const before = structuredClone(decisionsOf(contacts.book));
  const count = await change();
  if (count > 0) {
    const list = steps.get(contacts) ?? [];
    list.push({ kind, count, before });
    if (list.length > UNDO_DEPTH) list.shift();
    steps.set(contacts, list);
  }
  return count;
}

/** Merges or keeps apart one proposed pair. False when the pair is no longer proposed. */
export async function decidePair(contacts: CaseContacts, proposalId: string, accept: boolean): Promise<boolean> {
  const proposal = contacts.result().proposals.find((p) => p.id === proposalId);
  if (!proposal) return false;
  await step(contacts, accept ? 'merge' : 'keep-apart', async () => {
    // contacts.result() in the change is the merge of the book as update() found it (made already unless another process saved it).
    await contacts.update((book) => (accept ? acceptProposal : rejectProposal)(book, proposal, contacts.result()));
    return 1;
  });
  return true;
}

/** Merges, or keeps apart, every proposal of one kind: one undo step. */
export async function decideKind(contacts: CaseContacts, kind: EvidenceKind, accept: boolean, reviewAt?: number) {
  const decided = await step(contacts, accept ? 'merge-kind' : 'keep-apart-kind', async () => {
    let total = 0;
    for (let round = 0; round < (accept ? 1 : KIND_ROUNDS); round++) {
      const result = contacts.result();
      const pairs = rankedReview(contacts).filter((r) => r.evidence.kind === kind);
      if (pairs.length === 0) break;
      await contacts.update((book) => {
        for (const { proposal } of pairs) (accept ? acceptProposal : rejectProposal)(book, proposal, result);
      });
      total += pairs.length;
    }
    return total;
  });
  return { decided, ...outcome(contacts, reviewAt) };
}

export async function undoLast(contacts: CaseContacts, reviewAt?: number) {
  const last = steps.get(contacts)?.pop();
  if (!last) return { count: 0, ...outcome(contacts, reviewAt) };
  await contacts.update((book) => {
    book.decisions = last.before;
  });
  return { undone: last.kind, count: last.count, ...outcome(contacts, reviewAt) };
}
