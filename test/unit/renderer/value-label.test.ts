import { describe, expect, it } from 'vitest';
import { labelText } from '../../../renderer/screens/contacts/value-label';

describe('phone and e-mail labels in the reader\'s language', () => {
  it('translates the kinds importers give, alone or combined, in any case', () => {
    expect(labelText('mobile', 'zh-CN')).toBe('手机');
    expect(labelText('home fax', 'zh-CN')).toBe('住宅传真');
    expect(labelText('HomeFAX', 'zh-CN')).toBe('住宅传真');
    expect(labelText('Work', 'zh-CN')).toBe('工作');
  });

  it('keeps labels people typed, and every label in English', () => {
    expect(labelText('大学宿舍', 'zh-CN')).toBe('大学宿舍');
    expect(labelText('home office 2', 'zh-CN')).toBe('home office 2');
    expect(labelText('mobile', 'en')).toBe('mobile');
  });
});
