import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../../electron/readd/settings';
import { platformLength, renderTemplate } from '../../../electron/readd/template';

describe('renderTemplate', () => {
  it('fills {name} {me} {old} {remark}', () => {
    const r = renderTemplate('{name}你好，我是{old}（{me}），备注{remark}', { name: '张三', old: '小李', me: 'Li', remark: '老张' });
    expect(r.text).toBe('张三你好，我是小李（Li），备注老张');
    expect(r.missing).toEqual([]);
  });

  it('counts each Chinese and each Latin character as 1 and warns above 30', () => {
    expect(platformLength('我是abc')).toBe(5);
    expect(platformLength('👍🏽é')).toBe(2);
    const ok = renderTemplate('一'.repeat(20) + 'abcdefghij', {});
    expect([ok.length, ok.tooLong]).toEqual([30, false]);
    const long = renderTemplate('一'.repeat(20) + 'abcdefghijk', {});
    expect([long.length, long.tooLong]).toEqual([31, true]);
  });

  it('reports placeholders without a value and leaves unknown braces alone', () => {
    const r = renderTemplate('我是{old}{x}', {});
    expect(r.text).toBe('我是{x}');
    expect(r.missing).toEqual(['old']);
  });

  it('default templates fit the limit with a typical name', () => {
    for (const template of Object.values(DEFAULT_TEMPLATES)) {
      const r = renderTemplate(template, { old: '小李' });
      expect(r.missing).toEqual([]);
    }
    expect(renderTemplate(DEFAULT_TEMPLATES['zh-CN'], { old: '小李' }).tooLong).toBe(false);
    expect(renderTemplate(DEFAULT_TEMPLATES.en, { old: 'Li Wei' }).tooLong).toBe(false);
  });
});
