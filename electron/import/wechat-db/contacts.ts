// Friends out of a decrypted WeChat database, as RawContacts like every other import: wxid and
// WeChat ID (so chat exports and other lists link to them), the remark the user gave as the name
// to show, nickname, labels, and the phone 3.x keeps in ExtraBuf. Groups are listed apart;
// official accounts, strangers (group members who are not friends), deleted and system accounts
// are not contacts.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { DatabaseSync } from 'node:sqlite';
import type { RawContact } from '../../../shared/types';
import { throwIfAborted } from '../abort';
import { addLabel, addPhone, addWechatIdentifier, classifyWechatUserName, clean, finishName, newContact } from '../contact';
import type { ImportRun } from '../run';
import { readExtraBuf } from './extra-buf';
import { accountRoot, macGroupDbNear } from './layout';

type Row = Record<string, unknown>;

const text = (v: unknown): string | undefined => (typeof v === 'string' ? clean(v) : typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined);
const int = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v ?? 0) || 0);
const blob = (v: unknown): Uint8Array | undefined => (v instanceof Uint8Array ? v : undefined);

/** WeChat's own service accounts: in the contact table with friend-like flags, never people. */
const SYSTEM_ACCOUNTS = new Set([
  'filehelper', 'weixin', 'fmessage', 'floatbottle', 'medianote', 'qqmail', 'qmessage', 'qqsync', 'tmessage',
  'newsapp', 'blogapp', 'masssendapp', 'feedsapp', 'voipapp', 'officialaccounts', 'notification_messages',
  'helper_entry', 'voicevoipapp', 'voiceinputapp', 'linkedinplugin', 'notifymessage', 'cardpackage', 'weibo',
  'qqfriend', 'exmail_tool', 'shakeapp', 'lbsapp', 'meishiapp', 'brandsessionholder', 'facebookapp', 'topstoryapp',
  'appbrand_notify_message', 'opencustomerservicemsg', 'downloaderapp', 'findersayhisessionholder',
  'brandservicesessionholder', 'userexperience_alarm', 'mphelper', 'weixinreminder', 'wxitil', 'chatroom_session_box',
]);

/**
 * A friend starred in WeChat (Type / flag bit 6) gets WeChat's own name for them as a label, so the
 * list can be filtered by it and the re-add queue can put them first like any priority label.
 */
export const STARRED_LABEL = '星标朋友';
const STARRED_BIT = 1 << 6;

function addStarred(c: RawContact, flags: number): void {
  if (flags & STARRED_BIT) addLabel(c, STARRED_LABEL);
}

interface Tally {
  officials: number;
  strangers: number;
}

function labelNames(db: DatabaseSync, table: string, idColumn: string, nameColumn: string): Map<string, string> {
  const names = new Map<string, string>();
  try {
    for (const row of db.prepare(`SELECT "${idColumn}" AS id, "${nameColumn}" AS name FROM "${table}"`).iterate() as Iterable<Row>) {
      const name = text(row.name);
      if (name) names.set(String(row.id), name);
    }
  } catch {
    // No label table in this version: contacts keep no labels.
  }
  return names;
}

function addLabelIds(c: RawContact, ids: string | undefined, names: Map<string, string>): void {
  for (const id of (ids ?? '').split(/[,;]/)) {
    const name = names.get(id.trim());
    if (name) addLabel(c, name);
  }
}

/**
 * One row of a contact table → a friend, a group, or nothing. `isFriend` is the version's own test
 * (3.x and Android: Type bit 0; 4.x: local_type 1).
 */
function take(run: ImportRun, tally: Tally, row: {
  userName: string | undefined;
  /** The version marks groups itself (4.x local_type 2), beside the `@chatroom` name. */
  isGroup?: boolean;
  isFriend: boolean;
  official: boolean;
  deleted: boolean;
  remark?: string;
  nickname?: string;
  alias?: string;
  record: string;
}): RawContact | undefined {
  const kind = classifyWechatUserName(row.userName);
  if (kind === 'empty' || row.deleted || SYSTEM_ACCOUNTS.has(row.userName!.toLowerCase())) return undefined;
  const source = { file: run.file, record: row.record };
  if (kind === 'group' || row.isGroup) {
    run.groups.push({ id: row.userName!, name: row.remark ?? row.nickname, source });
    return undefined;
  }
  if (kind === 'official' || row.official) {
    tally.officials++;
    return undefined;
  }
  if (!row.isFriend) {
    tally.strangers++;
    return undefined;
  }
  const c = newContact(source);
  addWechatIdentifier(c, row.userName);
  addWechatIdentifier(c, row.alias);
  c.remark = row.remark;
  c.nickname = row.nickname;
  return c;
}

function emit(run: ImportRun, c: RawContact, i: number): void {
  finishName(c);
  run.emit(c);
  if ((i & 1023) === 0) throwIfAborted(run.signal);
}

/** PC 3.x MicroMsg.db (and PyWxDump's merge, which carries the same Contact table). */
export function readPc3Contacts(run: ImportRun, db: DatabaseSync): Tally {
  const tally = { officials: 0, strangers: 0 };
  const labels = labelNames(db, 'ContactLabel', 'LabelId', 'LabelName');
  let i = 0;
  for (const row of db.prepare('SELECT * FROM Contact').iterate() as Iterable<Row>) {
    const userName = text(row.UserName);
    const type = int(row.Type);
    const c = take(run, tally, {
      userName,
      isFriend: (type & 1) === 1,
      official: int(row.VerifyFlag) !== 0,
      deleted: int(row.DelFlag) !== 0,
      remark: text(row.Remark),
      nickname: text(row.NickName),
      alias: text(row.Alias),
      record: `Contact ${userName ?? `row ${i + 1}`}`,
    });
    i++;
    if (!c) continue;
    addLabelIds(c, text(row.LabelIDList), labels);
    addStarred(c, type);
    const phone = readExtraBuf(blob(row.ExtraBuf), 'phone');
    if (typeof phone === 'string') addPhone(c, phone);
    emit(run, c, i);
  }
  return tally;
}

/** The label ids in a 4.x contact's extra_buffer: protobuf field 30, a comma-separated text. */
function pc4LabelIds(buf: Uint8Array | undefined): string | undefined {
  if (!buf || buf.length === 0) return undefined;
  try {
    const reader = new BinaryReader(buf);
    while (reader.pos < reader.len) {
      const [field, wireType] = reader.tag();
      if (field === 30 && wireType === WireType.LengthDelimited) return reader.string();
      reader.skip(wireType);
    }
  } catch {
    // A buffer in another shape: no labels rather than no contact.
  }
  return undefined;
}

/** PC 4.x contact.db. */
export function readPc4Contacts(run: ImportRun, db: DatabaseSync): Tally {
  const tally = { officials: 0, strangers: 0 };
  const labels = labelNames(db, 'contact_label', 'label_id_', 'label_name_');
  let i = 0;
  for (const row of db.prepare('SELECT * FROM contact').iterate() as Iterable<Row>) {
    const userName = text(row.username);
    const localType = int(row.local_type);
    const c = take(run, tally, {
      userName,
      isGroup: localType === 2,
      isFriend: localType === 1,
      official: int(row.verify_flag) !== 0,
      deleted: int(row.delete_flag) !== 0,
      remark: text(row.remark),
      nickname: text(row.nick_name),
      alias: text(row.alias),
      record: `contact ${userName ?? `row ${i + 1}`}`,
    });
    i++;
    if (!c) continue;
    addLabelIds(c, pc4LabelIds(blob(row.extra_buffer)), labels);
    addStarred(c, int(row.flag));
    emit(run, c, i);
  }
  return tally;
}

/** Android EnMicroMsg.db, decrypted. */
export function readAndroidContacts(run: ImportRun, db: DatabaseSync): Tally {
  const tally = { officials: 0, strangers: 0 };
  const labels = labelNames(db, 'ContactLabel', 'labelID', 'labelName');
  let i = 0;
  for (const row of db.prepare('SELECT * FROM rcontact').iterate() as Iterable<Row>) {
    const userName = text(row.username);
    const c = take(run, tally, {
      userName,
      isFriend: (int(row.type) & 1) === 1,
      official: int(row.verifyFlag) !== 0,
      deleted: false,
      remark: text(row.conRemark),
      nickname: text(row.nickname),
      alias: text(row.alias),
      record: `rcontact ${userName ?? `row ${i + 1}`}`,
    });
    i++;
    if (!c) continue;
    addLabelIds(c, text(row.contactLabelIds), labels);
    addStarred(c, int(row.type));
    emit(run, c, i);
  }
  return tally;
}

/**
 * WeChat for Mac 3.x `Contact/wccontact_new2.db`: `WCContact(m_nsUsrName, nickname, m_nsRemark,
 * m_nsAliasName, m_uiCertificationFlag, …)` is the friend list (group members who are not friends are
 * kept in the group database instead); a certification flag marks an official account. The macOS
 * layout is thinly documented: only these columns are relied on.
 */
export function readMac3Contacts(run: ImportRun, db: DatabaseSync): Tally {
  const tally = { officials: 0, strangers: 0 };
  let i = 0;
  for (const row of db.prepare('SELECT * FROM WCContact').iterate() as Iterable<Row>) {
    const userName = text(row.m_nsUsrName);
    const c = take(run, tally, {
      userName,
      isFriend: true,
      official: int(row.m_uiCertificationFlag) !== 0,
      deleted: false,
      remark: text(row.m_nsRemark),
      nickname: text(row.nickname),
      alias: text(row.m_nsAliasName),
      record: `WCContact ${userName ?? `row ${i + 1}`}`,
    });
    i++;
    if (c) emit(run, c, i);
  }
  readMac3Groups(run, macGroupDbNear(accountRoot(run.path, 'mac3-contacts')));
  return tally;
}

/** The Mac account's groups, listed apart like every version's: `Group/group_new.db` `GroupContact` beside the contact folder. */
function readMac3Groups(run: ImportRun, path: string | undefined): void {
  if (!path) return;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    for (const row of db.prepare('SELECT m_nsUsrName AS id, m_nsRemark AS remark, nickname FROM GroupContact').iterate() as Iterable<Row>) {
      const id = text(row.id);
      if (id) run.groups.push({ id, name: text(row.remark) ?? text(row.nickname), source: { file: path, record: `GroupContact ${id}` } });
    }
  } catch {
    // No readable group database beside the contacts: the friends stand alone.
  } finally {
    db?.close();
  }
}
