// Re-add settings: defaults and validation of user patches. Settings live in the journaled state,
// so a patch is validated here before it is written: a bad patch is refused, never half-applied.
import type { Locale, ReaddSettings, ReaddTarget } from '../../shared/types';
import { isValidTimeZone } from './local-day';

export const DEFAULT_TARGET_ID = 'default';

export const DEFAULT_TEMPLATES: Record<Locale, string> = {
  'zh-CN': '我是{old}，原微信号被封，这是我的新号',
  en: "It's {old} - my new account",
};

/** Labels users commonly give family and close friends; the user can change the list. */
export const DEFAULT_PRIORITY_LABELS = ['家人', '亲人', '家庭', 'family', '好友', '挚友', 'close friends', '同事'];

export function defaultTarget(): ReaddTarget {
  return { id: DEFAULT_TARGET_ID, platform: 'wechat', newAccountName: '', newAccountId: '', oldAccountName: '' };
}

export function defaultSettings(locale: Locale = 'zh-CN'): ReaddSettings {
  return {
    targets: [defaultTarget()],
    activeTargetId: DEFAULT_TARGET_ID,
    dailyLimit: 15,
    minGapMs: 2 * 60_000,
    maxGapMs: 6 * 60_000,
    coolDownMs: 24 * 3_600_000,
    followUpAfterDays: 3,
    maxFollowUps: 1,
    priorityLabels: [...DEFAULT_PRIORITY_LABELS],
    locale,
    templates: { ...DEFAULT_TEMPLATES },
    maxMessageLength: 30,
  };
}

const PLATFORMS = ['wechat', 'weibo', 'xianyu', 'telegram', 'whatsapp', 'other'];
const LOCALES = ['zh-CN', 'en'];

// Hand-written rather than zod: the store loads on every app start and in every writer process,
// and this is all the checking settings need.
type Check = (value: unknown) => string | undefined;
const isInt = (min: number, max = Number.MAX_SAFE_INTEGER): Check => (v) =>
  Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `must be a whole number from ${min} to ${max}`;
const isNumber = (min: number): Check => (v) => (typeof v === 'number' && Number.isFinite(v) && v >= min ? undefined : `must be a number ≥ ${min}`);
const isString: Check = (v) => (typeof v === 'string' ? undefined : 'must be text');
const isOneOf = (values: string[]): Check => (v) => (values.includes(v as string) ? undefined : `must be one of ${values.join(', ')}`);
const optional = (check: Check): Check => (v) => (v === undefined ? undefined : check(v));

const TARGET_FIELDS: Record<string, Check> = {
  id: (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty text'),
  platform: isOneOf(PLATFORMS),
  newAccountName: isString,
  newAccountId: isString,
  oldAccountName: isString,
  newPhone: optional(isString),
  dailyLimit: optional(isInt(1, 500)),
};

const SETTINGS_FIELDS: Record<string, Check> = {
  dailyLimit: isInt(1, 500),
  minGapMs: isInt(0),
  maxGapMs: isInt(0),
  coolDownMs: isInt(0),
  followUpAfterDays: isNumber(0),
  maxFollowUps: isInt(0),
  priorityLabels: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'must be a list of texts'),
  timezone: optional((v) =>
    typeof v === 'string' && isValidTimeZone(v) ? undefined : 'unknown time zone (use an IANA name such as Asia/Shanghai or an offset such as +08:00)',
  ),
  locale: isOneOf(LOCALES),
  templates: (v) =>
    typeof v === 'object' && v !== null && LOCALES.every((l) => typeof (v as Record<string, unknown>)[l] === 'string')
      ? undefined
      : 'must have a template text for zh-CN and en',
  myName: optional(isString),
  maxMessageLength: isInt(1),
  activeTargetId: (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty text'),
};

/** Problems of a settings object, each naming the field; [] when valid. */
export function settingsProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['settings must be an object'];
  const settings = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [field, check] of Object.entries(SETTINGS_FIELDS)) {
    const problem = check(settings[field]);
    if (problem) problems.push(`${field} ${problem}`);
  }
  const targets = settings.targets;
  if (!Array.isArray(targets) || targets.length === 0) problems.push('targets must be a non-empty list');
  else {
    targets.forEach((target: unknown, index) => {
      if (typeof target !== 'object' || target === null) return problems.push(`targets[${index}] must be an object`);
      for (const [field, check] of Object.entries(TARGET_FIELDS)) {
        const problem = check((target as Record<string, unknown>)[field]);
        if (problem) problems.push(`targets[${index}].${field} ${problem}`);
      }
      return undefined;
    });
    const ids = targets.map((t: { id?: unknown }) => t?.id);
    if (new Set(ids).size !== ids.length) problems.push('targets must have unique ids');
    if (!ids.includes(settings.activeTargetId)) problems.push('activeTargetId must name one of the targets');
  }
  if (problems.length === 0 && (settings.minGapMs as number) > (settings.maxGapMs as number)) problems.push('minGapMs must not exceed maxGapMs');
  return problems;
}

export function isValidSettings(value: unknown): value is ReaddSettings {
  return settingsProblems(value).length === 0;
}

export class ReaddSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReaddSettingsError';
  }
}

const OPTIONAL_KEYS = ['timezone', 'myName'] as const;

/** A patch as written to the journal: cleared optional fields become null so they survive JSON. */
export function journalablePatch(patch: Partial<ReaddSettings>): Partial<ReaddSettings> {
  const out: Record<string, unknown> = { ...patch };
  for (const key of OPTIONAL_KEYS) if (key in patch && patch[key] === undefined) out[key] = null;
  return out as Partial<ReaddSettings>;
}

/** Settings after applying `patch`, or a ReaddSettingsError naming the bad field. */
export function applySettingsPatch(current: ReaddSettings, patch: Partial<ReaddSettings>): ReaddSettings {
  const merged = { ...current, ...patch };
  // `timezone: undefined` (null once journaled: JSON has no undefined) means "back to the system zone".
  for (const key of OPTIONAL_KEYS) {
    if (key in patch && (patch[key] === undefined || patch[key] === null)) delete merged[key];
  }
  const unknown = Object.keys(patch).filter((key) => key !== 'targets' && !(key in SETTINGS_FIELDS));
  const problems = [...unknown.map((key) => `${key} is not a re-add setting`), ...settingsProblems(merged)];
  if (problems.length > 0) throw new ReaddSettingsError(`invalid re-add settings: ${problems.join('; ')}`);
  return merged;
}

/** Values of `current` for the keys of `patch` (what undo or the history view needs). */
export function settingsBefore(current: ReaddSettings, patch: Partial<ReaddSettings>): Partial<ReaddSettings> {
  const prev: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) prev[key] = (current as unknown as Record<string, unknown>)[key];
  return prev as Partial<ReaddSettings>;
}

export function activeTarget(settings: ReaddSettings, targetId = settings.activeTargetId): ReaddTarget {
  return settings.targets.find((t) => t.id === targetId) ?? settings.targets[0] ?? defaultTarget();
}

export function dailyLimitFor(settings: ReaddSettings, targetId = settings.activeTargetId): number {
  return activeTarget(settings, targetId).dailyLimit ?? settings.dailyLimit;
}
