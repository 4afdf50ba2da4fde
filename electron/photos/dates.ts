// When a picture was taken, from the best source available:
// EXIF DateTimeOriginal > Google Takeout sidecar > a date in the file name > a YYYY-MM folder > mtime.
// Dates without an offset (EXIF, names, folders) stay local times written as "YYYY-MM-DDTHH:MM:SS";
// instants (epoch milliseconds, sidecars, mtimes) are written in UTC with "Z".
import exifr from 'exifr';
import type { PhotoDateSource } from '../../shared/types';

export interface FoundDate {
  date: string;
  source: PhotoDateSource;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validYmd(y: number, m: number, d: number): boolean {
  const maxYear = new Date().getFullYear() + 1;
  if (y < 1990 || y > maxYear || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function localIso(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): string {
  return `${y}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}`;
}

/** Epoch milliseconds that fall in a plausible camera range (2005 … next year). */
function plausibleEpochMs(ms: number): boolean {
  return ms >= Date.UTC(2005, 0, 1) && ms <= Date.now() + 366 * 86400_000;
}

/** EXIF DateTimeOriginal (or CreateDate) from the first bytes of a picture. */
export async function exifDate(head: Uint8Array): Promise<string | undefined> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(Buffer.from(head.buffer, head.byteOffset, head.byteLength), {
      pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal'],
      reviveValues: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
    });
  } catch {
    return undefined; // no EXIF, or a damaged block: fall back to the next source
  }
  const raw = tags?.DateTimeOriginal ?? tags?.CreateDate;
  if (typeof raw !== 'string') return undefined;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d, hh, mi, ss] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (!validYmd(y, mo, d) || hh > 23 || mi > 59 || ss > 60) return undefined;
  const offset = typeof tags?.OffsetTimeOriginal === 'string' && /^[+-]\d{2}:\d{2}$/.test(tags.OffsetTimeOriginal) ? tags.OffsetTimeOriginal : '';
  return localIso(y, mo, d, hh, mi, ss) + offset;
}

// mmexport1570000000000.jpg, wx_camera_1570000000000.jpg, microMsg.1570000000000.jpg, and any
// other bare 13-digit millisecond stamp.
const EPOCH_MS = /(?:^|[^0-9])(1\d{12})(?![0-9])/;
// IMG_20190906_123456, VID_20190906_123456789, PXL_20190906_123456789, 20190906_123456,
// Screenshot_2019-09-06-12-34-56, Screenshot_20190906-123456, IMG20190906123456, photo_2019-09-06_12-34-56.
const YMD = /(?:^|[^0-9a-fA-F])((?:19|20)\d{2})([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?:[-_ T.]?([01]\d|2[0-3])[-_.:]?([0-5]\d)[-_.:]?([0-5]\d))?/;

/** A date written in a file name, or undefined. Names that are hashes (WeChat .dat) hold none. */
export function filenameDate(name: string): string | undefined {
  const stem = name.replace(/\.[^.]*$/, '');
  if (/^[0-9a-f]{16,}(?:_[a-z])?$/i.test(stem)) return undefined;
  const epoch = EPOCH_MS.exec(stem);
  if (epoch) {
    const ms = Number(epoch[1]);
    if (plausibleEpochMs(ms)) return new Date(ms).toISOString();
  }
  const m = YMD.exec(stem);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[3]);
  const d = Number(m[4]);
  if (!validYmd(y, mo, d)) return undefined;
  if (m[5] === undefined) {
    // A date alone must not run on into more digits (that would be some other number).
    const after = stem.charAt((m.index ?? 0) + m[0].length);
    if (/[0-9]/.test(after)) return undefined;
    return localIso(y, mo, d);
  }
  return localIso(y, mo, d, Number(m[5]), Number(m[6]), Number(m[7]));
}

/** WeChat and many backup tools sort pictures into YYYY-MM folders: the nearest one wins. */
export function folderDate(dirSegments: readonly string[]): string | undefined {
  for (let i = dirSegments.length - 1; i >= 0; i--) {
    const m = /^((?:19|20)\d{2})-(0[1-9]|1[0-2])$/.exec(dirSegments[i]!);
    if (m && validYmd(Number(m[1]), Number(m[2]), 1)) return localIso(Number(m[1]), Number(m[2]), 1);
  }
  return undefined;
}

export interface DateInputs {
  head?: Uint8Array;
  sidecarDate?: string;
  name: string;
  dirSegments: readonly string[];
  mtimeMs: number;
}

export async function pictureDate(inputs: DateInputs): Promise<FoundDate> {
  const exif = inputs.head ? await exifDate(inputs.head) : undefined;
  if (exif) return { date: exif, source: 'exif' };
  if (inputs.sidecarDate) return { date: inputs.sidecarDate, source: 'sidecar' };
  const fromName = filenameDate(inputs.name);
  if (fromName) return { date: fromName, source: 'filename' };
  const fromFolder = folderDate(inputs.dirSegments);
  if (fromFolder) return { date: fromFolder, source: 'folder' };
  return { date: new Date(inputs.mtimeMs).toISOString(), source: 'mtime' };
}
