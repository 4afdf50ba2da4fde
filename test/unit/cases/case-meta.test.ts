// case.json's check, written out so that opening a case does not load zod, against the zod schema it
// replaced: the same answer for every combination of usual, missing and wrong field values.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isCaseMeta } from '../../../electron/cases/case-folder';

const replacedSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  defaultRegion: z.string().default('CN'),
  persons: z.number().int().min(0).default(0),
});

const ABSENT = Symbol('absent');
const VALUES: unknown[] = [ABSENT, 1, 0, -0, 2, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, '1', '', 'CN', null, true, [], {}];

function objectOf(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ABSENT));
}

describe('isCaseMeta agrees with the zod schema it replaced', () => {
  const good = { version: 1, name: '案子', createdAt: '2026-12-04T00:00:00Z', updatedAt: '2026-12-04T00:00:00Z', defaultRegion: 'CN', persons: 3 };

  it('each field given every value, the others good', () => {
    let accepted = 0;
    for (const field of Object.keys(good)) {
      for (const value of VALUES) {
        const candidate = objectOf({ ...good, [field]: value });
        const expected = replacedSchema.safeParse(candidate).success;
        expect({ field, value: String(value), ok: isCaseMeta(candidate) }).toEqual({ field, value: String(value), ok: expected });
        if (expected) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(6); // both answers were compared
  });

  it('pairs of optional fields, extra keys, and what is not an object', () => {
    for (const region of VALUES) {
      for (const persons of VALUES) {
        const candidate = objectOf({ ...good, defaultRegion: region, persons, extra: 'kept' });
        expect(isCaseMeta(candidate)).toBe(replacedSchema.safeParse(candidate).success);
      }
    }
    for (const value of [null, undefined, 1, 'case', [], [good], {}]) expect(isCaseMeta(value)).toBe(replacedSchema.safeParse(value).success);
  });
});
