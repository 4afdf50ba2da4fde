// Writes decrypted WeChat databases the way WeChat itself lays them out (tables, columns and value
// conventions from ../shared/reference/wechat-databases.md), since no real one may be shared.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { BinaryWriter } from '@bufbuild/protobuf/wire';

export interface FakeContact {
  wxid: string;
  alias?: string;
  remark?: string;
  nickname?: string;
  labels?: string[];
  phone?: string;
  starred?: boolean;
  /** friend (default), stranger (a group member who is not a friend), official, deleted. */
  kind?: 'friend' | 'stranger' | 'official' | 'deleted';
}

export interface FakeBook {
  contacts: FakeContact[];
  groups: { id: string; name: string }[];
}

export const SAMPLE: FakeBook = {
  contacts: [
    { wxid: 'wxid_zhangwei01', alias: 'zhangwei_88', remark: '张伟（大学）', nickname: '伟哥', labels: ['同学'], phone: '+86 138 0013 8000', starred: true },
    { wxid: 'wxid_lina02', nickname: '娜娜', labels: ['家人', '同学'] },
    { wxid: 'wangfang_1990', remark: '王芳', nickname: 'Fang' }, // a legacy custom user name: the searchable ID
    { wxid: 'wxid_stranger03', nickname: '群友', kind: 'stranger' },
    { wxid: 'gh_3dfda90e39d6', nickname: '招商银行', kind: 'official' },
    { wxid: 'wxid_gone04', nickname: '删了', kind: 'deleted' },
    { wxid: 'filehelper', nickname: '文件传输助手' },
  ],
  groups: [{ id: '12345678901@chatroom', name: '大学同学群' }],
};

function fresh(file: string): DatabaseSync {
  mkdirSync(dirname(file), { recursive: true });
  return new DatabaseSync(file);
}

/** 3.x ExtraBuf: tag, type 0x18, byte length (u32 LE), UTF-16LE text; other tags around it. */
export function extraBuf(phone: string | undefined): Uint8Array {
  const parts: Buffer[] = [Buffer.from([0x74, 0x75, 0x2c, 0x06, 0x04, 1, 0, 0, 0])]; // gender: int32 1
  if (phone) {
    const text = Buffer.from(`${phone}\0`, 'utf16le');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(text.length);
    parts.push(Buffer.from([0x75, 0x93, 0x78, 0xad, 0x18]), len, text);
  }
  const sig = Buffer.from('天天开心', 'utf16le');
  const sigLen = Buffer.alloc(4);
  sigLen.writeUInt32LE(sig.length);
  parts.push(Buffer.from([0x46, 0xcf, 0x10, 0xc4, 0x18]), sigLen, sig);
  return Buffer.concat(parts);
}

function labelIds(book: FakeBook): Map<string, number> {
  const ids = new Map<string, number>();
  for (const c of book.contacts) for (const l of c.labels ?? []) if (!ids.has(l)) ids.set(l, ids.size + 1);
  return ids;
}

/** 3.x Type: bit 0 friend, bit 6 starred; strangers 4; VerifyFlag marks official accounts. */
function pc3Type(c: FakeContact): number {
  if (c.kind === 'stranger') return 4;
  return 3 | (c.starred ? 64 : 0);
}

const PC3_CONTACT_COLUMNS = `UserName TEXT, Alias TEXT, EncryptUserName TEXT, DelFlag INTEGER DEFAULT 0, Type INTEGER DEFAULT 0,
  VerifyFlag INTEGER DEFAULT 0, Reserved1 INTEGER DEFAULT 0, Reserved2 INTEGER DEFAULT 0, Reserved3 TEXT, Reserved4 TEXT,
  Remark TEXT, NickName TEXT, LabelIDList TEXT, DomainList TEXT, ChatRoomType INT, PYInitial TEXT, QuanPin TEXT,
  RemarkPYInitial TEXT, RemarkQuanPin TEXT, BigHeadImgUrl TEXT, SmallHeadImgUrl TEXT, HeadImgMd5 TEXT,
  ChatRoomNotify INTEGER DEFAULT 0, Reserved5 INTEGER DEFAULT 0, Reserved6 TEXT, Reserved7 TEXT, ExtraBuf BLOB,
  Reserved8 INTEGER DEFAULT 0, Reserved9 INTEGER DEFAULT 0, Reserved10 TEXT, Reserved11 TEXT`;

function fillPc3Contacts(db: DatabaseSync, book: FakeBook): void {
  const labels = labelIds(book);
  for (const [name, id] of labels) db.prepare('INSERT INTO ContactLabel (LabelId, LabelName) VALUES (?, ?)').run(id, name);
  const insert = db.prepare(
    'INSERT INTO Contact (UserName, Alias, DelFlag, Type, VerifyFlag, Reserved1, Remark, NickName, LabelIDList, ExtraBuf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of book.contacts) {
    insert.run(
      c.wxid,
      c.alias ?? '',
      c.kind === 'deleted' ? 1 : 0,
      c.kind === 'official' ? 3 : pc3Type(c),
      c.kind === 'official' ? 24 : 0,
      c.kind === 'stranger' ? 0 : 1,
      c.remark ?? '',
      c.nickname ?? '',
      (c.labels ?? []).map((l) => `${labels.get(l)},`).join(''),
      extraBuf(c.phone),
    );
  }
  for (const g of book.groups) insert.run(g.id, '', 0, 2, 0, 1, '', g.name, '', new Uint8Array());
}

/** `<root>/Msg/MicroMsg.db` and `<root>/Msg/Multi/MSG0.db`, as WeChat 3.x writes them. */
export function writePc3(root: string, book: FakeBook = SAMPLE): { micromsg: string; msg0: string } {
  const micromsg = join(root, 'Msg', 'MicroMsg.db');
  const db = fresh(micromsg);
  db.exec(`CREATE TABLE Contact (${PC3_CONTACT_COLUMNS}, PRIMARY KEY (UserName));
    CREATE TABLE ContactLabel (LabelId INTEGER PRIMARY KEY, LabelName TEXT);
    CREATE TABLE ChatRoom (ChatRoomName TEXT PRIMARY KEY, UserNameList TEXT, DisplayNameList TEXT, Owner TEXT, SelfDisplayName TEXT, Reserved2 TEXT, RoomData BLOB);
    CREATE TABLE Session (strUsrName TEXT PRIMARY KEY, nOrder INTEGER, nUnReadCount INTEGER, strNickName TEXT, nIsSend INTEGER, strContent TEXT, nMsgType INTEGER, nTime INTEGER, Reserved2 INTEGER);`);
  fillPc3Contacts(db, book);
  db.close();
  const msg0 = join(root, 'Msg', 'Multi', 'MSG0.db');
  const m = fresh(msg0);
  m.exec(`CREATE TABLE MSG (localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT, Type INT, SubType INT,
      IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0, FlagEx INT, Status INT, MsgServerSeq INT,
      MsgSequence INT, StrTalker TEXT, StrContent TEXT, DisplayContent TEXT, Reserved0 INT DEFAULT 0, Reserved1 INT DEFAULT 0,
      Reserved2 INT DEFAULT 0, Reserved3 INT DEFAULT 0, Reserved4 TEXT, Reserved5 TEXT, Reserved6 TEXT, CompressContent BLOB,
      BytesExtra BLOB, BytesTrans BLOB);
    CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);
    CREATE TABLE DBInfo (tableIndex INT, tableVersion INT, tableDesc TEXT);`);
  m.close();
  return { micromsg, msg0 };
}

/** PyWxDump's merge_all.db: every source table in one file, no primary keys, a unique index per table, sync_log. */
export function writePywxdumpMerged(file: string, book: FakeBook = SAMPLE): string {
  const db = fresh(file);
  db.exec(`CREATE TABLE Contact (${PC3_CONTACT_COLUMNS});
    CREATE UNIQUE INDEX Contact_unique_index ON Contact (UserName);
    CREATE TABLE ContactLabel (LabelId INTEGER, LabelName TEXT);
    CREATE UNIQUE INDEX ContactLabel_unique_index ON ContactLabel (LabelId);
    CREATE TABLE MSG (localId INTEGER, TalkerId INT, MsgSvrID INT, Type INT, SubType INT, IsSender INT, CreateTime INT,
      StrTalker TEXT, StrContent TEXT, CompressContent BLOB, BytesExtra BLOB);
    CREATE UNIQUE INDEX MSG_unique_index ON MSG (MsgSvrID);
    CREATE TABLE sync_log (id INTEGER PRIMARY KEY AUTOINCREMENT, db_path TEXT, tbl_name TEXT, src_count INT, current_count INT, createTime INT);`);
  fillPc3Contacts(db, book);
  db.close();
  return file;
}

/** 4.x contact.extra_buffer: protobuf with the label ids as text in field 30, among other fields. */
function pc4ExtraBuffer(ids: number[]): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, 0).int32(1); // gender
  w.tag(4, 2).string('天天开心');
  if (ids.length) w.tag(30, 2).string(ids.join(','));
  return w.finish();
}

/** `<root>/db_storage/contact/contact.db` and an empty `message/message_0.db`, as WeChat 4.x writes them. */
export function writePc4(root: string, book: FakeBook = SAMPLE): { contact: string; message: string } {
  const contact = join(root, 'db_storage', 'contact', 'contact.db');
  const db = fresh(contact);
  db.exec(`CREATE TABLE contact (id INTEGER PRIMARY KEY, username TEXT, local_type INTEGER, alias TEXT, encrypt_username TEXT,
      flag INTEGER, delete_flag INTEGER, verify_flag INTEGER, remark TEXT, remark_quan_pin TEXT, remark_pin_yin_initial TEXT,
      nick_name TEXT, pin_yin_initial TEXT, quan_pin TEXT, big_head_url TEXT, small_head_url TEXT, head_img_md5 TEXT,
      chat_room_notify INTEGER, is_in_chat_room INTEGER, description TEXT, extra_buffer BLOB, chat_room_type INTEGER);
    CREATE TABLE contact_label (label_id_ INTEGER PRIMARY KEY, label_name_ TEXT, sort_order_ INTEGER);
    CREATE TABLE chat_room (id INTEGER PRIMARY KEY, username TEXT, owner TEXT, ext_buffer BLOB);
    CREATE TABLE name2id (username TEXT PRIMARY KEY);`);
  const labels = labelIds(book);
  for (const [name, id] of labels) db.prepare('INSERT INTO contact_label VALUES (?, ?, ?)').run(id, name, id);
  const insert = db.prepare(
    'INSERT INTO contact (username, local_type, alias, flag, delete_flag, verify_flag, remark, nick_name, extra_buffer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of book.contacts) {
    const localType = c.kind === 'stranger' ? 3 : 1;
    insert.run(c.wxid, localType, c.alias ?? '', c.starred ? 64 : 0, c.kind === 'deleted' ? 1 : 0, c.kind === 'official' ? 8 : 0, c.remark ?? '', c.nickname ?? '', pc4ExtraBuffer((c.labels ?? []).map((l) => labels.get(l)!)));
  }
  for (const g of book.groups) insert.run(g.id, 2, '', 0, 0, 0, '', g.name, new Uint8Array());
  db.close();
  const message = join(root, 'db_storage', 'message', 'message_0.db');
  const m = fresh(message);
  m.exec(`CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY);
    CREATE TABLE Msg_${'0'.repeat(32)} (local_id INTEGER PRIMARY KEY AUTOINCREMENT, server_id INTEGER, local_type INTEGER, sort_seq INTEGER,
      real_sender_id INTEGER, create_time INTEGER, status INTEGER, message_content TEXT, compress_content TEXT, packed_info_data BLOB);
    CREATE TABLE TimeStamp (timestamp INTEGER);`);
  m.close();
  return { contact, message };
}

/** A decrypted Android EnMicroMsg.db: message + rcontact + userinfo. */
export function writeAndroid(file: string, book: FakeBook = SAMPLE): string {
  const db = fresh(file);
  db.exec(`CREATE TABLE message (msgId INTEGER PRIMARY KEY, msgSvrId INTEGER, type INT, status INT, isSend INT, isShowTimer INTEGER,
      createTime INTEGER, talker TEXT, content TEXT, imgPath TEXT);
    CREATE TABLE rcontact (username TEXT PRIMARY KEY, alias TEXT, conRemark TEXT, domainList TEXT, nickname TEXT, pyInitial TEXT,
      quanPin TEXT, showHead INTEGER, type INT, weiboFlag INTEGER, weiboNickname TEXT, conRemarkPYFull TEXT, conRemarkPYShort TEXT,
      lvbuff BLOB, verifyFlag INTEGER DEFAULT 0, encryptUsername TEXT, chatroomFlag INTEGER, deleteFlag INTEGER DEFAULT 0, contactLabelIds TEXT);
    CREATE TABLE ContactLabel (labelID INTEGER PRIMARY KEY, labelName TEXT, labelPYFull TEXT, labelPYShort TEXT, createTime LONG, isTemporary INTEGER);
    CREATE TABLE userinfo (id INTEGER PRIMARY KEY, type INT, value TEXT);
    CREATE TABLE chatroom (chatroomname TEXT PRIMARY KEY, memberlist TEXT, displayname TEXT);`);
  db.prepare('INSERT INTO userinfo VALUES (2, 3, ?)').run('wxid_owner');
  const labels = labelIds(book);
  for (const [name, id] of labels) db.prepare('INSERT INTO ContactLabel (labelID, labelName) VALUES (?, ?)').run(id, name);
  const insert = db.prepare('INSERT INTO rcontact (username, alias, conRemark, nickname, type, verifyFlag, contactLabelIds) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const c of book.contacts) {
    if (c.kind === 'deleted') continue; // Android removes the row
    insert.run(c.wxid, c.alias ?? '', c.remark ?? '', c.nickname ?? '', c.kind === 'stranger' ? 4 : c.starred ? 67 : 3, c.kind === 'official' ? 24 : 0, (c.labels ?? []).map((l) => labels.get(l)).join(','));
  }
  for (const g of book.groups) insert.run(g.id, '', '', g.name, 2, 0, '');
  db.close();
  return file;
}
