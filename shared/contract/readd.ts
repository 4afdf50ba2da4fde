// Contract for guided re-adding: the plan for today, outcomes, pacing, settings, history, exports.
import { z } from 'zod';
import type {
  DashboardData,
  ImportIssue,
  NeedsAnotherWayItem,
  Pacing,
  QueueItem,
  ReaddEvent,
  ReaddSettings,
} from '../types';
import { caseId, exportedFileName, type ExportedFile } from './core';

export const PLATFORMS = ['wechat', 'weibo', 'xianyu', 'telegram', 'whatsapp', 'other'] as const;
export const READD_ACTIONS = ['pending', 'sent', 'accepted', 'declined', 'notFound', 'skipped', 'later', 'follow-up-sent'] as const;
export type ReaddActionName = (typeof READD_ACTIONS)[number];

const personId = z.string().min(1).max(100);
const personIds = z.array(personId).max(100_000);

const targetPatch = z.object({
  platform: z.enum(PLATFORMS),
  newAccountName: z.string().max(100),
  newAccountId: z.string().max(100),
  oldAccountName: z.string().max(100),
  newPhone: z.string().max(40),
});

/** The settings the UI may change; the re-add store validates the result as a whole again. */
export const readdSettingsPatch = z
  .object({
    target: targetPatch.partial(),
    dailyLimit: z.number().int().min(1).max(500),
    minGapMs: z.number().int().min(0).max(86_400_000),
    maxGapMs: z.number().int().min(0).max(86_400_000),
    coolDownMs: z.number().int().min(60_000).max(30 * 86_400_000),
    followUpAfterDays: z.number().int().min(1).max(60),
    priorityLabels: z.array(z.string().min(1).max(50)).max(50),
    templates: z.object({ 'zh-CN': z.string().max(500), en: z.string().max(500) }).partial(),
    myName: z.string().max(100),
    locale: z.enum(['zh-CN', 'en']),
  })
  .partial();
export type ReaddSettingsPatch = z.infer<typeof readdSettingsPatch>;

export interface ReaddCard extends QueueItem {
  /** data: URL of the imported avatar, when there is one. */
  avatar?: string;
  labels: string[];
  /** Merge proposals not reviewed yet that pair this person with someone of the same name (review before sending). */
  maybeSameAs?: { proposalId: string; personId: string; name: string }[];
}

export interface ReaddView {
  now: number;
  settings: ReaddSettings;
  pacing: Pacing;
  /** The contact to work on now (first of today's plan), when any. */
  current?: ReaddCard;
  /** Today's plan after the current one: never more than the day's remaining allowance. */
  upNext: QueueItem[];
  /** Everyone still pending, in queue order (for the whole-queue view it is paged separately). */
  queueTotal: number;
  followUps: QueueItem[];
  /** Requests sent and not answered yet (newest first), so an acceptance can be recorded any time. */
  awaiting: { personId: string; name: string; sentAt?: number }[];
  needsAnotherWay: NeedsAnotherWayItem[];
  dashboard: DashboardData;
  canUndo: boolean;
  /** What Undo would take back (the newest undoable event), so the button can say it. */
  undoes?: ReaddHistoryItem;
  /** Whether the case has any contacts at all. */
  persons: number;
  /** Merge proposals not reviewed yet: re-adding before the review may send two requests to one person. */
  unreviewed: number;
  issues: ImportIssue[];
}

export interface ReaddHistoryItem {
  event: ReaddEvent;
  /** Names of the persons the event is about (outcome, star, exclude, order). */
  names: string[];
}

/** Re-add exports wait under <data dir>/exports/readd/ for the page to download them. */
export const readdExportFileName = exportedFileName('csv', 'vcf');

/** A file made in the page itself (the appeals timeline CSV), saved through a Blob. */
export interface ReaddFile {
  fileName: string;
  mime: string;
  content: string;
}

export const readdMethods = {
  'readd.view': z.object({ caseId }),
  'readd.record': z.object({ caseId, personId, action: z.enum(READD_ACTIONS) }),
  'readd.undo': z.object({ caseId }),
  'readd.settings': z.object({ caseId, patch: readdSettingsPatch }),
  'readd.tooFrequent': z.object({ caseId }),
  /** Other cases on this computer with friend requests recorded today (the helpers' safety note). */
  'readd.otherCasesToday': z.object({ caseId }),
  'readd.clearCoolDown': z.object({ caseId }),
  'readd.star': z.object({ caseId, personIds, starred: z.boolean() }),
  'readd.exclude': z.object({ caseId, personIds, excluded: z.boolean() }),
  'readd.moveToFront': z.object({ caseId, personIds }),
  'readd.queue': z.object({
    caseId,
    label: z.string().max(100).optional(),
    /** Name, pinyin or initials, phone digits, WeChat ID, e-mail (as the contact list's search). */
    query: z.string().max(200).optional(),
    includeExcluded: z.boolean().default(true),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(500),
  }),
  'readd.history': z.object({ caseId, limit: z.number().int().min(1).max(5000).default(200) }),
  /** A long job at a large case: written under the data folder (temp file, renamed when whole), then downloaded. */
  'readd.export': z.object({ caseId, kind: z.enum(['progress-csv', 'queue-vcard', 'moved-vcard']), jobId: z.string().max(64).optional() }),
  'readd.movedKit': z.object({ caseId, encode: z.enum(['id', 'vcard']).default('id') }),
};

export interface ReaddQueueRow {
  personId: string;
  name: string;
  labels: string[];
  status: QueueItem['status'];
  searchKey?: string;
  starred: boolean;
  excluded: boolean;
  /** Verification message for people still in the queue (for the printable checklist). */
  message?: string;
}

export interface ReaddResults {
  'readd.view': ReaddView;
  'readd.record': ReaddView;
  'readd.undo': ReaddView;
  'readd.settings': ReaddView;
  'readd.tooFrequent': ReaddView;
  'readd.otherCasesToday': { names: string[] };
  'readd.clearCoolDown': ReaddView;
  'readd.star': ReaddView;
  'readd.exclude': ReaddView;
  'readd.moveToFront': ReaddView;
  'readd.queue': { total: number; rows: ReaddQueueRow[]; labels: string[] };
  'readd.history': ReaddHistoryItem[];
  'readd.export': ExportedFile;
  'readd.movedKit': {
    vcard: string;
    qr: { content: string; svg: string; pngDataUrl: string };
    drafts: { personId: string; name: string; channel: 'email' | 'sms'; to: string; subject?: string; body: string; url: string }[];
  };
}
