// Re-add settings: defaults and validation of user patches. Settings live in the journaled state,
// so a patch is validated here before it is written: a bad patch is refused, never half-applied.
import { z } from 'zod';
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

const platformSchema = z.enum(['wechat', 'weibo', 'xianyu', 'telegram', 'whatsapp', 'other']);

const targetSchema = z.object({
  id: z.string().min(1),
  platform: platformSchema,
  newAccountName: z.string(),
  newAccountId: z.string(),
  oldAccountName: z.string(),
  dailyLimit: z.number().int().min(1).max(500).optional(),
});

export const settingsSchema = z
  .object({
    targets: z.array(targetSchema).min(1),
    activeTargetId: z.string().min(1),
    dailyLimit: z.number().int().min(1).max(500),
    minGapMs: z.number().int().min(0),
    maxGapMs: z.number().int().min(0),
    coolDownMs: z.number().int().min(0),
    followUpAfterDays: z.number().min(0),
    maxFollowUps: z.number().int().min(0),
    priorityLabels: z.array(z.string()),
    timezone: z
      .string()
      .refine(isValidTimeZone, { message: 'unknown time zone (use an IANA name such as Asia/Shanghai or an offset such as +08:00)' })
      .optional(),
    locale: z.enum(['zh-CN', 'en']),
    templates: z.object({ 'zh-CN': z.string(), en: z.string() }),
    myName: z.string().optional(),
    maxMessageLength: z.number().int().min(1),
  })
  .refine((s) => s.minGapMs <= s.maxGapMs, { message: 'minGapMs must not exceed maxGapMs', path: ['minGapMs'] })
  .refine((s) => s.targets.some((t) => t.id === s.activeTargetId), {
    message: 'activeTargetId must name one of the targets',
    path: ['activeTargetId'],
  })
  .refine((s) => new Set(s.targets.map((t) => t.id)).size === s.targets.length, {
    message: 'target ids must be unique',
    path: ['targets'],
  });

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
  const result = settingsSchema.safeParse(merged);
  if (!result.success) throw new ReaddSettingsError(`invalid re-add settings: ${z.prettifyError(result.error)}`);
  return result.data as ReaddSettings;
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
