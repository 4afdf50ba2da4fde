// Turning one file's RawContacts into prepared records: normalized identifiers, the tokens that
// link records to the same person, and each record's stable key.
//
// Record key = hash(file, strongest identity of the record) — first of: smallest wxid, WeChat ID,
// phone, email, else the normalized name, else the content. Keying by identity rather than by
// position keeps keys (and so person ids and decisions) stable when an updated export lists the
// same contacts in another order. Two records of one file with the same identity are told apart
// by a hash of their content, and exact copies by their rank among the copies.
import type { RawContact, SourceRef } from '../../shared/types';
import { flatText, hash64, prefixedHash64, prefixedHash64Of } from './hash';
import { nameIds, normalizeName } from './names';
import { PackedRecords, RecordPacker } from './packed-records';
import { isUnmistakablyNational, phoneKey, type PhoneKey } from './phone';
import { evidenceRegion } from './phone-region';

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
  /** book.defaultRegion when the record was prepared: identifiersOf() reads phones in it. */
  region: string;
  /** Where the raw record is: list.at(index) (see rawOf; decoded on demand, not kept, nor its source: see sourceOf). */
  list: PackedRecords;
  index: number;
  remark?: string;
  /** FN, or built from given and family names. */
  fullName?: string;
  nickname?: string;
  /** internName() of the normalized remark, full name and nickname (-1 when absent)… */
  remarkId: number;
  fullNameId: number;
  nicknameId: number;
  /** …and of their pinyin, for names with Chinese characters (-1 otherwise). */
  remarkReadingId: number;
  fullNameReadingId: number;
  nicknameReadingId: number;
  /**
   * Identifiers that make two records the same person ("p:+86…", "e:…", "w:…", "x:…"), joined
   * by TOKEN_SEPARATOR ('' when none; see linkTokensOf): one string instead of a list of strings
   * is ~100 bytes less per record, for the life of the case.
   */
  tokens: string;
}

/**
 * A record's normalized identifiers. Not kept on the prepared record: prepared records live as long
 * as the case (memoised), and these lists with their objects were most of their size (100k records:
 * ~60 MB). Only building a Person needs them again, and identifiersOf() recomputes them from the
 * raw record (phone keys are memoised, so that costs little).
 */
export interface RecordIdentifiers {
  phones: PreparedPhone[];
  emails: PreparedEmail[];
  wechatIds: string[];
  wxids: string[];
}

/**
 * A number that cannot be validated links records only together with the same name, and only
 * when it is this long (not service codes or extensions): alone, digits as written could be
 * anyone's in another country.
 */
const MIN_INVALID_PHONE_DIGITS = 7;

/** Prepared records of a file, sorted by record key. */
export function prepareFileRecords(file: string, records: PackedRecords, region: string): PreparedRecord[] {
  const preparer = new RecordPreparer(file, region);
  for (let i = 0; i < records.length; i++) preparer.add(rawOf({ list: records, index: i }));
  return preparer.finish(records);
}

/**
 * Prepares a file's records one at a time, from records at hand: an import prepares each record
 * as it is parsed (see FileRecordPacker), instead of decoding it again from the packed records.
 */
export class RecordPreparer {
  private readonly prepared: PreparedRecord[] = [];
  /** Each record's identity (see identityOf), needed only for its key. */
  private readonly identities: string[] = [];

  constructor(
    readonly file: string,
    readonly region: string,
  ) {}

  /** Record number `prepared.length` of the file, as it is (or will be) packed. */
  add(raw: RawContact): void {
    this.prepared.push(prepareRecord(this.file, raw, this.prepared.length, this.region, this.identities));
  }

  /** The prepared records, sorted by record key, remembered for `list` (the packed records added). */
  finish(list: PackedRecords): PreparedRecord[] {
    const prepared = this.prepared;
    if (prepared.length !== list.length) throw new Error(`prepared ${prepared.length} records of ${list.length}`);
    for (const record of prepared) record.list = list;
    let sorted = sortedByKey(prepared);
    // Records of one file sharing an identity share a key until told apart (rare: sorted, they are neighbours).
    if (rekeyShared(this.file, sorted, this.identities)) sorted = sortedByKey(sorted);
    preparedCache.set(list, { file: this.file, region: this.region, prepared: sorted });
    // The preparer may outlive this call (held by its packer): the identities are not needed again.
    this.identities.length = 0;
    this.prepared.length = 0;
    return sorted;
  }
}

/**
 * Packs records given as objects (a book read from disk) and prepares each one from its object
 * (see RecordPreparer): the prepared records are those preparedRecordsOf() would make by decoding
 * the packed records again, and are remembered for them.
 */
export function packPrepared(file: string, records: readonly unknown[], region: string, source?: { bytes: Uint8Array; spans: Uint32Array }): PackedRecords {
  const packer = new RecordPacker();
  const preparer = new RecordPreparer(file, region);
  // The record's own JSON text where the file's bytes are given (the same value: JSON.parse read `records` from them).
  const spans = source?.spans.length === 2 * records.length ? source.spans : undefined;
  for (let i = 0; i < records.length; i++) {
    if (spans) packer.pushJson(source!.bytes, spans[2 * i]!, spans[2 * i + 1]!);
    else packer.push(records[i]);
    preparer.add(records[i] as RawContact);
  }
  const packed = packer.finish();
  preparer.finish(packed);
  return packed;
}

/**
 * prepareFileRecords, memoised on the packed records: a merge is recomputed after every user
 * decision while the files' records stay the same (read-only) objects.
 */
export function preparedRecordsOf(file: string, records: PackedRecords, region: string): PreparedRecord[] {
  const cached = preparedCache.get(records);
  if (cached && cached.file === file && cached.region === region) return cached.prepared;
  return prepareFileRecords(file, records, region);
}

type PreparedFile = { file: string; region: string; prepared: PreparedRecord[] };
let preparedCache = new WeakMap<PackedRecords, PreparedFile>();

/** For benchmarks: measure the cold path. */
export function clearPreparedCache(): void {
  preparedCache = new WeakMap();
}

/** The raw record behind a prepared one, decoded anew (callers keep it only while they need it). */
export function rawOf(record: Pick<PreparedRecord, 'list' | 'index'>): RawContact {
  const raw = record.list.at(record.index) as RawContact | null;
  return raw && typeof raw === 'object' ? raw : ({} as RawContact);
}

/** Prepares one record; pushes its identity (see identityOf) onto `identities`, needed only for its key. */
function prepareRecord(file: string, given: RawContact, position: number, region: string, identities: string[]): PreparedRecord {
  const raw: RawContact = given && typeof given === 'object' ? given : ({} as RawContact);
  const ids = identifiersOfRaw(raw, region);
  const remark = textOf(raw.remark);
  const fullName = textOf(raw.name) ?? composedName(raw.givenName, raw.familyName);
  const nickname = textOf(raw.nickname);
  const normalizedRemark = remark ? normalizeName(remark) : '';
  const normalizedFullName = fullName ? normalizeName(fullName) : '';
  const normalizedNickname = nickname ? normalizeName(nickname) : '';
  const remarkIds = idsOf(normalizedRemark);
  const fullNameIds = idsOf(normalizedFullName);
  // Nicknames propose merges only for persons with no remark or full name at all (buildPerson).
  const nicknameIds = !normalizedRemark && !normalizedFullName ? idsOf(normalizedNickname) : NO_IDS;
  const identity = identityOf(ids, normalizedFullName || normalizedRemark || normalizedNickname, raw);
  identities.push(identity);
  return {
    // hash(file, identity); records of the file sharing the identity get other keys in finish().
    key: prefixedHash64Of('r', file, '\u0000', identity),
    file,
    region,
    list: PackedRecords.EMPTY, // set by RecordPreparer.finish()
    index: position,
    remark,
    fullName,
    nickname,
    remarkId: remarkIds.id,
    fullNameId: fullNameIds.id,
    nicknameId: nicknameIds.id,
    remarkReadingId: remarkIds.readingId,
    fullNameReadingId: fullNameIds.readingId,
    nicknameReadingId: nicknameIds.readingId,
    tokens: linkTokens(ids, normalizedFullName || normalizedRemark),
  };
}

/** The record's normalized phones, e-mails, WeChat IDs and wxids (recomputed on each call). */
export function identifiersOf(record: PreparedRecord, raw: RawContact = rawOf(record)): RecordIdentifiers {
  return identifiersOfRaw(raw, record.region);
}

function identifiersOfRaw(raw: RawContact, region: string): RecordIdentifiers {
  return {
    phones: preparePhones(raw.phones, region, evidenceRegion(raw)),
    emails: prepareEmails(raw.emails),
    wechatIds: uniqueTexts(raw.wechatIds),
    wxids: uniqueTexts(raw.wxids),
  };
}

/** One empty list for every empty identifier list (read-only: callers only read identifiers). */
const NONE: never[] = [];

/**
 * Where a record came from: its file, and the record's own locator ("card 3 (line 40)", "row 2"),
 * read from the raw record (pass it when decoded already). Not kept on prepared records: an
 * object and a string per record for the life of the case, needed only to build persons.
 */
export function sourceOf(record: Pick<PreparedRecord, 'file' | 'list' | 'index'>, raw: RawContact = rawOf(record)): SourceRef {
  return { file: record.file, record: locatorOf(raw, record.index) };
}

/** The record's own locator, else "record N" (N counted from 1 in its file). */
export function locatorOf(raw: RawContact, position: number): string {
  const locator = raw.source?.record;
  return typeof locator === 'string' ? locator : `record ${position + 1}`;
}

/** Phones read in the region the record's evidence names (phone-region.ts), else in the case's. */
function preparePhones(phones: RawContact['phones'] | undefined, caseRegion: string, evidence: string | undefined): PreparedPhone[] {
  if (!Array.isArray(phones) || phones.length === 0) return NONE;
  const out: PreparedPhone[] = [];
  for (const p of phones) {
    if (typeof p?.value !== 'string' || !/\d/.test(p.value)) continue;
    out.push({ key: recordPhoneKey(p.value, caseRegion, evidence), original: p.value.trim(), label: textOf(p.label) });
  }
  return out.length ? out : NONE;
}

/** The key of one of a record's numbers (see preparePhones). */
export function recordPhoneKey(text: string, caseRegion: string, evidence: string | undefined): PhoneKey {
  if (!evidence || evidence === caseRegion) return phoneKey(text, caseRegion);
  const key = phoneKey(text, evidence);
  if (key.valid || !isUnmistakablyNational(text, caseRegion)) return key;
  // "176 1027 8819" beside one "+1 413…" number is still a Chinese mobile: no other country
  // writes its numbers so. Anything else stays as written rather than become a made-up number.
  const home = phoneKey(text, caseRegion);
  return home.valid ? home : key;
}

function prepareEmails(emails: RawContact['emails'] | undefined): PreparedEmail[] {
  if (!Array.isArray(emails) || emails.length === 0) return NONE;
  const out: PreparedEmail[] = [];
  for (const e of emails) {
    const original = typeof e?.value === 'string' ? e.value.trim() : '';
    if (original) out.push({ value: original.toLowerCase(), original, label: textOf(e.label) });
  }
  return out.length ? out : NONE;
}

const NO_IDS = { id: -1, readingId: -1 };

function idsOf(normalizedName: string): { id: number; readingId: number } {
  return normalizedName ? nameIds(normalizedName) : NO_IDS;
}

/** "王" + "伟" → "王伟"; "Wei" + "Wang" → "Wei Wang". */
export function composedName(given: unknown, family: unknown): string | undefined {
  const g = textOf(given);
  const f = textOf(family);
  if (!g && !f) return undefined;
  if (g && f) return /\p{Script=Han}/u.test(f + g) ? f + g : `${g} ${f}`;
  return g ?? f;
}

/** Between the link tokens of a record: a control character no identifier keeps (see textOf, phone keys). */
export const TOKEN_SEPARATOR = '\u0001';

/** The record's link tokens, each once. */
export function linkTokensOf(record: Pick<PreparedRecord, 'tokens'>): string[] {
  return record.tokens ? record.tokens.split(TOKEN_SEPARATOR) : NONE;
}

function linkTokens({ phones, emails, wechatIds, wxids }: RecordIdentifiers, normalizedName: string): string {
  if (!phones.length && !emails.length && !wechatIds.length && !wxids.length) return '';
  const tokens = new DistinctTexts();
  for (const p of phones) {
    if (p.key.valid) tokens.add('p:' + p.key.value);
    else if (normalizedName && p.key.dialable && p.key.value.length >= MIN_INVALID_PHONE_DIGITS) {
      tokens.add('q:' + p.key.value + '\u0002' + stripSeparator(normalizedName));
    }
  }
  for (const e of emails) tokens.add('e:' + stripSeparator(e.value));
  for (const id of wechatIds) tokens.add('w:' + stripSeparator(id.toLowerCase()));
  for (const id of wxids) {
    tokens.add('x:' + stripSeparator(id));
    // A legacy user name (no "wxid_" prefix) is that account's WeChat ID, and some exporters
    // (WechatExporter) give it in the WeChat ID column: let the two meet.
    if (!id.startsWith('wxid_')) tokens.add('w:' + stripSeparator(id.toLowerCase()));
  }
  const joined = tokens.list.join(TOKEN_SEPARATOR);
  // join() makes one flat string of two or more tokens, but gives a lone token back as it is (a rope).
  return tokens.list.length === 1 ? flatText(joined) : joined;
}

/**
 * Texts in the order first added, each once. A record has a few tokens: a scan of them costs less
 * than a Set (which hashes every new rope; half of linkTokens' time at 100k records); past
 * SCAN_LIMIT a Set beside the list keeps a card of thousands of numbers linear.
 */
export class DistinctTexts {
  readonly list: string[] = [];
  private seen?: Set<string>;

  add(text: string): void {
    if (this.seen) {
      if (this.seen.has(text)) return;
      this.seen.add(text);
    } else if (this.list.includes(text)) return;
    this.list.push(text);
    if (!this.seen && this.list.length > SCAN_LIMIT) this.seen = new Set(this.list);
  }
}

const SCAN_LIMIT = 16;

/**
 * An identifier holding the separator (never seen in real exports) is escaped, one-to-one, so that
 * tokens still link exactly the records whose identifiers are equal.
 */
function stripSeparator(text: string): string {
  if (!text.includes(TOKEN_SEPARATOR) && !text.includes('\u0002')) return text;
  return text.replaceAll('\u0002', '\u0002\u0002').replaceAll(TOKEN_SEPARATOR, '\u0002\u0003');
}

/**
 * The identity a record is keyed by inside its file (see the header); `identityName` is the
 * normalized full name, else remark, else nickname.
 */
function identityOf(record: RecordIdentifiers, identityName: string, raw: RawContact): string {
  const smallest = (values: string[]) => values.reduce((a, b) => (b < a ? b : a));
  if (record.wxids.length) return 'x:' + smallest(record.wxids);
  if (record.wechatIds.length) return 'w:' + smallest(record.wechatIds.map((w) => w.toLowerCase()));
  if (record.phones.length) return 'p:' + smallest(record.phones.map((p) => p.key.value));
  if (record.emails.length) return 'e:' + smallest(record.emails.map((e) => e.value));
  if (identityName) return 'n:' + identityName;
  return 'c:' + contentHash(raw);
}

/** `records` by key (a new list). */
export function sortedByKey<T extends { key: string }>(records: T[]): T[] {
  // Keys are "r" + 16 hex digits: their first 13 digits as a number order them exactly (52 bits).
  // Indexes and numbers in typed arrays: 100k {record, head} pairs would outlive the young
  // generation while sorting and end as old-generation garbage.
  const n = records.length;
  const heads = new Float64Array(n);
  for (let i = 0; i < n; i++) heads[i] = parseInt(records[i]!.key.slice(1, 14), 16);
  const byKey = (a: number, b: number) => heads[a]! - heads[b]! || compareText(records[a]!.key, records[b]!.key);
  const order = n > 1 && !heads.some(Number.isNaN) ? orderByLeadingBits(heads, byKey) : Uint32Array.from(records.keys()).sort(byKey);
  return Array.from(order, (i) => records[i]!);
}

/**
 * Indexes 0…n-1 ordered by `compare`, whose first criterion is `heads` (whole numbers below 2^52):
 * a head's leading bits and the index share one double, so the typed array's own numeric sort
 * (no comparison function called: ~2 million calls at 100k records) does nearly all the work;
 * indexes whose leading bits are equal end side by side and are then ordered by `compare` itself.
 */
function orderByLeadingBits(heads: Float64Array, compare: (a: number, b: number) => number): Uint32Array {
  const n = heads.length;
  const indexBits = Math.ceil(Math.log2(n));
  const indexes = 2 ** indexBits;
  const dropped = 2 ** (indexBits - 1); // 52-bit heads: keep their leading 53 - indexBits bits
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = Math.floor(heads[i]! / dropped) * indexes + i;
  packed.sort();
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = packed[i]! % indexes;
  for (let start = 0; start < n; ) {
    const lead = Math.floor(packed[start]! / indexes);
    let end = start + 1;
    while (end < n && Math.floor(packed[end]! / indexes) === lead) end++;
    if (end - start > 1) order.subarray(start, end).sort(compare);
    start = end;
  }
  return order;
}

/**
 * Gives records that share an identity (so a key: neighbours in `sorted`) keys of their own;
 * `identities[record.index]` is each record's identity. Returns whether any key changed.
 */
function rekeyShared(file: string, sorted: PreparedRecord[], identities: string[]): boolean {
  let changed = false;
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end]!.key === sorted[start]!.key) end++;
    if (end - start > 1) {
      tellApart(file + '\u0000' + identities[sorted[start]!.index]!, sorted.slice(start, end));
      changed = true;
    }
    start = end;
  }
  return changed;
}

/**
 * Records differing in content are told apart by it (stable when the file is reordered); exact
 * copies by their rank in locator order, so the file's order does not decide which is which.
 */
function tellApart(base: string, group: PreparedRecord[]): void {
  const ranked = group
    .map((record) => {
      const raw = rawOf(record);
      return { record, content: contentHash(raw), locator: sourceOf(record, raw).record };
    })
    .sort((a, b) => compareText(a.content, b.content) || compareText(a.locator, b.locator));
  let copy = 0;
  ranked.forEach(({ record, content }, i) => {
    copy = i > 0 && ranked[i - 1]!.content === content ? copy + 1 : 0;
    record.key = prefixedHash64('r', base + '\u0000' + content + (copy ? '\u0000' + copy : ''));
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Hash of what a record says, ignoring where it was (file name, record locator). */
export function contentHash(raw: RawContact): string {
  return hash64(recordContentText(raw));
}

/**
 * What a record says as one string (source left out), for "did this record change?" and for
 * telling apart records of one file that share an identity. Known fields in a fixed order, so the
 * parser's property order does not matter; unknown extra fields follow, sorted.
 */
export function recordContentText(raw: RawContact): string {
  if (!raw || typeof raw !== 'object') return '';
  const parts: string[] = [];
  for (const field of TEXT_FIELDS) parts.push(typeof raw[field] === 'string' ? raw[field] : '');
  parts.push(joined(raw.phones, (p) => p?.value + '\u0002' + (p?.label ?? '')));
  parts.push(joined(raw.emails, (e) => e?.value + '\u0002' + (e?.label ?? '')));
  parts.push(joined(raw.wechatIds, String), joined(raw.wxids, String), joined(raw.labels, String));
  parts.push(joined(raw.handles, (h) => h?.kind + '\u0002' + h?.value));
  parts.push(raw.photo ? raw.photo.mime + '\u0002' + raw.photo.base64 : '');
  for (const key of Object.keys(raw).sort()) {
    if (!KNOWN_FIELDS.has(key) && (raw as unknown as Record<string, unknown>)[key] !== undefined) {
      parts.push(key + '=' + stableJson((raw as unknown as Record<string, unknown>)[key]));
    }
  }
  return parts.join('\u0001');
}

const TEXT_FIELDS = ['name', 'givenName', 'familyName', 'nickname', 'remark', 'org', 'note'] as const;
const KNOWN_FIELDS = new Set<string>([...TEXT_FIELDS, 'source', 'phones', 'emails', 'wechatIds', 'wxids', 'labels', 'handles', 'photo']);

function joined<T>(list: readonly T[] | undefined, text: (item: T) => string): string {
  return Array.isArray(list) ? list.map(text).join('\u0003') : '';
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(stableJson).join(',') + ']';
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + stableJson(v)).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

export function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function uniqueTexts(values: readonly unknown[] | undefined): string[] {
  if (!Array.isArray(values) || values.length === 0) return NONE;
  const out: string[] = [];
  for (const v of values) {
    const text = textOf(v);
    if (text && !out.includes(text)) out.push(text);
  }
  return out.length ? out : NONE;
}


