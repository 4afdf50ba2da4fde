import fc from 'fast-check';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../electron/contacts';
import { clearPhoneCaches, cnPhoneKeyOfText, phoneKey, validCnMobileKey } from '../../../electron/contacts/phone';

/** What the library alone says, without the memo and the CN shortcuts. */
function reference(text: string, region: CountryCode): { value: string; valid: boolean; dialable: boolean } {
  const main = text.split(/[;,pPwW]/)[0]!;
  const parsed = parsePhoneNumberFromString(main, region);
  if (parsed?.isValid()) return { value: parsed.number, valid: true, dialable: true };
  return { value: (main.trimStart().startsWith('+') ? '+' : '') + main.replace(/\D/g, ''), valid: false, dialable: true };
}

describe('normalizePhone', () => {
  it.each([
    ['138 0013 8000'],
    ['+86 138-0013-8000'],
    ['008613800138000'],
    ['13800138000'],
    ['8613800138000'],
    ['+86 (138) 0013.8000'],
    ['１３８００１３８０００'],
    ['tel:+8613800138000'],
  ])('reads the Chinese mobile form %s as +8613800138000', (text) => {
    expect(normalizePhone(text, 'CN')).toEqual({ e164: '+8613800138000', display: '+86 138 0013 8000', valid: true });
  });

  it('reads Beijing and Shanghai landlines with their trunk 0', () => {
    expect(normalizePhone('010-12345678', 'CN').e164).toBe('+861012345678');
    expect(normalizePhone('(021) 6123 4567', 'CN').e164).toBe('+862161234567');
    expect(normalizePhone('+86 (0)10 1234 5678', 'CN').e164).toBe('+861012345678');
  });

  it('drops the pause / wait dial suffix but keeps the number', () => {
    expect(normalizePhone('13800138000;123', 'CN').e164).toBe('+8613800138000');
    expect(normalizePhone('010-12345678,,809#', 'CN').e164).toBe('+861012345678');
    expect(normalizePhone('+86 10 1234 5678p22', 'CN').e164).toBe('+861012345678');
  });

  it('keeps an invalid number as written (digits, and the "+" of an international one) instead of dropping it', () => {
    expect(normalizePhone('12345', 'CN')).toEqual({ display: '12345', valid: false });
    expect(normalizePhone('10086', 'CN')).toEqual({ display: '10086', valid: false });
    expect(normalizePhone('+86 120 0000 0000', 'CN')).toEqual({ display: '+8612000000000', valid: false });
    expect(normalizePhone('+999 123 4567', 'CN')).toEqual({ display: '+9991234567', valid: false });
    expect(normalizePhone('+999 123 4567', 'GB')).toEqual({ display: '+9991234567', valid: false });
    // AOSP test vector v30_pause_wait.vcf: TEL:p1234p5678w9 is nothing but dial codes.
    expect(normalizePhone('p1234p5678w9', 'CN')).toEqual({ display: '123456789', valid: false });
  });

  it('uses the case region for national numbers, and CN for an unknown region', () => {
    expect(normalizePhone('(650) 253-0000', 'US').e164).toBe('+16502530000');
    expect(normalizePhone('+86 138 0013 8000', 'US').e164).toBe('+8613800138000');
    expect(normalizePhone('13800138000', 'US').valid).toBe(false);
    expect(normalizePhone('13800138000', 'nowhere').e164).toBe('+8613800138000');
  });
});

describe('phoneKey fast path', () => {
  it('agrees with libphonenumber-js on random 11-digit numbers starting with 1 in every written form', () => {
    const national = fc.stringMatching(/^1[0-9]{10}$/);
    const prefix = fc.constantFrom('', '+86', '+86 ', '0086', '86');
    fc.assert(
      fc.property(national, prefix, fc.constantFrom<CountryCode>('CN', 'US'), (n, p, region) => {
        const text = p + n;
        expect(phoneKey(text, region)).toEqual(reference(text, region));
      }),
      { numRuns: 3000 },
    );
  });

  it('is right to decide validity once per 6-digit prefix: a second number of every prefix agrees', () => {
    clearPhoneCaches();
    for (let prefix = 100000; prefix < 200000; prefix++) {
      phoneKey(`${prefix}00000`, 'CN'); // primes the prefix memo
      const text = `${prefix}${String((prefix * 7919) % 100000).padStart(5, '0')}`;
      const got = phoneKey(text, 'CN');
      const want = reference(text, 'CN');
      if (got.value !== want.value || got.valid !== want.valid || !got.dialable) expect(got, text).toEqual(want);
    }
  });

  it('agrees with libphonenumber-js on random Chinese landline-shaped numbers in every written form', () => {
    const national = fc.oneof(fc.stringMatching(/^10[0-9]{7,9}$/), fc.stringMatching(/^[1-9][0-9]{8,10}$/));
    const written = fc.constantFrom(
      (n: string) => '0' + n,
      (n: string) => `0${n.slice(0, 2)}-${n.slice(2)}`,
      (n: string) => `(0${n.slice(0, 3)}) ${n.slice(3, 7)} ${n.slice(7)}`,
      (n: string) => `0${n.slice(0, 3)}-${n.slice(3)},,809#`,
    );
    fc.assert(
      fc.property(national, written, fc.constantFrom<CountryCode>('CN', 'US'), (n, write, region) => {
        const text = write(n);
        expect(phoneKey(text, region)).toEqual(reference(text, region));
      }),
      { numRuns: 5000 },
    );
  });

  it('is right to decide landline validity once per 6-digit national prefix and length', () => {
    clearPhoneCaches();
    for (let prefix = 100000; prefix < 1000000; prefix += 7) {
      if (prefix < 200000 && prefix >= 110000) continue; // 11x–19x national numbers are not landlines
      const tail = 3 + (prefix % 3); // 9 to 11 national digits
      phoneKey(`0${prefix}${'0'.repeat(tail)}`, 'CN'); // primes the class memo
      const text = `0${prefix}${String((prefix * 7919) % 10 ** tail).padStart(tail, '9')}`;
      const got = phoneKey(text, 'CN');
      const want = reference(text, 'CN');
      if (got.value !== want.value || got.valid !== want.valid || !got.dialable) expect(got, text).toEqual(want);
    }
  });
});

describe('validCnMobileKey, the digit-by-digit shortcut for valid Chinese mobiles', () => {
  it('gives the key the general path gives, wherever it gives one, on random numbers as people write them', () => {
    const digits = fc.stringMatching(/^(?:\+?(?:86|0086)?)1[0-9]{10}$/);
    const noise = fc.oneof(fc.constant([]), fc.array(fc.constantFrom(' ', '-', '+', '.', '(', ')', '0', '8', '6', '1', '7', '9', '２', 'p', ','), { maxLength: 3 }));
    let decided = 0;
    fc.assert(
      fc.property(digits, noise, fc.nat(20), fc.constantFrom<CountryCode>('CN', 'US', 'HK'), (number, extra, at, region) => {
        const text = number.slice(0, at) + extra.join('') + number.slice(at);
        const fast = validCnMobileKey(text, region);
        if (fast === undefined) return;
        decided++;
        expect(fast).toEqual(cnPhoneKeyOfText(text, region));
        expect(fast).toEqual(reference(text, region));
      }),
      { numRuns: 20000 },
    );
    expect(decided).toBeGreaterThan(1000); // the shortcut was taken often enough to be tested
  });

  it('decides only valid mobiles: invalid prefixes, carrier selection and other shapes go to the general path', () => {
    clearPhoneCaches();
    expect(validCnMobileKey('+86 138 0013 8000', 'US')).toEqual({ value: '+8613800138000', valid: true, dialable: true });
    expect(validCnMobileKey('138 0013 8000', 'US')).toBeUndefined(); // national form abroad
    expect(validCnMobileKey('+138 0013 8000', 'CN')).toBeUndefined();
    expect(validCnMobileKey('00861380013800 0', 'CN')).toEqual({ value: '+8613800138000', valid: true, dialable: true });
    expect(validCnMobileKey('119 1234 5678', 'CN')).toBeUndefined(); // carrier selection 11x
    expect(validCnMobileKey('179 1234 5678', 'CN')).toBeUndefined();
    expect(validCnMobileKey('100 1234 5678', 'CN')).toBeUndefined(); // not a mobile prefix
    expect(validCnMobileKey('100 1234 5678', 'CN')).toBeUndefined(); // …remembered as such
    expect(validCnMobileKey('1380013800', 'CN')).toBeUndefined(); // 10 digits
    expect(validCnMobileKey('8+6 138 0013 8000', 'CN')).toBeUndefined();
  });
});
