// Contract for the contact list (filled by imports; the import screen arrives with issue 3).
import { z } from 'zod';
import type { Person } from '../types';
import { caseId } from './core';

export const contactsMethods = {
  'contacts.list': z.object({
    caseId,
    query: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
};

export interface ContactsResults {
  'contacts.list': { total: number; persons: Person[] };
}
