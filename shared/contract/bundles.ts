// Case bundles: a whole case as one `.relink` file, optionally locked with a passphrase.
import { z } from 'zod';
import { caseId, fileRef } from './core';

/** Exported bundles wait under <data dir>/exports/bundles/ for the browser to download them. */
export const bundleFileName = z.string().regex(/^[^\\/\0]{1,200}\.relink$/).refine((n) => !n.startsWith('.'));

export const bundlesMethods = {
  /** The passphrase is handed to the encryption only: never stored or logged. */
  'cases.exportBundle': z.object({ caseId, passphrase: z.string().min(1).max(1024).optional(), jobId: z.string().max(64).optional() }),
  /** Turns the case into one encrypted file in the data folder; the plain files go once it is read back. */
  'cases.lock': z.object({ caseId, passphrase: z.string().min(1).max(1024) }),
  'cases.unlock': z.object({ caseId, passphrase: z.string().min(1).max(1024) }),
  'cases.importBundle': z.object({
    file: fileRef,
    passphrase: z.string().min(1).max(1024).optional(),
    /** A case of the same name exists: refuse (ask the user), import beside it, or replace it (kept in .trash). */
    onClash: z.enum(['refuse', 'new', 'replace']).default('refuse'),
    jobId: z.string().max(64).optional(),
  }),
};

export interface BundleExported {
  fileName: string;
  /** GET this to download the bundle (either host serves it). */
  downloadPath: string;
  folder: string;
  parts: number;
  bytes: number;
  encrypted: boolean;
}

export interface BundlesResults {
  'cases.exportBundle': BundleExported;
  'cases.importBundle': { caseId: string; name: string; parts: number; replacedKeptAs?: string };
  'cases.lock': { locked: true };
  'cases.unlock': { unlocked: true };
}
