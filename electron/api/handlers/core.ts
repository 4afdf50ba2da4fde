// Handlers for app info, settings, cases and jobs.
import type { AppInfo } from '../../../shared/contract';
import { openAppSettings } from '../../settings/app-settings';
import type { Backend, Handlers } from '../backend';

async function appInfo(backend: Backend): Promise<AppInfo> {
  const { options } = backend;
  const { db } = await openAppSettings(options.dataDir);
  return {
    version: options.version,
    mode: options.mode,
    systemLocale: options.systemLocale,
    locale: options.forcedLocale ?? db.data.locale,
    dataDir: options.dataDir,
    nativeDialogs: options.mode === 'electron',
  };
}

export const coreHandlers: Handlers<
  'app.info' | 'settings.setLocale' | 'cases.list' | 'cases.create' | 'cases.open' | 'cases.rename' | 'cases.delete' | 'jobs.cancel'
> = {
  'app.info': async (_args, { backend }) => appInfo(backend),
  'settings.setLocale': async ({ locale }, { backend }) => {
    const { db } = await openAppSettings(backend.options.dataDir);
    db.data = { ...db.data, locale: locale ?? undefined };
    await db.write();
    // A choice made in Settings replaces the launch's --lang from now on.
    backend.options.forcedLocale = undefined;
    return appInfo(backend);
  },
  'cases.list': async (_args, { backend }) => backend.cases.list(),
  'cases.create': async ({ name, defaultRegion }, { backend }) => backend.cases.create(name, defaultRegion),
  'cases.open': async ({ caseId }, { backend }) => backend.cases.open(caseId),
  'cases.rename': async ({ caseId, name }, { backend }) => backend.cases.rename(caseId, name),
  'cases.delete': async ({ caseId, confirmName }, { backend }) => {
    await backend.releaseCase(caseId);
    return backend.cases.delete(caseId, confirmName);
  },
  'jobs.cancel': async ({ jobId }, { backend }) => ({ cancelled: backend.jobs.cancel(jobId) }),
};
