// Turns an API error into words the user can read, in their language.
import { ApiCallError } from '../api/client';
import type { MessageKey, Translate } from '../i18n/i18n';

const KNOWN = new Set(['not-found', 'confirm-mismatch', 'invalid-arguments', 'unauthorized', 'io', 'too-large']);

export function errorText(t: Translate, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiCallError && KNOWN.has(error.code)) {
    return t(`error.${error.code}` as MessageKey, { message });
  }
  return t('error.generic', { message });
}
