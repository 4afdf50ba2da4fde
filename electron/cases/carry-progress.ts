// Re-add progress is keyed by person id. When contacts merge (or a split moves an anchor), a
// person's id can change; the merge reports old id → new id as `aliases`. This carries progress,
// stars, exclusions and manual order over to the current ids, so nothing the user did is lost.
// When two old ids meet in one person, the most recently updated progress wins.
import type { ReaddStateView } from '../../shared/types';

export function carryOverAliases(state: ReaddStateView, aliases: ReadonlyMap<string, string>, liveIds: ReadonlySet<string>): ReaddStateView {
  if (aliases.size === 0) return state;
  const moved = (id: string) => (liveIds.has(id) ? undefined : aliases.get(id));
  let changed = false;

  const progress: ReaddStateView['progress'] = {};
  for (const [targetId, byPerson] of Object.entries(state.progress)) {
    let copy: typeof byPerson | undefined;
    for (const [id, entry] of Object.entries(byPerson)) {
      const to = moved(id);
      if (!to) continue;
      copy ??= { ...byPerson };
      delete copy[id];
      const existing = copy[to];
      if (!existing || existing.updatedAt < entry.updatedAt) copy[to] = entry;
    }
    progress[targetId] = copy ?? byPerson;
    if (copy) changed = true;
  }

  const remap = <T>(record: Record<string, T>): Record<string, T> => {
    let copy: Record<string, T> | undefined;
    for (const [id, value] of Object.entries(record)) {
      const to = moved(id);
      if (!to) continue;
      copy ??= { ...record };
      delete copy[id];
      if (!(to in copy)) copy[to] = value;
    }
    if (copy) changed = true;
    return copy ?? record;
  };
  const starred = remap(state.starred);
  const excluded = remap(state.excluded);
  const manualRank = remap(state.manualRank);
  return changed ? { ...state, progress, starred, excluded, manualRank } : state;
}
