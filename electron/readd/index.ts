// Re-add planning: public API for the app's API layer, the UI and the command line.
export { ReaddStore, ReaddInputError, type ReaddStoreOptions, type EventFilter } from './store';
export { ReaddLockedError } from './lock';
export { ReaddSettingsError, defaultSettings, defaultTarget, DEFAULT_TEMPLATES, DEFAULT_PRIORITY_LABELS, activeTarget, dailyLimitFor } from './settings';
export { loadReaddState, readdPaths, type LoadedReaddState } from './load';
export { buildQueue, personIdsWithLabel, compareNames, moveInOrder, type BuildQueueOptions } from './queue';
export { pacing, planToday, drawGap, type Rng } from './pacing';
export { renderTemplate, messageFor, platformLength, type TemplateVars, type RenderedMessage } from './template';
export { dashboard, type DashboardTally } from './dashboard';
export { searchKeysFor, reachSuggestions, phoneForms } from './search-key';
export { statusOf, progressOf, countsAgainstLimit, lastUndoable, STATUSES, UNDO_DEPTH } from './state';
export { localDayKey, startOfNextLocalDay, systemTimeZone, isValidTimeZone } from './local-day';
export { progressCsv, progressCsvPieces } from './export-progress';
export { queueVcard, queueVcardPieces, newAccountVcard, escapeVcardText } from './export-vcard';
export { movedKit, movedQr, movedDrafts, mailtoUrl, smsUrl, MOVED_TEMPLATES, type MovedKit, type MovedQr, type MovedDraft } from './moved-kit';
export { makeProgressCommand, makeMarkCommand, progressCommand, markCommand, type CliCommandFn, type LoadPersons } from './cli';
export { QueueIndex, queueSettingsKey } from './queue-index';
