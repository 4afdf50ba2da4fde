// Turning one file's RawContacts into prepared records: normalized identifiers, the tokens that
// link records to the same person, and each record's stable key.
//
// Record key = hash(file, strongest identity of the record) — first of: smallest wxid, WeChat ID,
// phone, email, else the normalized name, else the content. Keying by identity rather than by
// position keeps keys (and so person ids and decisions) stable when an updated export lists the
// same contacts in another order. Two records of one file with the same identity are told apart
// by a hash of their content, and exact copies by their rank among the copies.
import type { RawContact, SourceRef } from '../../shared/types';
import { hash64 } from './hash';
import { normalizeName } from './names';
import { phoneKey, type PhoneKey } from './phone';

export interface PreparedPhone {
  key: PhoneKey;
  original: string;
  label?: string;
}

export interface PreparedEmail {
  value: string;
  original: string;
  label?: string;
}

export interface PreparedRecord {
  key: string;
  file: string;
  /** Position of the file in import order: earlier files anchor person ids. */
  fileRank: number;
  raw: RawContact;
  source: SourceRef;
  phones: PreparedPhone[];
  emails: PreparedEmail[];
  wechatIds: string[];
  wxids: string[];
  /** Identifiers that make two records the same person ("p:+86…", "e:…", "w:…", "x:…"). */
  tokens: string[];
}

/** Invalid numbers shorter than this (service codes, extensions) do not link records. */
const MIN_INVALID_PHONE_DIGITS = 7;

export function prepareFileRecords(file: string, records: readonly RawContact[], region: string, fileRank: number): PreparedRecord[] {
  const prepared = records.map((raw, i) => prepareRecord(file, raw, i, region, fileRank));
  assignKeys(file, prepared);
  return prepared;
}

function prepareRecord(file: string, raw: RawContact, position: number, region: string, fileRank: number): PreparedRecord {
  const record = typeof raw?.source?.record === 'string' ? raw.source.record : `record ${position + 1}`;
  const phones = listOf(raw?.phones)
    .filter((p) => typeof p?.value === 'string' && /\d/.test(p.value))
    .map((p) => ({ key: phoneKey(p.value, region), original: p.value.trim(), label: textOf(p.label) }));
  const emails = listOf(raw?.emails)
    .filter((e) => typeof e?.value === 'string' && e.value.trim() !== '')
    .map((e) => ({ value: e.value.trim().toLowerCase(), original: e.value.trim(), label: textOf(e.label) }));
  const wechatIds = uniqueTexts(raw?.wechatIds);
  const wxids = uniqueTexts(raw?.wxids);
  return {
    key: '',
    file,
    fileRank,
    raw,
    source: { file, record },
    phones,
    emails,
    wechatIds,
    wxids,
    tokens: linkTokens(phones, emails, wechatIds, wxids),
  };
}

function linkTokens(phones: PreparedPhone[], emails: PreparedEmail[], wechatIds: string[], wxids: string[]): string[] {
  const tokens = new Set<string>();
  for (const p of phones) {
    if (p.key.valid || p.key.value.length >= MIN_INVALID_PHONE_DIGITS) tokens.add('p:' + p.key.value);
  }
  for (const e of emails) tokens.add('e:' + e.value);
  for (const id of wechatIds) tokens.add('w:' + id.toLowerCase());
  for (const id of wxids) {
    tokens.add('x:' + id);
    // A legacy user name (no "wxid_" prefix) is that account's WeChat ID, and some exporters
    // (WechatExporter) give it in the WeChat ID column: let the two meet.
    if (!id.startsWith('wxid_')) tokens.add('w:' + id.toLowerCase());
  }
  return [...tokens];
}

/** The identity a record is keyed by inside its file (see the header). */
export function identityOf(record: PreparedRecord): string {
  const smallest = (values: string[]) => values.reduce((a, b) => (b < a ? b : a));
  if (record.wxids.length) return 'x:' + smallest(record.wxids);
  if (record.wechatIds.length) return 'w:' + smallest(record.wechatIds.map((w) => w.toLowerCase()));
  if (record.phones.length) return 'p:' + smallest(record.phones.map((p) => p.key.value));
  if (record.emails.length) return 'e:' + smallest(record.emails.map((e) => e.value));
  const name = normalizeName(textOf(record.raw?.name) ?? textOf(record.raw?.remark) ?? textOf(record.raw?.nickname) ?? '');
  if (name) return 'n:' + name;
  return 'c:' + contentHash(record.raw);
}

function assignKeys(file: string, records: PreparedRecord[]): void {
  const byBase = new Map<string, PreparedRecord[]>();
  for (const record of records) {
    const base = file + '\u0000' + identityOf(record);
    const group = byBase.get(base);
    if (group) group.push(record);
    else byBase.set(base, [record]);
  }
  for (const [base, group] of byBase) {
    if (group.length === 1) {
      group[0]!.key = 'r' + hash64(base);
      continue;
    }
    // Records differing in content are told apart by it (stable when the file is reordered); exact
    // copies by their rank in locator order, so the file's order does not decide which is which.
    const ranked = group
      .map((record) => ({ record, content: contentHash(record.raw), locator: record.source.record }))
      .sort((a, b) => compareText(a.content, b.content) || compareText(a.locator, b.locator));
    let copy = 0;
    ranked.forEach(({ record, content }, i) => {
      copy = i > 0 && ranked[i - 1]!.content === content ? copy + 1 : 0;
      record.key = 'r' + hash64(base + '\u0000' + content + (copy ? '\u0000' + copy : ''));
    });
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Hash of what a record says, ignoring where it was (file name, record locator). */
export function contentHash(raw: RawContact): string {
  return hash64(recordContentText(raw));
}

export function recordContentText(raw: RawContact): string {
  const { source: _source, ...content } = raw ?? ({} as RawContact);
  return stableJson(content);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(stableJson).join(',') + ']';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + stableJson(v)).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

export function listOf<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}

export function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function uniqueTexts(values: readonly unknown[] | undefined): string[] {
  const seen = new Set<string>();
  for (const v of listOf(values)) {
    const text = textOf(v);
    if (text) seen.add(text);
  }
  return [...seen];
}
