// App-wide settings (not per case), kept in `<data-dir>/settings.json`, parsed with zod and
// written atomically. Unknown or broken content falls back to defaults and is kept aside.
import { join } from 'node:path';
import { z } from 'zod';
import { localeSchema } from '../../shared/contract';
import { openJsonState } from '../platform/json-state';
import type { Locale } from '../../shared/types';

const settingsSchema = z.object({
  version: z.literal(1),
  locale: localeSchema.optional(),
});
export type AppSettings = z.infer<typeof settingsSchema>;

export async function openAppSettings(dataDir: string) {
  return openJsonState<AppSettings>(join(dataDir, 'settings.json'), { version: 1 }, (v): v is AppSettings =>
    settingsSchema.safeParse(v).success,
  );
}

/**
 * The language the user sees, as the page picks it: this launch's --lang, else the one chosen in
 * Settings, else the system's. What the backend writes for people (exports) follows it.
 */
export async function uiLocale(options: { dataDir: string; forcedLocale?: Locale | undefined; systemLocale: Locale }): Promise<Locale> {
  if (options.forcedLocale) return options.forcedLocale;
  const { db } = await openAppSettings(options.dataDir);
  return db.data.locale ?? options.systemLocale;
}
