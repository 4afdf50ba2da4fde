// Phone numbers: E.164 when libphonenumber-js (full "max" metadata: real per-type patterns, so
// "valid" means a number that can exist, not just one of the right length) accepts them in the
// region given (the record's own, see phone-region.ts), else as written: digits, after the "+" when
// there is one. Invalid numbers are never dropped, and never turned into another region's.
//
// Speed: libphonenumber costs ~10 µs a number, too slow for 100k-card imports on every merge.
// Three shortcuts keep the results identical (a unit test checks them against the library):
//  * a memo of (region, text) → key for the numbers the library reads, since persons are rebuilt
//    after decisions;
//  * Chinese mobile-shaped numbers (1 + 10 digits, optionally +86/0086/86 before) are checked
//    once per 5-digit prefix: every CN pattern for such numbers is decided within 5 digits,
//    except the carrier-selection prefixes 11x/12x/179 that go through the library;
//  * Chinese landlines written with the trunk 0 (010-…, 0755-…; 10–12 digits) in region CN are
//    checked once per (6-digit national prefix, length): every CN number pattern (fixed line,
//    mobile, toll-free, shared cost, UAN) makes all its choices within the first 6 national digits,
//    the rest being plain digit runs. Checked exhaustively against the metadata's patterns (every
//    prefix and length, 14 different tails) when written, and against the library by a unit test.
import { flatConcat } from './hash';
import { isSupportedCountry, Metadata, parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  /** +<country><number>, only when the number is valid. */
  e164?: string;
  /** International format when valid ("+86 138 0013 8000"), else the digits. */
  display: string;
  valid: boolean;
}

/** What the merge compares: E.164 when valid, else the bare digits. */
export interface PhoneKey {
  value: string;
  valid: boolean;
  /** False for a string of dial codes only ("p1234p5678w9"): kept, but not a number to link records on. */
  dialable: boolean;
}

export const DEFAULT_REGION = 'CN';

/** vCard/Android dial strings: ',' or 'p' = pause, ';' or 'w' = wait; what follows is DTMF, not the number. */
const PAUSE_OR_WAIT = /[;,pPwW]/;
const SEPARATORS = /[\s\-.()\u00a0\u2010-\u2015\u3000/]/g;
const CN_MOBILE_IN_CN = /^(?:\+86|0086|86)?(1\d{10})$/;
const CN_MOBILE_ABROAD = /^\+86(1\d{10})$/;
const CARRIER_SELECTION = /^1(?:[12]|79)/;
/** Trunk 0, then a national number of 9–11 digits starting with 10 (Beijing) or 2–9. */
const CN_LANDLINE_IN_CN = /^0((?:10|[2-9])\d{7,9})$/;

/** region → text → key. */
const keyCache = new Map<string, Map<string, PhoneKey>>();
let keyCacheSize = 0;
const cnPrefixValidity = new Map<number, boolean>();
const cnLandlineClassValidity = new Map<number, boolean>();
const KEY_CACHE_LIMIT = 1_000_000;

export function normalizePhone(text: string, region: string): NormalizedPhone {
  const key = phoneKey(text, region);
  if (!key.valid) return { display: key.value, valid: false };
  const parsed = parsePhoneNumberFromString(key.value);
  return { e164: key.value, display: parsed ? parsed.formatInternational() : key.value, valid: true };
}

export function phoneKey(text: string, region: string): PhoneKey {
  // Chinese mobiles and landlines cost a few regular expressions and one small memo lookup:
  // memoising each of them too would keep ~100 bytes per number for the life of the process.
  const cn = cnPhoneKey(text, supportedRegion(region));
  if (cn) return cn;
  let forRegion = keyCache.get(region);
  const cached = forRegion?.get(text);
  if (cached) return cached;
  const key = computePhoneKey(text, supportedRegion(region));
  if (keyCacheSize >= KEY_CACHE_LIMIT) clearPhoneCaches();
  forRegion = keyCache.get(region);
  if (!forRegion) keyCache.set(region, (forRegion = new Map()));
  forRegion.set(text, key);
  keyCacheSize++;
  return key;
}

/**
 * Whether `text` has a shape that is the national form of `region` and of no other country: a
 * Chinese mobile (1 and ten digits, 13x–19x) is one; no other region's national numbers are.
 */
export function isUnmistakablyNational(text: string, region: string): boolean {
  if (supportedRegion(region) !== 'CN') return false;
  return CN_MOBILE_SHAPE.test(cutAtPause(wholeNumber(text)).replace(SEPARATORS, ''));
}

const CN_MOBILE_SHAPE = /^1[3-9]\d{9}$/;

/** For benchmarks: measure the cold path. */
export function clearPhoneCaches(): void {
  keyCache.clear();
  keyCacheSize = 0;
  cnPrefixValidity.clear();
  cnLandlineClassValidity.clear();
}

export function supportedRegion(region: string | undefined): CountryCode {
  // Asked for every phone number; the library's check builds a metadata object each time.
  const given = region ?? '';
  let supported = supportedRegions.get(given);
  if (supported === undefined) {
    const upper = given.trim().toUpperCase();
    supported = isSupportedCountry(upper) ? upper : DEFAULT_REGION;
    supportedRegions.set(given, supported);
  }
  return supported;
}

/** Region as given → the region used (a handful of entries: one per case region ever seen). */
const supportedRegions = new Map<string, CountryCode>();

/** The key of a number that is not of a Chinese shape cnPhoneKey() knows: the library decides. */
function computePhoneKey(text: string, region: CountryCode): PhoneKey {
  const whole = wholeNumber(text);
  const main = cutAtPause(whole);
  if (!/\d/.test(main)) return { value: digitsOf(whole), valid: false, dialable: false };
  const parsed = parsePhoneNumberFromString(main, region);
  if (parsed && isValidParsed(parsed)) return { value: parsed.number, valid: true, dialable: true };
  // Keep what the user had: its digits, and its "+" (an international number stays one).
  return { value: asWritten(main), valid: false, dialable: true };
}

/**
 * parsed.isValid(), with the CN patterns compiled once for a +86 number (the library compiles them
 * on every call: CN's one numbering plan, the same test as cnNationalNumberValid's; numbers with a
 * carrier-selection prefix, 11x/12x/179, come here).
 */
function isValidParsed(parsed: PhoneNumber): boolean {
  return parsed.countryCallingCode === '86' ? cnNationalNumberValid(parsed.nationalNumber, 'MOBILE') : parsed.isValid();
}

function wholeNumber(text: string): string {
  const whole = String(text ?? '');
  // NFKC changes only non-ASCII text (full-width digits, ideographic spaces…): most numbers skip it.
  return (PRINTABLE_ASCII.test(whole) ? whole : whole.normalize('NFKC')).trim().replace(TEL_SCHEME, '');
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const TEL_SCHEME = /^tel:/i;

/** The key of a Chinese mobile- or landline-shaped number (see the header), else undefined. */
function cnPhoneKey(text: string, region: CountryCode): PhoneKey | undefined {
  return validCnMobileKey(text, region) ?? cnPhoneKeyOfText(text, region);
}

/**
 * The commonest number of all, a valid Chinese mobile written with digits, spaces or dashes and a
 * leading '+' at most ("+86 138 0013 8000", "138-0013-8000"): read digit by digit, and no string
 * made but the key. Anything else, an invalid mobile included, is undefined: cnPhoneKeyOfText
 * decides it (a unit test checks that both give the same key wherever this one gives one).
 */
export function validCnMobileKey(text: string, region: CountryCode): PhoneKey | undefined {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (count === DIGITS.length) return undefined;
      DIGITS[count++] = c - 0x30;
    } else if (c !== 0x20 && c !== 0x2d && !(c === 0x2b && i === 0)) return undefined;
  }
  const plus = text.charCodeAt(0) === 0x2b;
  // As CN_MOBILE_IN_CN / CN_MOBILE_ABROAD read the digits: 1 and ten digits after +86, 0086, 86 or nothing.
  let at: number;
  if (count === 13 && DIGITS[0] === 8 && DIGITS[1] === 6) at = 2;
  else if (plus || region !== 'CN') return undefined;
  else if (count === 11) at = 0;
  else if (count === 15 && DIGITS[0] === 0 && DIGITS[1] === 0 && DIGITS[2] === 8 && DIGITS[3] === 6) at = 4;
  else return undefined;
  if (!plus && region !== 'CN') return undefined;
  // 1, and not a carrier-selection prefix (CARRIER_SELECTION: 11x, 12x, 179).
  if (DIGITS[at] !== 1 || DIGITS[at + 1] === 1 || DIGITS[at + 1] === 2 || (DIGITS[at + 1] === 7 && DIGITS[at + 2] === 9)) return undefined;
  let prefix = 0;
  for (let i = at; i < at + 5; i++) prefix = prefix * 10 + DIGITS[i]!;
  const known = cnPrefixValidity.get(prefix);
  if (known === false) return undefined;
  for (let i = 0; i < 11; i++) KEY_CODES[3 + i] = 0x30 + DIGITS[at + i]!;
  const value = String.fromCharCode.apply(null, KEY_CODES);
  // A prefix not seen yet is decided once, as cnMobileValid does.
  if (known === undefined && !cnMobileValid(value.slice(3))) return undefined;
  return { value, valid: true, dialable: true };
}

/** The digits validCnMobileKey reads (at most 15: 0086 and 11) and the key's character codes ("+86" first). */
const DIGITS = new Uint8Array(15);
const KEY_CODES: number[] = [0x2b, 0x38, 0x36, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/** cnPhoneKey without validCnMobileKey's shortcut (exported for the test that compares the two). */
export function cnPhoneKeyOfText(text: string, region: CountryCode): PhoneKey | undefined {
  // Most numbers are digits and spaces or dashes (a '+' before): compacted in one pass, and a valid
  // one is known from that alone (what follows would compact them the same).
  const simple = simpleCompact(text);
  if (simple !== undefined) {
    const national = cnMobileNational(simple, region);
    if (national !== undefined) {
      if (cnMobileValid(national)) return { value: flatConcat('+86', national), valid: true, dialable: true };
    } else if (region === 'CN') {
      const landline = CN_LANDLINE_IN_CN.exec(simple)?.[1];
      if (landline !== undefined && cnLandlineValid(landline)) return { value: flatConcat('+86', landline), valid: true, dialable: true };
    }
  }
  const main = cutAtPause(wholeNumber(text));
  const compact = main.replace(SEPARATORS, '');

  const national = cnMobileNational(compact, region);
  if (national !== undefined) {
    if (cnMobileValid(national)) return { value: flatConcat('+86', national), valid: true, dialable: true };
    return { value: asWritten(main), valid: false, dialable: true };
  }

  const landline = region === 'CN' ? CN_LANDLINE_IN_CN.exec(compact)?.[1] : undefined;
  if (landline !== undefined) {
    if (cnLandlineValid(landline)) return { value: flatConcat('+86', landline), valid: true, dialable: true };
    return { value: digitsOf(main), valid: false, dialable: true };
  }
  return undefined;
}

/** `text` without its spaces and dashes when it holds nothing but those, digits and '+'; else undefined. */
function simpleCompact(text: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b) continue;
    if (c !== 0x20 && c !== 0x2d) return undefined;
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function cutAtPause(text: string): string {
  const at = text.search(PAUSE_OR_WAIT);
  return at < 0 ? text : text.slice(0, at);
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/** The digits of a number that cannot be validated, after its "+" when it has one. */
function asWritten(main: string): string {
  const digits = digitsOf(main);
  return main.trimStart().startsWith('+') ? flatConcat('+', digits) : digits;
}

/** The 11-digit national number when `compact` is a CN mobile-shaped number, else undefined. */
function cnMobileNational(compact: string, region: CountryCode): string | undefined {
  const match = (region === 'CN' ? CN_MOBILE_IN_CN : CN_MOBILE_ABROAD).exec(compact);
  const national = match?.[1];
  if (national === undefined || CARRIER_SELECTION.test(national)) return undefined;
  return national;
}

function cnMobileValid(national: string): boolean {
  // Numbers for memo keys, not strings: no string made and hashed per phone number.
  const prefix = leadingNumber(national, 5);
  let valid = cnPrefixValidity.get(prefix);
  if (valid === undefined) {
    valid = cnNationalNumberValid(national, 'MOBILE');
    cnPrefixValidity.set(prefix, valid);
  }
  return valid;
}

/** Whether 0 + `national` is a valid CN number, decided once per 6-digit prefix and length (see the header). */
function cnLandlineValid(national: string): boolean {
  const numberClass = leadingNumber(national, 6) * 100 + national.length;
  let valid = cnLandlineClassValidity.get(numberClass);
  if (valid === undefined) {
    valid = cnNationalNumberValid(national, 'FIXED_LINE');
    cnLandlineClassValidity.set(numberClass, valid);
  }
  return valid;
}

/** The first `count` digits of an all-digit text, as a number. */
function leadingNumber(digits: string, count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) n = n * 10 + digits.charCodeAt(i) - 48;
  return n;
}

/**
 * Whether a CN national number (no trunk 0, no +86) is valid, decided as libphonenumber-js's
 * isValid() decides it (helpers/getNumberType: the general pattern, then any number type whose
 * possible lengths hold the length and whose pattern matches), from the same metadata, but with
 * each pattern compiled once: the library compiles its patterns anew on every call, which was
 * most of a 10k-card import's phone time. Only for the two shapes above, whose national number is
 * what the library keeps after the +86 or the trunk 0 (the unit tests compare every prefix).
 */
function cnNationalNumberValid(national: string, likelyType: NumberType): boolean {
  cnPatterns ??= compileCnPatterns();
  if (!cnPatterns.general.test(national)) return false;
  // Any type will do: the likely one first (the fixed-line pattern alone is 1,000 characters of regex).
  const likely = cnPatterns.types.find((t) => t.name === likelyType);
  if (likely && matchesType(likely, national)) return true;
  return cnPatterns.types.some((t) => t !== likely && matchesType(t, national));
}

function matchesType(type: CnPatterns['types'][number], national: string): boolean {
  return (!type.lengths || type.lengths.includes(national.length)) && type.pattern.test(national);
}

interface CnPatterns {
  general: RegExp;
  types: { name: NumberType; pattern: RegExp; lengths?: number[] }[];
}
let cnPatterns: CnPatterns | undefined;

const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'] as const;
type NumberType = (typeof NUMBER_TYPES)[number];

/** The library's numbering plan methods that its type declarations leave out (es6/metadata.js). */
interface PlanPatterns {
  nationalNumberPattern(): string;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

function compileCnPatterns(): CnPatterns {
  const metadata = new Metadata();
  metadata.selectNumberingPlan('CN');
  const plan = metadata.numberingPlan as unknown as PlanPatterns;
  const whole = (pattern: string) => new RegExp('^(?:' + pattern + ')$');
  const types: CnPatterns['types'] = [];
  for (const name of NUMBER_TYPES) {
    const type = plan.type(name);
    const pattern = type?.pattern();
    if (type && pattern) types.push({ name, pattern: whole(pattern), lengths: type.possibleLengths() });
  }
  return { general: whole(plan.nationalNumberPattern()), types };
}
