// The merge review's decisions on a case's contact book, with undo. Decisions live in the book as
// record-key pairs (electron/contacts/decisions.ts); undo puts back the decisions as they were
// before the step, which is exact whatever the step changed. The undo steps live in memory: a
// review is one sitting, and the book on disk always holds the decisions made.
import type { UndoneDecision } from '../../shared/contract/contacts';
import type { EvidenceKind, MergeDecisions, MergeResult, Person } from '../contacts';
import { acceptProposal, decisionsOf, personCount, proposalCount, rankProposals, rejectProposal, type RankedProposal } from '../contacts';
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

function personLookup(result: MergeResult): (id: string) => Person | undefined {
  let byId: Map<string, Person> | undefined;
  return (id) => (byId ??= new Map(result.persons.map((p) => [p.id, p]))).get(id);
}

export function rankedReview(contacts: CaseContacts): { ranked: RankedProposal[]; person: (id: string) => Person | undefined } {
  const result = contacts.result();
  const person = personLookup(result);
  return { ranked: rankProposals(result, person), person };
}

function counts(contacts: CaseContacts) {
  const result = contacts.result();
  return { persons: personCount(result), proposals: proposalCount(result) };
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
    await contacts.update((book) => (accept ? acceptProposal(book, proposal) : rejectProposal(book, proposal)));
    return 1;
  });
  return true;
}

/** Merges, or keeps apart, every proposal of one kind: one undo step. */
export async function decideKind(contacts: CaseContacts, kind: EvidenceKind, accept: boolean) {
  const decided = await step(contacts, accept ? 'merge-kind' : 'keep-apart-kind', async () => {
    let total = 0;
    for (let round = 0; round < (accept ? 1 : KIND_ROUNDS); round++) {
      const result = contacts.result();
      const pairs = rankedReview(contacts).ranked.filter((r) => r.evidence.kind === kind);
      if (pairs.length === 0) break;
      await contacts.update((book) => {
        for (const { proposal } of pairs) (accept ? acceptProposal : rejectProposal)(book, proposal, result);
      });
      total += pairs.length;
    }
    return total;
  });
  return { decided, ...counts(contacts) };
}

export async function undoLast(contacts: CaseContacts) {
  const last = steps.get(contacts)?.pop();
  if (!last) return { count: 0, ...counts(contacts) };
  await contacts.update((book) => {
    book.decisions = last.before;
  });
  return { undone: last.kind, count: last.count, ...counts(contacts) };
}
