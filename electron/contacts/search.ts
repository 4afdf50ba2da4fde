// Finding persons as people type: by name (any of them), pinyin ("zhangsan", "zhang san") and
// pinyin initials ("zs") of Chinese names, phone digits, WeChat IDs, wxids, handles and e-mail.
import type { Person } from '../../shared/types';
import { hasHan, pinyinInitials, pinyinKey } from './names';

interface SearchEntry {
  text: string;
  pinyin: string;
  initials: string;
  digits: string;
}

/** Persons are rebuilt by every merge, so entries die with them. */
const entries = new WeakMap<Person, SearchEntry>();
const MIN_PHONE_QUERY_DIGITS = 3;

export function searchPersons(persons: Person[], query: string): Person[] {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (!q) return persons.slice();
  const letters = /^[a-z\s'’]+$/.test(q) ? q.replace(/[\s'’]/g, '') : '';
  const digits = /^\+?[\d\s\-().]+$/.test(q) ? q.replace(/\D/g, '') : '';
  const phoneDigits = digits.length >= MIN_PHONE_QUERY_DIGITS ? digits : '';
  return persons.filter((person) => {
    const entry = entryOf(person);
    return (
      entry.text.includes(q) ||
      (letters !== '' && (entry.pinyin.includes(letters) || entry.initials.includes(letters))) ||
      (phoneDigits !== '' && entry.digits.includes(phoneDigits))
    );
  });
}

function entryOf(person: Person): SearchEntry {
  let entry = entries.get(person);
  if (entry) return entry;
  const names = [person.name, ...person.names.map((n) => n.value)];
  const chinese = [...new Set(names.filter(hasHan))];
  entry = {
    text: [
      ...names,
      ...person.wechatIds.map((v) => v.value),
      ...person.wxids.map((v) => v.value),
      ...person.emails.flatMap((v) => [v.value, v.original ?? '']),
      ...person.handles.map((v) => v.value),
      ...person.phones.flatMap((v) => [v.value, v.original ?? '']),
    ]
      .join('\n')
      .normalize('NFKC')
      .toLowerCase(),
    pinyin: chinese.map((n) => pinyinKey(n) ?? '').join('\n'),
    initials: chinese.map(pinyinInitials).join('\n'),
    digits: person.phones.flatMap((v) => [v.value.replace(/\D/g, ''), (v.original ?? '').replace(/\D/g, '')]).join('\n'),
  };
  entries.set(person, entry);
  return entry;
}
