// A safety note for helpers: platforms flag many accounts operated from one device or one network
// as marketing accounts. When re-adding was recorded today for other cases on this computer too, the
// re-add screen says so (once a day) and recommends each person sends from their own phone.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadReaddState } from '../readd/load';
import { localDayKey } from '../readd/local-day';
import { isCaseFolder, openCaseFolder } from './case-folder';

/** Names of the other cases with a friend request recorded today (in `zone`'s day). */
export async function otherCasesReaddingToday(dataDir: string, exceptCaseId: string, zone: string | undefined, now = Date.now()): Promise<string[]> {
  const today = localDayKey(now, zone);
  const names: string[] = [];
  for (const entry of await readdir(dataDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === exceptCaseId) continue;
    const folder = join(dataDir, entry.name);
    if (!(await isCaseFolder(folder))) continue;
    try {
      const { state } = loadReaddState(folder);
      const sentToday = Object.values(state.requests).some((list) => list.some((r) => localDayKey(r.at, zone) === today));
      if (sentToday) names.push((await openCaseFolder(folder)).meta.name);
    } catch {
      // An unreadable journal is that case's own problem, said on its own screen.
    }
  }
  return names;
}
