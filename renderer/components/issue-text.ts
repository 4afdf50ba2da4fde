// Says a problem found in an imported file in the user's language: a known code with its values
// becomes the words of issues-messages.ts; anything else (older data, a code this UI does not know)
// falls back to the backend's English words, so nothing is ever hidden.
import type { IssueParams } from '../../shared/types';
import type { MessageKey, Translate } from '../i18n/i18n';
import { issuesMessages } from './issues-messages';

/** An ImportIssue, or a skipped line / file error seen through the same shape. */
export interface IssueLike {
  code?: string;
  params?: IssueParams;
  /** The English words. */
  message: string;
  record?: string;
  line?: number;
}

const KNOWN = issuesMessages['zh-CN'];

function known(key: string): key is MessageKey & keyof typeof KNOWN {
  return Object.hasOwn(KNOWN, key);
}

function hasAllParams(template: string, params: IssueParams | undefined): boolean {
  return [...template.matchAll(/\{(\w+)\}/g)].every((m) => params?.[m[1]!] !== undefined);
}

/** Params whose values are codes themselves ("png") are translated too. */
function translatedParams(t: Translate, params: IssueParams | undefined): IssueParams | undefined {
  if (!params) return undefined;
  const out: IssueParams = { ...params };
  const kind = `issue.kind.${String(params.kind)}`;
  if (params.kind !== undefined && known(kind)) out.kind = t(kind);
  return out;
}

/** One sentence for the issue; a coded text names its card or line itself. */
export function issueText(t: Translate, issue: IssueLike): string {
  const key = `issue.${issue.code ?? ''}`;
  // A value the backend did not send would show as "{name}": the English words are better then.
  if (issue.code && known(key) && hasAllParams(KNOWN[key], issue.params)) return t(key, translatedParams(t, issue.params));
  if (issue.record) return `${issue.record}: ${issue.message}`;
  if (issue.line !== undefined) return `${t('issue.atLine', { line: issue.line })}: ${issue.message}`;
  return issue.message;
}

/** A skipped line of a chat import, without its line number (the caller shows it). */
export function skippedText(t: Translate, skipped: { code?: string; params?: IssueParams; reason: string }): string {
  return issueText(t, { code: skipped.code, params: skipped.params, message: skipped.reason });
}

/** The whole-file error of a chat import. */
export function fileErrorText(t: Translate, file: { error?: string; errorCode?: string; errorParams?: IssueParams }): string {
  return issueText(t, { code: file.errorCode, params: file.errorParams, message: file.error ?? '' });
}
