// Contacts: merging imported contact records into one list of persons.
//
// Store a ContactBookData (raw records per file + the user's decisions) and recompute persons with
// mergePersons() whenever it changes: the person list is a pure, deterministic function of the
// book. See merge.ts for how person ids stay stable and how `aliases` carries progress over.
export type { ContactBookData, MergeDecisions } from './book';
export { emptyContactBook } from './book';
export type { ReplaceCounts } from './file-records';
export { groupChats, removeFile, replaceFileRecords } from './file-records';
export { mergePersons } from './merge';
export { acceptProposal, rejectProposal, splitPerson } from './decisions';
export type { NormalizedPhone } from './phone';
export { normalizePhone } from './phone';
export { searchPersons } from './search';
export { recordsOfPerson } from './inspect';
export type { MergeProposal, MergeResult } from '../../shared/types';
