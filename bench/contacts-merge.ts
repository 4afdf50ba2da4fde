// Benchmark of the contact merge (electron/contacts) at 10k and 100k records.
//
// Generates RawContacts as three imports would give them — a phone vCard, a MemoTrace WeChat
// export and a Google CSV — with ~20% of the records being the same person as a record of another
// file (shared phone written differently, e-mail in other case, same wxid), plus Chinese names that
// collide (same name / same pinyin) as they do in real address books. The book is written to and
// read back from a temp folder like the app's storage would, then merged cold (empty memo caches)
// and warm (the recomputation after each user decision).
//
// Run: npx esbuild bench/contacts-merge.ts --bundle --platform=node --format=esm --outfile=<tmp>/b.mjs
//      && ./node_modules/.bin/node --expose-gc <tmp>/b.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyContactBook, mergePersons, replaceFileRecords, searchPersons, type ContactBookData } from '../electron/contacts';
import { clearNameCaches } from '../electron/contacts/names';
import { clearPhoneCaches } from '../electron/contacts/phone';
import { clearPreparedCache } from '../electron/contacts/records';
import type { RawContact } from '../shared/types';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽';

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Identity {
  name: string;
  mobile: string;
  email?: string;
  wxid: string;
  wechatId?: string;
}

function makeIdentities(count: number, random: () => number): Identity[] {
  const pick = (text: string) => text[Math.floor(random() * text.length)]!;
  const out: Identity[] = [];
  for (let i = 0; i < count; i++) {
    const name = pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
    const mobile = '1' + pick('3456789') + String(Math.floor(random() * 1e9)).padStart(9, '0');
    out.push({
      name,
      mobile,
      email: random() < 0.4 ? `user${i}@example.com` : undefined,
      wxid: `wxid_${i.toString(36)}${Math.floor(random() * 1e6).toString(36)}`,
      wechatId: random() < 0.5 ? `wx_${i.toString(36)}` : undefined,
    });
  }
  return out;
}

function blank(file: string, record: string): RawContact {
  return { source: { file, record }, phones: [], emails: [], wechatIds: [], wxids: [], handles: [], labels: [] };
}

function phoneCard(p: Identity, n: number, random: () => number): RawContact {
  const c = blank('手机通讯录.vcf', `card ${n} (line ${n * 7 + 1})`);
  c.name = p.name;
  const m = p.mobile;
  c.phones.push({ value: random() < 0.5 ? `+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}` : `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, label: 'CELL' });
  if (random() < 0.1) c.phones.push({ value: `010-${String(Math.floor(random() * 1e8)).padStart(8, '2')}`, label: 'WORK' });
  if (p.email) c.emails.push({ value: p.email });
  return c;
}

function wechatRow(p: Identity, n: number, random: () => number): RawContact {
  const c = blank('contacts.csv', `row ${n + 1}`);
  c.remark = random() < 0.7 ? p.name : undefined;
  c.nickname = `${p.name.slice(1)}${random() < 0.3 ? '🌙' : ''}`;
  c.wxids.push(p.wxid);
  if (p.wechatId) c.wechatIds.push(p.wechatId);
  if (random() < 0.3) c.phones.push({ value: p.mobile });
  if (random() < 0.2) c.labels.push(random() < 0.5 ? '同事' : '家人');
  return c;
}

function googleRow(p: Identity, n: number): RawContact {
  const c = blank('google.csv', `row ${n + 1}`);
  c.familyName = p.name.slice(0, 1);
  c.givenName = p.name.slice(1);
  if (p.email) c.emails.push({ value: p.email.toUpperCase() });
  else c.phones.push({ value: '+86' + p.mobile });
  return c;
}

/** `total` records over three files; ~20% of them repeat a person of another file. */
function generate(total: number): Record<string, RawContact[]> {
  const random = rng(total);
  const duplicates = Math.round(total * 0.2);
  const people = makeIdentities(total - duplicates, random);
  const files: Record<string, RawContact[]> = { '手机通讯录.vcf': [], 'contacts.csv': [], 'google.csv': [] };
  const add = (p: Identity, which: number) => {
    if (which === 0) files['手机通讯录.vcf']!.push(phoneCard(p, files['手机通讯录.vcf']!.length + 1, random));
    else if (which === 1) files['contacts.csv']!.push(wechatRow(p, files['contacts.csv']!.length + 1, random));
    else files['google.csv']!.push(googleRow(p, files['google.csv']!.length + 1));
  };
  const homeOf = people.map(() => (random() < 0.45 ? 0 : random() < 0.65 ? 1 : 2));
  people.forEach((p, i) => add(p, homeOf[i]!));
  for (let d = 0; d < duplicates; d++) {
    const i = Math.floor(random() * people.length);
    add(people[i]!, (homeOf[i]! + 1 + Math.floor(random() * 2)) % 3);
  }
  return files;
}

/** Wall time and this process's CPU time since a mark: on a busy machine the CPU time is the fairer figure. */
interface Mark {
  wall: number;
  cpu: NodeJS.CpuUsage;
}

function mark(): Mark {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function ms(since: Mark): string {
  const cpu = process.cpuUsage(since.cpu);
  return `${(performance.now() - since.wall).toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function clearCaches(): void {
  clearPhoneCaches();
  clearNameCaches();
  clearPreparedCache();
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function run(total: number, dir: string): void {
  const path = join(dir, `book-${total}.json`);
  {
    const files = generate(total);
    const book: ContactBookData = emptyContactBook('CN');
    const t = mark();
    for (const [file, records] of Object.entries(files)) replaceFileRecords(book, file, records);
    console.log(`contacts-merge ${total}: import bookkeeping (replaceFileRecords, 3 new files): ${ms(t)}`);
    writeFileSync(path, JSON.stringify(book));
  }

  // From here on only what the app holds: the stored book, read back.
  gc();
  let t = mark();
  const book = JSON.parse(readFileSync(path, 'utf8')) as ContactBookData;
  console.log(`contacts-merge ${total}: book JSON read+parse: ${ms(t)} (${mb(readFileSync(path).length)} on disk)`);

  t = mark();
  const again = replaceFileRecords(book, 'contacts.csv', structuredClone(book.records['contacts.csv']!));
  console.log(`contacts-merge ${total}: re-import of contacts.csv unchanged: ${ms(t)} ${JSON.stringify(again)}`);

  clearCaches();
  gc();
  t = mark();
  // In a block of its own so that this result is garbage before the warm merge, as in the app.
  const sample = ((): string => {
    const cold = mergePersons(book);
    console.log(`contacts-merge ${total}: mergePersons cold (book just loaded): ${ms(t)} -> ${cold.persons.length} persons, ${cold.proposals.length} proposals`);
    return JSON.stringify(cold.persons.slice(0, 100));
  })();

  gc();
  t = mark();
  const warm = mergePersons(book);
  console.log(`contacts-merge ${total}: mergePersons warm (recompute after a decision): ${ms(t)}`);
  if (JSON.stringify(warm.persons.slice(0, 100)) !== sample) throw new Error('merge is not deterministic');

  t = mark();
  const hits = searchPersons(warm.persons, 'zhang').length;
  console.log(`contacts-merge ${total}: first search "zhang" (builds the index): ${ms(t)} -> ${hits} hits`);
  t = mark();
  const hits2 = searchPersons(warm.persons, '139').length;
  console.log(`contacts-merge ${total}: next search "139": ${ms(t)} -> ${hits2} hits`);

  gc();
  const usage = process.memoryUsage();
  console.log(`contacts-merge ${total}: heap used ${mb(usage.heapUsed)} (book + one merge result), peak rss so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'relink-contacts-bench-'));
console.log(`contacts-merge: load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cpus`);
try {
  run(10_000, dir);
  run(100_000, dir);
  // The target (import + merge within 2x the raw parse) is measured by bench/contacts-import,
  // on the app's own import path.
} finally {
  rmSync(dir, { recursive: true, force: true });
}
