import { describe, expect, it } from 'vitest';
import { emptyContactBook, mergePersons, replaceFileRecords, searchPersons } from '../../../electron/contacts';
import { contact } from './helpers';

const book = emptyContactBook();
replaceFileRecords(book, 'phone.vcf', [
  contact('phone.vcf', 'card 1', { name: '张三', phones: ['+86 138-0013-8000'], emails: ['San.Zhang@Example.com'] }),
  contact('phone.vcf', 'card 2', { name: '李四', phones: ['010-12345678'] }),
  contact('phone.vcf', 'card 3', { name: 'Alice Chen', phones: ['+1 650 253 0000'] }),
  contact('phone.vcf', 'card 4', { name: '单田芳' }),
  contact('phone.vcf', 'card 5', { name: '吕布' }),
]);
replaceFileRecords(book, 'memotrace.csv', [contact('memotrace.csv', 'row 2', { remark: '老王', nickname: 'Sunny', wechatIds: ['wang_88'], wxids: ['wxid_abc123'] })]);
const { persons } = mergePersons(book);
const names = (query: string) => searchPersons(persons, query).map((p) => p.name);

describe('searchPersons', () => {
  it('finds Chinese names by characters, full pinyin (with or without spaces) and initials', () => {
    expect(names('张')).toEqual(['张三']);
    expect(names('zhangsan')).toEqual(['张三']);
    expect(names('Zhang San')).toEqual(['张三']);
    expect(names('zs')).toEqual(['张三']);
    expect(names('lw')).toEqual(['老王']);
    expect(names('shantianfang')).toEqual(['单田芳']);
    expect(names('lvbu')).toEqual(['吕布']);
  });

  it('finds by any name of the person, case-insensitively', () => {
    expect(names('sunny')).toEqual(['老王']);
    expect(names('alice')).toEqual(['Alice Chen']);
  });

  it('finds by phone digits however they are typed', () => {
    expect(names('13800138000')).toEqual(['张三']);
    expect(names('138 0013')).toEqual(['张三']);
    expect(names('12345678')).toEqual(['李四']);
    expect(names('650-253')).toEqual(['Alice Chen']);
  });

  it('finds by WeChat ID, wxid and e-mail', () => {
    expect(names('wang_88')).toEqual(['老王']);
    expect(names('wxid_abc')).toEqual(['老王']);
    expect(names('san.zhang@')).toEqual(['张三']);
  });

  it('returns everyone for an empty query and no one for a miss, keeping the list order', () => {
    expect(names('  ')).toEqual(persons.map((p) => p.name));
    expect(names('nobody here')).toEqual([]);
    expect(names('zz')).toEqual([]);
  });
});
