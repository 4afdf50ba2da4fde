// ReaddStore: the one writer of a case's re-add progress. Every change is appended to the journal
// and fsynced before the call resolves (so the next card only shows once the outcome is safe), then
// applied to the in-memory state. A snapshot is written every `compactEvery` events, after the
// acknowledgement, so it never delays one.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  ImportIssue,
  Locale,
  ReaddAction,
  ReaddEvent,
  ReaddProgress,
  ReaddSettings,
  ReaddStateView,
  ReaddStatus,
} from '../../shared/types';
import { cutTornTail, fsyncDir, JournalWriter, scanJournal } from './journal';
import { loadReaddState, readdPaths, type ReaddPaths } from './load';
import { acquireLock } from './lock';
import { drawGap, type Rng } from './pacing';
import { applySettingsPatch, journalablePatch, settingsBefore } from './settings';
import { writeSnapshot } from './snapshot';
import { makePrivateDirSync } from '../platform/private-files';
import {
  applyEvent,
  countsAgainstLimit,
  lastUndoable,
  personsTouched,
  progressOf,
  STATUSES,
  type ReaddEventDraft,
  type ReaddState,
} from './state';

export interface ReaddStoreOptions {
  now?: () => number;
  /** Randomness for the gap between requests. */
  rng?: Rng;
  /** Snapshot after this many events (default 500). */
  compactEvery?: number;
  /** Locale of the default settings of a new case. */
  locale?: Locale;
}

export interface EventFilter {
  personId?: string;
  targetId?: string;
  /** Only events with seq greater than this. */
  afterSeq?: number;
  /** The newest `limit` events. */
  limit?: number;
}

/** Told of each event once it is on disk and applied, with the persons it touched (see personsTouched). */
export type ReaddEventListener = (event: ReaddEvent, touched: readonly string[]) => void;

export class ReaddInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReaddInputError';
  }
}

const ACTIONS: readonly ReaddAction[] = [...STATUSES, 'follow-up-sent'];
const openStores = new Map<string, { store: ReaddStore; refs: number }>();

export class ReaddStore {
  /** Problems found while loading (damaged lines, torn last write), for the user to see. */
  readonly issues: ImportIssue[];
  private history: ReaddEvent[] | undefined;
  private snapshotSeq: number;
  private journalLines: number;
  private compactScheduled = false;
  private closed = false;
  private readonly listeners = new Set<ReaddEventListener>();

  private constructor(
    private readonly key: string,
    private readonly paths: ReaddPaths,
    private readonly live: ReaddState,
    private readonly journal: JournalWriter,
    private readonly releaseLock: () => void,
    private readonly options: Required<Omit<ReaddStoreOptions, 'locale'>>,
    loaded: { issues: ImportIssue[]; snapshotSeq: number; journalLines: number },
  ) {
    this.issues = loaded.issues;
    this.snapshotSeq = loaded.snapshotSeq;
    this.journalLines = loaded.journalLines;
  }

  /**
   * Opens (or creates) the re-add progress of a case. Within one process the same store is shared
   * (the first opener's options apply); another process holding the case gets ReaddLockedError.
   */
  static async open(caseDir: string, options: ReaddStoreOptions = {}): Promise<ReaddStore> {
    const key = resolve(caseDir);
    const shared = openStores.get(key);
    if (shared) {
      shared.refs += 1;
      return shared.store;
    }
    const paths = readdPaths(key);
    if (!existsSync(paths.dir)) {
      makePrivateDirSync(paths.dir);
      fsyncDir(key);
    }
    const releaseLock = acquireLock(paths.lock);
    try {
      const loaded = loadReaddState(key, { moveAsideBadSnapshot: true, locale: options.locale });
      if (loaded.tornTail) cutTornTail(paths.journal, loaded.tornTail, `${paths.journal}.torn-${Date.now()}`);
      const journal = new JournalWriter(paths.journal, loaded.journalEnd);
      const store = new ReaddStore(
        key,
        paths,
        loaded.state,
        journal,
        releaseLock,
        { now: options.now ?? Date.now, rng: options.rng ?? Math.random, compactEvery: options.compactEvery ?? 500 },
        loaded,
      );
      openStores.set(key, { store, refs: 1 });
      store.compactSoonIfDue();
      return store;
    } catch (error) {
      releaseLock();
      throw error;
    }
  }

  /** Live read-only view of the state (pass it to buildQueue, pacing, dashboard). */
  get state(): ReaddStateView {
    return this.live;
  }

  settings(): ReaddSettings {
    return this.live.settings;
  }

  statusOf(personId: string, targetId = this.live.settings.activeTargetId): ReaddStatus {
    return progressOf(this.live, targetId, personId)?.status ?? 'pending';
  }

  progressOf(personId: string, targetId = this.live.settings.activeTargetId): ReaddProgress | undefined {
    return progressOf(this.live, targetId, personId);
  }

  async updateSettings(patch: Partial<ReaddSettings>): Promise<ReaddEvent> {
    applySettingsPatch(this.live.settings, patch); // throws ReaddSettingsError before anything is written
    const prev = journalablePatch(settingsBefore(this.live.settings, patch));
    return this.commit({ type: 'settings', at: this.options.now(), patch: journalablePatch(patch), prev });
  }

  /** Records an outcome (or a follow-up) for a person on a target; resolves once it is on disk. */
  async record(
    personId: string,
    action: ReaddAction,
    at: number = this.options.now(),
    targetId: string = this.live.settings.activeTargetId,
  ): Promise<ReaddEvent> {
    if (typeof personId !== 'string' || personId === '') throw new ReaddInputError('person id is empty');
    if (!ACTIONS.includes(action)) throw new ReaddInputError(`unknown outcome "${String(action)}" (one of ${ACTIONS.join(', ')})`);
    this.requireTarget(targetId);
    const prev = progressOf(this.live, targetId, personId) ?? null;
    const counted = countsAgainstLimit(prev, action);
    const draft: ReaddEventDraft = { type: 'outcome', at, targetId, personId, action, prev, counted };
    if (counted) draft.gapMs = drawGap(this.live.settings, this.options.rng);
    return this.commit(draft);
  }

  /** Reverts the most recent action still on the undo stack; repeated calls go further back. */
  async undo(): Promise<ReaddEvent | undefined> {
    const target = lastUndoable(this.live);
    if (!target) return undefined;
    this.commit({ type: 'undo', at: this.options.now(), undoneSeq: target.seq });
    return target;
  }

  /** Makes `personIds` the manual order (they come first, in this order); [] clears it. */
  async setOrder(personIds: string[]): Promise<ReaddEvent> {
    const prev: Record<string, number | null> = {};
    for (const [id, rank] of Object.entries(this.live.manualRank)) prev[id] = rank;
    for (const id of personIds) if (!(id in prev)) prev[id] = null;
    return this.commit({ type: 'order', at: this.options.now(), personIds: [...new Set(personIds)], prev });
  }

  async exclude(personIds: string[], excluded = true): Promise<ReaddEvent> {
    const prev = Object.fromEntries(personIds.map((id) => [id, this.live.excluded[id] === true]));
    return this.commit({ type: 'exclude', at: this.options.now(), personIds, excluded, prev });
  }

  async star(personIds: string[], starred = true): Promise<ReaddEvent> {
    const prev = Object.fromEntries(personIds.map((id) => [id, this.live.starred[id] === true]));
    return this.commit({ type: 'star', at: this.options.now(), personIds, starred, prev });
  }

  /** The platform said "操作过于频繁": stop and pause for settings.coolDownMs. */
  async tooFrequent(at: number = this.options.now(), targetId = this.live.settings.activeTargetId): Promise<ReaddEvent> {
    return this.coolDown(at + this.live.settings.coolDownMs, targetId, 'too-frequent', at);
  }

  /** Sets (or with null clears) a pause until an instant. */
  async coolDown(
    until: number | null,
    targetId = this.live.settings.activeTargetId,
    reason: 'too-frequent' | 'manual' = 'manual',
    at: number = this.options.now(),
  ): Promise<ReaddEvent> {
    this.requireTarget(targetId);
    const prev = this.live.coolDownUntil[targetId] ?? null;
    return this.commit({ type: 'cool-down', at, targetId, reason: until === null ? 'cleared' : reason, until, prev });
  }

  /** Calls `listener` after every event from now on (keeps a derived view, such as the queue index, current); returns its removal. */
  onEvent(listener: ReaddEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The event log (oldest first) for the history view. */
  events(filter: EventFilter = {}): ReaddEvent[] {
    this.history ??= scanJournal(this.paths.journal).events;
    let list = this.history.filter((event) => {
      if (filter.afterSeq !== undefined && event.seq <= filter.afterSeq) return false;
      if (filter.personId !== undefined) {
        if (event.type === 'outcome' && event.personId !== filter.personId) return false;
        if ((event.type === 'order' || event.type === 'exclude' || event.type === 'star') && !event.personIds.includes(filter.personId))
          return false;
        if (event.type === 'settings' || event.type === 'cool-down' || event.type === 'undo') return false;
      }
      if (filter.targetId !== undefined && (event.type === 'outcome' || event.type === 'cool-down') && event.targetId !== filter.targetId)
        return false;
      return true;
    });
    if (filter.limit !== undefined) list = list.slice(Math.max(0, list.length - filter.limit));
    return list;
  }

  /** Writes the snapshot now (also done automatically). */
  compact(): void {
    if (this.closed || this.live.lastSeq === this.snapshotSeq) return;
    try {
      writeSnapshot(this.paths.snapshot, this.live, this.journal.size, this.journalLines, this.options.now());
      this.snapshotSeq = this.live.lastSeq;
    } catch (error) {
      // The journal still holds everything; only the next load gets slower.
      this.issues.push({ file: 'readd/state.json', message: `snapshot not written: ${(error as Error).message}`, severity: 'warning' });
    }
  }

  async close(): Promise<void> {
    const entry = openStores.get(this.key);
    if (entry && entry.store === this && --entry.refs > 0) return;
    if (this.closed) return;
    this.compact();
    this.closed = true;
    openStores.delete(this.key);
    this.journal.close();
    this.releaseLock();
  }

  private requireTarget(targetId: string): void {
    if (!this.live.settings.targets.some((t) => t.id === targetId)) throw new ReaddInputError(`unknown target "${targetId}"`);
  }

  // Synchronous from journal write to state change, so two calls can never interleave in-process.
  private commit(draft: ReaddEventDraft): ReaddEvent {
    if (this.closed) throw new ReaddInputError('re-add store is closed');
    const event = { ...draft, seq: this.live.lastSeq + 1 } as ReaddEvent;
    this.journal.append(event);
    this.journalLines += 1;
    const touched = this.listeners.size > 0 ? personsTouched(this.live, event) : [];
    applyEvent(this.live, event);
    this.history?.push(event);
    for (const listener of this.listeners) listener(event, touched);
    this.compactSoonIfDue();
    return event;
  }

  private compactSoonIfDue(): void {
    if (this.compactScheduled || this.live.lastSeq - this.snapshotSeq < this.options.compactEvery) return;
    this.compactScheduled = true;
    setImmediate(() => {
      this.compactScheduled = false;
      this.compact();
    });
  }
}
