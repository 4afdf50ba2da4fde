// Property tests: the merge is a deterministic function of the records, whatever their order, and
// it neither loses nor duplicates anything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptProposal,
  emptyContactBook,
  mergePersons,
  personCount,
  proposalCount,
  proposalsOf,
  rejectProposal,
  replaceFileRecords,
  setPersonName,
  splitPerson,
  type ContactBookData,
} from '../../../electron/contacts';
import { normalizeName } from '../../../electron/contacts/names';
import { evidenceRegion } from '../../../electron/contacts/phone-region';
import { fileRecords } from '../../../electron/contacts/book';
import { prepareFileRecords, preparedRecordsOf, recordPhoneKey } from '../../../electron/contacts/records';
import type { Person, RawContact } from '../../../shared/types';
import { contact } from './helpers';

// Small pools so that records of different files share identifiers and names often.
const PHONES = ['138 0013 8000', '+86 138-0013-8000', '13900001111', '010-12345678', '12345', '555-0100-22', '+1 650 253 0000', 'p1234p5678w9', '123456789'];
const EMAILS = ['a@example.com', 'A@Example.com ', 'b@example.com', 'c@example.org'];
const WXIDS = ['wxid_a1', 'wxid_b2', 'zhangsan1988', 'wxid_c3'];
const WECHAT_IDS = ['ZhangSan1988', 'lily_88', 'wang-5'];
const NAMES = ['张三', '章三', '李四', 'Zhang San', 'zhang  san', 'Lily', '王五', '吕布'];

const fieldsArb = fc.record(
  {
    name: fc.constantFrom(...NAMES),
    remark: fc.constantFrom(...NAMES),
    nickname: fc.constantFrom(...NAMES),
    phones: fc.array(fc.constantFrom(...PHONES), { maxLength: 2 }),
    emails: fc.array(fc.constantFrom(...EMAILS), { maxLength: 2 }),
    wxids: fc.array(fc.constantFrom(...WXIDS), { maxLength: 1 }),
    wechatIds: fc.array(fc.constantFrom(...WECHAT_IDS), { maxLength: 1 }),
    labels: fc.array(fc.constantFrom('家人', '同事', 'friends'), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const filesArb = fc.array(fc.array(fieldsArb, { maxLength: 12 }), { minLength: 1, maxLength: 4 }).map((files) =>
  files.map((records, f) => {
    const file = `file-${f}.csv`;
    return { file, records: records.map((fields, r) => contact(file, `row ${r + 2}`, fields)) };
  }),
);

type Files = { file: string; records: RawContact[] }[];

function bookOf(files: Files): ContactBookData {
  const book = emptyContactBook();
  for (const { file, records } of files) replaceFileRecords(book, file, records);
  return book;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const where = (file: string, record: string) => `${file}#${record}`;

function clustersOf(persons: Person[]): string[] {
  return persons.map((p) => p.sources.map((s) => where(s.file, s.record)).sort().join('|')).sort();
}

describe('merge properties', () => {
  it('gives the same persons, ids and proposals whatever the order of records in each file', () => {
    fc.assert(
      fc.property(filesArb, fc.integer(), (files, seed) => {
        const first = mergePersons(bookOf(files));
        const again = mergePersons(bookOf(files.map(({ file, records }, i) => ({ file, records: shuffled(records, seed + i) }))));
        expect(again.persons).toEqual(first.persons);
        expect(again.proposals).toEqual(first.proposals);
        expect(mergePersons(bookOf(files)).persons).toEqual(first.persons);
      }),
      { numRuns: 200 },
    );
  });

  it('forms the same persons whatever the order the files were imported in', () => {
    fc.assert(
      fc.property(filesArb, fc.integer(), (files, seed) => {
        expect(clustersOf(mergePersons(bookOf(shuffled(files, seed))).persons)).toEqual(clustersOf(mergePersons(bookOf(files)).persons));
      }),
      { numRuns: 100 },
    );
  });

  it('puts every record in exactly one person and loses no value', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const book = bookOf(files);
        const result = mergePersons(book);
        const records = files.flatMap((f) => f.records);
        const personOf = new Map<string, Person>();
        for (const person of result.persons) {
          for (const s of person.sources) {
            expect(personOf.has(where(s.file, s.record))).toBe(false);
            personOf.set(where(s.file, s.record), person);
          }
        }
        expect(personOf.size).toBe(records.length);
        expect(result.recordIndex.size).toBe(records.length);

        for (const r of records) {
          const person = personOf.get(where(r.source.file, r.source.record))!;
          const cameFrom = (values: { value: string; sources: { file: string; record: string }[] }[], value: string) =>
            values.some((v) => v.value === value && v.sources.some((s) => s.file === r.source.file && s.record === r.source.record));
          for (const p of r.phones) expect(cameFrom(person.phones, recordPhoneKey(p.value, 'CN', evidenceRegion(r)).value)).toBe(true);
          for (const e of r.emails) expect(cameFrom(person.emails, e.value.trim().toLowerCase())).toBe(true);
          for (const w of r.wxids) expect(cameFrom(person.wxids, w)).toBe(true);
          for (const w of r.wechatIds) expect(person.wechatIds.some((v) => v.value.toLowerCase() === w.toLowerCase())).toBe(true);
          for (const n of [r.name, r.remark, r.nickname]) if (n) expect(cameFrom(person.names, n)).toBe(true);
          for (const l of r.labels) expect(person.labels).toContain(l);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('merges exactly the records linked by a shared phone, e-mail, WeChat ID or wxid', () => {
    fc.assert(
      fc.property(filesArb, (files) => {
        const result = mergePersons(bookOf(files));
        const records = files.flatMap((f) => f.records);
        const tokens = (r: RawContact) => {
          const out = new Set<string>();
          // A number that cannot be validated links only with the same name (full name, else remark).
          const name = normalizeName(r.name ?? '') || normalizeName(r.remark ?? '');
          for (const p of r.phones) {
            const key = recordPhoneKey(p.value, 'CN', evidenceRegion(r));
            if (key.valid) out.add('p' + key.value);
            else if (name && key.dialable && key.value.length >= 7) out.add('q' + key.value + '\u0002' + name);
          }
          for (const e of r.emails) out.add('e' + e.value.trim().toLowerCase());
          for (const w of r.wechatIds) out.add('w' + w.toLowerCase());
          for (const x of r.wxids) {
            out.add('x' + x);
            if (!x.startsWith('wxid_')) out.add('w' + x.toLowerCase());
          }
          return out;
        };
        const personOf = new Map<string, string>();
        for (const p of result.persons) for (const s of p.sources) personOf.set(where(s.file, s.record), p.id);
        const idOf = (r: RawContact) => personOf.get(where(r.source.file, r.source.record))!;
        // Linked records are together…
        for (const a of records)
          for (const b of records) {
            const ta = tokens(a);
            if ([...tokens(b)].some((t) => ta.has(t))) expect(idOf(a)).toBe(idOf(b));
          }
        // …and every person is connected through shared identifiers (names never merge).
        for (const person of result.persons) {
          const members = records.filter((r) => idOf(r) === person.id);
          const reached = new Set([members[0]!]);
          for (let grew = true; grew; ) {
            grew = false;
            for (const m of members) {
              if (reached.has(m)) continue;
              if ([...reached].some((r) => [...tokens(r)].some((t) => tokens(m).has(t)))) {
                reached.add(m);
                grew = true;
              }
            }
          }
          expect(reached.size).toBe(members.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('re-importing any file unchanged changes nothing', () => {
    fc.assert(
      fc.property(filesArb, fc.nat(), fc.integer(), (files, pick, seed) => {
        const book = bookOf(files);
        const before = mergePersons(book);
        const { file, records } = files[pick % files.length]!;
        const counts = replaceFileRecords(book, file, shuffled(records, seed));
        expect(counts).toMatchObject({ added: 0, updated: 0, removed: 0 });
        expect(mergePersons(book).persons).toEqual(before.persons);
      }),
      { numRuns: 100 },
    );
  });
});

describe('building a person from one record', () => {
  it('gives exactly what the general fold gives', async () => {
    const { buildMerged, buildPerson } = await import('../../../electron/contacts/build-person');
    const { prepareFileRecords } = await import('../../../electron/contacts/records');
    const { PackedRecords } = await import('../../../electron/contacts/packed-records');
    const extras = fc.record(
      {
        org: fc.constantFrom('ACME', ' ', '字节'),
        note: fc.constantFrom('大学同学', ''),
        givenName: fc.constantFrom('伟', 'Wei'),
        familyName: fc.constantFrom('王', 'Wang'),
        handles: fc.array(fc.record({ kind: fc.constantFrom('qq' as const, 'telegram' as const), value: fc.constantFrom('123', 'Zoe', 'zoe') }), { maxLength: 3 }),
        phoneLabels: fc.array(fc.constantFrom('CELL', 'WORK', ''), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fieldsArb, extras, (fields, more) => {
        const raw = contact('f.vcf', 'card 1', { ...fields, org: more.org, note: more.note, givenName: more.givenName, familyName: more.familyName });
        raw.handles = more.handles ?? [];
        raw.phones.forEach((p, i) => (p.label = more.phoneLabels?.[i] || undefined));
        raw.phones.push(...raw.phones.slice(0, 1)); // the same number listed twice
        const [record] = prepareFileRecords('f.vcf', PackedRecords.from([raw]), 'CN');
        expect(buildPerson('p1', [record!])).toEqual(buildMerged('p1', [record!]));
      }),
      { numRuns: 300 },
    );
  });

  it('counts proposals without making them, the same count as the proposals made, rejections included', () => {
    fc.assert(
      fc.property(filesArb, fc.array(fc.nat(), { maxLength: 3 }), (files, picks) => {
        const book = bookOf(files);
        for (const pick of picks) {
          const made = mergePersons(book);
          if (made.proposals.length) rejectProposal(book, made.proposals[pick % made.proposals.length]!, made);
        }
        const counted = mergePersons(book);
        const count = proposalCount(counted);
        expect(count).toBe(mergePersons(book).proposals.length);
        expect(proposalCount(counted)).toBe(counted.proposals.length);
        // Persons too: counted without building them, the same as every list of them.
        const persons = personCount(counted);
        expect([counted.persons.length, counted.personRecords.size, new Set(counted.recordIndex.values()).size]).toEqual([persons, persons, persons]);
      }),
      { numRuns: 300 },
    );
  });

  it("gives one person's proposals without making them all, the same as filtering all proposals (decisions and names included)", () => {
    const decisionArb = fc.record({ kind: fc.constantFrom('reject', 'accept', 'split', 'name'), pick: fc.nat() });
    fc.assert(
      fc.property(filesArb, fc.array(decisionArb, { maxLength: 4 }), (files, decisions) => {
        const book = bookOf(files);
        for (const { kind, pick } of decisions) {
          const made = mergePersons(book);
          const proposal = made.proposals[pick % Math.max(1, made.proposals.length)];
          const person = made.persons[pick % made.persons.length];
          if (kind === 'reject' && proposal) rejectProposal(book, proposal, made);
          else if (kind === 'accept' && proposal) acceptProposal(book, proposal, made);
          else if (kind === 'split' && person) splitPerson(book, person.id, undefined, made);
          else if (kind === 'name' && person) setPersonName(book, person.id, { name: NAMES[pick % NAMES.length]! }, made);
        }
        const all = mergePersons(book).proposals;
        const ids = mergePersons(book).persons.map((p) => p.id);
        // A fresh result per person: once `proposals` is made, proposalsOf only filters it.
        for (const id of [...ids, 'p-not-a-person']) expect(proposalsOf(mergePersons(book), id)).toEqual(all.filter((p) => p.a === id || p.b === id));
        const one = mergePersons(book);
        for (const id of ids) proposalsOf(one, id);
        expect(one.proposals).toEqual(all);
      }),
      { numRuns: 300 },
    );
  });

  it('prepares a book read from disk while packing it exactly as decoding its packed records would', () => {
    fc.assert(
      fc.property(filesArb, fc.constantFrom('CN', 'US'), (files, region) => {
        // As read from disk: plain arrays of records, some not objects at all.
        const book = { ...emptyContactBook(region), records: Object.fromEntries(files.map(({ file, records }) => [file, [...records, null, 7]])) } as unknown as ContactBookData;
        for (const { file } of files) {
          const packed = fileRecords(book, file);
          const strip = (records: ReturnType<typeof prepareFileRecords>) => records.map(({ list, ...rest }) => ({ ...rest, same: list === packed }));
          expect(strip(preparedRecordsOf(file, packed, region))).toEqual(strip(prepareFileRecords(file, packed, region)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
