import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/i18n/i18n';
import { locatorText, sourcesText } from '../../../renderer/screens/contacts/source-text';

describe('where a value came from, in words', () => {
  const zh = translator('zh-CN');
  const en = translator('en');

  it('puts the importers\' locators into the reader\'s language', () => {
    expect(locatorText('card 3 (line 40)', zh)).toBe('第 3 张名片（第 40 行）');
    expect(locatorText('row 12', zh)).toBe('第 12 行');
    expect(locatorText('record 1200', zh)).toBe('第 1200 条');
    expect(locatorText('card 3 (line 40)', en)).toBe('card 3 (line 40)');
    expect(locatorText('record 1200', en)).toBe('record 1200'); // numbers as in the file: no grouping
  });

  it('shows any other locator as it is', () => {
    expect(locatorText('contacts.list[4]', zh)).toBe('contacts.list[4]');
    expect(locatorText('users["wxid_1"]', zh)).toBe('users["wxid_1"]');
    expect(locatorText('card 3', zh)).toBe('card 3');
  });

  it('joins several sources as the language lists things', () => {
    const sources = [
      { file: '通讯录.vcf', record: 'card 1 (line 1)' },
      { file: 'contacts.csv', record: 'row 2' },
    ];
    expect(sourcesText(sources, zh)).toBe('通讯录.vcf · 第 1 张名片（第 1 行）；contacts.csv · 第 2 行');
    expect(sourcesText(sources, en)).toBe('通讯录.vcf · card 1 (line 1); contacts.csv · row 2');
  });
});
