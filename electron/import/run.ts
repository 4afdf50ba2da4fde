// State of one import run, shared by the format readers: where contacts go and what went wrong.
import type { GroupChat, ImportIssue, IssueParams, RawContact } from '../../shared/types';
import { isJunkPhone } from './contact';
import type { ColumnMapping } from './types';

/** What the UI needs to say an issue in the user's language: a stable code and its values. */
export interface IssueCode {
  code: string;
  params?: IssueParams;
}

/** Junk phone values listed one by one in a file's issues; the rest are counted. */
const JUNK_PHONES_LISTED = 20;

export class ImportRun {
  readonly issues: ImportIssue[] = [];
  readonly groups: GroupChat[] = [];
  owner?: RawContact;
  records = 0;
  skipped = 0;
  private junkPhones = 0;

  constructor(
    readonly path: string,
    /** Name used in every SourceRef and issue. */
    readonly file: string,
    private readonly sink: (c: RawContact) => void,
    readonly signal?: AbortSignal,
    readonly onProgress?: (bytesRead: number, totalBytes: number) => void,
    readonly mapping?: ColumnMapping,
  ) {}

  emit(c: RawContact): void {
    this.records++;
    this.takeOutJunkPhones(c);
    this.sink(c);
  }

  /** Phone values that are no number are reported with their record, never stored (one digit of "7yy-zzz-xxx" would be). */
  private takeOutJunkPhones(c: RawContact): void {
    if (!c.phones.some((p) => isJunkPhone(p.value))) return;
    const record = c.source?.record;
    for (const p of c.phones) {
      if (!isJunkPhone(p.value)) continue;
      // A column of them (a mapping gone wrong) would bury every other issue: the first ones, then a count.
      if (++this.junkPhones > JUNK_PHONES_LISTED) continue;
      this.warn(`Not a phone number, left out: "${p.value}"`, record, undefined, { code: 'phone-junk', params: { value: p.value, record: record ?? '' } });
    }
    c.phones = c.phones.filter((p) => !isJunkPhone(p.value));
  }

  /** Ends the run: says how many junk phone values were left out beyond those listed. */
  finish(): void {
    const more = this.junkPhones - JUNK_PHONES_LISTED;
    if (more > 0) this.warn(`… and ${more} more values that are not phone numbers, left out`, undefined, undefined, { code: 'phone-junk-more', params: { count: more } });
  }

  skip(): void {
    this.skipped++;
  }

  error(message: string, record?: string, line?: number, coded?: IssueCode): void {
    this.issues.push(issue(this.file, 'error', message, record, line, coded));
  }

  warn(message: string, record?: string, line?: number, coded?: IssueCode): void {
    this.issues.push(issue(this.file, 'warning', message, record, line, coded));
  }
}

export function issue(
  file: string,
  severity: ImportIssue['severity'],
  message: string,
  record?: string,
  line?: number,
  coded?: IssueCode,
): ImportIssue {
  const out: ImportIssue = { file, severity, message };
  if (record) out.record = record;
  if (line !== undefined) out.line = line;
  if (coded) {
    out.code = coded.code;
    if (coded.params) out.params = coded.params;
  }
  return out;
}
