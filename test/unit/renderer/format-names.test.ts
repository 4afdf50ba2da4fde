// No internal names on screen: contact file formats and message kinds in the reader's words.
import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/i18n/i18n';
import { contactFormatName } from '../../../renderer/screens/contacts/format-names';
import { lastLine } from '../../../renderer/screens/messages/format';
import type { ContactFormat } from '../../../shared/types';

const FORMATS: (ContactFormat | 'unknown')[] = [
  'vcard', 'csv-google', 'csv-outlook', 'csv-thunderbird', 'csv-generic', 'wechat-memotrace', 'wechat-wechatexporter',
  'wechat-weflow-csv', 'wechat-weflow-json', 'wechat-pywxdump', 'wechat-chatlog', 'wechat-db', 'telegram', 'unknown',
];

describe('words for formats and kinds', () => {
  it('names every contact format in both languages without the internal name', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = translator(locale);
      for (const format of FORMATS) {
        const name = contactFormatName(t, format);
        expect(name, format).not.toContain(format);
        expect(name, format).not.toMatch(/^contacts\./);
      }
    }
    expect(contactFormatName(translator('zh-CN'), 'wechat-memotrace')).toBe('留痕 MemoTrace 导出的微信好友');
  });

  it('words the last message of a chat that has no text by its kind', () => {
    expect(lastLine(translator('zh-CN'), { lastKind: 'image' })).toBe('[图片]');
    expect(lastLine(translator('en'), { lastKind: 'voice' })).toBe('[Voice message]');
    expect(lastLine(translator('zh-CN'), { lastText: '你好', lastKind: 'text' })).toBe('你好');
  });
});
