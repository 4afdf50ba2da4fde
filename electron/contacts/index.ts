// Contacts: merging imported contact records into one list of persons.
//
// Store a ContactBookData (raw records per file + the user's decisions) and recompute persons with
// mergePersons() whenever it changes: the person list is a pure, deterministic function of the
// book, whatever the order of records inside each file.
//
//  - Same person = a shared phone (E.164, or ≥ 7 digits when not a valid number), e-mail
//    (case-insensitive), WeChat ID (case-insensitive) or wxid. A legacy user name (wxid without the
//    "wxid_" prefix) also counts as a WeChat ID. Names alone only produce MergeProposals.
//  - Decisions (accepted / rejected / splits) are stored as record keys, which survive re-imports
//    and reordering; acceptProposal / rejectProposal / splitPerson translate from person ids.
//  - A name the user fixed (setPersonName / clearPersonName) is kept the same way and put on the
//    person by mergePersons: `person.name` is the one name to show and export (name-choice.ts).
//  - Person ids are stable: see merge.ts. After every merge, move data keyed by a person id that is
//    no longer in `persons` to `result.aliases.get(id)` (two old ids can meet in one person when
//    persons merge: keep the more advanced re-add progress).
//  - Memory: each file's records are packed (packed-records.ts), decoded when needed.
//  - Speed: mergePersons memoises per file's records and per person, so treat the returned
//    persons as read-only values (replaceFileRecords puts in new records).
//    100k records: see bench/contacts-merge.ts.
//  - Changing book.defaultRegion changes the keys of records keyed by a national phone number, and
//    so decisions about them; it is meant to be set when the case is created.
export type { ContactBookData, MergeDecisions, NameChoice } from './book';
export { emptyContactBook, fileRecords, packBook } from './book';
export { PackedRecords } from './packed-records';
export type { ReplaceCounts } from './file-records';
export { FileRecordPacker, groupChats, removeFile, replaceFileRecords, storedRecord } from './file-records';
export { mergePersons, personCount, personFinder, proposalCount, proposalsOf } from './merge';
export { acceptProposal, rejectProposal, splitPerson } from './decisions';
export type { NameWanted } from './name-choice';
export { clearPersonName, namesAndNotes, setPersonName } from './name-choice';
export type { NormalizedPhone } from './phone';
export { normalizePhone } from './phone';
export { searchPersons } from './search';
export { recordsOfPerson } from './inspect';
export type { MergeProposal, MergeResult } from '../../shared/types';
export { decisionsOf } from './book';
export type { Evidence, EvidenceKind, RankedProposal } from './review';
export { classify, countByKind, EVIDENCE_KINDS, rankProposals } from './review';
export type { Person } from '../../shared/types';
