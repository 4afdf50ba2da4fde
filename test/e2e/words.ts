// The words a test expects on screen, from the same catalogs the UI shows: a changed wording changes
// the test's expectation with it, and a key that no longer exists fails the typecheck.
import { translator, type MessageKey } from '../../renderer/i18n/translate';

export const zh = translator('zh-CN');
export const en = translator('en');

/** A message with placeholders left open: each {name} not given matches any text. */
export function like(t: typeof zh, key: MessageKey, vars?: Record<string, string | number>): RegExp {
  const parts = t(key, vars).split(/\{\w+\}/);
  return new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
}
