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
