// The core part of the API contract: app info, cases, settings, jobs, uploads.
// Each method is a zod schema for its arguments plus the TypeScript type of its result.
// The backend validates every call against these schemas, whichever transport it came by.
import { z } from 'zod';
import type { Locale } from '../types';

export const caseId = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[\\/]/.test(s) && s !== '.' && s !== '..' && !s.startsWith('.'), 'not a case id');

/** A file the user picked: by path (Electron dialogs, command line) or by upload (browser mode). */
export const fileRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('upload'), id: z.string().regex(/^[a-f0-9]{32}$/), name: z.string().min(1).max(1024) }),
]);
export type FileRef = z.infer<typeof fileRef>;

/** A WeChat 4 image key as people note it: 16 characters, or those 16 bytes as 32 hex digits. */
export const WECHAT_IMAGE_KEY = /^\s*(?:[0-9a-fA-F]{32}|[\x21-\x7e]{16})\s*$/;
/**
 * The AES key of WeChat 4 V2 `.dat` pictures, only when the user noted their account's key
 * themselves (Relink never looks for keys). Sent with one import; never stored or logged.
 */
export const wechatImageKey = z.string().regex(WECHAT_IMAGE_KEY);

export const localeSchema = z.enum(['zh-CN', 'en']);

export interface AppInfo {
  version: string;
  mode: 'electron' | 'browser';
  systemLocale: Locale;
  /** The locale chosen in Settings, or forced with --lang; undefined = follow the system. */
  locale?: Locale;
  dataDir: string;
  /** True when file paths can be picked natively (Electron); browser mode uploads instead. */
  nativeDialogs: boolean;
}

export interface CaseSummary {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  folder: string;
  /** Region whose phone numbers may be written without a country code (ISO 3166, e.g. CN). */
  defaultRegion: string;
  counts: { persons: number };
  /** A locked case is one encrypted file: it can be unlocked or deleted, nothing else. */
  locked?: { at: string; bytes: number };
  /** Re-add progress at a glance (open cases). */
  overview?: CaseOverview;
}

export interface CaseOverview {
  sent: number;
  accepted: number;
  /** Persons not yet settled (pending or "later"), the excluded left out. */
  remaining: number;
  lastActivityAt?: string;
  /** Days left at the pace of the last week; null when nothing was sent lately. */
  etaDays: number | null;
  /** What a helper should look at first: a "too frequent" cool-down, follow-ups that are due, appeal reminders due. */
  attention: (
    | { kind: 'cool-down'; until: number }
    | { kind: 'follow-ups'; count: number }
    /** Appeal reminders due today or earlier and not done; `first` is the earliest due day (YYYY-MM-DD). */
    | { kind: 'reminders'; count: number; first: string }
  )[];
}

/** Something the user must be told about a case, e.g. a state file that could not be read. */
export interface CaseNotice {
  kind: 'corrupt-state-kept-aside';
  file: string;
  keptAs: string;
}

export interface CaseOpened extends CaseSummary {
  notices: CaseNotice[];
}

export const coreMethods = {
  'app.info': z.object({}),
  'settings.setLocale': z.object({ locale: localeSchema.nullable() }),
  'cases.list': z.object({}),
  'cases.create': z.object({ name: z.string().trim().min(1).max(80), defaultRegion: z.string().regex(/^[A-Z]{2}$/).default('CN') }),
  'cases.open': z.object({ caseId }),
  'cases.rename': z.object({ caseId, name: z.string().trim().min(1).max(80) }),
  /** Deleting needs the case's current name typed again: a confirmation the backend checks. */
  'cases.delete': z.object({ caseId, confirmName: z.string() }),
  'jobs.cancel': z.object({ jobId: z.string().min(1).max(64) }),
};

export interface CoreResults {
  'app.info': AppInfo;
  'settings.setLocale': AppInfo;
  'cases.list': CaseSummary[];
  'cases.create': CaseSummary;
  'cases.open': CaseOpened;
  'cases.rename': CaseSummary;
  'cases.delete': { deleted: true; keptAs: string };
  'jobs.cancel': { cancelled: boolean };
}

/** A file a long export wrote under the data folder (a temp file renamed when whole); the page GETs downloadPath. */
export interface ExportedFile {
  fileName: string;
  downloadPath: string;
  bytes: number;
}

/** Names the export download route serves (electron/host/export-routes.ts): one file, never a hidden temp file. */
export const exportedFileName = (...extensions: string[]) =>
  z
    .string()
    .regex(new RegExp(`^[^\\\\/\\0]{1,200}\\.(${extensions.join('|')})$`))
    .refine((n) => !n.startsWith('.'));

/** Every long job (a call given a jobId) and the counters its progress events carry. */
export interface JobCounters {
  'contacts.import': { files: number; fileIndex: number; records: number; bytesRead: number; totalBytes: number };
  'messages.import': { messages: number; bytesRead: number; totalBytes: number };
  'photos.import': {
    /** Index into scanning, importing, thumbnails, done. */
    phase: number;
    filesTotal: number;
    filesScanned: number;
    bytesTotal?: number;
    bytesDone?: number;
    picturesDecoded?: number;
    newPictures?: number;
    duplicates?: number;
    bytesPerSecond?: number;
    thumbnailsDone?: number;
    thumbnailsTotal?: number;
  };
  'photos.verify': { checked: number; total: number };
  'photos.export': { written: number; total: number };
  'cases.exportBundle': { done: number; total: number };
  'cases.importBundle': { done: number; total: number };
  /** Messages written of the chat's total. */
  'messages.export': { written: number; total: number };
  /** Persons written of the export's total. */
  'readd.export': { written: number; total: number };
}
export type JobKind = keyof JobCounters;

/** Progress of one kind of long job, pushed to the renderer while the call is running. */
export type JobProgressOf<K extends JobKind> = {
  type: 'job.progress';
  jobId: string;
  job: K;
  /** 0..1 when known. */
  fraction?: number;
  /** Seconds left, once the fraction has moved long enough to tell (electron/api/eta.ts). */
  etaSeconds?: number;
  elapsedSeconds: number;
  counters: JobCounters[K];
  /** The file being worked on, or a stage such as 'staging'. */
  message?: string;
};

export type JobProgressEvent = { [K in JobKind]: JobProgressOf<K> }[JobKind];

export type ApiEvent = JobProgressEvent;
