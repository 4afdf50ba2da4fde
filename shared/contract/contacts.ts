// Contract for contact import, the merged contact list, and merge review.
import { z } from 'zod';
import type { ContactFormat, GroupChat, ImportIssue, InteractionStrength, MergeProposal, NameCandidate, Person, RawContact, ReaddStatus, SourceRef, WechatDbRecognition } from '../types';
import { caseId, fileRef, type FileRef } from './core';
import { CONTACT_FIELDS, EVIDENCE_KINDS, LEGACY_CHARSETS } from './contact-words';

export { CONTACT_FIELDS, EVIDENCE_KINDS, LEGACY_CHARSETS };

export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Column index -> field. */
export type ColumnMapping = Record<number, ContactField>;

export interface ContactFilePreview {
  file: string;
  format: ContactFormat | 'unknown';
  encoding: string;
  /**
   * vCard values that name no CHARSET and are not UTF-8: the code page they are read in (guessed, or
   * `charset` as the user chose it), and the names of the first cards read so, to see whether it is right.
   */
  legacyCharset?: { charset: LegacyCharset; chosen: boolean; names: string[] };
  delimiter?: string;
  headers?: string[];
  mapping?: ColumnMapping;
  sampleRows?: string[][];
  /**
   * CSV: the name the first rows' persons will show with the columns it is read from (family and
   * given name: two), as `mapping` reads them. `row` is the row number in the file (the header is 1).
   */
  names?: PreviewName[];
  estimatedRecords?: number;
  /** A decrypted WeChat contact database: what its account folder holds (friends, groups, message files beside it). */
  wechatDatabase?: WechatDbRecognition;
  issues: ImportIssue[];
}

export interface PreviewName {
  row: number;
  name: string;
  columns: number[];
}

export interface ContactFileSummary {
  file: string;
  format: ContactFormat | 'unknown';
  encoding: string;
  /** Contacts read from the file. */
  records: number;
  /** Records read but not imported (broken, empty, official accounts…). */
  skipped: number;
  groups: GroupChat[];
  owner?: RawContact;
  issues: ImportIssue[];
}

export interface ContactImportResult {
  files: (ContactFileSummary & { added: number; updated: number; removed: number; unchanged: number })[];
  persons: number;
  proposals: number;
}

export interface PersonDetail {
  person: Person;
  /** How much the user talked with this person, from the case's chat archive (when linked). */
  strength?: InteractionStrength;
  /** Every raw record merged into this person, with where it came from. */
  records: RawContact[];
  /** Every name those records carry (remark, name, its parts, nickname, company), for picking one. */
  names: NameCandidate[];
  /** The records' notes, each with its record. */
  notes: { text: string; source: SourceRef }[];
  /** The chat archive's name for this person (messages.person ref), when it has their messages. */
  chatRef?: string;
  /** Re-add status on the active new account. */
  readdStatus?: ReaddStatus;
}


export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  kind: EvidenceKind;
  /** What agrees beyond the name ("腾讯", "@tencent.com", a nickname), when something does. */
  agrees?: { what: 'org' | 'email-domain' | 'nickname'; value: string };
  /** Identifier kinds on which the two differ. */
  differs: ('phone' | 'wechatId' | 'wxid' | 'email')[];
}

export interface ReviewItem {
  proposal: MergeProposal;
  evidence: Evidence;
  a: Person;
  b: Person;
}

/** One page of the merge review: the pair at `offset` of `total`, and how many of each kind. */
export interface ReviewPage {
  total: number;
  offset: number;
  kinds: { kind: EvidenceKind; count: number }[];
  item?: ReviewItem;
}

export type UndoneDecision = 'merge' | 'keep-apart' | 'merge-kind' | 'keep-apart-kind';

/** Longest name the user may type. */
export const MAX_TYPED_NAME = 200;

/** The offset of the merge review's page a decision answers with (see contacts.decide). */
const reviewAt = z.number().int().min(0);

const mappingSchema = z.record(z.string().regex(/^\d+$/), z.enum(CONTACT_FIELDS));

export type LegacyCharset = (typeof LEGACY_CHARSETS)[number];
const charsetSchema = z.enum(LEGACY_CHARSETS);

export const contactsMethods = {
  // `mapping`: how to read the columns (the user's choice) instead of what the header suggests.
  // `charset`: the code page for a vCard's undeclared non-UTF-8 text or a CSV that is not UTF-8/16, instead of the guess.
  'contacts.preview': z.object({ caseId, files: z.array(fileRef).min(1).max(200), mapping: mappingSchema.optional(), charset: charsetSchema.optional() }),
  'contacts.import': z.object({
    caseId,
    files: z.array(z.object({ file: fileRef, mapping: mappingSchema.optional(), charset: charsetSchema.optional() })).min(1).max(200),
    jobId: z.string().max(64).optional(),
  }),
  'contacts.list': z.object({
    caseId,
    query: z.string().max(200).optional(),
    source: z.string().max(1024).optional(),
    label: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(200),
  }),
  'contacts.get': z.object({ caseId, personId: z.string().min(1).max(100) }),
  'contacts.proposals': z.object({ caseId }),
  /** `reviewAt`: also answer with the review's page at that offset once the decision is saved (one call per key). */
  'contacts.decide': z.object({ caseId, proposalId: z.string().min(1).max(200), accept: z.boolean(), reviewAt: reviewAt.optional() }),
  'contacts.split': z.object({ caseId, personId: z.string().min(1).max(100) }),
  'contacts.groups': z.object({ caseId }),
  /** One proposal of the ranked review (strongest evidence first), with the count of each kind. */
  'contacts.review': z.object({
    caseId,
    offset: z.number().int().min(0).default(0),
    /** Opens the review at this proposal instead (a link from a re-add card); `offset` when it is settled already. */
    proposalId: z.string().min(1).max(200).optional(),
  }),
  /** Settles every proposal of one evidence kind at once (undoable). */
  'contacts.decideKind': z.object({ caseId, kind: z.enum(EVIDENCE_KINDS), accept: z.boolean(), reviewAt: reviewAt.optional() }),
  /** Takes back the last review decision (one pair or one kind), while the app runs. */
  'contacts.undoDecision': z.object({ caseId, reviewAt: reviewAt.optional() }),
  /**
   * Fixes the name a person shows everywhere: `pick` one of the names their records carry
   * (PersonDetail.names), or type a `name`. Survives re-imports, merges and splits (see
   * electron/contacts/name-choice.ts).
   */
  'contacts.setName': z.union([
    z.object({ caseId, personId: z.string().min(1).max(100), pick: z.string().min(1).max(1000) }).strict(),
    z.object({ caseId, personId: z.string().min(1).max(100), name: z.string().trim().min(1).max(MAX_TYPED_NAME) }).strict(),
  ]),
  /** Back to the name the records give. */
  'contacts.clearName': z.object({ caseId, personId: z.string().min(1).max(100) }),
};

export interface ContactsResults {
  /** One entry per file to import: a picked folder expands to the files inside it. */
  'contacts.preview': (ContactFilePreview & { ref: FileRef })[];
  'contacts.import': ContactImportResult;
  'contacts.list': { total: number; persons: Person[]; labels: string[]; sources: string[] };
  'contacts.get': PersonDetail;
  'contacts.proposals': { proposal: MergeProposal; a: Person; b: Person }[];
  'contacts.decide': { persons: number; proposals: number; review?: ReviewPage };
  'contacts.split': { persons: number };
  'contacts.groups': GroupChat[];
  'contacts.review': ReviewPage;
  'contacts.decideKind': { decided: number; persons: number; proposals: number; review?: ReviewPage };
  'contacts.undoDecision': { undone?: UndoneDecision; count: number; persons: number; proposals: number; review?: ReviewPage };
  'contacts.setName': Person;
  'contacts.clearName': Person;
}
