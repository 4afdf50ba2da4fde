// The name each CSV row will show once imported, the column it comes from, and a warning when one
// value would name many rows (a note or category column read as names: issue 11).
import type { RawContact } from '../../../shared/types';
import type { ContactField } from '../types';
import type { ColumnRule } from './columns';
import { cellValue } from './rows';

export interface ShownName {
  name: string;
  /** Columns the name was read from (family + given name: two). */
  columns: number[];
}

// The order a one-record person is named in (electron/contacts/build-person.ts displayName): the
// remark, the full name (the parser has already put given + family, or lacking any name the
// nickname or company, into `name`), the nickname, then an identifier. A test checks that the
// preview and the merged person agree.
const NAME_SOURCES: ContactField[][] = [['remark'], ['name'], ['familyName', 'givenName'], ['nickname'], ['org']];
const ID_SOURCES: [ContactField[], (c: RawContact) => string | undefined][] = [
  [['wechatId', 'wxid'], (c) => c.wechatIds[0]],
  [['qq'], (c) => c.handles[0]?.value],
  [['phone'], (c) => c.phones[0]?.value],
  [['email'], (c) => c.emails[0]?.value],
  [['wxid', 'wechatId'], (c) => c.wxids[0]],
];

/** Columns of these fields that hold a value in this row, in column order. */
function filledColumns(fields: string[], rules: ColumnRule[], of: ContactField[]): number[] {
  const out: number[] = [];
  rules.forEach((rule, i) => {
    if (of.includes(rule.field) && cellValue(fields[i])) out.push(i);
  });
  return out;
}

/** The name the row's person will show, and where it came from; `textual` is false for an identifier. */
export function shownName(contact: RawContact, fields: string[], rules: ColumnRule[]): (ShownName & { textual: boolean }) | undefined {
  const text = contact.remark ?? contact.name ?? contact.nickname;
  if (text) {
    for (const of of NAME_SOURCES) {
      const columns = filledColumns(fields, rules, of);
      if (columns.length && (of.length > 1 || cellValue(fields[columns[0]!]) === text)) return { name: text, columns, textual: true };
    }
    return { name: text, columns: [], textual: true };
  }
  for (const [of, value] of ID_SOURCES) {
    const name = value(contact);
    if (name) return { name, columns: filledColumns(fields, rules, of).slice(0, 1), textual: false };
  }
  return undefined;
}

/**
 * Counts the names rows get. A value is "crowded" when it names at least MIN_ROWS rows and at least
 * MIN_SHARE of the named rows. People in one address book rarely share a name: even 张伟, the most
 * common full name in China, is about 1 in 5,000 people, so a personal book holds two or three
 * namesakes at most, while a note or category read as names ("老家", "同事", "客户") repeats
 * across a large part of the book (47 of 600 rows in the book of issue 11). Five rows keeps pairs
 * and triples of namesakes quiet in a small book; 1% keeps a 100k-row book's few hundred common
 * names quiet while still catching a category that names a sizeable share of it.
 */
export class NameTally {
  static readonly MIN_ROWS = 5;
  static readonly MIN_SHARE = 0.01;
  private readonly counts = new Map<string, { count: number; columns: number[] }>();
  private named = 0;

  add(shown: ShownName & { textual: boolean }): void {
    if (!shown.textual) return; // an identifier (a phone, an e-mail) as a name is the person's own
    this.named++;
    const known = this.counts.get(shown.name);
    if (known) known.count++;
    else this.counts.set(shown.name, { count: 1, columns: shown.columns });
  }

  /** Values that would name many rows, most rows first, with the rows named in all. */
  crowded(limit = 3): { name: string; count: number; named: number; columns: number[] }[] {
    const out: { name: string; count: number; named: number; columns: number[] }[] = [];
    for (const [name, { count, columns }] of this.counts) {
      if (count >= NameTally.MIN_ROWS && count >= this.named * NameTally.MIN_SHARE) out.push({ name, count, named: this.named, columns });
    }
    return out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1)).slice(0, limit);
  }
}

/** The warning a crowded name gets, in the report's words and codes (see issue `csv-name-repeated`). */
export function crowdedNameIssue(entry: { name: string; count: number; named: number; columns: number[] }, headers: string[]) {
  const column = entry.columns.map((c) => headers[c] ?? `Column ${c + 1}`).join(' + ');
  return {
    message:
      `"${entry.name}" would become the name of ${entry.count} of ${entry.named} rows (from column "${column}"): ` +
      'that column may hold notes or groups rather than names; check what each column means.',
    coded: { code: 'csv-name-repeated', params: { name: entry.name, count: entry.count, rows: entry.named, column } },
  };
}
