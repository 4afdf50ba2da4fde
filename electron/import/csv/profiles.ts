// Names the product that wrote a CSV from its header row (the reading itself is column-rule driven).
import type { ContactFormat } from '../../../shared/types';
import { normalizeHeader } from './columns';

export type CsvFormat = Extract<ContactFormat, `csv-${string}` | `wechat-${string}`>;

const WEFLOW = ['用户名', '显示名称', '备注', '昵称', '微信号'];

export function detectCsvFormat(headers: string[]): CsvFormat {
  const raw = headers.map((h) => h.replace(/^\ufeff/, '').trim());
  const set = new Set(raw.map((h) => h.toLowerCase()));
  const has = (...names: string[]) => names.every((n) => set.has(n.toLowerCase()));
  if (has('UserName', 'Alias', 'Remark', 'NickName')) {
    return has('Type') || has('PYInitial') || has('label') ? 'wechat-memotrace' : 'wechat-chatlog';
  }
  if (WEFLOW.every((h) => set.has(h))) return 'wechat-weflow-csv';
  const norm = new Set(raw.map(normalizeHeader));
  const google = raw.some((h) => /^(phone|e-mail) \d+ - (value|label|type)$/i.test(h));
  if (google && (has('First Name') || has('Given Name') || has('Name') || has('File As'))) return 'csv-google';
  if (has('Given Name', 'Family Name') && (has('Group Membership') || has('Name'))) return 'csv-google';
  if ((has('Primary Email') && has('Display Name')) || (norm.has('主要电子邮件') && norm.has('显示名称'))) return 'csv-thunderbird';
  const outlook =
    has('E-mail Address') || has('Mobile Phone') || has('Business Phone') || // English desktop / Outlook.com
    has('E-Mail-Adresse') || has('Mobiltelefon') || has('Vorname', 'Nachname') || // German
    has('Adresse de messagerie') || has('Tél. mobile') || has('Prénom', 'Nom') || // French
    (norm.has('电子邮件地址') && (norm.has('名') || norm.has('姓'))) || norm.has('移动电话') && norm.has('名'); // Chinese
  if (outlook) return 'csv-outlook';
  return 'csv-generic';
}
