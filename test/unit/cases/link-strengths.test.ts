import { describe, expect, it } from 'vitest';
import { strengthsByPerson } from '../../../electron/cases/link-strengths';
import type { Person } from '../../../shared/types';

const src = [{ file: 'f', record: 'r' }];
function person(id: string, parts: Partial<Person>): Person {
  return { id, name: id, names: [], phones: [], emails: [], wechatIds: [], wxids: [], handles: [], labels: [], sources: src, ...parts };
}

describe('linking chat activity to persons', () => {
  it('matches wxid, WeChat ID, E.164 phone and Telegram user id, and adds them up', () => {
    const persons = [
      person('a', { wxids: [{ value: 'wxid_a', sources: src }], phones: [{ value: '+8613800138000', sources: src }] }),
      person('b', { handles: [{ kind: 'telegram', value: 'user42', sources: src }] }),
      person('c', { wechatIds: [{ value: 'cc_id', sources: src }] }),
    ];
    const byHandle = new Map([
      ['wxid_a', { messages: 10, last12Months: 2, lastAt: '2023-05-14T00:00:00Z' }],
      ['+8613800138000', { messages: 5, last12Months: 5, lastAt: '2024-01-01T00:00:00Z' }],
      ['telegram:42', { messages: 7, last12Months: 0 }],
      ['name:c', { messages: 99, last12Months: 99 }],
    ]);
    const result = strengthsByPerson(persons, byHandle);
    expect(result.get('a')).toEqual({ messages: 15, last12Months: 7, lastAt: '2024-01-01T00:00:00Z' });
    expect(result.get('b')).toEqual({ messages: 7, last12Months: 0 });
    // A display name alone never links a chat to a person.
    expect(result.has('c')).toBe(false);
  });
});
