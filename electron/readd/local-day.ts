// "Today" for the daily limit is the user's local calendar day, in an IANA zone ("Asia/Shanghai")
// or a fixed offset ("+08:00"). Everything here is pure: instants in, day keys / instants out.

const OFFSET_PATTERN = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const DAY_MS = 86_400_000;

let cachedSystemZone: string | undefined;

/** The system zone, looked up once (creating an Intl formatter per call is slow and memory-hungry). */
export function systemTimeZone(): string {
  cachedSystemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return cachedSystemZone;
}

/** Fixed offset in minutes for "+08:00" / "-0530" / "UTC+8"; undefined for zone names. */
export function parseFixedOffset(zone: string): number | undefined {
  const match = OFFSET_PATTERN.exec(zone.trim());
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

export function isValidTimeZone(zone: string): boolean {
  if (parseFixedOffset(zone) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();
function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatterCache.set(zone, formatter);
  }
  return formatter;
}

// Zone offsets only change on quarter-hour boundaries, so one Intl lookup per quarter hour serves
// every instant in it (the dashboard converts thousands of timestamps).
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** Offset of the zone from UTC at `instant`, in minutes (east positive). */
export function offsetMinutesAt(instant: number, zone: string | undefined): number {
  const resolved = zone ?? systemTimeZone();
  const fixed = parseFixedOffset(resolved);
  if (fixed !== undefined) return fixed;
  const key = `${resolved}|${Math.floor(instant / QUARTER_HOUR)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = intlOffsetMinutes(instant, resolved);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function intlOffsetMinutes(instant: number, resolved: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(resolved).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return Math.round((wall - wholeSeconds) / 60_000);
}

/** Local calendar day of `instant` as YYYY-MM-DD. */
export function localDayKey(instant: number, zone: string | undefined): string {
  const shifted = new Date(instant + offsetMinutesAt(instant, zone) * 60_000);
  return shifted.toISOString().slice(0, 10);
}

/** First instant of the local day after the one containing `instant` (DST-aware). */
export function startOfNextLocalDay(instant: number, zone: string | undefined): number {
  const key = localDayKey(instant, zone);
  const nextMidnightWall = Date.parse(`${key}T00:00:00Z`) + DAY_MS;
  // Converge on the offset valid at the target instant (it differs across a DST change).
  let guess = nextMidnightWall - offsetMinutesAt(instant, zone) * 60_000;
  for (let i = 0; i < 3; i++) {
    const next = nextMidnightWall - offsetMinutesAt(guess, zone) * 60_000;
    if (next === guess) break;
    guess = next;
  }
  // Where midnight does not exist (DST at 00:00), the day starts at the first instant that is on it.
  while (localDayKey(guess, zone) === key) guess += 60_000;
  return guess;
}

/** First instant of the local day containing `instant`. */
export function startOfLocalDay(instant: number, zone: string | undefined): number {
  // A day is 23–25 h long: 27 h before the next day's start is always in the previous day.
  return startOfNextLocalDay(startOfNextLocalDay(instant, zone) - 27 * 3_600_000, zone);
}

/** The day key `days` calendar days after `key` (negative allowed). */
export function addDays(key: string, days: number): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (keys). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
