// Links between screens for one person: a contact's chats (the chat archive's handle for them) and
// re-add status, and a chat participant's contact. Matched by the same handles the interaction
// strengths use (wxid, WeChat ID, +phone, Telegram id), never by name.
import type { Person, ReaddStatus } from '../../shared/types';
import { loadReaddState } from '../readd';
import { handlesOf } from './link-strengths';

/** The handle the chat archive knows this person by, when it has their messages. */
export function chatRefOf(person: Person, archiveHandles: ReadonlyMap<string, unknown>): string | undefined {
  return handlesOf(person).find((h) => archiveHandles.has(h));
}

/** The contact carrying one of a chat participant's handles. */
export function contactOfHandles(persons: readonly Person[], handles: readonly string[]): Person | undefined {
  const wanted = new Set(handles);
  return persons.find((p) => handlesOf(p).some((h) => wanted.has(h)));
}

/** The person's re-add status on the active account, read from disk without the re-add writer lock. */
export function readdStatusOf(caseDir: string, personId: string): ReaddStatus {
  const { state } = loadReaddState(caseDir);
  return state.progress[state.settings.activeTargetId]?.[personId]?.status ?? 'pending';
}
