// Handlers for the merged contact list of a case.
import { searchPersons } from '../../contacts';
import type { Handlers } from '../backend';

export const contactsHandlers: Handlers<'contacts.list'> = {
  'contacts.list': async ({ caseId, query, offset, limit }, { backend }) => {
    const contacts = await backend.contacts.get(await backend.cases.existing(caseId));
    const all = contacts.persons();
    const found = query?.trim() ? searchPersons(all, query) : all;
    return { total: found.length, persons: found.slice(offset, offset + limit) };
  },
};
