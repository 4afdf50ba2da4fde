// Builders for re-add tests: persons, and an in-memory state driven through the real reducer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person, ReaddAction, ReaddSettings, Valued } from '../../../shared/types';
import { defaultSettings } from '../../../electron/readd/settings';
import { applyEvent, countsAgainstLimit, emptyState, progressOf, type ReaddState } from '../../../electron/readd/state';

const src = { file: 'test.vcf', record: 'card 1' };
const valued = (values: string[] = []): Valued[] => values.map((value) => ({ value, sources: [src] }));

export interface PersonSpec {
  id: string;
  name?: string;
  remark?: string;
  phones?: string[];
  emails?: string[];
  wechatIds?: string[];
  wxids?: string[];
  handles?: { kind: Person['handles'][number]['kind']; value: string }[];
  labels?: string[];
}

export function person(spec: PersonSpec): Person {
  const p: Person = {
    id: spec.id,
    name: spec.name ?? spec.id,
    names: valued([spec.name ?? spec.id]),
    phones: valued(spec.phones),
    emails: valued(spec.emails),
    wechatIds: valued(spec.wechatIds),
    wxids: valued(spec.wxids),
    handles: (spec.handles ?? []).map((h) => ({ ...h, sources: [src] })),
    labels: spec.labels ?? [],
    sources: [src],
  };
  if (spec.remark !== undefined) p.remark = spec.remark;
  return p;
}

/** A state changed only through applyEvent, like the store does, without disk. */
export class SimState {
  readonly state: ReaddState;
  constructor(settings: Partial<ReaddSettings> = {}) {
    this.state = emptyState({ ...defaultSettings(), ...settings });
  }
  get settings(): ReaddSettings {
    return this.state.settings;
  }
  record(personId: string, action: ReaddAction, at: number, gapMs = 180_000, targetId = this.state.settings.activeTargetId): this {
    const prev = progressOf(this.state, targetId, personId) ?? null;
    const counted = countsAgainstLimit(prev, action);
    applyEvent(this.state, {
      type: 'outcome',
      seq: this.state.lastSeq + 1,
      at,
      targetId,
      personId,
      action,
      prev,
      counted,
      ...(counted ? { gapMs } : {}),
    });
    return this;
  }
  coolDown(until: number, at: number, targetId = this.state.settings.activeTargetId): this {
    applyEvent(this.state, {
      type: 'cool-down',
      seq: this.state.lastSeq + 1,
      at,
      targetId,
      reason: 'too-frequent',
      until,
      prev: this.state.coolDownUntil[targetId] ?? null,
    });
    return this;
  }
}

export function tempCase(prefix = 'readd-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** 2025-03-10 09:00 in Shanghai (01:00 UTC). */
export const T0 = Date.UTC(2025, 2, 10, 1, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
