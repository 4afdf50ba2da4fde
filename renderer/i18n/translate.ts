// A locale's words with their {placeholders} filled in (numbers in the locale's digits). No React:
// the end-to-end tests take their expected words from here too.
import type { Locale } from '../../shared/types';
import { catalogs, type MessageKey } from './catalog';

export type { MessageKey };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const numbers = new Intl.NumberFormat(locale);
  return (key, vars) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars?.[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
}
