// Domain types shared by the backend, the renderer and the command line.
// Pure types only: this folder imports neither node, electron nor react.

/** Where a value came from: the imported file (as the user named it) and the record inside it. */
export interface SourceRef {
  /** File path or name as imported. */
  file: string;
  /** Human-readable record locator, e.g. "card 3 (line 41)" or "row 12". */
  record: string;
}

export interface ImportIssue {
  file: string;
  /** Record locator when the problem is in one record, e.g. "card 7 (line 120)". */
  record?: string;
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

export type HandleKind = 'telegram' | 'qq' | 'weibo' | 'whatsapp' | 'skype' | 'sip' | 'url' | 'other';

/** One contact as read from one record of one file, before merging. */
export interface RawContact {
  source: SourceRef;
  /** Display name (FN, or built from given/family, or remark/nickname for WeChat exports). */
  name?: string;
  givenName?: string;
  familyName?: string;
  nickname?: string;
  /** WeChat remark (备注) or similar user-given name. */
  remark?: string;
  phones: { value: string; label?: string }[];
  emails: { value: string; label?: string }[];
  /** Searchable WeChat IDs (微信号 / Alias, or legacy custom user names). */
  wechatIds: string[];
  /** Internal WeChat user names (wxid_…): not searchable, but identify a person across exports. */
  wxids: string[];
  handles: { kind: HandleKind; value: string }[];
  labels: string[];
  org?: string;
  note?: string;
  /** Avatar picture when the record carries one inline. */
  photo?: { mime: string; base64: string };
}

/** A WeChat group chat found in a contact export (kept apart from persons). */
export interface GroupChat {
  id: string;
  name?: string;
  source: SourceRef;
}

export type ContactFormat =
  | 'vcard'
  | 'csv-google'
  | 'csv-outlook'
  | 'csv-thunderbird'
  | 'csv-generic'
  | 'wechat-memotrace'
  | 'wechat-wechatexporter'
  | 'wechat-weflow-csv'
  | 'wechat-weflow-json'
  | 'wechat-pywxdump'
  | 'wechat-chatlog'
  | 'telegram';

/** A value of a merged person, with every record it was seen in. */
export interface Valued {
  value: string;
  /** Original text before normalization (e.g. "138 0013 8000" for +8613800138000). */
  original?: string;
  label?: string;
  sources: SourceRef[];
}

export interface Person {
  id: string;
  name: string;
  names: Valued[];
  remark?: string;
  nickname?: string;
  phones: Valued[];
  emails: Valued[];
  wechatIds: Valued[];
  wxids: Valued[];
  handles: (Valued & { kind: HandleKind })[];
  labels: string[];
  org?: string;
  note?: string;
  /** data: URL of an imported avatar, when one was imported. */
  avatar?: string;
  sources: SourceRef[];
}

/** How much the user talked with a person: filled from the message archive. */
export interface InteractionStrength {
  messages: number;
  last12Months: number;
  /** ISO instant of the last message. */
  lastAt?: string;
}

export type Platform = 'wechat' | 'weibo' | 'xianyu' | 'telegram' | 'whatsapp' | 'other';

export type ReaddStatus = 'pending' | 'sent' | 'accepted' | 'declined' | 'notFound' | 'skipped' | 'later';

export type Locale = 'zh-CN' | 'en';

// ===================== messages (chat archive) — owned by electron/messages =====================

export type MessageFormat =
  | 'memotrace-csv'
  | 'memotrace-txt'
  | 'memotrace-html'
  | 'pywxdump-csv'
  | 'pywxdump-json'
  | 'wechatexporter-txt'
  | 'chatlog-csv'
  | 'weflow-json'
  | 'chatlab-json'
  | 'chatlab-jsonl'
  | 'whatsapp-txt'
  | 'whatsapp-zip'
  | 'telegram-json'
  | 'unknown';

export type MessageKind =
  | 'text'
  | 'image'
  | 'voice'
  | 'video'
  | 'file'
  | 'sticker'
  | 'link'
  | 'location'
  | 'contact'
  | 'system'
  | 'call'
  | 'transfer'
  | 'redPacket'
  | 'forward'
  | 'recall'
  | 'other';

export type ChatKind = 'private' | 'group';

/** A line or record of an import that was not archived, and why. */
export interface SkippedRecord {
  line?: number;
  reason: string;
}

export interface MessageFileSummary {
  /** The file as given (or "archive.zip!entry.txt" for a zip entry). */
  file: string;
  format: MessageFormat;
  chats: number;
  /** Messages newly added to the archive. */
  messages: number;
  /** Messages already in the archive (re-import, overlapping exports). */
  duplicates: number;
  skipped: SkippedRecord[];
  /** Whole-file problem (unreadable, not an export, …); nothing from the file was added when set before any message. */
  error?: string;
  /** Pictures handed to the shared content store. */
  pictures?: number;
}

export interface MessageImportSummary {
  files: MessageFileSummary[];
  messages: number;
  duplicates: number;
  aborted?: boolean;
}

export interface ChatSummary {
  id: string;
  name: string;
  kind: ChatKind;
  platform: Platform;
  messages: number;
  /** ISO instant of the newest message. */
  lastAt?: string;
  lastText?: string;
  participants: { name: string; handles: string[]; isSelf: boolean }[];
}

export interface ArchivedMessage {
  id: string;
  chatId: string;
  /** UTC instant, ISO 8601. */
  at: string;
  /** The time exactly as written in the export (local time, original format). */
  localTime: string;
  sender: { name: string; handles: string[]; isSelf: boolean };
  kind: MessageKind;
  text: string;
  /** Media that came with the message: path as written in the export (relative to it), and the content-store hash once stored. */
  media?: { path?: string; missing?: boolean; sha256?: string };
  /** The message this one quotes or answers, when the export says. */
  replyTo?: { messageId?: string; sender?: string; text?: string };
  /** File it was imported from (first import wins). */
  sourceFile: string;
}

export interface SearchHit {
  chat: string;
  chatId: string;
  messageId: string;
  sender: string;
  /** UTC instant, ISO 8601. */
  time: string;
  text: string;
  /** [start, end) UTF-16 offsets into text. */
  highlights: [number, number][];
}

/**
 * Handles used as keys of interactionStrengths / messageStats people:
 * WeChat `wxid_…` / WeChat ID as exported; phones as `+<digits>` (or digits only when the export had no country code);
 * `telegram:<user id>`; `whatsapp:<name as shown>` when the export shows a name instead of a phone;
 * `name:<display name>` when the export gives nothing better.
 */
export type MessageHandle = string;
