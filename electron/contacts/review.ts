// Merge review, strongest evidence first. Proposals pair persons by name only (anything sharing a
// phone, e-mail or WeChat ID is merged already), so what tells a pair apart is what else the two
// carry: nothing that contradicts (one side has no phone, the other one) is likely one person; a
// common name with two different mobiles (张伟) is as often two people as one with a new number.
// Each pair gets one evidence kind, with the detail shown on its card, and the kinds order the review.
import { EVIDENCE_KINDS } from '../../shared/contract/contact-words';
import type { Evidence, EvidenceKind, ReviewItem } from '../../shared/contract/contacts';
import type { MergeProposal, MergeResult, Person } from '../../shared/types';

export { EVIDENCE_KINDS, type Evidence, type EvidenceKind };

/** A proposal with its evidence and its two persons, as the review shows it. */
export type RankedProposal = ReviewItem;

/** Mail providers whose domain says nothing about who someone is. */
const WEBMAIL = /^(qq|foxmail|163|126|yeah|sina|sohu|139|189|aliyun|gmail|googlemail|outlook|hotmail|live|msn|yahoo|icloud|me|mac|proton|protonmail|gmx|web|mail|yandex)\.(com|cn|net|de|ru|me)(\.cn)?$/i;

const values = (list: { value: string }[]) => new Set(list.map((v) => v.value.toLowerCase()));

function bothDiffer(a: { value: string }[], b: { value: string }[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const left = values(a);
  return !b.some((v) => left.has(v.value.toLowerCase()));
}

function domains(p: Person): Set<string> {
  return new Set(p.emails.map((e) => e.value.split('@')[1]?.toLowerCase() ?? '').filter((d) => d && !WEBMAIL.test(d)));
}

function agreement(a: Person, b: Person): Evidence['agrees'] {
  const org = a.org?.trim();
  if (org && b.org?.trim().toLowerCase() === org.toLowerCase()) return { what: 'org', value: org };
  const theirs = domains(b);
  const domain = [...domains(a)].find((d) => theirs.has(d));
  if (domain) return { what: 'email-domain', value: `@${domain}` };
  const nick = a.nickname?.trim();
  if (nick && (nick === b.nickname?.trim() || nick === b.name)) return { what: 'nickname', value: nick };
  if (b.nickname?.trim() && b.nickname.trim() === a.name) return { what: 'nickname', value: b.nickname.trim() };
  return undefined;
}

export function classify(a: Person, b: Person, reason: MergeProposal['reason']): Evidence {
  const differs: Evidence['differs'] = [];
  if (bothDiffer(a.phones, b.phones)) differs.push('phone');
  if (bothDiffer(a.wechatIds, b.wechatIds)) differs.push('wechatId');
  if (bothDiffer(a.wxids, b.wxids)) differs.push('wxid');
  if (bothDiffer(a.emails, b.emails)) differs.push('email');
  const ids = differs.some((d) => d !== 'phone');
  if (reason === 'same-pinyin') return { kind: differs.length ? 'pinyin-different-ids' : 'pinyin-no-conflict', differs };
  if (ids) return { kind: 'name-different-ids', differs };
  if (differs.length) return { kind: 'name-different-phones', differs };
  const agrees = agreement(a, b);
  return agrees ? { kind: 'name-and-context', agrees, differs } : { kind: 'name-no-conflict', differs };
}

const ranked = new WeakMap<MergeResult, RankedProposal[]>();
/**
 * Each proposal's entry as last ranked. The merge gives back the same MergeProposal objects for
 * groups a decision did not touch (see ProposalMemo), and the same Person objects for unchanged
 * persons, so an entry with the same proposal and persons is the same entry.
 */
const entries = new WeakMap<MergeProposal, RankedProposal>();
const KIND_ORDER = new Map(EVIDENCE_KINDS.map((k, i) => [k, i]));
const NAME_ORDER = new Intl.Collator('zh-CN');

/** The review's order: strongest kind first, then by name, then by id (a total order). */
function compareRanked(x: RankedProposal, y: RankedProposal): number {
  return (
    KIND_ORDER.get(x.evidence.kind)! - KIND_ORDER.get(y.evidence.kind)! ||
    NAME_ORDER.compare(x.proposal.names[0], y.proposal.names[0]) ||
    (x.proposal.id < y.proposal.id ? -1 : x.proposal.id > y.proposal.id ? 1 : 0)
  );
}

/**
 * Every proposal with its evidence, strongest kind first, then by name; made once per merge result.
 * `previous`, the ranking of the merge before a decision, makes it incremental: a decision changes
 * only the proposals of the persons it touched, so a proposal (the same object) with the same two
 * Person objects keeps its entry and its place, and only the others are classified and sorted in.
 * The same list as ranking from scratch.
 */
export function rankProposals(result: MergeResult, personById: (id: string) => Person | undefined, previous?: readonly RankedProposal[]): RankedProposal[] {
  let list = ranked.get(result);
  if (list) return list;
  const kept = new Set<RankedProposal>();
  const fresh: RankedProposal[] = [];
  for (const proposal of result.proposals) {
    const a = personById(proposal.a);
    const b = personById(proposal.b);
    if (!a || !b) continue;
    const old = entries.get(proposal);
    if (old && old.a === a && old.b === b) {
      kept.add(old);
      continue;
    }
    const entry = { proposal, evidence: classify(a, b, proposal.reason), a, b };
    entries.set(proposal, entry);
    fresh.push(entry);
  }
  fresh.sort(compareRanked);
  const stay = kept.size ? (previous ?? []).filter((r) => kept.delete(r)) : [];
  // Kept entries the previous list did not hold (another ranking came between): sorted in too.
  list = mergeSorted(stay, kept.size ? [...fresh, ...kept].sort(compareRanked) : fresh);
  ranked.set(result, list);
  return list;
}

/** Two lists sorted by compareRanked as one. */
function mergeSorted(x: RankedProposal[], y: RankedProposal[]): RankedProposal[] {
  if (y.length === 0) return x;
  const out: RankedProposal[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) out.push(compareRanked(x[i]!, y[j]!) <= 0 ? x[i++]! : y[j++]!);
  while (i < x.length) out.push(x[i++]!);
  while (j < y.length) out.push(y[j++]!);
  return out;
}

export function countByKind(list: RankedProposal[]): { kind: EvidenceKind; count: number }[] {
  const counts = new Map<EvidenceKind, number>();
  for (const r of list) counts.set(r.evidence.kind, (counts.get(r.evidence.kind) ?? 0) + 1);
  return EVIDENCE_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
}
