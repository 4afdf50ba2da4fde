// Links the message archive's who-talked-to-whom (keyed by handles: wxid, WeChat ID, +phone,
// telegram:<user id>) to merged persons, so the re-add queue can put close contacts first.
// Names alone never link (two 张伟 are not one person); that stays a proposal elsewhere.
import type { InteractionStrength, Person } from '../../shared/types';

export function handlesOf(person: Person): string[] {
  const handles: string[] = [];
  for (const v of person.wxids) handles.push(v.value);
  for (const v of person.wechatIds) handles.push(v.value);
  for (const v of person.phones) if (v.value.startsWith('+')) handles.push(v.value);
  for (const h of person.handles) {
    const telegramId = h.kind === 'telegram' ? /^user(\d+)$/.exec(h.value)?.[1] : undefined;
    if (telegramId) handles.push(`telegram:${telegramId}`);
  }
  return handles;
}

function combine(a: InteractionStrength | undefined, b: InteractionStrength): InteractionStrength {
  if (!a) return { ...b };
  const lastAt = !a.lastAt ? b.lastAt : !b.lastAt ? a.lastAt : a.lastAt > b.lastAt ? a.lastAt : b.lastAt;
  return { messages: a.messages + b.messages, last12Months: a.last12Months + b.last12Months, ...(lastAt ? { lastAt } : {}) };
}

export function strengthsByPerson(
  persons: readonly Person[],
  byHandle: ReadonlyMap<string, InteractionStrength>,
): Map<string, InteractionStrength> {
  const result = new Map<string, InteractionStrength>();
  if (byHandle.size === 0) return result;
  for (const person of persons) {
    let total: InteractionStrength | undefined;
    for (const handle of new Set(handlesOf(person))) {
      const strength = byHandle.get(handle);
      if (strength) total = combine(total, strength);
    }
    if (total) result.set(person.id, total);
  }
  return result;
}

/** Group chats shared with each person, through the same handles (never by name). */
export function groupsByPerson(persons: readonly Person[], byHandle: ReadonlyMap<string, string[]>): Map<string, string[]> {
  const result = new Map<string, string[]>();
  if (byHandle.size === 0) return result;
  for (const person of persons) {
    const groups = new Set<string>();
    for (const handle of handlesOf(person)) for (const g of byHandle.get(handle) ?? []) groups.add(g);
    if (groups.size) result.set(person.id, [...groups]);
  }
  return result;
}
