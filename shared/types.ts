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
  /** English text, as the command line and logs show it. */
  message: string;
  severity: 'error' | 'warning';
  /** Stable id of the problem (e.g. "file-empty"), so the UI can say it in the user's language. */
  code?: string;
  /** Values the translated text needs (line, card number, what the file looks like…). */
  params?: IssueParams;
}

/** Values filled into a translated issue text; string values that are codes are translated too. */
export type IssueParams = Record<string, string | number>;

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
  /**
   * The countries of the record's addresses as written ("United Kingdom", "DE", "英国"): evidence
   * of the region its national phone numbers belong to (electron/contacts/phone-region.ts).
   */
  countries?: string[];
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
  /** A decrypted WeChat database (PC 3.x / 4.x, PyWxDump's merge, Android). */
  | 'wechat-db'
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
  /** Set when `name` is the user's choice (contacts.setName) rather than the one the records give. */
  chosenName?: ChosenName;
}

/** How the user fixed a person's name: one of the names the records carry, or one they typed. */
export interface ChosenName {
  typed: boolean;
  /** The name the records alone would give (what "automatic" restores). */
  automatic: string;
}

/** What a record's name field is: WeChat remark, full (display) name, its parts, nickname, company. */
export type NameKind = 'remark' | 'name' | 'givenName' | 'familyName' | 'nickname' | 'org';

/** One name the records of a person carry, with every record (and field) it was seen in. */
export interface NameCandidate {
  value: string;
  seen: { kind: NameKind; source: SourceRef }[];
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
  /** Decrypted WeChat databases (PC 3.x, 4.x, PyWxDump's merge, Android), read as they are. */
  | 'wechat-db'
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
  /** A reply that quotes an earlier message (WeChat 引用). */
  | 'quote'
  /** A pat (WeChat 拍一拍): a notice, no one's message. */
  | 'pat'
  | 'other';

export type ChatKind = 'private' | 'group';

/** A line or record of an import that was not archived, and why. */
export interface SkippedRecord {
  line?: number;
  /** English text, as the command line shows it. */
  reason: string;
  /** Stable id of the reason, for the UI's own words (see ImportIssue.code). */
  code?: string;
  params?: IssueParams;
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
  /** How the whole file was read where the app had to guess (e.g. the day/month order, a time zone): kept, but worth checking. */
  notes?: SkippedRecord[];
  /** Whole-file problem (unreadable, not an export, …); nothing from the file was added when set before any message. */
  error?: string;
  /** Stable id of `error`, for the UI's own words (see ImportIssue.code). */
  errorCode?: string;
  errorParams?: IssueParams;
  /** Pictures handed to the shared content store. */
  pictures?: number;
}

export interface MessageImportSummary {
  files: MessageFileSummary[];
  messages: number;
  duplicates: number;
  aborted?: boolean;
  /** Decrypted WeChat databases found, one entry per account folder. */
  wechatDatabases?: WechatDbRecognition[];
}

/** What a dropped folder or file of decrypted WeChat databases holds ("WeChat 3.x database: 1,412 friends, 38 groups, 6 message files"). */
export interface WechatDbRecognition {
  /** The account folder (or the file, for a merged or Android database), as shown to the user. */
  folder: string;
  version: 'pc3' | 'pc4' | 'android' | 'pywxdump' | 'mac3';
  /** Friends and groups in its contact table; undefined when no contact database was found beside the messages. */
  friends?: number;
  groups?: number;
  messageFiles: number;
}

export interface ChatSummary {
  id: string;
  name: string;
  kind: ChatKind;
  platform: Platform;
  messages: number;
  /** ISO instant of the newest message. */
  lastAt?: string;
  /** The newest message's text, when it has one (a picture, a voice message… has none: see lastKind). */
  lastText?: string;
  lastKind?: MessageKind;
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
  /**
   * Media that came with the message: path as written in the export (relative to it), the
   * content-store hash once stored, and (voice, video, file) its size in bytes as stored.
   */
  media?: { path?: string; missing?: boolean; sha256?: string; size?: number };
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

// ─── photos (photo archive capability, issue 5) ───────────────────────────────────────────────
// Owned by the photo archive backend (electron/photos). Only additions below this line.

/** Picture or video format, detected from the content (magic bytes), never from the file name. */
export type PhotoType = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'avif' | 'bmp' | 'tiff' | 'wxgf' | 'mp4' | 'mov';

/** Where an imported picture was found. */
export type PhotoOriginKind = 'camera' | 'wechat' | 'backup' | 'chat';

/** How a picture's date was found, best first. */
export type PhotoDateSource = 'exif' | 'sidecar' | 'filename' | 'folder' | 'mtime';

export interface PhotoOrigin {
  /** Full path of the file as found; inside a zip: "<zip path>!/<entry name>". */
  path: string;
  kind: PhotoOriginKind;
  /** WeChat chat folder the picture belongs to (MsgAttach/<md5>, msg/attach/<hex>), or the chat named by the message archive. */
  chat?: string;
  /** Original file name. */
  name: string;
  /** Original modification time, ISO instant. */
  mtime: string;
}

export interface PhotoRecord {
  sha256: string;
  type: PhotoType;
  mime: string;
  size: number;
  /** ISO 8601; local time without offset when the source had none (EXIF, file names, folders). */
  date: string;
  dateSource: PhotoDateSource;
  origins: PhotoOrigin[];
  /** Only WeChat's small preview (_t.dat) was found so far; replaced when the full picture turns up. */
  thumbnailOnly: boolean;
  width?: number;
  height?: number;
}

export interface PhotoImportProgress {
  phase: 'scanning' | 'importing' | 'thumbnails' | 'done';
  filesTotal: number;
  filesScanned: number;
  bytesTotal: number;
  bytesDone: number;
  /** WeChat .dat files decoded into pictures. */
  picturesDecoded: number;
  newPictures: number;
  duplicates: number;
  bytesPerSecond: number;
  currentPath?: string;
  thumbnailsDone?: number;
  thumbnailsTotal?: number;
}

export interface PhotoProblem {
  path: string;
  /** English words (command line); `code` and `params`, when set, are for the UI's words. */
  message: string;
  code?: string;
  params?: IssueParams;
}

export interface PhotoImportSummary {
  /** Pictures added to the archive. */
  new: number;
  /** Files whose picture was already in the archive (another copy; origin remembered). */
  duplicates: number;
  /** Files already imported by an earlier run (same path, size and mtime): not read again. */
  unchanged: number;
  /** WeChat .dat files decoded into pictures. */
  decoded: number;
  /** Files that look like WeChat pictures but decode to nothing known. */
  couldNotDecode: PhotoProblem[];
  /** WeChat 4 "V2" pictures that need the account's key. */
  needsKey: { count: number; paths: string[] };
  /** Files that are not pictures (documents, sidecars, …). */
  skipped: number;
  /** Google Takeout sidecars used for dates. */
  sidecars: number;
  /** Files or folders that could not be read (permissions, vanished, broken zip…). */
  unreadable: PhotoProblem[];
  /** Thumbnails made / failed (e.g. HEIC the image library cannot read). */
  thumbnails: { made: number; failed: number };
  bytesRead: number;
  elapsedMs: number;
  cancelled: boolean;
  /** Set when the import stopped early, e.g. the disk is full. Already imported pictures are kept. */
  stoppedBecause?: string;
}

// ===================== readd (re-add planning) — owned by electron/readd =====================

/** One new account the user re-adds contacts on. A case may have several (e.g. a new WeChat and a Telegram). */
export interface ReaddTarget {
  id: string;
  platform: Platform;
  /** Display name of the new account. */
  newAccountName: string;
  /** Searchable ID of the new account (WeChat ID, @handle, phone, …). */
  newAccountId: string;
  /** Name of the old (banned) account, used in messages so contacts recognise the user. */
  oldAccountName: string;
  /** The user's own phone number, for the moved kit's card (phone address books need a number). */
  newPhone?: string;
  /** Overrides ReaddSettings.dailyLimit for this account. */
  dailyLimit?: number;
}

export interface ReaddSettings {
  targets: ReaddTarget[];
  activeTargetId: string;
  /** Friend requests per local calendar day (sent + accepted-without-prior-sent). */
  dailyLimit: number;
  /** Random gap between two requests, uniform in [minGapMs, maxGapMs]. */
  minGapMs: number;
  maxGapMs: number;
  /** Pause after the platform says "操作过于频繁". */
  coolDownMs: number;
  /** A "sent" request without acceptance comes back as a follow-up after this many days. */
  followUpAfterDays: number;
  /** How many follow-ups per person before giving up on suggesting more. */
  maxFollowUps: number;
  /** Labels that move a person up the queue; earlier in the list = higher priority. */
  priorityLabels: string[];
  /** IANA zone ("Asia/Shanghai") or fixed offset ("+08:00"); undefined = the system zone. Decides what "today" is. */
  timezone?: string;
  locale: Locale;
  /** Verification message templates per locale; placeholders {name} {me} {old} {remark}. */
  templates: Record<Locale, string>;
  /** The user's own name for {me}; falls back to the active target's newAccountName. */
  myName?: string;
  /** Messages longer than this (platform counting: each character = 1) get a warning. */
  maxMessageLength: number;
}

export type ReaddOutcome = ReaddStatus;
/** What record() accepts: a status change, or "I followed up through another channel". */
export type ReaddAction = ReaddOutcome | 'follow-up-sent';

/** Progress of one person on one target. Timestamps are epoch milliseconds. */
export interface ReaddProgress {
  status: ReaddStatus;
  /** Friend requests sent (each counted request adds one). */
  attempts: number;
  followUps: number;
  updatedAt: number;
  sentAt?: number;
  acceptedAt?: number;
  declinedAt?: number;
  notFoundAt?: number;
  skippedAt?: number;
  laterAt?: number;
  lastFollowUpAt?: number;
}

/** How a person can be found on a platform. */
export type SearchKeyKind = 'wechatId' | 'phone' | 'telegram' | 'whatsapp' | 'weibo' | 'email' | 'handle';
export interface SearchKey {
  kind: SearchKeyKind;
  /** Exactly what to type into the platform's search box. */
  value: string;
}

/** Structured suggestions (the UI translates the code). */
export type ReachSuggestion =
  | { code: 'ask-mutual-friend'; groups: string[] }
  | { code: 'email'; email: string }
  | { code: 'sms'; phone: string }
  | { code: 'call'; phone: string }
  | { code: 'other-platform'; kind: string; value: string };

export interface QueueItem {
  personId: string;
  name: string;
  remark?: string;
  status: ReaddStatus;
  attempts: number;
  /** Best key first; searchKeys[0] is what to search. */
  searchKeys: SearchKey[];
  starred: boolean;
  /** The first matching priority label, when any. */
  priorityLabel?: string;
  strength?: InteractionStrength;
  /** Position set by the user (lower first), when reordered. */
  manualRank?: number;
  /** Verification message rendered from the active template. */
  message: string;
  messageLength: number;
  messageTooLong: boolean;
  /** For follow-ups: other ways to reach the person. */
  suggestions?: ReachSuggestion[];
  /** For follow-ups: when the request was sent. */
  sentAt?: number;
}

/** What a person without a search key does carry (the real reason they cannot be searched). */
export type UnsearchableKey = 'wxid' | 'email' | 'landline' | 'phone' | 'other-platform';

export interface NeedsAnotherWayItem {
  personId: string;
  name: string;
  reason: 'no-search-key' | 'not-found';
  /** For 'no-search-key': what they have instead (none at all when empty). */
  has?: UnsearchableKey[];
  status: ReaddStatus;
  suggestions: ReachSuggestion[];
  /** Ready-made "I've moved" drafts (e-mail, SMS) for people with an address or a mobile. */
  drafts?: { channel: 'email' | 'sms'; to: string; url: string }[];
  /** When the user last reached them another way (a message sent outside the platform). */
  reachedAt?: number;
}

export interface ReaddQueue {
  queue: QueueItem[];
  needsAnotherWay: NeedsAnotherWayItem[];
  followUps: QueueItem[];
}

export interface Pacing {
  targetId: string;
  dailyLimit: number;
  /** Requests counted today (local day in settings.timezone). */
  usedToday: number;
  remainingToday: number;
  limitReached: boolean;
  /** Earliest instant the next request may be sent (>= now). */
  nextAllowedAt: number;
  /** nextAllowedAt - now, for the countdown. */
  waitMs: number;
  canSendNow: boolean;
  /** Set while a cool-down ("too frequent") is active. */
  coolDownUntil?: number;
  /** Start of the next local day. */
  nextResetAt: number;
  /** Local day key YYYY-MM-DD of `now`. */
  today: string;
}

interface ReaddEventBase {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
}
export type ReaddEvent = ReaddEventBase &
  (
    | {
        type: 'outcome';
        targetId: string;
        personId: string;
        action: ReaddAction;
        /** The person's progress before, null when none (for undo). */
        prev: ReaddProgress | null;
        /** True when it counts against the daily limit. */
        counted: boolean;
        /** Random gap drawn for the next request (counted events only). */
        gapMs?: number;
      }
    | { type: 'settings'; patch: Partial<ReaddSettings>; prev: Partial<ReaddSettings> }
    | { type: 'order'; personIds: string[]; prev: Record<string, number | null> }
    | { type: 'exclude'; personIds: string[]; excluded: boolean; prev: Record<string, boolean> }
    | { type: 'star'; personIds: string[]; starred: boolean; prev: Record<string, boolean> }
    | {
        type: 'cool-down';
        targetId: string;
        reason: 'too-frequent' | 'manual' | 'cleared';
        until: number | null;
        prev: number | null;
      }
    | { type: 'undo'; undoneSeq: number }
  );

/** Read-only state the pure functions work on. */
export interface ReaddStateView {
  lastSeq: number;
  settings: ReaddSettings;
  /** targetId → personId → progress. */
  progress: Record<string, Record<string, ReaddProgress>>;
  /** targetId → counted requests (for limits and the per-day series). */
  requests: Record<string, { seq: number; at: number; personId: string; gapMs: number }[]>;
  /** targetId → acceptances. */
  acceptances: Record<string, { seq: number; at: number; personId: string }[]>;
  coolDownUntil: Record<string, number>;
  manualRank: Record<string, number>;
  excluded: Record<string, true>;
  starred: Record<string, true>;
  /** Undoable events, oldest first (bounded). */
  undoStack: ReaddEvent[];
}

export interface DashboardData {
  targetId: string;
  counts: Record<ReaddStatus, number>;
  excluded: number;
  total: number;
  needsAnotherWay: number;
  /** Local days from the first request to today. */
  perDay: { day: string; requests: number; acceptances: number }[];
  remainingToday: number;
  /** Requests per day used for the ETA: min(limit, recent actual rate). */
  pacePerDay: number;
  /** Days to finish the pending queue; null when nothing can be sent at this pace. */
  etaDays: number | null;
  /** Local day key of the estimated finish. */
  etaDay: string | null;
}
// ===================== end readd =====================

// ===================== contacts (merging imported records into persons) — owned by electron/contacts =====================

/** Two persons that only share a name: shown side by side for the user to accept or reject. */
export interface MergeProposal {
  /** Stable for the pair of persons. */
  id: string;
  /** Person ids, a < b. */
  a: string;
  b: string;
  reason: 'same-name' | 'same-pinyin';
  /** Display names of a and b. */
  names: [string, string];
}

export interface MergeResult {
  /** Sorted by pinyin-aware name. */
  persons: Person[];
  proposals: MergeProposal[];
  /** Record key → id of the person the record is in. */
  recordIndex: Map<string, string>;
  /** Person id → its record keys, the record anchoring the id first. */
  personRecords: Map<string, string[]>;
  /** Former person id → current person id, for ids that changed (merges, splits, removed records). */
  aliases: Map<string, string>;
  /** WeChat group chats of all imports, one per id, by id. */
  groups: GroupChat[];
}
