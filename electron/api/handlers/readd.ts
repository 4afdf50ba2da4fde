// Handlers for guided re-adding. Every outcome is on disk (journal + fsync) before the call
// returns the next view, so the next card never shows before the last action is saved.
import { join } from 'node:path';
import { ApiError, type ReaddQueueRow } from '../../../shared/contract';
import type { CaseReadd } from '../../cases/case-readd';
import {
  movedKit,
  personIdsWithLabel,
  progressCsvPieces,
  queueVcardPieces,
  newAccountVcard,
  activeTarget,
  ReaddInputError,
  ReaddSettingsError,
  searchKeysFor,
} from '../../readd';
import type { Backend, Handlers } from '../backend';
import { searchPersons } from '../../contacts';
import { otherCasesReaddingToday } from '../../cases/helper-safety';
import { uiLocale } from '../../settings/app-settings';
import { exportFolder, safeFileName, writeExportFile, type ExportProgress } from '../../platform/export-file';

async function caseReadd(backend: Backend, caseId: string): Promise<CaseReadd> {
  await backend.cases.existing(caseId);
  return backend.session(caseId).readdStore();
}

/** Store validation errors become messages the user can act on. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReaddSettingsError || error instanceof ReaddInputError) throw new ApiError('invalid-arguments', error.message);
    throw error;
  }
}

const today = () => new Date().toISOString().slice(0, 10);

export const readdHandlers: Handlers<
  | 'readd.view'
  | 'readd.otherCasesToday'
  | 'readd.record'
  | 'readd.undo'
  | 'readd.settings'
  | 'readd.tooFrequent'
  | 'readd.clearCoolDown'
  | 'readd.star'
  | 'readd.exclude'
  | 'readd.moveToFront'
  | 'readd.queue'
  | 'readd.history'
  | 'readd.export'
  | 'readd.movedKit'
> = {
  'readd.view': async ({ caseId }, { backend }) => (await caseReadd(backend, caseId)).view(),
  'readd.otherCasesToday': async ({ caseId }, { backend }) => {
    const { settings } = (await caseReadd(backend, caseId)).view();
    return { names: await otherCasesReaddingToday(backend.options.dataDir, caseId, settings.timezone) };
  },

  'readd.record': async ({ caseId, personId, action }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await guarded(() => r.store.record(personId, action));
    return r.view();
  },

  'readd.undo': async ({ caseId }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await r.store.undo();
    return r.view();
  },

  'readd.settings': async ({ caseId, patch }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await guarded(() => r.updateSettings(patch));
    return r.view();
  },

  'readd.tooFrequent': async ({ caseId }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await r.store.tooFrequent();
    return r.view();
  },

  'readd.clearCoolDown': async ({ caseId }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await r.store.coolDown(null);
    return r.view();
  },

  'readd.star': async ({ caseId, personIds, starred }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await r.store.star(personIds, starred);
    return r.view();
  },

  'readd.exclude': async ({ caseId, personIds, excluded }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    await r.store.exclude(personIds, excluded);
    return r.view();
  },

  'readd.moveToFront': async ({ caseId, personIds }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    const ranked = Object.entries(r.store.state.manualRank)
      .sort((a, b) => a[1] - b[1])
      .map(([id]) => id);
    const moving = new Set(personIds);
    await r.store.setOrder([...personIds, ...ranked.filter((id) => !moving.has(id))]);
    return r.view();
  },

  'readd.queue': async ({ caseId, label, query, includeExcluded, offset, limit }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    const persons = r.persons();
    const state = r.state();
    const settings = r.store.settings();
    const platform = activeTarget(settings).platform;
    const queue = r.queueIndex().head(Infinity);
    const byId = new Map(persons.map((p) => [p.id, p]));
    let wanted = label ? new Set(personIdsWithLabel(persons, label)) : undefined;
    if (query?.trim()) {
      const found = searchPersons(wanted ? persons.filter((p) => wanted!.has(p.id)) : persons, query);
      wanted = new Set(found.map((p) => p.id));
    }
    const inQueue = new Set(queue.map((q) => q.personId));
    const messages = new Map(queue.map((q) => [q.personId, q.message]));
    // Queue order first, then everyone else (done, excluded, needs another way) by name order.
    const order = [...queue.map((q) => q.personId), ...persons.map((p) => p.id).filter((id) => !inQueue.has(id))];
    const rows: ReaddQueueRow[] = [];
    for (const id of order) {
      const person = byId.get(id);
      if (!person || (wanted && !wanted.has(id))) continue;
      const excluded = state.excluded[id] === true;
      if (excluded && !includeExcluded) continue;
      rows.push({
        personId: id,
        name: person.name,
        labels: person.labels,
        status: r.statusOf(id),
        searchKey: searchKeysFor(person, platform)[0]?.value,
        starred: state.starred[id] === true,
        excluded,
        message: messages.get(id),
      });
    }
    const labels = [...new Set(persons.flatMap((p) => p.labels))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return { total: rows.length, rows: rows.slice(offset, offset + limit), labels };
  },

  'readd.history': async ({ caseId, limit }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    const names = new Map(r.persons().map((p) => [p.id, p.name]));
    return r.store
      .events({ limit })
      .reverse()
      .map((event) => {
        const ids = event.type === 'outcome' ? [event.personId] : 'personIds' in event ? event.personIds : [];
        return { event, names: ids.slice(0, 10).map((id) => names.get(id) ?? id) };
      });
  },

  // A long job at a large case (100k persons: seconds): written under the data folder, then downloaded.
  'readd.export': async ({ caseId, kind, jobId }, ctx) => {
    const r = await caseReadd(ctx.backend, caseId);
    const persons = r.persons();
    const settings = r.store.settings();
    const target = activeTarget(settings);
    if (kind === 'moved-vcard' && !target.newAccountId && !target.newAccountName) throw new ApiError('invalid-arguments', 'Set the new account first');
    const locale = await uiLocale(ctx.backend.options);
    const job = ctx.job('readd.export', jobId);
    const progress: ExportProgress = { signal: job.signal, onProgress: (written, total) => job.progress({ written, total }, total ? written / total : 1) };
    try {
      const [fileName, pieces] =
        kind === 'progress-csv'
          ? [`relink-progress-${today()}.csv`, progressCsvPieces(persons, r.state(), settings, { locale, progress })]
          : kind === 'queue-vcard'
            ? [`relink-remaining-${today()}.vcf`, queueVcardPieces(r.queueIndex().head(Infinity), persons, locale, progress)]
            : // The moved card is for friends: in the moved kit's language, as its QR card and drafts are.
              [`${safeFileName(target.newAccountName || target.newAccountId, 'relink-new-account')}.vcf`, [newAccountVcard(target, undefined, settings.locale)]];
      const bytes = await writeExportFile(join(exportFolder(ctx.backend.options.dataDir, 'readd'), fileName), pieces);
      return { fileName, downloadPath: `/api/exports/readd/${encodeURIComponent(fileName)}`, bytes };
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw new ApiError('cancelled', 'Export cancelled; no file was written');
      throw error;
    } finally {
      job.finish();
    }
  },

  'readd.movedKit': async ({ caseId, encode }, { backend }) => {
    const r = await caseReadd(backend, caseId);
    const settings = r.store.settings();
    if (!activeTarget(settings).newAccountId) throw new ApiError('invalid-arguments', 'Set the new account ID first');
    return movedKit(r.persons(), settings, { encode });
  },
};
