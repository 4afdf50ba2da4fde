import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, ReaddSettingsError, settingsProblems } from '../../../electron/readd/settings';

describe('re-add settings', () => {
  it('defaults are valid: 15 a day, 2–6 min gaps, 24 h cool-down, follow up after 3 days', () => {
    const s = defaultSettings();
    expect(settingsProblems(s)).toEqual([]);
    expect([s.dailyLimit, s.minGapMs, s.maxGapMs, s.coolDownMs, s.followUpAfterDays]).toEqual([15, 120_000, 360_000, 86_400_000, 3]);
    expect(s.priorityLabels).toContain('家人');
  });

  it('names every bad field of a patch and changes nothing', () => {
    const s = defaultSettings();
    const attempt = (): unknown =>
      applySettingsPatch(s, { dailyLimit: 0, locale: 'fr' as 'en', activeTargetId: 'x', foo: 1 } as unknown as Partial<typeof s>);
    expect(attempt).toThrow(ReaddSettingsError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const part of ['foo is not a re-add setting', 'dailyLimit', 'locale', 'activeTargetId']) expect(message).toContain(part);
    }
    expect(s.dailyLimit).toBe(15);
  });

  it('checks targets: unique ids, known platform', () => {
    const target = { id: 't', platform: 'wechat' as const, newAccountName: '', newAccountId: '', oldAccountName: '' };
    expect(() => applySettingsPatch(defaultSettings(), { targets: [target, target], activeTargetId: 't' })).toThrow(/unique/);
    expect(() => applySettingsPatch(defaultSettings(), { targets: [{ ...target, platform: 'qq' as 'wechat' }], activeTargetId: 't' })).toThrow(
      /targets\[0\]\.platform/,
    );
    expect(applySettingsPatch(defaultSettings(), { targets: [target], activeTargetId: 't' }).activeTargetId).toBe('t');
  });

  it('accepts IANA zones and fixed offsets, refuses others', () => {
    expect(applySettingsPatch(defaultSettings(), { timezone: '+08:00' }).timezone).toBe('+08:00');
    expect(applySettingsPatch(defaultSettings(), { timezone: 'Europe/Berlin' }).timezone).toBe('Europe/Berlin');
    expect(() => applySettingsPatch(defaultSettings(), { timezone: 'Somewhere' })).toThrow(/time zone/);
  });
});
