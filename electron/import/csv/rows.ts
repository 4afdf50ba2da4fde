// One CSV row -> one RawContact (or a WeChat group, or nothing for an official account),
// following per-column rules.
import type { GroupChat, RawContact, SourceRef } from '../../../shared/types';
import {
  addEmail, addHandle, addLabel, addPhone, appendNote, classifyWechatUserName, clean, finishName, hasContent, newContact,
} from '../contact';
import type { ColumnRule } from './columns';

export type RowResult =
  | { kind: 'contact'; contact: RawContact }
  | { kind: 'group'; group: GroupChat }
  | { kind: 'official' }
  | { kind: 'empty' };

/** Excel-safety prefixes (`'+86…`) and dash placeholders are not data. */
export function cellValue(raw: string | undefined): string | undefined {
  let v = clean(raw);
  if (!v) return undefined;
  if (/^'[+\-=@]/.test(v)) v = v.slice(1);
  if (v === '-' || v === '--' || v === '/') return undefined;
  return v;
}

function splitPhones(v: string): string[] {
  return v.split(/\s*(?::::|[;；\n/、])\s*/).filter(Boolean);
}

function splitEmails(v: string): string[] {
  return v.split(/\s*(?::::|[;；,，\s])\s*/).filter(Boolean);
}

function googleLabel(v: string | undefined): string | undefined {
  const l = clean(v?.replace(/^\*\s*/, ''));
  return l ? l.toLowerCase() : undefined;
}

export interface RowOptions {
  /** Index of WeFlow's 类型 column (好友/群聊/公众号…). */
  typeColumn?: number;
}

export function rowToResult(fields: string[], rules: ColumnRule[], source: SourceRef, opts: RowOptions = {}): RowResult {
  const c = newContact(source);
  let groupId: string | undefined;
  let official = false;
  const type = opts.typeColumn !== undefined ? cellValue(fields[opts.typeColumn]) : undefined;
  if (type && /公众号|服务号|企业号|official/i.test(type)) official = true;

  rules.forEach((rule, i) => {
    const v = cellValue(fields[i]);
    if (!v || rule.field === 'ignore') return;
    switch (rule.field) {
      case 'name':
        c.name ??= v;
        break;
      case 'givenName':
        c.givenName ??= v;
        break;
      case 'familyName':
        c.familyName ??= v;
        break;
      case 'nickname':
        c.nickname ??= v;
        break;
      case 'remark':
        c.remark ??= v;
        break;
      case 'org':
        c.org ??= v;
        break;
      case 'note':
        appendNote(c, v);
        break;
      case 'label':
        if (rule.separator) for (const part of v.split(rule.separator)) addLabel(c, part);
        else addLabel(c, v);
        break;
      case 'qq':
        addHandle(c, 'qq', v);
        break;
      case 'phone': {
        const label = rule.labelColumn !== undefined ? googleLabel(fields[rule.labelColumn]) : rule.label;
        for (const p of splitPhones(v)) addPhone(c, p, label);
        break;
      }
      case 'email': {
        const label = rule.labelColumn !== undefined ? googleLabel(fields[rule.labelColumn]) : rule.label;
        for (const e of splitEmails(v)) addEmail(c, e, label);
        break;
      }
      case 'wechatId':
      case 'wxid': {
        const kind = classifyWechatUserName(v);
        if (kind === 'group') groupId ??= v;
        else if (kind === 'official') official = true;
        else if (kind === 'wxid') {
          if (!c.wxids.includes(v)) c.wxids.push(v);
        } else if (!c.wechatIds.includes(v)) c.wechatIds.push(v);
        break;
      }
    }
  });
  if (groupId || (type && /群/.test(type))) {
    const id = groupId ?? c.wxids[0] ?? c.wechatIds[0];
    if (id) return { kind: 'group', group: { id, name: c.remark ?? c.name ?? c.nickname, source } };
  }
  if (official) return { kind: 'official' };
  finishName(c);
  return hasContent(c) ? { kind: 'contact', contact: c } : { kind: 'empty' };
}
