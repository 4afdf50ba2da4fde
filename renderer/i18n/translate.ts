// A locale's words with their {placeholders} filled in (numbers in the locale's digits). No React:
// the end-to-end tests take their expected words from here too.
import type { Locale } from '../../shared/types';
import { catalogs, type MessageKey } from './catalog';

export type { MessageKey };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const show = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);
  return (key, vars) =>
    pluralized(catalog[key], vars, plurals, show).replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars?.[name];
      return value === undefined ? whole : show(value);
    });
}

/**
 * Plural forms chosen by the locale's rules (Intl.PluralRules), written as in ICU:
 * "{count, plural, one {# day} other {# days}}" ("#" is the number). Forms may hold other {vars}.
 */
export function pluralized(text: string, vars: Record<string, string | number> | undefined, rules: Intl.PluralRules, show: (n: number) => string): string {
  const start = /\{(\w+), plural,\s*/g;
  let out = '';
  let at = 0;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    // Read "form {…}" pairs (braces nest one level for {vars}) up to the block's closing brace.
    const forms = new Map<string, string>();
    let i = start.lastIndex;
    while (i < text.length && text[i] !== '}') {
      const name = /^(\w+|=\d+)\s*\{/.exec(text.slice(i));
      if (!name) break;
      let depth = 1;
      let j = i + name[0].length;
      const from = j;
      for (; j < text.length && depth > 0; j++) depth += text[j] === '{' ? 1 : text[j] === '}' ? -1 : 0;
      forms.set(name[1]!, text.slice(from, j - 1));
      i = j;
      while (text[i] === ' ') i++;
    }
    const value = vars?.[match[1]!];
    if (value === undefined) {
      // Like a plain {var} without a value: the block stays a placeholder (tests match it as any text).
      out += text.slice(at, match.index) + `{${match[1]!}}`;
      at = i + 1;
      start.lastIndex = at;
      continue;
    }
    const n = typeof value === 'number' ? value : Number(value);
    const form = forms.get(`=${n}`) ?? forms.get(Number.isFinite(n) ? rules.select(n) : 'other') ?? forms.get('other') ?? '';
    out += text.slice(at, match.index) + form.replace(/#/g, Number.isFinite(n) ? show(n) : String(value));
    at = i + 1;
    start.lastIndex = at;
  }
  return out + text.slice(at);
}
