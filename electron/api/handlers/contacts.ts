// Handlers for contact import, the merged list and merge review.
import { ApiError } from '../../../shared/contract';
import type { ColumnMapping, ContactField, ContactFilePreview } from '../../../shared/contract';
import type { MergeResult, Person } from '../../../shared/types';
import {
  clearPersonName,
  namesAndNotes,
  personCount,
  recordsOfPerson,
  searchPersons,
  setPersonName,
  splitPerson,
} from '../../contacts';
import { decideKind, decidePair, outcome, reviewPage, undoLast } from '../../contacts-store/review-session';
import { previewContactFile } from '../../import';
import { countMessageFilesOfDrop } from '../../import/wechat-db/recognize';
import { importContactFiles, skippedFileSummary } from '../../contacts-store/import-files';
import { expandFolders } from '../../contacts-store/expand-folders';
import { strengthsByPerson } from '../../cases/link-strengths';
import { chatRefOf, readdStatusOf } from '../../cases/cross-links';
import { interactionStrengths } from '../../messages';
import type { Backend, Handlers } from '../backend';
import type { SkippedItem } from '../../contacts-store/expand-folders';

function skippedPreview(name: string, skipped: SkippedItem): ContactFilePreview {
  const { file, format, encoding, issues } = skippedFileSummary(name, skipped);
  return { file, format, encoding, issues };
}

async function caseContacts(backend: Backend, caseId: string) {
  return backend.contacts.get(await backend.cases.existing(caseId));
}

function toMapping(raw: Record<string, ContactField> | undefined): ColumnMapping | undefined {
  if (!raw) return undefined;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [Number(k), v]));
}

export const contactsHandlers: Handlers<
  | 'contacts.preview'
  | 'contacts.import'
  | 'contacts.list'
  | 'contacts.get'
  | 'contacts.proposals'
  | 'contacts.decide'
  | 'contacts.split'
  | 'contacts.groups'
  | 'contacts.review'
  | 'contacts.decideKind'
  | 'contacts.undoDecision'
  | 'contacts.setName'
  | 'contacts.clearName'
> = {
  'contacts.preview': async ({ caseId, files, mapping, charset }, ctx) => {
    // The case's region weighs the guess of a legacy file's code page, as in the import.
    const region = (await caseContacts(ctx.backend, caseId)).book.defaultRegion;
    const expanded = await expandFolders(files.map((ref) => ({ ...ctx.resolveFile(ref), ref })));
    const opts = { mapping: toMapping(mapping), charset, region };
    const previews = await Promise.all(
      expanded.map(async ({ path, name, ref, skipped }) => ({
        ...(skipped ? skippedPreview(name, skipped) : await previewContactFile(path, { ...opts, displayName: name })),
        ref: ref.kind === 'path' ? { kind: 'path' as const, path } : ref,
      })),
    );
    countMessageFilesOfDrop(previews);
    return previews;
  },

  'contacts.import': async ({ caseId, files, jobId }, ctx) => {
    const contacts = await caseContacts(ctx.backend, caseId);
    const job = ctx.job('contacts.import', jobId);
    try {
      const imported = await importContactFiles(
        contacts,
        await expandFolders(files.map(({ file, mapping, charset }) => ({ ...ctx.resolveFile(file), mapping: toMapping(mapping), charset }))),
        {
          signal: job.signal,
          onProgress: (p) =>
            job.progress(
              { files: p.files, fileIndex: p.fileIndex, records: p.records, bytesRead: p.bytesRead, totalBytes: p.totalBytes },
              p.totalBytes ? (p.fileIndex + p.bytesRead / p.totalBytes) / p.files : undefined,
              p.file,
            ),
        },
      );
      await ctx.backend.discardUploads(files.map(({ file }) => file));
      return imported;
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw new ApiError('cancelled', 'Import cancelled; nothing was changed');
      throw error;
    } finally {
      job.finish();
    }
  },

  'contacts.list': async ({ caseId, query, source, label, offset, limit }, { backend }) => {
    const contacts = await caseContacts(backend, caseId);
    const all = contacts.persons();
    let found = query?.trim() ? searchPersons(all, query) : all;
    if (source) found = found.filter((p) => p.sources.some((s) => s.file === source));
    if (label) found = found.filter((p) => p.labels.includes(label));
    const labels = [...new Set(all.flatMap((p) => p.labels))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    const sources = Object.keys(contacts.book.records).sort();
    return { total: found.length, persons: found.slice(offset, offset + limit), labels, sources };
  },

  'contacts.get': async ({ caseId, personId }, { backend }) => {
    const contacts = await caseContacts(backend, caseId);
    const result = contacts.result();
    const id = result.aliases.get(personId) ?? personId;
    const person = result.persons.find((p) => p.id === id);
    if (!person) throw new ApiError('not-found', `No person ${personId}`);
    const byHandle = interactionStrengths(contacts.folder);
    const strength = strengthsByPerson([person], byHandle).get(person.id);
    const records = recordsOfPerson(contacts.book, result, id).map((r) => r.record);
    const chatRef = chatRefOf(person, byHandle);
    return {
      person,
      records,
      ...namesAndNotes(records),
      ...(strength ? { strength } : {}),
      ...(chatRef ? { chatRef } : {}),
      readdStatus: readdStatusOf(contacts.folder, person.id),
    };
  },

  'contacts.proposals': async ({ caseId }, { backend }) => {
    const result = (await caseContacts(backend, caseId)).result();
    const byId = new Map(result.persons.map((p) => [p.id, p]));
    return result.proposals.flatMap((proposal) => {
      const a = byId.get(proposal.a);
      const b = byId.get(proposal.b);
      return a && b ? [{ proposal, a, b }] : [];
    });
  },

  'contacts.decide': async ({ caseId, proposalId, accept, reviewAt }, { backend }) => {
    const contacts = await caseContacts(backend, caseId);
    if (!(await decidePair(contacts, proposalId, accept))) throw new ApiError('not-found', 'That merge proposal no longer exists');
    return outcome(contacts, reviewAt);
  },

  'contacts.review': async ({ caseId, offset, proposalId }, { backend }) => reviewPage(await caseContacts(backend, caseId), offset, proposalId),

  'contacts.decideKind': async ({ caseId, kind, accept, reviewAt }, { backend }) => decideKind(await caseContacts(backend, caseId), kind, accept, reviewAt),

  'contacts.undoDecision': async ({ caseId, reviewAt }, { backend }) => undoLast(await caseContacts(backend, caseId), reviewAt),

  'contacts.split': async ({ caseId, personId }, { backend }) => {
    const contacts = await caseContacts(backend, caseId);
    await contacts.update((book) => splitPerson(book, personId));
    return { persons: personCount(contacts.result()) };
  },

  'contacts.groups': async ({ caseId }, { backend }) => (await caseContacts(backend, caseId)).result().groups,

  'contacts.setName': async (args, { backend }) => {
    const contacts = await caseContacts(backend, args.caseId);
    const id = personIdNow(contacts.result(), args.personId);
    const wanted = 'pick' in args ? { pick: args.pick } : { name: args.name };
    const done = await contacts.update((book) => setPersonName(book, id, wanted, contacts.result()));
    if (!done) throw new ApiError('not-found', 'pick' in args ? `Person ${args.personId} has no name "${args.pick}"` : `No person ${args.personId}`);
    return personNow(contacts.result(), id);
  },

  'contacts.clearName': async ({ caseId, personId }, { backend }) => {
    const contacts = await caseContacts(backend, caseId);
    const id = personIdNow(contacts.result(), personId);
    await contacts.update((book) => clearPersonName(book, id, contacts.result()));
    return personNow(contacts.result(), id);
  },
};

/** A person id as the UI may still hold it, after merges and splits changed it. */
function personIdNow(result: MergeResult, personId: string): string {
  return result.aliases.get(personId) ?? personId;
}

function personNow(result: MergeResult, id: string): Person {
  const person = result.persons.find((p) => p.id === id);
  if (!person) throw new ApiError('not-found', `No person ${id}`);
  return person;
}
