// App-wide settings (not per case), kept in `<data-dir>/settings.json`, parsed with zod and
// written atomically. Unknown or broken content falls back to defaults and is kept aside.
import { join } from 'node:path';
import { z } from 'zod';
import { localeSchema } from '../../shared/contract';
import { openJsonState } from '../platform/json-state';

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
