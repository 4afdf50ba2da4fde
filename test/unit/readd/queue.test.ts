import fc from 'fast-check';
import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import type { HandleKind, InteractionStrength, Platform } from '../../../shared/types';
import { buildQueue, compareNames, moveInOrder, nameSortKey, personIdsWithLabel } from '../../../electron/readd/queue';
import { hasSearchKey, phoneForms, reachSuggestions, searchKeysFor } from '../../../electron/readd/search-key';
import { DAY, person, SimState, T0 } from './helpers';

describe('name sort key', () => {
  /** The key as pinyin-pro's own toneless call gives it (what nameSortKey was before its ideograph path). */
  const plain = (name: string) => pinyin(name, { toneType: 'none', nonZh: 'consecutive', type: 'array' }).join(' ').toLowerCase().trim();

  it('equals pinyin-pro\'s toneless reading for every CJK ideograph', () => {
    for (let code = 0x4e00; code <= 0x9fff; code++) {
      const name = String.fromCharCode(code);
      if (nameSortKey(name) !== plain(name)) expect([name, nameSortKey(name)]).toEqual([name, plain(name)]);
    }
  });

  it('equals it for names: polyphones in words, 一 不 了 in every position, mixed and non-Han text', () => {
    const chars = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖单解朴仇查重长行乐都区覃尉迟伟芳娜秀英敏静丽强磊军洋杰一不了说々女绿略吕虐'];
    const fixed = ['一一', '不一', '说不说', '了了', '一不了', '不是', '一个', '重庆', '长春', '银行', '音乐', '曾经', '单于', '尉迟恭', '绿女', 'José 张', 'Zoë', '张 三', '张三3', 'ǎ张', '〇', '㐀'];
    for (const name of fixed) expect(nameSortKey(name)).toBe(plain(name));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 }), (picked) => {
        const name = picked.join('');
        expect(nameSortKey(name)).toBe(plain(name));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('name order', () => {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  /** compareNames as it was: the collator on the keys, then localeCompare in zh-CN. */
  const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);
  const plainOrder = (a: string, b: string) => sign(collator.compare(nameSortKey(a), nameSortKey(b)) || a.localeCompare(b, 'zh-CN'));

  it('orders keys of lower-case letters and spaces by code unit exactly as the collator does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{0,10}$/), fc.stringMatching(/^[a-z ]{0,10}$/), (a, b) => {
        expect(a < b ? -1 : a > b ? 1 : 0).toBe(sign(collator.compare(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('compares names as the collator and localeCompare did: namesakes, same-sounding, Latin, digits, ü', () => {
    const names = ['张伟', '章伟', '张伟', '张 伟', 'Zhang Wei', 'zhang wei', '吕布', '吕 布', 'Lü Bu', '女娲', '白雪', 'Alice', 'alice', 'Bob 2', 'Bob 10', '3号', '#1', '', 'Zoë', 'Émile', '张三3'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...names), (a, b) => {
        expect(sign(compareNames(a, b))).toBe(plainOrder(a, b));
      }),
      { numRuns: 2000 },
    );
    for (const a of names) for (const b of names) expect(sign(compareNames(a, b))).toBe(plainOrder(a, b));
  });
});

describe('search keys', () => {
  it('hasSearchKey answers exactly whether searchKeysFor gives a key, on every platform (the queue places persons by it)', () => {
    const PHONES = ['13800138000', '+86 138-0013-8000', '010 6552 9988', '+1 (415) 555-2671', '12345', '', ' ', 'abc', '+44 7700 900123'];
    const EMAILS = ['a@mail.example', ' b@mail.example ', 'not-an-address', ''];
    const WECHAT_IDS = ['zhang_san88', 'wxid_abc', 'room@chatroom', 'gh_news', '', '  '];
    const WXIDS = ['wxid_abc123', 'oldschool_li', 'ab', '9starts_digit', 'x@openim'];
    const HANDLES = ['@durov', '123456', 'https://t.me/someone', '+8613800138000', '', ' '];
    const KINDS: HandleKind[] = ['telegram', 'qq', 'weibo', 'whatsapp', 'skype', 'sip', 'url', 'other'];
    const PLATFORMS: Platform[] = ['wechat', 'weibo', 'xianyu', 'telegram', 'whatsapp', 'other'];
    const few = <T,>(values: T[]) => fc.array(fc.constantFrom(...values), { maxLength: 2 });
    const spec = fc.record({
      phones: few(PHONES),
      emails: few(EMAILS),
      wechatIds: few(WECHAT_IDS),
      wxids: few(WXIDS),
      handles: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), value: fc.constantFrom(...HANDLES) }), { maxLength: 2 }),
    });
    let searchable = 0;
    let not = 0;
    fc.assert(
      fc.property(spec, fc.constantFrom(...PLATFORMS), (fields, platform) => {
        const p = person({ id: '1', ...fields });
        const keys = searchKeysFor(p, platform);
        expect(hasSearchKey(p, platform)).toBe(keys.length > 0);
        if (keys.length) searchable++;
        else not++;
      }),
      { numRuns: 2000 },
    );
    expect(Math.min(searchable, not)).toBeGreaterThan(200);
  });

  it('WeChat: WeChat ID first, then the mobile as 11 national digits; never a wxid', () => {
    const p = person({ id: '1', wechatIds: ['zhang_san88'], wxids: ['wxid_abc123'], phones: ['+86 138-0013-8000'] });
    expect(searchKeysFor(p, 'wechat')).toEqual([
      { kind: 'wechatId', value: 'zhang_san88' },
      { kind: 'phone', value: '13800138000' },
    ]);
  });

  it('WeChat: a legacy custom user name (no wxid_ prefix) is the WeChat ID', () => {
    expect(searchKeysFor(person({ id: '1', wxids: ['wxid_x1', 'oldschool_li'] }), 'wechat')).toEqual([{ kind: 'wechatId', value: 'oldschool_li' }]);
  });

  it('WeChat: foreign phones as +CC digits; mainland landlines are not searchable', () => {
    expect(searchKeysFor(person({ id: '1', phones: ['+1 (415) 555-2671'] }), 'wechat')).toEqual([{ kind: 'phone', value: '+14155552671' }]);
    expect(searchKeysFor(person({ id: '1', phones: ['010 6552 9988'] }), 'wechat')).toEqual([]);
    expect(searchKeysFor(person({ id: '1', phones: ['13912345678'] }), 'wechat')).toEqual([{ kind: 'phone', value: '13912345678' }]);
  });

  it('Telegram: @handle then E.164 phone; WhatsApp: E.164 phone', () => {
    const p = person({ id: '1', phones: ['13800138000'], handles: [{ kind: 'telegram', value: 'https://t.me/lisi' }] });
    expect(searchKeysFor(p, 'telegram')).toEqual([
      { kind: 'telegram', value: '@lisi' },
      { kind: 'phone', value: '+8613800138000' },
    ]);
    expect(searchKeysFor(p, 'whatsapp')).toEqual([{ kind: 'phone', value: '+8613800138000' }]);
  });

  it('other platforms: phone and email best effort', () => {
    const p = person({ id: '1', phones: ['+44 7700 900123'], emails: ['a@b.example'] });
    expect(searchKeysFor(p, 'other').map((k) => k.kind)).toEqual(['phone', 'email']);
    expect(searchKeysFor(p, 'xianyu')[0]).toEqual({ kind: 'phone', value: '+447700900123' });
  });

  it('phoneForms rejects junk', () => {
    expect(phoneForms('abc')).toBeUndefined();
    expect(phoneForms('12')).toBeUndefined();
  });

  it('suggestions: mutual friend when groups are known, email, SMS and call for mobiles, call only for landlines', () => {
    const p = person({ id: '1', emails: ['w@x.example'], phones: ['13800138000', '010 6552 9988'] });
    expect(reachSuggestions(p, 'wechat', ['大学同学群'])).toEqual([
      { code: 'ask-mutual-friend', groups: ['大学同学群'] },
      { code: 'email', email: 'w@x.example' },
      { code: 'sms', phone: '+8613800138000' },
      { code: 'call', phone: '+8613800138000' },
      { code: 'call', phone: '+861065529988' },
    ]);
  });
});

describe('buildQueue', () => {
  const persons = [
    person({ id: 'zhang', name: '张伟', wechatIds: ['zhangwei01'] }),
    person({ id: 'bai', name: '白雪', wechatIds: ['baixue01'] }),
    person({ id: 'alice', name: 'Alice', phones: ['+8613800000001'] }),
    person({ id: 'carol', name: 'Carol', phones: ['+8613800000002'] }),
    person({ id: 'mom', name: '妈妈', phones: ['+8613800000003'], labels: ['家人'] }),
    person({ id: 'boss', name: '王总', phones: ['+8613800000004'], labels: ['同事'] }),
    person({ id: 'ghost', name: '无名', wxids: ['wxid_only'], emails: ['g@x.example'] }),
  ];

  it('orders by star, priority label, strength, then pinyin name', () => {
    const sim = new SimState({ priorityLabels: ['家人', '同事'] });
    sim.state.starred.carol = true;
    const strengths = new Map<string, InteractionStrength>([
      ['zhang', { messages: 500, last12Months: 50 }],
      ['alice', { messages: 10, last12Months: 50 }],
    ]);
    const { queue, needsAnotherWay } = buildQueue(persons, sim.state, strengths, sim.settings, T0);
    expect(queue.map((q) => q.personId)).toEqual(['carol', 'mom', 'boss', 'zhang', 'alice', 'bai']);
    expect(queue[1]?.priorityLabel).toBe('家人');
    expect(needsAnotherWay).toEqual([
      { personId: 'ghost', name: '无名', reason: 'no-search-key', has: ['wxid', 'email'], status: 'pending', suggestions: [{ code: 'email', email: 'g@x.example' }] },
    ]);
  });

  it('says what a person without a search key carries instead, and when they were reached another way', () => {
    const sim = new SimState();
    const unsearchable = [
      person({ id: 'w', name: 'W', wxids: ['wxid_only'] }),
      person({ id: 'e', name: 'E', emails: ['e@x.example'] }),
      person({ id: 'l', name: 'L', phones: ['010 6552 9988'] }),
      person({ id: 'n', name: 'N' }),
    ];
    sim.record('e', 'follow-up-sent', T0);
    const { needsAnotherWay } = buildQueue(unsearchable, sim.state, undefined, sim.settings, T0 + 1);
    expect(needsAnotherWay.map((n) => [n.personId, n.has])).toEqual([
      ['e', ['email']],
      ['l', ['landline']],
      ['n', []],
      ['w', ['wxid']],
    ]);
    expect(needsAnotherWay.find((n) => n.personId === 'e')?.reachedAt).toBe(T0);
  });

  it('pinyin-aware names interleave Chinese and Latin', () => {
    expect(['张伟', 'Carol', '白雪', 'Alice', 'Zoe'].sort(compareNames)).toEqual(['Alice', '白雪', 'Carol', '张伟', 'Zoe']);
  });

  it('manual order first, "later" cards last, excluded and finished persons out', () => {
    const sim = new SimState();
    sim.state.manualRank.bai = 0;
    sim.state.manualRank.mom = 1;
    sim.state.excluded.boss = true;
    sim.record('alice', 'later', T0).record('zhang', 'accepted', T0).record('carol', 'notFound', T0);
    const { queue, needsAnotherWay } = buildQueue(persons, sim.state, undefined, sim.settings, T0);
    expect(queue.map((q) => q.personId)).toEqual(['bai', 'mom', 'alice']);
    expect(needsAnotherWay.map((n) => [n.personId, n.reason])).toEqual([
      ['carol', 'not-found'],
      ['ghost', 'no-search-key'],
    ]);
  });

  it('"sent" without acceptance comes back as a follow-up after N days, once', () => {
    const sim = new SimState({ followUpAfterDays: 3 });
    sim.record('alice', 'sent', T0);
    const before = buildQueue(persons, sim.state, undefined, sim.settings, T0 + 3 * DAY - 1);
    expect(before.followUps).toEqual([]);
    expect(before.queue.some((q) => q.personId === 'alice')).toBe(false);
    const due = buildQueue(persons, sim.state, undefined, sim.settings, T0 + 3 * DAY);
    expect(due.followUps.map((f) => [f.personId, f.sentAt])).toEqual([['alice', T0]]);
    expect(due.followUps[0]?.suggestions).toEqual([
      { code: 'sms', phone: '+8613800000001' },
      { code: 'call', phone: '+8613800000001' },
    ]);
    sim.record('alice', 'follow-up-sent', T0 + 3 * DAY);
    expect(buildQueue(persons, sim.state, undefined, sim.settings, T0 + 30 * DAY).followUps).toEqual([]);
    sim.record('zhang', 'sent', T0).record('zhang', 'accepted', T0 + DAY);
    expect(buildQueue(persons, sim.state, undefined, sim.settings, T0 + 30 * DAY).followUps).toEqual([]);
  });

  it('renders each card message from the active template', () => {
    const sim = new SimState({
      targets: [{ id: 'default', platform: 'wechat', newAccountName: '小李新号', newAccountId: 'li_new', oldAccountName: '小李' }],
    });
    const { queue } = buildQueue([persons[0]!], sim.state, undefined, sim.settings, T0);
    expect(queue[0]?.message).toBe('我是小李，原微信号被封，这是我的新号');
    expect(queue[0]?.messageLength).toBe(18);
    expect(queue[0]?.messageTooLong).toBe(false);
  });

  it('a dragged card becomes the manual order', () => {
    expect(moveInOrder(['a', 'b', 'c', 'd'], 'd', 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveInOrder(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(moveInOrder(['a', 'b'], 'new', -3)).toEqual(['new', 'a', 'b']);
  });

  it('bulk selects by label', () => {
    expect(personIdsWithLabel(persons, '家人')).toEqual(['mom']);
  });
});
