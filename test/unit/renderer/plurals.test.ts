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
    // Without its number, a block stays a placeholder, as a plain {var} does (the e2e tests' like() matches it as any text).
    expect(pluralized('Imported: {n, plural, one {# contact} other {# contacts}} now', {}, rules, show)).toBe('Imported: {n} now');
  });

  it('no English message says "(s)" or leaves a plural block unparsed', () => {
    for (const key of Object.keys(catalogs.en) as (keyof typeof catalogs.en)[]) {
      expect(catalogs.en[key], key).not.toMatch(/\w\(s\)/);
      expect(en(key, { count: 1, days: 1, n: 1 }), key).not.toMatch(/, plural,/);
    }
  });

  it('every count shown next to a noun in English takes the plural form of its number: "1 photo", never "1 photos"', () => {
    // Placeholders that carry counts, directly before a plural noun (an adjective may come between),
    // outside a plural block: the class of "{count} photos" that reads "1 photos".
    const counts = 'count|n|total|records|persons|proposals|recent|parts|days|hours|max|value|min|messages|duplicates|bad|rows|friends|groups|files|kept|expected|found|accepted|ratio|peak|sent|remaining|size';
    const bare = new RegExp(`\\{(${counts})\\}( [a-z-]+)? ([a-z-]+s|people)\\b`);
    const outsidePlurals = (text: string) => text.replace(/\{\w+, plural,(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g, '');
    const offending = Object.entries(catalogs.en).filter(([, text]) => bare.test(outsidePlurals(text))).map(([key]) => key);
    expect(offending).toEqual([]);
    expect(en('messages.chatCount', { count: 1 })).toBe('1 message');
    expect(en('messages.participants', { count: 1 })).toBe('1 person');
    expect(en('messages.participants', { count: 3 })).toBe('3 people');
    expect(en('photos.verifyBad', { count: 1, bad: 1 })).toBe('Checked 1 photo; 1 is damaged or missing:');
    expect(en('photos.verifyOk', { count: 2 })).toBe('Checked 2 photos: all intact.');
    expect(en('contacts.importDone', { persons: 1, proposals: 1 })).toBe('Imported: 1 contact now, 1 possible duplicate to review.');
    expect(en('appeals.timeline.readd-accepted', { count: 1 })).toBe('1 friend has accepted');
    expect(en('messages.chartLabel', { total: 1, from: '2020', to: '2020', peakYear: '2020', peak: 1 })).toBe(
      'Bar chart of messages per year: 1 message from 2020 to 2020; the busiest year was 2020 (1 message).',
    );
  });
});
