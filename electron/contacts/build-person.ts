// Folding the records of one cluster into a Person. Members arrive in a fixed order (file import
// order, then record key), so every choice below ("first seen", "most common") is deterministic
// and does not depend on the order of records inside files.
//
// Plain arrays and linear scans throughout: a person has a handful of values, and this runs for
// every person on every merge (100k persons: allocations, not comparisons, are the cost).
import type { HandleKind, Person, RawContact, SourceRef, Valued } from '../../shared/types';
import { identifiersOf, rawOf, sourceOf, textOf, type PreparedRecord, type RecordIdentifiers } from './records';

export interface BuiltPerson {
  person: Person;
  /** Interned normalized names that may propose a merge with another person of the same name… */
  proposalNames: number[];
  /** …and their interned pinyin, for namesakes written with other characters. */
  proposalReadings: number[];
}

type Handle = Valued & { kind: HandleKind };

export function buildPerson(id: string, members: readonly PreparedRecord[]): BuiltPerson {
  return members.length === 1 ? buildSingle(id, members[0]!) : buildMerged(id, members);
}

/**
 * Most persons come from one record: build those directly into exact-size arrays. Gives the same
 * Person as buildMerged (a unit test checks), at a fraction of the allocations.
 */
function buildSingle(id: string, record: PreparedRecord): BuiltPerson {
  const raw = rawOf(record);
  const source = sourceOf(record, raw);
  // Every value of a one-record person has the same sources: one array, shared (persons are read-only).
  const sources = [source];
  const { remark, fullName, nickname } = record;
  const names: Valued[] = [];
  for (const name of [remark, fullName, nickname]) if (name && !names.some((v) => v.value === name)) names.push({ value: name, sources });
  const ids = identifiersOf(record, raw);
  const phones = distinctValued(ids.phones, (p) => p.key.value, sources);
  const emails = distinctValued(ids.emails, (e) => e.value, sources);
  const wechatIds = distinctValued(ids.wechatIds, (w) => w, sources, true);
  const wxids = ids.wxids.map((x): Valued => ({ value: x, sources }));
  const handles = distinctHandles(raw.handles, sources);
  const labels: string[] = [];
  for (const label of Array.isArray(raw.labels) ? raw.labels : []) {
    const text = textOf(label);
    if (text && !labels.includes(text)) labels.push(text);
  }
  const person: Person = {
    id,
    name: singleRecordName(record, raw, ids),
    names: names.slice(),
    phones,
    emails,
    wechatIds,
    wxids,
    handles,
    labels: labels.sort().slice(),
    sources,
  };
  if (remark) person.remark = remark;
  if (nickname) person.nickname = nickname;
  const org = textOf(raw.org);
  if (org) person.org = org;
  const note = textOf(raw.note);
  if (note) person.note = note;
  if (raw.photo?.base64) person.avatar = `data:${raw.photo.mime || 'image/jpeg'};base64,${raw.photo.base64}`;
  return { person, ...singleProposalIds(record) };
}

/** What the merge needs of a one-record person before (or without) building it: see PersonSummary. */
export function summarizeSingle(record: PreparedRecord): PersonSummary {
  return { name: singleRecordName(record), ...singleProposalIds(record) };
}

export interface PersonSummary {
  /** The display name the built Person will have. */
  name: string;
  proposalNames: number[];
  proposalReadings: number[];
}

export function singleProposalIds(record: PreparedRecord): Pick<BuiltPerson, 'proposalNames' | 'proposalReadings'> {
  const proposalNames = idsOnce(record.remarkId, record.fullNameId);
  return proposalNames.length
    ? { proposalNames, proposalReadings: idsOnce(record.remarkReadingId, record.fullNameReadingId) }
    : { proposalNames: idsOnce(record.nicknameId, -1), proposalReadings: idsOnce(record.nicknameReadingId, -1) };
}

/**
 * displayName() of a one-record person, read off the record: the first value of each list is the
 * first item of the record's (prepared) list, and a phone shows as written (`original`).
 */
export function singleRecordName(record: PreparedRecord, known?: RawContact, knownIds?: RecordIdentifiers): string {
  const name = record.remark ?? record.fullName ?? record.nickname;
  if (name !== undefined) return name;
  // A nameless record (rare): its identifiers decide.
  const raw = known ?? rawOf(record);
  const ids = knownIds ?? identifiersOf(record, raw);
  let handle: string | undefined;
  for (const h of Array.isArray(raw.handles) ? raw.handles : []) if ((handle = textOf(h?.value))) break;
  return ids.wechatIds[0] ?? handle ?? ids.phones[0]?.original ?? ids.emails[0]?.value ?? ids.wxids[0] ?? '';
}

/** [a, b] without -1s and repeats (one list shared by every person without any). */
function idsOnce(a: number, b: number): number[] {
  if (a < 0) return b < 0 ? NO_IDS : [b];
  return b < 0 || b === a ? [a] : [a, b];
}

const NO_IDS: number[] = [];

/** Values of one record, first sighting of each comparison key kept (with its original and label). */
function distinctValued<T extends { original?: string; label?: string } | string>(
  items: readonly T[],
  valueOf: (item: T) => string,
  sources: SourceRef[],
  ignoreCase = false,
): Valued[] {
  const out: Valued[] = [];
  for (const item of items) {
    const value = valueOf(item);
    const key = ignoreCase ? value.toLowerCase() : value;
    const original = typeof item === 'string' ? undefined : item.original;
    const label = typeof item === 'string' ? undefined : item.label;
    const known = out.find((v) => (ignoreCase ? v.value.toLowerCase() : v.value) === key);
    if (known) {
      if (original !== undefined && original !== known.value && known.original === undefined) known.original = original;
      if (label && known.label === undefined) known.label = label;
      continue;
    }
    const valued: Valued = { value, sources };
    if (original !== undefined && original !== value) valued.original = original;
    if (label) valued.label = label;
    out.push(valued);
  }
  return out.length === items.length ? out : out.slice();
}

function distinctHandles(list: RawContact['handles'] | undefined, sources: SourceRef[]): Handle[] {
  const out: Handle[] = [];
  for (const h of Array.isArray(list) ? list : []) {
    const value = textOf(h?.value);
    if (!value) continue;
    const kind: HandleKind = h.kind ?? 'other';
    const lower = value.toLowerCase();
    if (!out.some((v) => v.kind === kind && v.value.toLowerCase() === lower)) out.push({ value, kind, sources });
  }
  return out.length ? out.slice() : [];
}

/** Remark, then full name, then nickname, then an identifier (WeChat ID, handle, phone, e-mail, wxid). */
function displayName(
  remark: string | undefined,
  fullName: string | undefined,
  nickname: string | undefined,
  wechatIds: Valued[],
  handles: Valued[],
  phones: Valued[],
  emails: Valued[],
  wxids: Valued[],
): string {
  return (
    remark ??
    fullName ??
    nickname ??
    wechatIds[0]?.value ??
    handles[0]?.value ??
    (phones[0] ? (phones[0].original ?? phones[0].value) : undefined) ??
    emails[0]?.value ??
    wxids[0]?.value ??
    ''
  );
}

/** Folds several records; exported for the test that checks buildSingle against it. */
export function buildMerged(id: string, members: readonly PreparedRecord[]): BuiltPerson {
  const names: Valued[] = [];
  const phones: Valued[] = [];
  const emails: Valued[] = [];
  const wechatIds: Valued[] = [];
  const wxids: Valued[] = [];
  const handles: Handle[] = [];
  const remarks: string[] = [];
  const fullNames: string[] = [];
  const nicknames: string[] = [];
  const orgs: string[] = [];
  const notes: string[] = [];
  const labels: string[] = [];
  const proposalNames: number[] = [];
  const proposalReadings: number[] = [];
  const nicknameNames: number[] = [];
  const nicknameReadings: number[] = [];
  let avatar: string | undefined;
  const sources: SourceRef[] = [];

  for (const record of members) {
    const raw = rawOf(record);
    const source = sourceOf(record, raw);
    sources.push(source);
    const { remark, fullName, nickname } = record;
    if (remark) addName(names, remarks, remark, source);
    if (fullName) addName(names, fullNames, fullName, source);
    if (nickname) addName(names, nicknames, nickname, source);
    addOnce(proposalNames, record.remarkId);
    addOnce(proposalNames, record.fullNameId);
    addOnce(proposalReadings, record.remarkReadingId);
    addOnce(proposalReadings, record.fullNameReadingId);
    addOnce(nicknameNames, record.nicknameId);
    addOnce(nicknameReadings, record.nicknameReadingId);

    const ids = identifiersOf(record, raw);
    for (const p of ids.phones) addValue(phones, false, p.key.value, source, p.original, p.label);
    for (const e of ids.emails) addValue(emails, false, e.value, source, e.original, e.label);
    for (const w of ids.wechatIds) addValue(wechatIds, true, w, source);
    for (const x of ids.wxids) addValue(wxids, false, x, source);
    for (const h of Array.isArray(raw.handles) ? raw.handles : []) {
      const value = textOf(h?.value);
      if (!value) continue;
      const kind: HandleKind = h.kind ?? 'other';
      const lower = value.toLowerCase();
      const known = handles.find((v) => v.kind === kind && v.value.toLowerCase() === lower);
      if (!known) handles.push({ value, kind, sources: [source] });
      else if (known.sources[known.sources.length - 1] !== source) known.sources.push(source);
    }
    for (const label of Array.isArray(raw.labels) ? raw.labels : []) {
      const text = textOf(label);
      if (text && !labels.includes(text)) labels.push(text);
    }
    const org = textOf(raw.org);
    if (org) orgs.push(org);
    const note = textOf(raw.note);
    if (note && !notes.includes(note)) notes.push(note);
    if (!avatar && raw.photo?.base64) avatar = `data:${raw.photo.mime || 'image/jpeg'};base64,${raw.photo.base64}`;
  }

  const remark = mostCommon(remarks);
  const nickname = mostCommon(nicknames);
  const person: Person = {
    id,
    name: displayName(remark, mostCommon(fullNames), nickname, wechatIds, handles, phones, emails, wxids),
    names: compact(names),
    phones: compact(phones),
    emails: compact(emails),
    wechatIds: compact(wechatIds),
    wxids: compact(wxids),
    handles: compact(handles),
    labels: labels.length ? labels.sort().slice() : [],
    sources,
  };
  if (remark) person.remark = remark;
  if (nickname) person.nickname = nickname;
  const org = mostCommon(orgs);
  if (org) person.org = org;
  // Every distinct note is kept: they are the user's own words and nothing else holds them.
  if (notes.length) person.note = notes.join('\n\n');
  if (avatar) person.avatar = avatar;

  // Remarks and full names propose merges; nicknames only when the person has nothing better.
  return proposalNames.length
    ? { person, proposalNames, proposalReadings }
    : { person, proposalNames: nicknameNames, proposalReadings: nicknameReadings };
}

function addOnce(list: number[], id: number): void {
  if (id >= 0 && !list.includes(id)) list.push(id);
}

function addName(names: Valued[], occurrences: string[], name: string, source: SourceRef): void {
  occurrences.push(name);
  addValue(names, false, name, source);
}

/** Adds one sighting of a value: a new Valued, or one more source (and a first original / label). */
function addValue(list: Valued[], ignoreCase: boolean, value: string, source: SourceRef, original?: string, label?: string): void {
  let valued: Valued | undefined;
  if (list.length) {
    const wanted = ignoreCase ? value.toLowerCase() : value;
    valued = list.find((v) => (ignoreCase ? v.value.toLowerCase() : v.value) === wanted);
  }
  if (!valued) {
    valued = { value, sources: [source] };
    list.push(valued);
  }
  if (original !== undefined && original !== value && valued.original === undefined) valued.original = original;
  if (label && valued.label === undefined) valued.label = label;
  // A record listing the same value twice is still one source.
  if (valued.sources[valued.sources.length - 1] !== source) valued.sources.push(source);
}

/**
 * Exact-size copies: arrays grown by push() reserve room for ~17 items, and 100k persons with a
 * dozen arrays each would hold hundreds of MB of that room.
 */
function compact<T extends Valued>(list: T[]): T[] {
  if (list.length === 0) return [];
  for (const v of list) if (v.sources.length > 1) v.sources = v.sources.slice();
  return list.slice();
}

/** Most frequent value, ties going to the first seen. */
function mostCommon(values: string[]): string | undefined {
  if (values.length <= 1) return values[0];
  let best: string | undefined;
  let bestCount = 0;
  for (const value of values) {
    let count = 0;
    for (const v of values) if (v === value) count++;
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}
