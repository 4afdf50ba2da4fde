// Counts read right in English ("1 request", "2 requests") through Intl.PluralRules; Chinese has one form.
import { describe, expect, it } from 'vitest';
import { pluralized, translator } from '../../../renderer/i18n/i18n';
import { catalogs } from '../../../renderer/i18n/catalog';

describe('plural forms', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it('chooses the form by the count, with the number formatted', () => {
    expect(en('readd.attempts', { count: 1 })).toBe('1 request so far');
    expect(en('readd.attempts', { count: 2 })).toBe('2 requests so far');
    expect(en('readd.eta', { pace: 15, days: 1, date: 'Dec 5' })).toBe('At the current pace (about 15 a day), done in 1 day (Dec 5)');
    expect(en('cases.persons', { count: 12000 })).toBe('12,000 contacts');
    expect(en('readd.unreviewed', { count: 1 })).toMatch(/^1 possible duplicate has not/);
    expect(zh('readd.attempts', { count: 1 })).toBe('已申请 1 次');
  });

  it('keeps other placeholders inside a form, and exact =N forms', () => {
    const rules = new Intl.PluralRules('en');
    const show = (n: number) => String(n);
    expect(pluralized('{n, plural, =0 {none} one {# of {who}} other {# of {who}}} left', { n: 0 }, rules, show)).toBe('none left');
    expect(pluralized('{n, plural, =0 {none} one {# of {who}} other {# of {who}}} left', { n: 3 }, rules, show)).toBe('3 of {who} left');
  });

  it('no English message says "(s)" or leaves a plural block unparsed', () => {
    for (const key of Object.keys(catalogs.en) as (keyof typeof catalogs.en)[]) {
      expect(catalogs.en[key], key).not.toMatch(/\w\(s\)/);
      expect(en(key, { count: 1, days: 1, n: 1 }), key).not.toMatch(/, plural,/);
    }
  });
});
