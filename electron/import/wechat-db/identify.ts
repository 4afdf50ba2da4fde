// What a decrypted WeChat database is, told by its tables (never by its file name, which tools
// change: PyWxDump writes de_MicroMsg.db and merge_all.db, chatlog keeps the original names).
// See ../shared/reference/wechat-databases.md for the layouts.
import type { DatabaseSync } from 'node:sqlite';

export type WechatDbKind =
  /** PC 3.x MicroMsg.db: the Contact table. */
  | 'pc3-contacts'
  /** PC 3.x MSG0..n.db: messages only. */
  | 'pc3-messages'
  /** PyWxDump's merge: MSG + Contact + sync_log in one file. */
  | 'pywxdump-merged'
  /** PC 4.x contact.db. */
  | 'pc4-contacts'
  /** PC 4.x message_N.db: one Msg_<md5> table per chat. */
  | 'pc4-messages'
  /** macOS 3.x msg_N.db: Chat_<md5> tables. */
  | 'mac3-messages'
  /** macOS 3.x Contact/wccontact_new2.db: the WCContact table. */
  | 'mac3-contacts'
  /** Android EnMicroMsg.db, decrypted: message + rcontact + userinfo. */
  | 'android'
  /** Another of WeChat's databases, with neither contacts nor chats: sessions, voice and media, file links, avatars. */
  | 'wechat-other'
  | 'unknown';

/** Tables of WeChat's other databases (3.x Misc/MediaMSG/HardLink*, 4.x session/media/hardlink/head_image, macOS group_new). */
const OTHER_WECHAT_TABLES = [
  'SessionTable', 'Session', 'VoiceInfo', 'Media', 'HardLinkImageAttribute', 'HardLinkVideoAttribute', 'HardLinkFileAttribute',
  'image_hardlink_info_v3', 'image_hardlink_info_v4', 'dir2id', 'ContactHeadImg1', 'head_image', 'GroupContact', 'GroupMember',
];

export function tableNames(db: DatabaseSync): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

export function identifyWechatDatabase(tables: Set<string>): WechatDbKind {
  const has = (name: string) => tables.has(name);
  const any = (re: RegExp) => [...tables].some((t) => re.test(t));
  if (has('message') && has('rcontact') && has('userinfo')) return 'android';
  if (has('MSG') && has('Contact') && has('sync_log')) return 'pywxdump-merged';
  if (has('Contact') && (has('ContactLabel') || has('ChatRoom') || has('Session'))) return 'pc3-contacts';
  if (has('MSG') && (has('Name2ID') || has('DBInfo'))) return 'pc3-messages';
  // Table names are case-insensitive in SQLite, but sqlite_master keeps them as created: 4.x is lower case.
  if (has('contact') && !has('Contact') && (has('contact_label') || has('chat_room') || has('name2id'))) return 'pc4-contacts';
  if (any(/^Msg_[0-9a-f]{32}$/i) && (has('Name2Id') || has('name2id'))) return 'pc4-messages';
  if (any(/^Chat_[0-9a-f]{32}$/i)) return 'mac3-messages';
  if (has('WCContact')) return 'mac3-contacts';
  if (OTHER_WECHAT_TABLES.some(has)) return 'wechat-other';
  return 'unknown';
}

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * A database file whose first page is noise: an encrypted (SQLCipher) WeChat database that was never
 * decrypted. Its first 16 bytes are a random salt and every page after is ciphertext, so the bytes
 * are near-uniform (≥ 7.5 bits per byte over 4 KB); a damaged SQLite file keeps its header.
 */
export function looksLikeEncryptedDatabase(name: string, head: Uint8Array): boolean {
  if (!/\.(db|sqlite3?|dat)$/i.test(name) || head.length < 4096) return false;
  if (SQLITE_MAGIC.equals(Buffer.from(head.subarray(0, 16)))) return false;
  const counts = new Uint32Array(256);
  for (let i = 0; i < 4096; i++) counts[head[i]!]!++;
  let bits = 0;
  for (const n of counts) if (n) bits -= (n / 4096) * Math.log2(n / 4096);
  return bits >= 7.5;
}
