// Numbers the photo screens show: sizes, speeds, time left, months and dates.
import type { Locale, PhotoOrigin, PhotoRecord } from '../../../shared/types';

export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** "2019-09" → "2019年9月" / "September 2019". */
export function formatMonth(month: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
  );
}

/**
 * Picture dates are mostly local times without an offset (EXIF, file names): shown as written,
 * not shifted into this computer's time zone.
 */
export function formatPhotoDate(iso: string, locale: Locale, withTime = true): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const date = hasOffset ? new Date(iso) : new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0)));
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...(withTime && m[4] ? { timeStyle: 'short' } : {}),
    ...(hasOffset ? {} : { timeZone: 'UTC' }),
  }).format(date);
}

/** The name to show for a picture: a camera or backup file name reads better than a WeChat hash. */
export function displayName(photo: PhotoRecord): string {
  const byPreference = [...photo.origins].sort((a, b) => rank(a) - rank(b));
  return byPreference[0]?.name ?? photo.sha256.slice(0, 12);
}

function rank(origin: PhotoOrigin): number {
  if (/\.dat$/i.test(origin.name)) return 3;
  return { camera: 0, backup: 1, chat: 2, wechat: 2 }[origin.kind];
}

/** A picture's date as precise as its source: a folder only tells the month. */
export function formatPictureDate(photo: PhotoRecord, locale: Locale): string {
  return photo.dateSource === 'folder' ? formatMonth(photo.date.slice(0, 7), locale) : formatPhotoDate(photo.date, locale);
}
