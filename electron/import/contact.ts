// Building RawContacts: small helpers shared by every format.
import type { HandleKind, RawContact, SourceRef } from '../../shared/types';

export function newContact(source: SourceRef): RawContact {
  return { source, phones: [], emails: [], wechatIds: [], wxids: [], handles: [], labels: [] };
}

/** Trims and drops control characters other than newline and tab; empty -> undefined. */
export function clean(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  // Most values hold none of those characters: a scan instead of a regular expression's replace.
  const v = (hasControlCharacter(text) ? text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\ufeff]/g, '') : text).trim();
  return v === '' ? undefined : v;
}

/** Whether `text` holds a character clean() drops (any control character but tab and newline, or a BOM). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a : c === 0x7f || c === 0xfeff) return true;
  }
  return false;
}

/**
 * Keeps a phone number as written. A value with letters or digits that is not a number
 * ("7yy-zzz-xxx", "xxx", "N/A") is kept too, for ImportRun.emit() to report with its record and
 * take out (see isJunkPhone); one with neither ("-") is an empty cell.
 */
export function addPhone(c: RawContact, value: string | undefined, label?: string): void {
  const v = withoutPrefix(clean(value), 'tel:');
  // An ASCII digit (almost every number has one) answers the Unicode test without running it.
  if (!v || (!hasAsciiDigit(v) && !/[\p{L}\p{N}]/u.test(v))) return;
  if (c.phones.some((p) => p.value === v)) return;
  c.phones.push(label ? { value: v, label } : { value: v });
}

/**
 * `value` without `prefix` (lower case, matched in any case) at its start: what replace(/^prefix/i, '')
 * gives, without running a regular expression on every phone and e-mail.
 */
function withoutPrefix(value: string | undefined, prefix: 'tel:' | 'mailto:'): string | undefined {
  if (!value || value.length < prefix.length || (value.charCodeAt(0) | 0x20) !== prefix.charCodeAt(0)) return value;
  return value.slice(0, prefix.length).toLowerCase() === prefix ? value.slice(prefix.length) : value;
}

function hasAsciiDigit(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** Digits with the usual separators: a number at a glance. */
const PLAIN_NUMBER = /^[\s+\-.()/]*\d[\d\s+\-.()/]*$/;

/** The letters a number may carry: an extension word before digits ("ext. 12", "x12", "转 12"), pause and wait marks. */
const NUMBER_LETTERS = /(?:\bext\.?|\bx|转|分机)(?=\s*\d)|[pPwW]/g;

/**
 * A phone value that is no number: no digit ("N/A", "xxx"), or letters a number does not carry
 * (redacted "7yy-zzz-xxx"). A dial string of pauses ("p1234p5678w9") is kept.
 */
export function isJunkPhone(value: string): boolean {
  if (PLAIN_NUMBER.test(value)) return false; // most numbers: one test
  const v = value.normalize('NFKC').trim().replace(/^tel:/i, '');
  // What follows ";" or "," is a tel: URI parameter (";ext=102") or DTMF after a pause.
  const number = v.split(/[;,]/, 1)[0]!;
  return !/\d/.test(v) || /\p{L}/u.test(number.replace(NUMBER_LETTERS, ''));
}

/** Adds an address's country as written, once. */
export function addCountry(c: RawContact, value: string | undefined): void {
  const v = clean(value);
  if (!v) return;
  c.countries ??= [];
  if (!c.countries.includes(v)) c.countries.push(v);
}

/** Accepts `addr`, `mailto:addr` and `"Name" <addr>`. */
export function addEmail(c: RawContact, value: string | undefined, label?: string): void {
  let v = clean(value);
  if (!v) return;
  const angle = v.includes('<') ? /<([^<>\s]+@[^<>\s]+)>/.exec(v) : null;
  if (angle) v = angle[1]!;
  v = withoutPrefix(v, 'mailto:')!.trim();
  if (!v || c.emails.some((e) => e.value.toLowerCase() === v!.toLowerCase())) return;
  c.emails.push(label ? { value: v, label } : { value: v });
}

export function addHandle(c: RawContact, kind: HandleKind, value: string | undefined): void {
  const v = clean(value);
  if (!v || c.handles.some((h) => h.kind === kind && h.value === v)) return;
  c.handles.push({ kind, value: v });
}

export function addLabel(c: RawContact, value: string | undefined): void {
  for (const part of splitList(value)) if (!c.labels.includes(part)) c.labels.push(part);
}

/** Splits a list cell: Google's " ::: ", commas (ASCII and full-width), semicolons, "|", "、". */
export function splitList(value: string | undefined): string[] {
  const v = clean(value);
  if (!v) return [];
  // Most values are one label: a regular expression's split (slow even when it finds nothing) only when one may be cut.
  const parts = LIST_SEPARATOR_CHARACTER.test(v) ? v.split(LIST_SEPARATOR) : [v];
  const out: string[] = [];
  for (const part of parts) {
    let s = part.trim();
    if (s.charCodeAt(0) === 0x2a) s = s.replace(/^\*\s*/, ''); // Google marks system groups with "* "
    if (s && !(mayBeSystemGroup(s) && NOT_A_LABEL.test(s))) out.push(s);
  }
  return out;
}

/** Whether s starts as a NOT_A_LABEL name may (m, n, s in either case): most labels are spared the regular expression. */
function mayBeSystemGroup(s: string): boolean {
  const first = s.charCodeAt(0) | 0x20;
  return first === 0x6d || first === 0x6e || first === 0x73;
}

const LIST_SEPARATOR = /\s*(?::::|[,，;；|、])\s*/;
/** A character every LIST_SEPARATOR holds. */
const LIST_SEPARATOR_CHARACTER = /[:,，;；|、]/;
/** Google's and Outlook's system groups, which are no label of the person. */
const NOT_A_LABEL = /^(my ?contacts|none|system group: my contacts)$/i;

export function appendNote(c: RawContact, value: string | undefined): void {
  const v = clean(value);
  if (!v) return;
  c.note = c.note ? `${c.note}\n${v}` : v;
}

export type WechatUserNameKind = 'wxid' | 'wechatId' | 'group' | 'official' | 'empty';

/**
 * WeChat UserName semantics: `wxid_…` is internal, `…@chatroom` a group, `gh_…` an official account;
 * anything else is a legacy custom user name, which is the account's searchable WeChat ID.
 */
export function classifyWechatUserName(value: string | undefined): WechatUserNameKind {
  const v = clean(value);
  if (!v) return 'empty';
  if (/@chatroom$/i.test(v)) return 'group';
  if (/^gh_/i.test(v)) return 'official';
  if (/^wxid_/i.test(v)) return 'wxid';
  return 'wechatId';
}

/** Puts a WeChat identifier where it belongs (wxid_… vs searchable ID). */
export function addWechatIdentifier(c: RawContact, value: string | undefined): void {
  const v = clean(value);
  if (!v) return;
  const list = /^wxid_/i.test(v) ? c.wxids : c.wechatIds;
  if (!list.includes(v)) list.push(v);
}

/** Name from given and family parts: CJK names are written family first without a space. */
export function joinName(given?: string, family?: string, middle?: string): string | undefined {
  const g = clean(given);
  const f = clean(family);
  const m = clean(middle);
  if (!g && !f) return m;
  const cjk = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(`${g ?? ''}${f ?? ''}`);
  if (cjk) return `${f ?? ''}${m ?? ''}${g ?? ''}`;
  return [g, m, f].filter(Boolean).join(' ');
}

/** True when the contact carries something a person could be found or recognized by. */
export function hasContent(c: RawContact): boolean {
  return Boolean(
    c.name || c.givenName || c.familyName || c.nickname || c.remark || c.org || c.phones.some((p) => !isJunkPhone(p.value)) ||
      c.emails.length || c.wechatIds.length || c.wxids.length || c.handles.length,
  );
}

/** Fills `name` from the best available part when the record had no display name. */
export function finishName(c: RawContact): void {
  c.name = clean(c.name) ?? joinName(c.givenName, c.familyName) ?? c.remark ?? c.nickname ?? c.org;
}
