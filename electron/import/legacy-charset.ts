// Which legacy code page undeclared non-UTF-8 text is in (a vCard 2.1/3.0 from Outlook or an old
// phone that names no CHARSET, a CSV from Excel): each code page's reading is weighed by how
// plausible it is (reading-plausibility.ts), by jschardet's confidence and by priors (what most
// users here hold, the case's region). Measured (README, Design → Dependencies; `npm run bench
// encoding-detect`): 98% right on one to five values, jschardet alone 90%, chardet 71%; on one card
// of a Chinese name (1–3 characters) in a CN case, GBK 99.1% right (jschardet with priors: 92.4%).
import { CJK_CHARSETS, readingPlausibility } from './reading-plausibility';
import type { ImportRun } from './run';

type Jschardet = (typeof import('jschardet'))['default'];
let jschardet: Jschardet | undefined;

/**
 * Loads jschardet, which guessLegacyCharset needs: await it first. Loaded only when a file is not
 * UTF-8 (nor UTF-16): its models were ~36 ms of every `relink import`'s start-up, and most files
 * never need them.
 */
export async function loadLegacyCharsetGuesser(): Promise<void> {
  jschardet ??= (await import('jschardet')).default;
}

/** jschardet's names → iconv-lite's, for the code pages contact exports come in. */
const CANDIDATES: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'big5',
  SHIFT_JIS: 'shift_jis',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1255': 'windows-1255',
  'KOI8-R': 'koi8-r',
  'ISO-8859-7': 'iso-8859-7',
  // Hebrew and Western ISO text reads the same in its Windows superset, which also has what ISO lacks.
  'ISO-8859-8': 'windows-1255',
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
};
const DETECT_ENCODINGS = Object.keys(CANDIDATES);
/** jschardet answers "Windows-1251" where it was asked for "windows-1251". */
const CANDIDATE_BY_UPPER = new Map(Object.entries(CANDIDATES).map(([name, iconvName]) => [name.toUpperCase(), iconvName]));

/**
 * ISO-8859 has no characters at 0x80–0x9F, where the Windows code pages put letters (Polish ś is
 * 0x9C in windows-1250): bytes there mean the Windows sibling, as ICU's detector also decides.
 */
const WINDOWS_SIBLING: Record<string, string> = {
  'iso-8859-2': 'windows-1250',
  'iso-8859-5': 'windows-1251',
  'iso-8859-7': 'windows-1253',
};

function hasC1Bytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80 && bytes[i]! <= 0x9f) return true;
  return false;
}

/**
 * Prior weights: most users of this app have Chinese (GBK) files, and jschardet's Latin-1 prober
 * is the weakest (short German or French names read as Polish or Greek without it). Of ×1–8 and
 * ×1–3 tried on the bench's samples, ×2 and ×1.5 gave the most right guesses.
 */
const PRIOR: Record<string, number> = { gb18030: 2, 'windows-1252': 1.5 };

/**
 * The code page a case's region writes its old files in: its contact files are likelier in it than
 * in any other (a case in CN holds GBK files, one in TW Big5). Weighs like the priors above.
 */
const REGION_CHARSET: Record<string, string> = {
  CN: 'gb18030', SG: 'gb18030', MY: 'gb18030',
  TW: 'big5', HK: 'big5', MO: 'big5',
  JP: 'shift_jis',
  RU: 'windows-1251', UA: 'windows-1251', BY: 'windows-1251', BG: 'windows-1251', RS: 'windows-1251', KZ: 'windows-1251', MK: 'windows-1251',
  GR: 'windows-1253', CY: 'windows-1253',
  IL: 'windows-1255',
  PL: 'windows-1250', CZ: 'windows-1250', SK: 'windows-1250', HU: 'windows-1250', RO: 'windows-1250', HR: 'windows-1250', SI: 'windows-1250',
};
const REGION_WEIGHT = 2;

/**
 * Enough undeclared text to tell code pages apart (thousands of characters); more only costs time:
 * jschardet reads every byte it is given, ~0.4 ms per KB here.
 */
export const GUESS_SAMPLE_BYTES = 16 * 1024;

export interface GuessContext {
  /** The case's region (ISO 3166 code, e.g. CN): its code page is the likelier. */
  region?: string;
}

/** Code pages a reading is judged in (jschardet's names mapped, siblings included). */
const READINGS = [...new Set([...Object.values(CANDIDATES), ...Object.values(WINDOWS_SIBLING)])];

/**
 * How the three weigh, chosen on generated one-card files (6,030 Chinese names of one to three
 * characters, 1,419 Taiwanese, Japanese, and one or two Cyrillic, Greek, Hebrew, Polish or German
 * words) and the bench's samples of one to five values: plausibility squared; between families
 * (CJK, alphabetic) jschardet's best of each family to the power 1/4 (its counts say something even
 * on four bytes: "Иван" is 40 times likelier Cyrillic to it, 张伟 only 5 times likelier KOI8-R);
 * within the CJK family its word at half weight from 16 bytes beyond ASCII (a two-character name
 * has 4); within a family a floor, so that a code page it ranks low is not ruled out on that alone.
 */
const PLAUSIBILITY_POWER = 2;
const RELATIVE_FLOOR = 0.25;
const FAMILY_POWER = 0.25;
const CJK_HALF_WEIGHT_BYTES = 16;

const familyOf = (name: string): 'cjk' | 'alphabetic' => (CJK_CHARSETS.has(name) ? 'cjk' : 'alphabetic');

function countHighBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) n++;
  return n;
}

/** Judging a reading needs a few lines, not the whole 64 KB sample. */
const PLAUSIBILITY_BYTES = 2048;

/** jschardet's confidence per code page (its best where two of its names map to one). */
function detectorConfidence(sample: Uint8Array, c1: boolean): Map<string, number> {
  const buffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  const confidence = new Map<string, number>();
  if (!jschardet) throw new Error('guessLegacyCharset() before loadLegacyCharsetGuesser()');
  for (const candidate of jschardet.detectAll(buffer, { detectEncodings: DETECT_ENCODINGS, minimumThreshold: 0 })) {
    let name = candidate.encoding ? CANDIDATE_BY_UPPER.get(candidate.encoding.toUpperCase()) : undefined;
    if (!name) continue;
    if (c1) name = WINDOWS_SIBLING[name] ?? name;
    confidence.set(name, Math.max(confidence.get(name) ?? 0, candidate.confidence));
  }
  return confidence;
}

/**
 * The iconv-lite name of the likeliest code page for `sample` (undeclared values, one a line), or
 * undefined when nothing fits. Each code page's reading is weighed by how plausible it is
 * (reading-plausibility.ts: decisive on a short name, where jschardet's counts are a few bytes),
 * jschardet's confidence relative to its best (decisive on long text), and the priors above.
 */
export function guessLegacyCharset(sample: Uint8Array, context: GuessContext = {}): string | undefined {
  if (sample.length === 0) return undefined;
  const c1 = hasC1Bytes(sample);
  const confidence = detectorConfidence(sample, c1);
  // jschardet's confidences are compared within a family: between alphabetic code pages it weighs
  // letter pairs, which a name or two already has; between CJK ones it counts characters, which two
  // or three are not (so there its word grows with the text: half weight at 16 bytes beyond ASCII).
  const top = { cjk: 0, alphabetic: 0 };
  for (const [name, value] of confidence) top[familyOf(name)] = Math.max(top[familyOf(name)], value);
  const topAll = Math.max(top.cjk, top.alphabetic, Number.MIN_VALUE);
  const highBytes = countHighBytes(sample);
  const cjkWeight = highBytes / (highBytes + CJK_HALF_WEIGHT_BYTES);
  const head = sample.subarray(0, headEnd(sample));
  const regionCharset = context.region ? REGION_CHARSET[context.region.toUpperCase()] : undefined;
  let best: { name: string; score: number } | undefined;
  for (const name of READINGS) {
    const family = familyOf(name);
    const relative = top[family] > 0 ? (confidence.get(name) ?? 0) / top[family] : 0;
    const weight = family === 'cjk' ? cjkWeight : 1;
    const detector = (1 - weight + (weight * (RELATIVE_FLOOR + relative)) / (RELATIVE_FLOOR + 1)) * (top[family] / topAll) ** FAMILY_POWER;
    const plausible = readingPlausibility(head, name);
    const prior = regionCharset ? (name === regionCharset ? REGION_WEIGHT : name === 'windows-1252' ? PRIOR[name]! : 1) : (PRIOR[name] ?? 1);
    const score = plausible ** PLAUSIBILITY_POWER * prior * detector;
    if (score > 0 && (!best || score > best.score)) best = { name, score };
  }
  return best?.name;
}

/** Where the plausibility head ends: at a line end before PLAUSIBILITY_BYTES, so no character is cut. */
function headEnd(sample: Uint8Array): number {
  if (sample.length <= PLAUSIBILITY_BYTES) return sample.length;
  const cut = sample.lastIndexOf(0x0a, PLAUSIBILITY_BYTES);
  return cut > 0 ? cut : PLAUSIBILITY_BYTES;
}

/** Tells the user the code page was a guess (vCard or CSV), so that garbled names are understood. */
export function reportEncodingGuess(run: ImportRun, guessed: string): void {
  run.warn(`Encoding guessed: ${guessed} (the file names no charset); if names look garbled, the guess was wrong`, undefined, undefined, {
    code: 'encoding-guessed',
    params: { encoding: guessed },
  });
}
