// Picks the UI language from the system: Chinese systems get zh-CN, everything else English.
import type { Locale } from '../../shared/types';

export function localeFromTags(tags: readonly (string | undefined)[]): Locale {
  for (const tag of tags) {
    if (!tag) continue;
    const lower = tag.toLowerCase().replace('_', '-');
    if (lower === 'c' || lower === 'posix') continue;
    return lower.startsWith('zh') ? 'zh-CN' : 'en';
  }
  return 'en';
}

export function systemLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return localeFromTags([
    env.LC_ALL,
    env.LC_MESSAGES,
    env.LANG,
    env.LANGUAGE?.split(':')[0],
    Intl.DateTimeFormat().resolvedOptions().locale,
  ]);
}
