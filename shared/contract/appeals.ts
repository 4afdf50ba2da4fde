// Contract for appeals and the recovery timeline (issue 17): the accounts a case is about and their
// bans, each appeal with its attachments (kept in the case's content store), replies, next steps,
// reminders, and one chronological timeline of the whole recovery.
import { z } from 'zod';
import type { ImportIssue } from '../types';
import { caseId, fileRef } from './core';
import { sha256Hex } from './photos';
import { PLATFORMS } from './readd';

export const BAN_KINDS = ['function-restricted', 'temporary', 'permanent'] as const;
export const ACCOUNT_STATES = ['banned', 'appealing', 'restored', 'given-up'] as const;
export const APPEAL_CHANNELS = ['in-app', 'customer-service', 'hotline', 'letter', 'friend-assisted'] as const;
export const REMINDER_KINDS = ['reapply', 'follow-up', 'friend-unblock-expires', 'other'] as const;

export type BanKind = (typeof BAN_KINDS)[number];
export type AccountState = (typeof ACCOUNT_STATES)[number];
export type AppealChannel = (typeof APPEAL_CHANNELS)[number];
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A calendar day as the user names it (YYYY-MM-DD, no time, no zone). */
export const dayKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'not a date (YYYY-MM-DD)')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'no such date');

const text = (max: number) => z.string().max(max).default('');
const recordId = z.string().regex(/^[a-z]+-[a-z0-9]{6,40}$/, 'not a record id');

export const accountInput = z.object({
  platform: z.enum(PLATFORMS),
  name: text(100),
  /** The platform's account ID (微信号), as the platform shows it. */
  handle: text(100),
  phone: text(40),
  banDate: dayKey.optional(),
  banKind: z.enum(BAN_KINDS).optional(),
  /** Length of a temporary ban. */
  banDays: z.number().int().min(1).max(3650).optional(),
  /** The ban notice exactly as the platform showed it (pasted). */
  notice: text(5000),
  /** The earliest day the notice allows a new appeal. */
  reapplyFrom: dayKey.optional(),
  state: z.enum(ACCOUNT_STATES).default('banned'),
});
export type AccountInput = z.output<typeof accountInput>;

export const appealInput = z.object({
  accountId: recordId,
  date: dayKey,
  channel: z.enum(APPEAL_CHANNELS),
  /** What the platform asked for (handwritten letter, ID photo, face check, a friend to vouch…). */
  askedFor: text(2000),
  /** What was sent. */
  sent: text(2000),
  reply: text(5000),
  replyDate: dayKey.optional(),
  nextStep: text(1000),
  nextStepDate: dayKey.optional(),
});
export type AppealInput = z.output<typeof appealInput>;

export const reminderInput = z.object({
  kind: z.enum(REMINDER_KINDS),
  due: dayKey,
  note: text(500),
  accountId: recordId.optional(),
});
export type ReminderInput = z.output<typeof reminderInput>;

export interface AppealAccount extends AccountInput {
  id: string;
  createdAt: number;
  updatedAt: number;
}

/** Attachments the page may show inline (pictures a browser draws); anything else is only offered as a download. */
export function showsInline(mime: string): boolean {
  return /^image\/(jpeg|png|gif|webp|avif|bmp)$/.test(mime);
}

export interface AppealAttachment {
  sha256: string;
  /** The file's name as the user picked it. */
  name: string;
  mime: string;
  size: number;
  addedAt: number;
}

export interface AppealRecord extends AppealInput {
  id: string;
  attachments: AppealAttachment[];
  createdAt: number;
  updatedAt: number;
}

/** A reminder: written by the user, or made from a ban's re-apply date or an appeal's next step. */
export interface Reminder {
  id: string;
  kind: ReminderKind;
  due: string;
  note: string;
  accountId?: string;
  appealId?: string;
  source: 'ban' | 'appeal' | 'manual';
  done: boolean;
  /** Against today in the case's time zone. */
  status: 'overdue' | 'today' | 'upcoming' | 'done';
}

export interface AppealsView {
  /** Today in the case's time zone (the re-add settings' zone), YYYY-MM-DD. */
  today: string;
  accounts: AppealAccount[];
  /** Oldest first. */
  appeals: AppealRecord[];
  /** Open ones first by due day, then the done ones. */
  reminders: Reminder[];
  issues: ImportIssue[];
}

/** One dated line of the recovery timeline; the UI words it from `kind` and `params`. */
export interface TimelineEntry {
  /** YYYY-MM-DD (local day in the case's zone for recorded instants). */
  day: string;
  /** Sorting within a day: epoch ms when known. */
  at: number;
  kind:
    | 'ban'
    | 'appeal'
    | 'reply'
    | 'account-restored'
    | 'account-given-up'
    | 'new-account'
    | 'readd-first-request'
    | 'readd-accepted'
    | 'readd-done'
    | 'photos-imported'
    | 'chats-imported';
  params: Record<string, string | number>;
}

export const appealsMethods = {
  'appeals.view': z.object({ caseId }),
  /** Adds an account (no id) or replaces one. */
  'appeals.saveAccount': z.object({ caseId, id: recordId.optional(), account: accountInput }),
  'appeals.saveAppeal': z.object({ caseId, id: recordId.optional(), appeal: appealInput }),
  /** Copies the picked files into the case's content store and lists them on the appeal. */
  'appeals.attach': z.object({ caseId, appealId: recordId, files: z.array(fileRef).min(1).max(50) }),
  'appeals.detach': z.object({ caseId, appealId: recordId, sha256: sha256Hex }),
  'appeals.saveReminder': z.object({ caseId, id: recordId.optional(), reminder: reminderInput }),
  /** Marks a reminder (also one made from a ban or an appeal) done, or open again. */
  'appeals.setReminderDone': z.object({ caseId, reminderId: z.string().min(1).max(100), done: z.boolean() }),
  'appeals.remove': z.object({ caseId, what: z.enum(['account', 'appeal', 'reminder']), id: recordId }),
  'appeals.timeline': z.object({ caseId }),
};

export interface AppealsResults {
  'appeals.view': AppealsView;
  'appeals.saveAccount': AppealsView;
  'appeals.saveAppeal': AppealsView;
  'appeals.attach': AppealsView;
  'appeals.detach': AppealsView;
  'appeals.saveReminder': AppealsView;
  'appeals.setReminderDone': AppealsView;
  'appeals.remove': AppealsView;
  'appeals.timeline': TimelineEntry[];
}
