// Handlers for appeals and the recovery timeline. Each change is on disk (journal + fdatasync, under
// the case's appeals lock) before the call returns the new view.
import { ApiError } from '../../../shared/contract';
import { AppealsInputError, CaseAppeals } from '../../appeals';
import type { Backend, Handlers } from '../backend';

async function appealsOf(backend: Backend, caseId: string): Promise<CaseAppeals> {
  return new CaseAppeals(await backend.cases.existing(caseId));
}

/** A change that does not fit the record (an appeal for a removed account) is the user's to fix. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppealsInputError) throw new ApiError('invalid-arguments', error.message);
    throw error;
  }
}

export const appealsHandlers: Handlers<
  | 'appeals.view'
  | 'appeals.saveAccount'
  | 'appeals.saveAppeal'
  | 'appeals.attach'
  | 'appeals.detach'
  | 'appeals.saveReminder'
  | 'appeals.setReminderDone'
  | 'appeals.remove'
  | 'appeals.timeline'
> = {
  'appeals.view': async ({ caseId }, { backend }) => (await appealsOf(backend, caseId)).view(),
  'appeals.saveAccount': ({ caseId, id, account }, { backend }) => guarded(async () => (await appealsOf(backend, caseId)).saveAccount(account, id)),
  'appeals.saveAppeal': ({ caseId, id, appeal }, { backend }) => guarded(async () => (await appealsOf(backend, caseId)).saveAppeal(appeal, id)),
  'appeals.attach': ({ caseId, appealId, files }, ctx) =>
    guarded(async () => {
      const appeals = await appealsOf(ctx.backend, caseId);
      const view = await appeals.attach(appealId, files.map((f) => ctx.resolveFile(f)));
      await ctx.backend.discardUploads(files);
      return view;
    }),
  'appeals.detach': ({ caseId, appealId, sha256 }, { backend }) => guarded(async () => (await appealsOf(backend, caseId)).detach(appealId, sha256)),
  'appeals.saveReminder': ({ caseId, id, reminder }, { backend }) => guarded(async () => (await appealsOf(backend, caseId)).saveReminder(reminder, id)),
  'appeals.setReminderDone': ({ caseId, reminderId, done }, { backend }) =>
    guarded(async () => (await appealsOf(backend, caseId)).setReminderDone(reminderId, done)),
  'appeals.remove': ({ caseId, what, id }, { backend }) => guarded(async () => (await appealsOf(backend, caseId)).remove(what, id)),
  'appeals.timeline': async ({ caseId }, { backend }) => {
    const folder = await backend.cases.existing(caseId);
    const { persons } = await backend.contacts.counts(folder);
    return new CaseAppeals(folder).timeline(persons);
  },
};
