// Verification messages from templates with {name} {me} {old} {remark}. Length is counted the way
// the platforms count: every character — a Chinese character or a Latin letter alike — is 1.
import type { Locale, ReaddSettings } from '../../shared/types';
import { activeTarget } from './settings';

export interface TemplateVars {
  name?: string;
  me?: string;
  old?: string;
  remark?: string;
}

export interface RenderedMessage {
  text: string;
  length: number;
  tooLong: boolean;
  /** Placeholders the template used but no value was given for (rendered as empty). */
  missing: string[];
}

export const DEFAULT_MAX_LENGTH = 30;
const PLACEHOLDER = /\{(name|me|old|remark)\}/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Surrogates, combining marks, joiners or variation selectors: only then is a character more than one UTF-16 unit. */
function mayCombine(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0xd800 && c <= 0xdfff) ||
      (c >= 0x0300 && c <= 0x036f) ||
      (c >= 0x1ab0 && c <= 0x1aff) ||
      (c >= 0x20d0 && c <= 0x20ff) ||
      (c >= 0xfe00 && c <= 0xfe0f) ||
      c === 0x200d
    ) {
      return true;
    }
  }
  return false;
}

/** Characters as the user sees them (an emoji or an accented letter counts once). */
export function platformLength(text: string): number {
  if (!mayCombine(text)) return text.length;
  let count = 0;
  for (const _segment of segmenter.segment(text)) count += 1;
  return count;
}

export function renderTemplate(template: string, vars: TemplateVars, maxLength = DEFAULT_MAX_LENGTH): RenderedMessage {
  const missing = new Set<string>();
  const text = template
    .replace(PLACEHOLDER, (_match, key: keyof TemplateVars) => {
      const value = vars[key]?.trim();
      if (!value) missing.add(key);
      return value ?? '';
    })
    .trim();
  const length = platformLength(text);
  return { text, length, tooLong: length > maxLength, missing: [...missing] };
}

/** The template in use for the settings' locale. */
export function activeTemplate(settings: ReaddSettings, locale: Locale = settings.locale): string {
  return settings.templates[locale];
}

/** The verification message for one person under the current settings. */
export function messageFor(settings: ReaddSettings, person: { name: string; remark?: string }, targetId?: string): RenderedMessage {
  const target = activeTarget(settings, targetId);
  return renderTemplate(
    activeTemplate(settings),
    { name: person.name, remark: person.remark ?? person.name, me: settings.myName ?? target.newAccountName, old: target.oldAccountName },
    settings.maxMessageLength,
  );
}
