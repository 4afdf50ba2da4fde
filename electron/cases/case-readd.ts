// The re-add plan of one case: merged persons (contacts) + interaction strength (messages) +
// the durable re-add store (progress, pacing, settings). Builds the view the Re-add screen shows.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReaddCard, ReaddSettingsPatch, ReaddView } from '../../shared/contract';
import type { InteractionStrength, NeedsAnotherWayItem, Person, ReaddSettings, ReaddStateView, ReaddStatus } from '../../shared/types';
import { groupsByHandle, interactionStrengths } from '../messages';
import { activeTarget, dashboard, lastUndoable, movedDrafts, pacing, planToday, QueueIndex, queueSettingsKey, ReaddStore } from '../readd';
import type { CaseContacts } from '../contacts-store/contacts-repository';
import { proposalCount, proposalsOf } from '../contacts';
import { carryOverAliases } from './carry-progress';
import { groupsByPerson, strengthsByPerson } from './link-strengths';

const UP_NEXT_SHOWN = 20;
const AWAITING_SHOWN = 100;

export class CaseReadd {
  private stateCache?: { result: object; seq: number; raw: ReaddStateView; state: ReaddStateView };
  private liveIds?: { result: object; ids: Set<string> };
  private strengthCache?: { key: string; persons: Person[]; byPerson: Map<string, InteractionStrength>; groups: Map<string, string[]> };
  /** The plan kept between calls; rebuilt when persons, strengths or the queue's settings change, else updated per event. */
  private index?: { index: QueueIndex; settingsKey: string; seq: number };
  /** Persons touched by events since the index last caught up. */
  private readonly touched = new Set<string>();

  constructor(
    readonly folder: string,
    readonly store: ReaddStore,
    private readonly contacts: CaseContacts,
    private readonly now: () => number = Date.now,
  ) {
    store.onEvent((event, touched) => {
      if (!this.index) return;
      if (event.seq !== this.index.seq + 1) this.index = undefined; // an event missed: build again
      else {
        this.index.seq = event.seq;
        for (const id of touched) this.touched.add(id);
      }
    });
  }

  persons(): Person[] {
    return this.contacts.persons();
  }

  /** Strengths are recomputed only when the archive file or the person list changed. */
  strengths(): Map<string, InteractionStrength> {
    const persons = this.persons();
    let key = 'none';
    try {
      const info = statSync(join(this.folder, 'messages', 'archive.sqlite'));
      key = `${info.size}:${info.mtimeMs}`;
    } catch {
      /* no archive yet */
    }
    if (this.strengthCache?.key !== key || this.strengthCache.persons !== persons) {
      const byHandle = key === 'none' ? new Map<string, InteractionStrength>() : interactionStrengths(this.folder);
      const groups = key === 'none' ? new Map<string, string[]>() : groupsByHandle(this.folder);
      this.strengthCache = { key, persons, byPerson: strengthsByPerson(persons, byHandle), groups: groupsByPerson(persons, groups) };
    }
    return this.strengthCache.byPerson;
  }

  /** Group chats shared with each person (computed with the strengths, from the same archive). */
  mutualGroups(): Map<string, string[]> {
    this.strengths();
    return this.strengthCache!.groups;
  }

  /** The store's state with progress of merged-away person ids carried to their current ids. */
  state(): ReaddStateView {
    const result = this.contacts.result();
    const raw = this.store.state;
    if (this.stateCache?.result !== result || this.stateCache.seq !== raw.lastSeq || this.stateCache.raw !== raw) {
      if (this.liveIds?.result !== result) this.liveIds = { result, ids: new Set(result.persons.map((p) => p.id)) };
      this.stateCache = { result, seq: raw.lastSeq, raw, state: carryOverAliases(raw, result.aliases, this.liveIds.ids) };
    }
    return this.stateCache.state;
  }

  /**
   * The re-add plan, current with every event: built from scratch only when the persons (import,
   * merge decision), the interaction strengths (chat import) or the settings it depends on changed.
   */
  queueIndex(): QueueIndex {
    const persons = this.persons();
    const strengths = this.strengths();
    const settings = this.store.settings();
    const settingsKey = queueSettingsKey(settings);
    const state = this.state();
    const cached = this.index;
    if (
      cached &&
      cached.index.persons === persons &&
      cached.index.strengths === strengths &&
      cached.settingsKey === settingsKey &&
      cached.seq === this.store.state.lastSeq
    ) {
      if (this.touched.size > 0) {
        // Progress of a merged-away id counts for the person who holds it now.
        const aliases = this.contacts.result().aliases;
        const ids = [...this.touched].flatMap((id) => [id, aliases.get(id) ?? id]);
        this.touched.clear();
        cached.index.update(state, ids);
      }
      return cached.index;
    }
    this.touched.clear();
    const index = new QueueIndex(persons, state, strengths, settings, { mutualGroups: this.mutualGroups() });
    this.index = { index, settingsKey, seq: this.store.state.lastSeq };
    return index;
  }

  statusOf(personId: string): ReaddStatus {
    const state = this.state();
    return state.progress[this.store.settings().activeTargetId]?.[personId]?.status ?? 'pending';
  }

  view(): ReaddView {
    const now = this.now();
    const index = this.queueIndex();
    const persons = index.persons;
    const state = this.state();
    const settings = this.store.settings();
    const pace = pacing(state, settings, now);
    // Follow-ups come before new requests: they cost nothing and the person already knows.
    const today = planToday(index.head(pace.remainingToday), pace);
    const [first, ...rest] = today;
    let current: ReaddCard | undefined;
    if (first) {
      const person = index.person(first.personId);
      current = { ...first, labels: person?.labels ?? [], ...(person?.avatar ? { avatar: person.avatar } : {}) };
      const maybeSameAs = this.openProposalsOf(first.personId);
      if (maybeSameAs.length) current.maybeSameAs = maybeSameAs;
    }
    return {
      now,
      settings,
      pacing: pace,
      current,
      upNext: rest.slice(0, UP_NEXT_SHOWN),
      queueTotal: index.size,
      followUps: index.followUps(now),
      awaiting: index.awaiting(AWAITING_SHOWN),
      needsAnotherWay: this.withDrafts(index.needsAnotherWay(), index, settings),
      dashboard: dashboard(state, persons, settings, now, {}, index.tally()),
      canUndo: state.undoStack.length > 0,
      ...this.undoes(state, index),
      persons: persons.length,
      unreviewed: proposalCount(this.contacts.result()),
      issues: this.store.issues,
    };
  }

  /** The event Undo takes back, with the names of the persons it is about (as the history shows it). */
  private undoes(state: ReaddStateView, index: QueueIndex): Pick<ReaddView, 'undoes'> {
    const event = lastUndoable(state);
    if (!event) return {};
    const ids = event.type === 'outcome' ? [event.personId] : 'personIds' in event ? event.personIds.slice(0, 10) : [];
    return { undoes: { event, names: ids.map((id) => index.person(id)?.name ?? id) } };
  }

  /** "I've moved" e-mail and SMS drafts for people who cannot be searched (an address or a mobile is what reaches them). */
  private withDrafts(items: NeedsAnotherWayItem[], index: QueueIndex, settings: ReaddSettings): NeedsAnotherWayItem[] {
    if (items.length === 0) return items;
    const drafts = new Map<string, NonNullable<NeedsAnotherWayItem['drafts']>>();
    const persons = items.map((i) => index.person(i.personId)).filter((p): p is Person => p !== undefined);
    for (const d of movedDrafts(persons, settings)) {
      const list = drafts.get(d.personId) ?? [];
      list.push({ channel: d.channel, to: d.to, url: d.url });
      drafts.set(d.personId, list);
    }
    return items.map((i) => (drafts.has(i.personId) ? { ...i, drafts: drafts.get(i.personId)! } : i));
  }

  /** The namesakes this person is still proposed to be merged with (their pairs wait in the merge review). */
  private openProposalsOf(personId: string): NonNullable<ReaddCard['maybeSameAs']> {
    return proposalsOf(this.contacts.result(), personId).map((p) => (p.a === personId ? { proposalId: p.id, personId: p.b, name: p.names[1] } : { proposalId: p.id, personId: p.a, name: p.names[0] }));
  }

  /** Applies the UI's settings patch; the target fields go to the active target. */
  async updateSettings(patch: ReaddSettingsPatch): Promise<void> {
    const current = this.store.settings();
    const { target, templates, ...rest } = patch;
    const next: Partial<ReaddSettings> = { ...rest };
    if (target) {
      const active = activeTarget(current);
      next.targets = current.targets.map((t) => (t.id === active.id ? { ...t, ...target } : t));
    }
    if (templates) next.templates = { ...current.templates, ...templates };
    await this.store.updateSettings(next);
  }
}
