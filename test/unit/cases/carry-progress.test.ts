import { describe, expect, it } from 'vitest';
import { carryOverAliases } from '../../../electron/cases/carry-progress';
import type { ReaddProgress, ReaddStateView } from '../../../shared/types';

const progress = (status: ReaddProgress['status'], updatedAt: number): ReaddProgress => ({ status, attempts: 1, followUps: 0, updatedAt });

function state(): ReaddStateView {
  return {
    lastSeq: 3,
    settings: {} as ReaddStateView['settings'],
    progress: { t: { old1: progress('sent', 10), old2: progress('accepted', 20), keep: progress('declined', 5) } },
    requests: {},
    acceptances: {},
    coolDownUntil: {},
    manualRank: { old1: 0 },
    excluded: {},
    starred: { old2: true },
    undoStack: [],
  };
}

describe('carrying re-add progress over merged person ids', () => {
  it('moves progress, stars and order to the current id; the newest progress wins', () => {
    const result = carryOverAliases(state(), new Map([['old1', 'new'], ['old2', 'new']]), new Set(['new', 'keep']));
    expect(result.progress.t).toEqual({ keep: progress('declined', 5), new: progress('accepted', 20) });
    expect(result.starred).toEqual({ new: true });
    expect(result.manualRank).toEqual({ new: 0 });
  });

  it('leaves live ids alone and returns the same object when nothing moves', () => {
    const s = state();
    expect(carryOverAliases(s, new Map([['keep', 'x']]), new Set(['keep', 'old1', 'old2']))).toBe(s);
  });
});
