// Types of the contact-file import capability (parsing only; merging happens elsewhere).
import type { ContactFormat, GroupChat, ImportIssue, RawContact } from '../../shared/types';

/** What one spreadsheet column can mean. `ignore` drops the column. */
export type ContactField =
  | 'name'
  | 'givenName'
  | 'familyName'
  | 'nickname'
  | 'remark'
  | 'phone'
  | 'email'
  | 'wechatId'
  | 'wxid'
  | 'label'
  | 'org'
  | 'note'
  | 'qq'
  | 'ignore';

export const CONTACT_FIELDS: readonly ContactField[] = [
  'name', 'givenName', 'familyName', 'nickname', 'remark', 'phone', 'email',
  'wechatId', 'wxid', 'label', 'org', 'note', 'qq', 'ignore',
];

/** Column index -> field. */
export type ColumnMapping = Record<number, ContactField>;

export interface ContactFilePreview {
  file: string;
  format: ContactFormat | 'unknown';
  encoding: string;
  delimiter?: string;
  headers?: string[];
  mapping?: ColumnMapping;
  sampleRows?: string[][];
  estimatedRecords?: number;
  issues: ImportIssue[];
}

export interface ContactFileSummary {
  file: string;
  format: ContactFormat | 'unknown';
  encoding: string;
  /** Contacts handed to onContact. */
  records: number;
  /** Records read but not imported (broken, empty, official accounts…). */
  skipped: number;
  groups: GroupChat[];
  owner?: RawContact;
  issues: ImportIssue[];
}

export interface ImportOptions {
  displayName?: string;
  mapping?: ColumnMapping;
  signal?: AbortSignal;
  onContact: (c: RawContact) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}
