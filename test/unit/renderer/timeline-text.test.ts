import { describe, expect, it } from 'vitest';
import { translator } from '../../../renderer/i18n/i18n';
import { entryTitle, timelineCsv } from '../../../renderer/screens/appeals/timeline-text';
import type { TimelineEntry } from '../../../shared/contract';

const entries: TimelineEntry[] = [
  { day: '2026-01-05', at: 1, kind: 'ban', params: { platform: 'wechat', name: '张三', handle: 'zs88', banKind: 'temporary', banDays: 7, reapplyFrom: '' } },
  { day: '2026-01-06', at: 2, kind: 'appeal', params: { platform: 'wechat', channel: 'letter', askedFor: '手写申诉书, 身份证', sent: '=照片', attachments: 2 } },
  { day: '2026-02-01', at: 3, kind: 'readd-accepted', params: { count: 100 } },
];

describe('the recovery timeline in words', () => {
  it('words entries in zh-CN and en', () => {
    expect(entryTitle(translator('zh-CN'), entries[0]!)).toBe('微信账号“张三”（zs88）被封：临时封号 7 天');
    expect(entryTitle(translator('en'), entries[0]!)).toBe('WeChat account “张三” (zs88) banned: Temporary ban 7 days');
    expect(entryTitle(translator('en'), entries[2]!)).toBe('100 friends have accepted');
  });

  it('exports CSV a spreadsheet opens as text: BOM, quoted commas, formulas defused', () => {
    const csv = timelineCsv(translator('zh-CN'), entries);
    expect(csv.startsWith('\uFEFF日期,发生了什么\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[2]).toBe('2026-01-06,"通过书面信件申诉; 要求：手写申诉书, 身份证; 提交：=照片; 2 个附件"');
    expect(lines[3]).toBe('2026-02-01,已有 100 位好友通过申请');
    expect(timelineCsv(translator('en'), [{ day: '2026-01-01', at: 0, kind: 'reply', params: { channel: 'letter', reply: '=HYPERLINK("x")' } }])).toContain('"Reply (Letter): =HYPERLINK(""x"")"');
  });
});
