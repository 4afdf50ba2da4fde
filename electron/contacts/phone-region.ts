// The region a record's national phone numbers are read in: what the record itself says (its
// international numbers' country codes, its addresses' countries), else the case's region.
// "07700 900123" on a card with "+44…" numbers or an address in the United Kingdom is a British
// number: read in the case's region (CN) it would become a made-up Chinese one, +86 770 090 0123,
// that could merge two strangers.
import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { RawContact } from '../../shared/types';

/** Languages whose country names are recognised (Intl.DisplayNames), besides ISO codes and ALIASES. */
const NAME_LANGUAGES = ['en', 'zh', 'zh-Hant', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'ru', 'uk', 'el', 'he', 'ja', 'ko', 'tr', 'sv', 'ar'];

/** Names people write that no language's standard name gives. */
const ALIASES: Record<string, CountryCode> = {
  uk: 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB',
  usa: 'US', us: 'US', america: 'US', 'united states of america': 'US',
  prc: 'CN', 'p r china': 'CN', 'pr china': 'CN', 'mainland china': 'CN', 中国大陆: 'CN', 中华人民共和国: 'CN', 大陆: 'CN',
  台湾: 'TW', 臺灣: 'TW', 香港: 'HK', 澳门: 'MO', 澳門: 'MO', 美國: 'US', 英國: 'GB',
  holland: 'NL', 'south korea': 'KR', korea: 'KR', russia: 'RU', uae: 'AE', brasil: 'BR',
  // ISO 3166 alpha-3, for the countries most contact files come from.
  chn: 'CN', hkg: 'HK', mac: 'MO', twn: 'TW', gbr: 'GB', can: 'CA', aus: 'AU', nzl: 'NZ', deu: 'DE',
  fra: 'FR', ita: 'IT', esp: 'ES', nld: 'NL', che: 'CH', aut: 'AT', bel: 'BE', pol: 'PL', rus: 'RU', ukr: 'UA',
  grc: 'GR', isr: 'IL', jpn: 'JP', kor: 'KR', sgp: 'SG', mys: 'MY', tha: 'TH', vnm: 'VN', ind: 'IN', bra: 'BR',
};

let byName: Map<string, CountryCode> | undefined;

function key(name: string): string {
  // "U.K." = "UK", "Korea, Republic of" = "Korea Republic of".
  return name.normalize('NFKC').toLowerCase().replace(/[.'’]/g, '').replace(/[,()]/g, ' ').replace(/\s+/g, ' ').trim();
}

function countryNames(): Map<string, CountryCode> {
  if (byName) return byName;
  byName = new Map();
  const countries = getCountries();
  for (const lang of NAME_LANGUAGES) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of countries) {
      const name = names.of(code);
      if (name) byName.set(key(name), code);
    }
  }
  for (const code of countries) byName.set(key(code), code);
  for (const [name, code] of Object.entries(ALIASES)) byName.set(key(name), code);
  return byName;
}

/** The ISO code of a country as written in an address, or undefined. */
export function countryOf(written: string): CountryCode | undefined {
  return countryNames().get(key(written));
}

/**
 * The country code part of a number written internationally ("+44 …", "0044 …", "tel:+44…"):
 * the text from its first digit, or undefined for a national number. Character tests, not regular
 * expressions: this runs for every phone of every record.
 */
function internationalDigits(written: string): string | undefined {
  let i = 0;
  while (i < written.length && written.charCodeAt(i) <= 0x20) i++;
  if (written.startsWith('tel:', i) || written.startsWith('TEL:', i)) i += 4;
  if (written.charCodeAt(i) === 0x2b /* + */) return written.slice(i + 1).trimStart();
  if (written.charCodeAt(i) === 0x30 && written.charCodeAt(i + 1) === 0x30) return written.slice(i + 2);
  return undefined;
}

function countryOfInternational(digits: string): CountryCode | undefined {
  if (digits.charCodeAt(0) === 0x38 && digits.charCodeAt(1) === 0x36) return 'CN'; // +86, most numbers here: no parsing
  return parsePhoneNumberFromString('+' + digits)?.country;
}

/**
 * The region the record's evidence points to, when it is one region: the countries of its
 * addresses and of its international numbers. Undefined when it has none or they disagree.
 */
export function evidenceRegion(raw: RawContact): CountryCode | undefined {
  let found: CountryCode | undefined;
  const add = (code: CountryCode | undefined): boolean => {
    if (!code || code === found) return true;
    if (found) return false; // two regions: no evidence either way
    found = code;
    return true;
  };
  if (Array.isArray(raw.countries)) {
    for (const written of raw.countries) if (typeof written === 'string' && !add(countryOf(written))) return undefined;
  }
  if (Array.isArray(raw.phones)) {
    for (const p of raw.phones) {
      const digits = typeof p?.value === 'string' ? internationalDigits(p.value) : undefined;
      if (digits !== undefined && !add(countryOfInternational(digits))) return undefined;
    }
  }
  return found;
}
