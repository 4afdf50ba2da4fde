// All UI words: the shell's (zh-CN.ts / en.ts) and every screen's messages.ts, merged.
import type { Locale } from '../../shared/types';
import { en } from './en';
import { zhCN } from './zh-CN';
import { contactsMessages } from '../screens/contacts/messages';
import { nameMessages } from '../screens/contacts/name-messages';
import { readdMessages } from '../screens/readd/messages';
import { readdGuideMessages } from '../screens/readd/guide-messages';
import { contactFormatMessages } from '../screens/contacts/format-names';
import { photosMessages } from '../screens/photos/messages';
import { messagesMessages } from '../screens/messages/messages';
import { issuesMessages } from '../components/issues-messages';
import { reviewMessages } from '../screens/contacts/review-messages';
import { bundleMessages } from '../screens/cases/bundle-messages';
import { overviewMessages } from '../screens/cases/overview-messages';
import { appealsMessages } from '../screens/appeals/messages';
import { jobMessages } from '../components/job-messages';
import { charsetMessages } from '../screens/contacts/charset-messages';
import { wechatKeyMessages } from '../components/wechat-key-messages';

const parts = [
  contactsMessages,
  reviewMessages,
  nameMessages,
  bundleMessages,
  overviewMessages,
  readdMessages,
  readdGuideMessages,
  contactFormatMessages,
  photosMessages,
  messagesMessages,
  issuesMessages,
  appealsMessages,
  jobMessages,
  charsetMessages,
  wechatKeyMessages,
] as const;

type Part = (typeof parts)[number];
type PartKeys = Part extends infer P ? (P extends { 'zh-CN': infer Z } ? keyof Z : never) : never;
export type MessageKey = keyof typeof zhCN | PartKeys;

function merge(locale: Locale): Record<MessageKey, string> {
  const base: Record<string, string> = { ...(locale === 'zh-CN' ? zhCN : en) };
  for (const part of parts) Object.assign(base, part[locale]);
  return base as Record<MessageKey, string>;
}

export const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': merge('zh-CN'), en: merge('en') };
