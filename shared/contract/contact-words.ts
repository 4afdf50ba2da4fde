// The word lists of the contacts contract, without zod: the backend's import and merge code needs
// them, and `relink import` should not load zod (and every schema of the contract) for three arrays
// (~60 ms of a command's start-up). contacts.ts builds its schemas from them and re-exports them.

/** What one spreadsheet column can mean. `ignore` drops the column. */
export const CONTACT_FIELDS = [
  'name',
  'givenName',
  'familyName',
  'nickname',
  'remark',
  'phone',
  'email',
  'wechatId',
  'wxid',
  'label',
  'org',
  'note',
  'qq',
  'ignore',
] as const;

// Merge review: the kinds of evidence a proposed pair can have, strongest first (electron/contacts/review.ts).
export const EVIDENCE_KINDS = [
  /** Same name, nothing contradicts, and something else agrees: organisation, e-mail domain, nickname. */
  'name-and-context',
  /** Same name, and no identifier of one kind differs between them. */
  'name-no-conflict',
  /** Different characters that read the same (张三 / 章三), nothing contradicts. */
  'pinyin-no-conflict',
  /** Same name, both with phone numbers, all different. */
  'name-different-phones',
  /** Same name, but different WeChat IDs, wxids or e-mails. */
  'name-different-ids',
  /** Same reading only, and identifiers that differ. */
  'pinyin-different-ids',
] as const;

/** Code pages a vCard's undeclared text or a non-UTF CSV may be read in (the guess chooses among them; the user may pick another). */
export const LEGACY_CHARSETS = [
  'gb18030',
  'big5',
  'shift_jis',
  'windows-1250',
  'windows-1251',
  'windows-1252',
  'windows-1253',
  'windows-1255',
  'koi8-r',
  'iso-8859-2',
  'iso-8859-5',
  'iso-8859-7',
] as const;
