// Folding the records of one cluster into a Person. Members arrive in a fixed order (file import
// order, then record key), so every choice below ("first seen", "most common") is deterministic
// and does not depend on the order of records inside files.
import type { HandleKind, Person, RawContact, SourceRef, Valued } from '../../shared/types';
import { normalizeName } from './names';
import { textOf, type PreparedRecord } from './records';

export interface BuiltPerson {
  person: Person;
  /** Normalized names that may propose a merge with another person of the same name. */
  proposalNames: string[];
}

export function buildPerson(id: string, members: readonly PreparedRecord[]): BuiltPerson {
  const names = new ValuedList();
  const phones = new ValuedList();
  const emails = new ValuedList();
  const wechatIds = new ValuedList();
  const wxids = new ValuedList();
  const handles = new ValuedList();
  const handleKinds = new Map<string, HandleKind>();
  const remarks = new Tally();
  const fullNames = new Tally();
  const nicknames = new Tally();
  const orgs = new Tally();
  const notes: string[] = [];
  const labels = new Set<string>();
  const sources: SourceRef[] = [];
  let avatar: string | undefined;

  for (const record of members) {
    const raw: Partial<RawContact> = record.raw ?? {};
    const source = record.source;
    sources.push(source);
    const remark = textOf(raw.remark);
    const fullName = textOf(raw.name) ?? composedName(raw.givenName, raw.familyName);
    const nickname = textOf(raw.nickname);
    for (const name of [remark, fullName, nickname]) if (name) names.add(name, name, source);
    if (remark) remarks.add(remark);
    if (fullName) fullNames.add(fullName);
    if (nickname) nicknames.add(nickname);

    for (const p of record.phones) phones.add(p.key.value, p.key.value, source, p.original, p.label);
    for (const e of record.emails) emails.add(e.value, e.value, source, e.original, e.label);
    for (const w of record.wechatIds) wechatIds.add(w.toLowerCase(), w, source);
    for (const x of record.wxids) wxids.add(x, x, source);
    for (const h of Array.isArray(raw.handles) ? raw.handles : []) {
      const value = textOf(h?.value);
      if (!value) continue;
      const kind: HandleKind = h.kind ?? 'other';
      const key = kind + '\u0000' + value.toLowerCase();
      handles.add(key, value, source);
      if (!handleKinds.has(key)) handleKinds.set(key, kind);
    }
    for (const label of Array.isArray(raw.labels) ? raw.labels : []) {
      const text = textOf(label);
      if (text) labels.add(text);
    }
    const org = textOf(raw.org);
    if (org) orgs.add(org);
    const note = textOf(raw.note);
    if (note && !notes.includes(note)) notes.push(note);
    if (!avatar && raw.photo?.base64) avatar = `data:${raw.photo.mime || 'image/jpeg'};base64,${raw.photo.base64}`;
  }

  const phoneList = phones.values();
  const handleList = handles.entries().map(([key, v]) => ({ ...v, kind: handleKinds.get(key) ?? 'other' }));
  const remark = remarks.best();
  const nickname = nicknames.best();
  const person: Person = {
    id,
    name:
      remark ??
      fullNames.best() ??
      nickname ??
      firstValue(wechatIds.values()) ??
      firstValue(handleList) ??
      firstPhone(phoneList) ??
      firstValue(emails.values()) ??
      firstValue(wxids.values()) ??
      '',
    names: names.values(),
    phones: phoneList,
    emails: emails.values(),
    wechatIds: wechatIds.values(),
    wxids: wxids.values(),
    handles: handleList,
    labels: [...labels].sort(),
    sources,
  };
  if (remark) person.remark = remark;
  if (nickname) person.nickname = nickname;
  const org = orgs.best();
  if (org) person.org = org;
  // Every distinct note is kept: they are the user's own words and nothing else holds them.
  if (notes.length) person.note = notes.join('\n\n');
  if (avatar) person.avatar = avatar;

  return { person, proposalNames: proposalNamesOf(remarks, fullNames, nicknames) };
}

/** Remarks and full names propose merges; nicknames only when the person has nothing better. */
function proposalNamesOf(remarks: Tally, fullNames: Tally, nicknames: Tally): string[] {
  const chosen = [...remarks.all(), ...fullNames.all()];
  const source = chosen.length ? chosen : nicknames.all();
  return [...new Set(source.map(normalizeName).filter((n) => n !== ''))];
}

function composedName(given: unknown, family: unknown): string | undefined {
  const g = textOf(given);
  const f = textOf(family);
  if (!g && !f) return undefined;
  if (g && f) return /\p{Script=Han}/u.test(f + g) ? f + g : `${g} ${f}`;
  return g ?? f;
}

function firstValue(values: { value: string }[]): string | undefined {
  return values[0]?.value;
}

function firstPhone(phones: Valued[]): string | undefined {
  const first = phones[0];
  return first ? (first.original ?? first.value) : undefined;
}

/** Distinct values (by a comparison key) with every record each one was seen in. */
class ValuedList {
  private readonly byKey = new Map<string, Valued>();

  add(key: string, value: string, source: SourceRef, original?: string, label?: string): void {
    let valued = this.byKey.get(key);
    if (!valued) {
      valued = { value, sources: [] };
      this.byKey.set(key, valued);
    }
    if (original !== undefined && original !== value && valued.original === undefined) valued.original = original;
    if (label && valued.label === undefined) valued.label = label;
    // A record listing the same value twice is still one source.
    if (valued.sources[valued.sources.length - 1] !== source) valued.sources.push(source);
  }

  values(): Valued[] {
    return [...this.byKey.values()];
  }

  entries(): [string, Valued][] {
    return [...this.byKey.entries()];
  }
}

/** Counts values; best() = most frequent, ties going to the first seen. */
class Tally {
  private readonly counts = new Map<string, number>();

  add(value: string): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  best(): string | undefined {
    let best: string | undefined;
    let bestCount = 0;
    for (const [value, count] of this.counts) {
      if (count > bestCount) {
        best = value;
        bestCount = count;
      }
    }
    return best;
  }

  all(): string[] {
    return [...this.counts.keys()];
  }
}
