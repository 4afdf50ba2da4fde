// Writes decrypted WeChat databases the way WeChat itself lays them out (tables, columns and value
// conventions from ../shared/reference/wechat-databases.md), since no real one may be shared.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { zstdCompressSync } from 'node:zlib';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import * as lz4 from 'lz4js';

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

/** A new, empty database file (any older one at the path removed). */
function fresh(file: string): DatabaseSync {
  mkdirSync(dirname(file), { recursive: true });
  rmSync(file, { force: true });
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

/** `<root>/db_storage/contact/contact.db`, `session/session.db` and an empty `message/message_0.db`, as WeChat 4.x writes them. */
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
  const session = fresh(join(root, 'db_storage', 'session', 'session.db'));
  session.exec(`CREATE TABLE SessionTable (username TEXT PRIMARY KEY, type INTEGER, unread_count INTEGER, summary TEXT, last_timestamp INTEGER,
    sort_timestamp INTEGER, last_msg_type INTEGER, last_msg_sub_type INTEGER, last_msg_sender TEXT, last_sender_display_name TEXT)`);
  session.close();
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
    CREATE TABLE chatroom (chatroomname TEXT PRIMARY KEY, memberlist TEXT, displayname TEXT);
    CREATE TABLE ImgInfo2 (id INTEGER PRIMARY KEY, msgSvrId LONG, offset INT, totalLen INT, bigImgPath TEXT, thumbImgPath TEXT, createtime INT,
      msglocalid INT, status INT, nettimes INT, reserved1 int, reserved2 int, reserved3 text, reserved4 text, hashdthumb int);`);
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

// ---------------------------------------------------------------------------------------------
// Message databases. One list of messages is written in each version's own way: 3.x MSG rows
// (IsSender, CreateTime in seconds, the group sender in BytesExtra, app messages as an LZ4 block in
// CompressContent), 4.x Msg_<md5(chat)> tables (local_type = sub << 32 | type, real_sender_id into
// Name2Id, `wxid:\n` before group messages, zstd-compressed XML, packed_info_data), Android
// `message` rows (milliseconds, `wxid:\n` prefix, the sub type only in the XML).

export const OWNER = 'wxid_owner';

export type FakeKind =
  | 'text' | 'image' | 'voice' | 'video' | 'emoji' | 'link' | 'file' | 'quote' | 'transfer' | 'redPacket'
  | 'location' | 'card' | 'pat' | 'recall' | 'system';

export interface FakeMessage {
  chat: string;
  /** wxid of the sender, or OWNER. */
  from: string;
  /** Epoch seconds. */
  at: number;
  kind: FakeKind;
  /** Text, or the title of a link / file / quote. */
  text?: string;
  /** Quote: what is quoted. */
  quoted?: { from: string; name: string; text: string; svrid: string };
  svrid?: string;
  /** Picture file md5 (4.x) / name (3.x). */
  picture?: string;
  /** Video file md5 (its name in FileStorage/Video and msg/video). */
  video?: string;
}

/** Type, SubType (3.x codes; 4.x packs them into local_type). */
const CODES: Record<FakeKind, [number, number]> = {
  text: [1, 0], image: [3, 0], voice: [34, 0], video: [43, 0], emoji: [47, 0], link: [49, 5], file: [49, 6],
  quote: [49, 57], transfer: [49, 2000], redPacket: [49, 2001], location: [48, 0], card: [42, 0], pat: [10000, 4],
  recall: [10000, 1], system: [10000, 0],
};

export const T0 = 1_704_067_200; // 2024-01-01T00:00:00Z

/** The sample chats: a friend, the group with a friend, a member who is no friend and the owner. */
export const SAMPLE_MESSAGES: FakeMessage[] = [
  { chat: 'wxid_zhangwei01', from: 'wxid_zhangwei01', at: T0 + 60, kind: 'text', text: '周末一起吃火锅吗？', svrid: '7001' },
  { chat: 'wxid_zhangwei01', from: OWNER, at: T0 + 120, kind: 'text', text: '好啊，老地方见', svrid: '7002' },
  { chat: 'wxid_zhangwei01', from: 'wxid_zhangwei01', at: T0 + 180, kind: 'image', picture: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', svrid: '7003' },
  { chat: 'wxid_zhangwei01', from: OWNER, at: T0 + 240, kind: 'quote', text: '就这家', quoted: { from: 'wxid_zhangwei01', name: '伟哥', text: '周末一起吃火锅吗？', svrid: '7001' }, svrid: '7004' },
  { chat: 'wxid_zhangwei01', from: 'wxid_zhangwei01', at: T0 + 300, kind: 'link', text: '成都最好吃的火锅', svrid: '7005' },
  { chat: 'wxid_zhangwei01', from: 'wxid_zhangwei01', at: T0 + 360, kind: 'voice', svrid: '7006' },
  { chat: 'wxid_zhangwei01', from: OWNER, at: T0 + 420, kind: 'transfer', text: '微信转账', svrid: '7007' },
  { chat: 'wxid_zhangwei01', from: 'wxid_zhangwei01', at: T0 + 480, kind: 'pat', text: '"伟哥" 拍了拍我', svrid: '7008' },
  { chat: 'wxid_zhangwei01', from: 'wxid_zhangwei01', at: T0 + 540, kind: 'recall', text: '"伟哥" 撤回了一条消息', svrid: '7009' },
  { chat: 'wxid_lina02', from: 'wxid_lina02', at: T0 + 600, kind: 'text', text: '妈妈说今晚回家吃饭', svrid: '7010' },
  { chat: 'wxid_lina02', from: OWNER, at: T0 + 660, kind: 'redPacket', text: '恭喜发财，大吉大利', svrid: '7011' },
  { chat: 'wxid_lina02', from: 'wxid_lina02', at: T0 + 720, kind: 'file', text: '照片清单.xlsx', svrid: '7012' },
  { chat: '12345678901@chatroom', from: 'wxid_zhangwei01', at: T0 + 800, kind: 'text', text: '大家好，我换新号了', svrid: '7013' },
  { chat: '12345678901@chatroom', from: 'wxid_stranger03', at: T0 + 860, kind: 'text', text: '欢迎欢迎', svrid: '7014' },
  { chat: '12345678901@chatroom', from: OWNER, at: T0 + 920, kind: 'text', text: '我也在', svrid: '7015' },
  { chat: '12345678901@chatroom', from: 'wxid_stranger03', at: T0 + 980, kind: 'emoji', svrid: '7016' },
  { chat: '12345678901@chatroom', from: 'wxid_stranger03', at: T0 + 1040, kind: 'location', svrid: '7017' },
  { chat: '12345678901@chatroom', from: 'wxid_zhangwei01', at: T0 + 1100, kind: 'card', svrid: '7018' },
  { chat: '12345678901@chatroom', from: 'wxid_zhangwei01', at: T0 + 1160, kind: 'video', svrid: '7019', video: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  { chat: '12345678901@chatroom', from: 'system', at: T0 + 1220, kind: 'system', text: '"伟哥"邀请"群友"加入了群聊', svrid: '7020' },
];

/** Display names members chose in the group (RoomData), not their nicknames. */
export const ROOM_NAMES: Record<string, string> = { wxid_zhangwei01: '张伟@成都', wxid_stranger03: '群友小李', [OWNER]: '我自己' };

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The content WeChat stores for a message: plain text, or the XML of an app or system message. */
export function fakeContent(m: FakeMessage): string {
  const appmsg = (type: number, inner: string) =>
    `<?xml version="1.0"?>\n<msg><appmsg appid="" sdkver="0"><title>${esc(m.text ?? '')}</title><des></des><type>${type}</type>${inner}</appmsg><fromusername>${m.from}</fromusername><scene>0</scene></msg>`;
  switch (m.kind) {
    case 'text':
      return m.text ?? '';
    case 'link':
      return appmsg(5, '<url>https://mp.weixin.qq.com/s/huoguo</url>');
    case 'file':
      return appmsg(6, '<appattach><totallen>2048</totallen><fileext>xlsx</fileext></appattach>');
    case 'transfer':
      return appmsg(2000, '<wcpayinfo><feedesc>￥88.00</feedesc></wcpayinfo>');
    case 'redPacket':
      return appmsg(2001, '<wcpayinfo><sendertitle>恭喜发财</sendertitle></wcpayinfo>');
    case 'quote':
      return appmsg(57, `<refermsg><type>1</type><svrid>${m.quoted!.svrid}</svrid><fromusr>${m.quoted!.from}</fromusr><displayname>${esc(m.quoted!.name)}</displayname><content>${esc(m.quoted!.text)}</content></refermsg>`);
    case 'pat':
      return `<sysmsg type="pat"><pat><fromusername>${m.from}</fromusername><template><![CDATA[${m.text}]]></template></pat><title>${esc(m.text ?? '')}</title></sysmsg>`;
    case 'recall':
      return `<sysmsg type="revokemsg"><revokemsg><session>${m.chat}</session><newmsgid>1</newmsgid><replacemsg><![CDATA[${m.text}]]></replacemsg></revokemsg></sysmsg>`;
    case 'system':
      return m.text ?? '';
    case 'image':
      return '<?xml version="1.0"?><msg><img length="20480" cdnthumbheight="120" cdnthumbwidth="90" md5="' + (m.picture ?? '') + '" /></msg>';
    case 'voice':
      return '<msg><voicemsg endflag="1" length="3000" voicelength="2800" /></msg>';
    case 'video':
      return `<?xml version="1.0"?><msg><videomsg length="512000" playlength="12" md5="${m.video ?? ''}" /></msg>`;
    case 'emoji':
      return '<msg><emoji fromusername="x" type="2" md5="abc" len="1024" /></msg>';
    case 'location':
      return '<?xml version="1.0"?><msg><location x="30.65" y="104.06" scale="16" label="成都市锦江区" poiname="春熙路" /></msg>';
    case 'card':
      return '<?xml version="1.0"?><msg username="wxid_lina02" nickname="娜娜" /></msg>';
  }
}

/** A raw LZ4 block of the text, as WeChat writes CompressContent (compressed with real matches). */
export function lz4Block(text: string): Uint8Array {
  const src = Buffer.from(`${text}\0`, 'utf8');
  const dst = new Uint8Array(lz4.compressBound(src.length));
  const n = lz4.compressBlock(src, dst, 0, src.length, new Uint32Array(1 << 16));
  if (n === 0) throw new Error('not compressible: write it as literals');
  return dst.subarray(0, n);
}

/**
 * 3.x BytesExtra: `{1: {1: 1, 2: 0}, 3: [{1: type, 2: value}…]}`. A group sender may carry a stray
 * `:25319:1` suffix, and the thumbnail item may come before the sender item (sources disagree on
 * which item to take).
 */
export function bytesExtra(items: { type: number; value: string }[]): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, 2).fork().tag(1, 0).int32(1).tag(2, 0).int32(0).join();
  for (const item of items) w.tag(3, 2).fork().tag(1, 0).int32(item.type).tag(2, 2).string(item.value).join();
  return w.finish();
}

/** RoomData: `1: repeated {1 wxid, 2 display name, 3 state}`. */
export function roomData(names: Record<string, string>): Uint8Array {
  const w = new BinaryWriter();
  for (const [wxid, name] of Object.entries(names)) w.tag(1, 2).fork().tag(1, 2).string(wxid).tag(2, 2).string(name).tag(3, 0).int32(0).join();
  return w.finish();
}

const md5hex = (s: string): string => createHash('md5').update(s).digest('hex');

const PC3_MSG_COLUMNS = `localId INTEGER PRIMARY KEY AUTOINCREMENT, TalkerId INT DEFAULT 0, MsgSvrID INT, Type INT, SubType INT,
  IsSender INT, CreateTime INT, Sequence INT DEFAULT 0, StatusEx INT DEFAULT 0, FlagEx INT, Status INT, MsgServerSeq INT,
  MsgSequence INT, StrTalker TEXT, StrContent TEXT, DisplayContent TEXT, Reserved0 INT DEFAULT 0, Reserved1 INT DEFAULT 0,
  Reserved2 INT DEFAULT 0, Reserved3 INT DEFAULT 0, Reserved4 TEXT, Reserved5 TEXT, Reserved6 TEXT, CompressContent BLOB,
  BytesExtra BLOB, BytesTrans BLOB`;

/** The 3.x picture path BytesExtra names (from the owner's folder) for a message. */
export const pc3PicturePath = (m: FakeMessage): string =>
  `${OWNER}\\FileStorage\\MsgAttach\\${md5hex(m.chat)}\\Image\\${new Date(m.at * 1000).toISOString().slice(0, 7)}\\${m.picture}.dat`;

const yearMonthOf = (m: FakeMessage): string => new Date(m.at * 1000).toISOString().slice(0, 7);

/** The 3.x video and file paths BytesExtra names (item 4; a video's thumbnail is item 3). */
export const pc3VideoPath = (m: FakeMessage): string => `${OWNER}\\FileStorage\\Video\\${yearMonthOf(m)}\\${m.video}.mp4`;
export const pc3FilePath = (m: FakeMessage): string => `${OWNER}\\FileStorage\\File\\${yearMonthOf(m)}\\${m.text}`;

/** One 3.x MSG row's values, in the order of PC3_INSERT. */
function pc3Row(m: FakeMessage, talkerIds: Map<string, number>, quirk: number): (string | number | bigint | null | Uint8Array)[] {
  const [type, sub] = CODES[m.kind];
  const self = m.from === OWNER;
  const group = m.chat.endsWith('@chatroom');
  const content = fakeContent(m);
  const items: { type: number; value: string }[] = [];
  if (m.kind === 'image') items.push({ type: 3, value: pc3PicturePath(m).replace('.dat', '_t.dat') }, { type: 4, value: pc3PicturePath(m) });
  if (m.kind === 'video' && m.video) items.push({ type: 3, value: pc3VideoPath(m).replace('.mp4', '.jpg') }, { type: 4, value: pc3VideoPath(m) });
  if (m.kind === 'file') items.push({ type: 4, value: pc3FilePath(m) });
  if (group && !self && m.kind !== 'system') {
    // Disagreements: the sender item after the thumbnail, or with a stray suffix.
    const value = quirk % 3 === 1 ? `${m.from}:25319:1` : m.from;
    if (quirk % 2 === 0) items.unshift({ type: 1, value });
    else items.push({ type: 1, value });
  }
  const app = type === 49;
  if (!talkerIds.has(m.chat)) talkerIds.set(m.chat, talkerIds.size + 1);
  // One app message in three names its sub type only in the XML (SubType 0), as some sources read it.
  const subType = app && quirk % 3 === 2 ? 0 : sub;
  return [
    talkerIds.get(m.chat)!, BigInt(m.svrid ?? 0), type, subType, self ? 1 : 0, m.at, m.at * 1000 + quirk, m.chat,
    app ? '' : content, app ? lz4Block(content) : null, bytesExtra(items),
  ];
}

const PC3_INSERT = 'INSERT INTO MSG (TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, Sequence, StrTalker, StrContent, CompressContent, BytesExtra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

function createPc3MessageDb(file: string): DatabaseSync {
  const m = fresh(file);
  m.exec(`CREATE TABLE MSG (${PC3_MSG_COLUMNS});
    CREATE TABLE Name2ID (UsrName TEXT PRIMARY KEY);
    CREATE TABLE DBInfo (tableIndex INT, tableVersion INT, tableDesc TEXT);`);
  return m;
}

/** 3.x MSG0..n.db under `<root>/Msg/Multi/`, the messages spread over `files` files in time order; ChatRoom filled in MicroMsg.db. */
export function writePc3Messages(root: string, messages: FakeMessage[] = SAMPLE_MESSAGES, files = 2): string[] {
  const paths: string[] = [];
  const per = Math.ceil(messages.length / files);
  for (let f = 0; f < files; f++) {
    const path = join(root, 'Msg', 'Multi', `MSG${f}.db`);
    const db = createPc3MessageDb(path);
    const talkerIds = new Map<string, number>();
    const insert = db.prepare(PC3_INSERT);
    messages.slice(f * per, (f + 1) * per).forEach((m, i) => insert.run(...pc3Row(m, talkerIds, f * per + i)));
    for (const name of talkerIds.keys()) db.prepare('INSERT INTO Name2ID VALUES (?)').run(name);
    db.close();
    paths.push(path);
  }
  if (existsSync(join(root, 'Msg', 'MicroMsg.db'))) fillPc3Rooms(join(root, 'Msg', 'MicroMsg.db'));
  return paths;
}

function fillPc3Rooms(micromsg: string): void {
  const db = new DatabaseSync(micromsg);
  db.prepare('INSERT OR REPLACE INTO ChatRoom (ChatRoomName, UserNameList, DisplayNameList, Owner, RoomData) VALUES (?, ?, ?, ?, ?)').run(
    '12345678901@chatroom', Object.keys(ROOM_NAMES).join('^G'), Object.values(ROOM_NAMES).join('^G'), OWNER, roomData(ROOM_NAMES),
  );
  // The stranger is in the contact table (a group member seen before), with the nickname only.
  db.close();
}

/** The same messages into PyWxDump's merge (MSG with fewer columns, no primary key) and its ChatRoom. */
export function writePywxdumpMergedMessages(file: string, messages: FakeMessage[] = SAMPLE_MESSAGES): string {
  const db = new DatabaseSync(file);
  db.exec('CREATE TABLE IF NOT EXISTS ChatRoom (ChatRoomName TEXT, UserNameList TEXT, DisplayNameList TEXT, Owner TEXT, RoomData BLOB)');
  const insert = db.prepare('INSERT INTO MSG (localId, TalkerId, MsgSvrID, Type, SubType, IsSender, CreateTime, StrTalker, StrContent, CompressContent, BytesExtra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const talkerIds = new Map<string, number>();
  messages.forEach((m, i) => {
    const row = pc3Row(m, talkerIds, i);
    row.splice(6, 1); // no Sequence column in the merge
    insert.run(i + 1, ...row);
  });
  db.close();
  fillPc3Rooms(file);
  return file;
}

/** 4.x packed_info_data: the picture's md5 in field 3 → 4, beside other fields. */
export function packedInfo(md5: string): Uint8Array {
  const w = new BinaryWriter();
  w.tag(1, 0).int32(2);
  w.tag(3, 2).fork().tag(1, 0).int32(1).tag(4, 2).string(md5).join();
  return w.finish();
}

/**
 * 4.x message_0.db beside the contact.db writePc4 made: Name2Id, one Msg_<md5(chat)> table per chat,
 * text plain and the rest zstd-compressed, group messages of others prefixed `wxid:\n` (and one
 * without the newline, as one source writes them); chat_room filled in contact.db.
 */
export function writePc4Messages(root: string, messages: FakeMessage[] = SAMPLE_MESSAGES): string {
  const path = join(root, 'db_storage', 'message', 'message_0.db');
  const db = fresh(path);
  db.exec('CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY, is_session INTEGER); CREATE TABLE TimeStamp (timestamp INTEGER);');
  const ids = new Map<string, number>();
  const idOf = (name: string): number => {
    if (!ids.has(name)) {
      db.prepare('INSERT INTO Name2Id (user_name, is_session) VALUES (?, 1)').run(name);
      ids.set(name, ids.size + 1);
    }
    return ids.get(name)!;
  };
  const tables = new Set<string>();
  messages.forEach((m, i) => {
    const table = `Msg_${md5hex(m.chat)}`;
    idOf(m.chat);
    if (!tables.has(table)) {
      db.exec(`CREATE TABLE ${table} (local_id INTEGER PRIMARY KEY AUTOINCREMENT, server_id INTEGER, local_type INTEGER, sort_seq INTEGER,
        real_sender_id INTEGER, create_time INTEGER, status INTEGER, upload_status INTEGER, download_status INTEGER, server_seq INTEGER,
        origin_source INTEGER, source TEXT, message_content TEXT, compress_content TEXT, packed_info_data BLOB,
        WCDB_CT_message_content INTEGER DEFAULT NULL, WCDB_CT_source INTEGER DEFAULT NULL)`);
      tables.add(table);
    }
    const [type, sub] = CODES[m.kind];
    const group = m.chat.endsWith('@chatroom');
    const self = m.from === OWNER;
    let content = fakeContent(m);
    if (group && !self && m.kind !== 'system') content = `${m.from}:${i % 2 === 1 ? '' : '\n'}${content}`;
    const packed = m.kind === 'text' || type === 10000 && i % 2 === 0;
    const stored: string | Uint8Array = packed ? content : zstdCompressSync(Buffer.from(content));
    const sender = m.kind === 'system' ? 0 : idOf(m.from);
    db.prepare(
      `INSERT INTO ${table} (server_id, local_type, sort_seq, real_sender_id, create_time, status, message_content, packed_info_data, WCDB_CT_message_content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(BigInt(m.svrid ?? 0), sub * 2 ** 32 + type, m.at * 1000, sender, m.at, self ? 2 : 4, stored, m.picture || m.video ? packedInfo((m.picture ?? m.video)!) : null, packed ? 0 : 4);
  });
  db.close();
  const contact = new DatabaseSync(join(root, 'db_storage', 'contact', 'contact.db'));
  contact.prepare('INSERT INTO chat_room (username, owner, ext_buffer) VALUES (?, ?, ?)').run('12345678901@chatroom', OWNER, roomData(ROOM_NAMES));
  contact.exec('CREATE TABLE IF NOT EXISTS chatroom_member (room_id INTEGER, member_id INTEGER)');
  contact.close();
  return path;
}

/** The 4.x picture path (below the account folder) of a message. */
export const pc4PicturePath = (m: FakeMessage): string => {
  const d = new Date(m.at * 1000);
  return `msg/attach/${md5hex(m.chat)}/${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}/Img/${m.picture}.dat`;
};

/** The 4.x video and file paths (below the account folder) of a message: `msg/video/<yyyy-mm>/<md5>.mp4`, `msg/file/<yyyy-mm>/<name>`. */
export const pc4VideoPath = (m: FakeMessage): string => {
  const d = new Date(m.at * 1000);
  return `msg/video/${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}/${m.video}.mp4`;
};
export const pc4FilePath = (m: FakeMessage): string => {
  const d = new Date(m.at * 1000);
  return `msg/file/${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}/${m.text}`;
};

/** Android `message` rows in the EnMicroMsg.db writeAndroid made: milliseconds, `wxid:\n` prefix, type with high flag bits for app messages. */
export function writeAndroidMessages(file: string, messages: FakeMessage[] = SAMPLE_MESSAGES): string {
  const db = new DatabaseSync(file);
  const insert = db.prepare('INSERT INTO message (msgId, msgSvrId, type, status, isSend, createTime, talker, content, imgPath) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const image = db.prepare('INSERT INTO ImgInfo2 (msgSvrId, offset, totalLen, bigImgPath, thumbImgPath, createtime, msglocalid, status) VALUES (?, 0, 0, ?, ?, ?, ?, 199)');
  messages.forEach((m, i) => {
    const [type] = CODES[m.kind];
    const group = m.chat.endsWith('@chatroom');
    const self = m.from === OWNER;
    // A voice is no XML on Android: WeChat's VoiceContent, `<user>:<length in ms>:<0|1>\n`.
    let content = m.kind === 'voice' ? `${m.from}:2800:0\n` : fakeContent(m);
    if (group && !self && m.kind !== 'system') content = `${m.from}:\n${content}`;
    // Android keeps flags above the PC type: 49 | 0x19000000 is a transfer, 10000 | 0x10000000 a recall notice.
    const androidType = type === 49 ? type | (0x19 << 24) : m.kind === 'recall' ? type | 0x10000000 : type;
    const thumb = m.picture ? `THUMBNAIL_DIRPATH://th_${m.picture}` : null;
    const imgPath = m.kind === 'voice' ? androidVoiceImgPath(m) : thumb;
    insert.run(i + 1, BigInt(m.svrid ?? 0), androidType, 3, self ? 1 : 0, m.at * 1000 + (i % 1000), m.chat, content, imgPath);
    // The full picture's row: its file name under image2/, found by the message's local id.
    if (m.picture) image.run(BigInt(m.svrid ?? 0), `${m.picture}.jpg`, thumb, m.at, i + 1);
  });
  db.prepare('INSERT OR REPLACE INTO chatroom (chatroomname, memberlist, displayname) VALUES (?, ?, ?)').run(
    '12345678901@chatroom', Object.keys(ROOM_NAMES).join(';'), Object.values(ROOM_NAMES).join('、'),
  );
  db.close();
  return file;
}

/** Where Android keeps a picture message's files beside EnMicroMsg.db: `image2/<ab>/<cd>/th_<md5>` (thumbnail) and the full picture ImgInfo2.bigImgPath names. */
export const androidPicturePaths = (m: FakeMessage): { thumb: string; big: string } => {
  const md5 = m.picture!;
  return { thumb: `image2/${md5.slice(0, 2)}/${md5.slice(2, 4)}/th_${md5}`, big: `image2/${md5.slice(0, 2)}/${md5.slice(2, 4)}/${md5}.jpg` };
};

/** A voice message's `imgPath` as Android WeChat writes it: its file's name stem, digits and hex (`<yyMMddHHmm…><hex>`). */
export const androidVoiceImgPath = (m: FakeMessage): string => `${new Date(m.at * 1000).toISOString().replace(/\D/g, '').slice(2, 12)}${md5hex(`voice${m.svrid}`).slice(0, 16)}`;

/**
 * Android voice files beside EnMicroMsg.db, as WeChat writes them on the phone's storage:
 * `voice2/<h[0:2]>/<h[2:4]>/msg_<imgPath>.amr`, h = md5 of the message's imgPath (the rule
 * ppwwyyxx/wechat-dump reads in wechat/res.py), SILK inside despite the name. Returns the paths.
 */
export function writeAndroidVoices(root: string, messages: FakeMessage[] = SAMPLE_MESSAGES): string[] {
  const paths: string[] = [];
  for (const m of messages) {
    if (m.kind !== 'voice') continue;
    const imgPath = androidVoiceImgPath(m);
    const h = md5hex(imgPath);
    const rel = `voice2/${h.slice(0, 2)}/${h.slice(2, 4)}/msg_${imgPath}.amr`;
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), fakeSilk(m.svrid ?? ''));
    paths.push(rel);
  }
  return paths;
}

/**
 * A large 3.x MSG set for the benchmark, written in batches (never held in memory): `total`
 * messages over `files` MSGn.db files and `chats` chats (a tenth of them groups), one in ten an
 * app message with an LZ4 block, group senders in BytesExtra.
 */
export function writePc3Scale(root: string, opts: { total: number; files: number; chats: number; seed?: number }): string[] {
  let seed = opts.seed ?? 42;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const words = ['火锅', '周末', '好的', '明天', '吃饭', '电话', '哈哈', '收到', 'ok', '生日快乐', '开会', '下班', '13800138000', '谢谢'];
  const paths: string[] = [];
  const per = Math.ceil(opts.total / opts.files);
  let at = T0 - 5 * 365 * 86400;
  for (let f = 0; f < opts.files; f++) {
    const path = join(root, 'Msg', 'Multi', `MSG${f}.db`);
    const db = createPc3MessageDb(path);
    db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF');
    const insert = db.prepare(PC3_INSERT);
    const talkerIds = new Map<string, number>();
    db.exec('BEGIN');
    for (let i = 0; i < per && f * per + i < opts.total; i++) {
      at += 1 + rand(120);
      const c = rand(opts.chats);
      const chat = c % 10 === 0 ? `${1000000 + c}@chatroom` : `wxid_friend${c}`;
      const member = `wxid_member${rand(50)}`;
      const from = rand(2) ? OWNER : chat.endsWith('@chatroom') ? member : chat;
      const kind: FakeKind = rand(10) === 0 ? 'link' : 'text';
      const text = Array.from({ length: 2 + rand(6) }, () => words[rand(words.length)]).join(' ');
      insert.run(...pc3Row({ chat, from, at, kind, text, svrid: String(f * per + i + 1) }, talkerIds, i));
      if (i % 50_000 === 49_999) db.exec('COMMIT; BEGIN');
    }
    db.exec('COMMIT');
    db.close();
    paths.push(path);
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------
// Voice databases: the audio of voice messages is kept as SILK blobs, not files. 3.x
// `Msg/Multi/MediaMSG0.db` `Media(Key, Reserved0 = MsgSvrID, Buf)`; 4.x `db_storage/message/media_0.db`
// `VoiceInfo(chat_name_id, create_time, local_id, svr_id, voice_data)`.

/** WeChat's SILK v3 audio as its clients store it: a 0x02 byte, the `#!SILK_V3` magic, then frames (length u16 LE + bytes). */
export function fakeSilk(seed: string, frames = 20): Uint8Array {
  const parts: Buffer[] = [Buffer.from([0x02]), Buffer.from('#!SILK_V3', 'latin1')];
  let state = createHash('sha256').update(seed).digest();
  for (let i = 0; i < frames; i++) {
    state = createHash('sha256').update(state).digest();
    const len = Buffer.alloc(2);
    len.writeUInt16LE(state.length);
    parts.push(len, state);
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** 3.x `Msg/Multi/MediaMSG0.db`: one Media row per voice message, keyed by its MsgSvrID in Reserved0. */
export function writePc3Voices(root: string, messages: FakeMessage[] = SAMPLE_MESSAGES): string {
  const path = join(root, 'Msg', 'Multi', 'MediaMSG0.db');
  const db = fresh(path);
  db.exec(`CREATE TABLE Media (Key TEXT, Reserved0 INT, Buf BLOB, Reserved1 INT, Reserved2 TEXT);
    CREATE INDEX Media_Reserved0 ON Media (Reserved0);
    CREATE TABLE DBInfo (tableIndex INT, tableVersion INT, tableDesc TEXT);`);
  const insert = db.prepare('INSERT INTO Media (Key, Reserved0, Buf, Reserved1, Reserved2) VALUES (?, ?, ?, 0, NULL)');
  for (const m of messages) if (m.kind === 'voice') insert.run(md5hex(`voice${m.svrid}`), BigInt(m.svrid ?? 0), fakeSilk(m.svrid ?? ''));
  db.close();
  return path;
}

/**
 * 4.x `db_storage/message/media_0.db`: VoiceInfo rows with the chat's Name2Id row, the message's
 * create_time and local_id (its row in the chat's Msg_ table) and svr_id; `keyBy: 'local'` writes
 * svr_id 0, as rows that only the local id and time can find; `audio` stands for every voice's
 * bytes (real SILK from silk-wasm's encoder where a test plays it).
 */
export function writePc4Voices(root: string, messages: FakeMessage[] = SAMPLE_MESSAGES, opts: { keyBy?: 'svr' | 'local'; audio?: Uint8Array } = {}): string {
  const path = join(root, 'db_storage', 'message', 'media_0.db');
  const db = fresh(path);
  db.exec(`CREATE TABLE Name2Id (user_name TEXT PRIMARY KEY);
    CREATE TABLE VoiceInfo (chat_name_id INTEGER, create_time INTEGER, local_id INTEGER, svr_id INTEGER, voice_data BLOB, data_index TEXT DEFAULT '0');`);
  const chats = new Map<string, number>();
  const localIds = new Map<string, number>();
  const insert = db.prepare('INSERT INTO VoiceInfo (chat_name_id, create_time, local_id, svr_id, voice_data) VALUES (?, ?, ?, ?, ?)');
  for (const m of messages) {
    const local = (localIds.get(m.chat) ?? 0) + 1; // as writePc4Messages numbers each chat's rows
    localIds.set(m.chat, local);
    if (m.kind !== 'voice') continue;
    if (!chats.has(m.chat)) {
      db.prepare('INSERT INTO Name2Id (user_name) VALUES (?)').run(m.chat);
      chats.set(m.chat, chats.size + 1);
    }
    insert.run(chats.get(m.chat)!, m.at, local, opts.keyBy === 'local' ? 0n : BigInt(m.svrid ?? 0), opts.audio ?? fakeSilk(m.svrid ?? ''));
  }
  db.close();
  return path;
}

// ---------------------------------------------------------------------------------------------
// WeChat for Mac 3.x, under `<md5 of the account>/` (thinly documented; the reference names the
// `Chat_<md5>` tables and mesDes, chatlog's darwin v3 reader the rest): `Message/msg_N.db` with one
// `Chat_<md5(chat)>` table per chat (and `Chat_<md5>_dels` for deleted rows), `Contact/wccontact_new2.db`
// with `WCContact` (the friend list), `Group/group_new.db` with `GroupContact` and `GroupMember`.

/** The Mac account folder's name: an md5, not the wxid. */
export const MAC_ACCOUNT = md5hex(OWNER);

/** `<root>/Contact/wccontact_new2.db` (friends and official accounts; group members who are no friends are not there) and `<root>/Group/group_new.db`. */
export function writeMac3(root: string, book: FakeBook = SAMPLE): { contact: string; group: string } {
  const contact = join(root, 'Contact', 'wccontact_new2.db');
  const db = fresh(contact);
  db.exec(`CREATE TABLE WCContact (m_nsUsrName TEXT PRIMARY KEY, m_uiConType INTEGER, nickname TEXT, m_nsFullPY TEXT, m_nsShortPY TEXT,
    m_nsRemark TEXT, m_nsRemarkPYFull TEXT, m_nsRemarkPYShort TEXT, m_uiCertificationFlag INTEGER, m_uiSex INTEGER, m_uiType INTEGER,
    m_nsImgStatus TEXT, m_uiImgKey INTEGER, m_nsHeadImgUrl TEXT, m_nsHeadHDImgUrl TEXT, m_nsHeadHDMd5 TEXT, m_nsChatRoomMemList TEXT,
    m_nsChatRoomAdminList TEXT, m_uiChatRoomStatus INTEGER, m_nsChatRoomDesc TEXT, m_nsDraft TEXT, m_nsBrandIconUrl TEXT, m_nsGoogleContactName TEXT,
    m_nsAliasName TEXT, m_nsEncodeUserName TEXT, m_uiChatRoomVersion INTEGER, m_uiChatRoomMaxCount INTEGER, m_uiChatRoomType INTEGER,
    m_patSuffix TEXT, richChatRoomDesc TEXT, _packed_WCContactData BLOB, openIMInfo BLOB)`);
  const insert = db.prepare('INSERT INTO WCContact (m_nsUsrName, nickname, m_nsRemark, m_nsAliasName, m_uiCertificationFlag, m_uiSex, m_uiType) VALUES (?, ?, ?, ?, ?, 1, 3)');
  for (const c of book.contacts) {
    if (c.kind === 'stranger' || c.kind === 'deleted') continue;
    insert.run(c.wxid, c.nickname ?? '', c.remark ?? '', c.alias ?? '', c.kind === 'official' ? 24 : 0);
  }
  db.close();
  const group = join(root, 'Group', 'group_new.db');
  const g = fresh(group);
  g.exec(`CREATE TABLE GroupContact (m_nsUsrName TEXT PRIMARY KEY, nickname TEXT, m_nsRemark TEXT, m_nsChatRoomMemList TEXT, m_nsChatRoomAdminList TEXT);
    CREATE TABLE GroupMember (m_nsUsrName TEXT PRIMARY KEY, nickname TEXT, m_nsRemark TEXT, m_nsAliasName TEXT)`);
  for (const room of book.groups) g.prepare('INSERT INTO GroupContact (m_nsUsrName, nickname, m_nsRemark, m_nsChatRoomMemList) VALUES (?, ?, ?, ?)').run(room.id, room.name, '', Object.keys(ROOM_NAMES).join(';'));
  for (const [wxid, name] of Object.entries(ROOM_NAMES)) g.prepare('INSERT INTO GroupMember (m_nsUsrName, nickname) VALUES (?, ?)').run(wxid, name);
  g.close();
  return { contact, group };
}

/** `<root>/Message/msg_0.db`: one Chat_<md5(chat)> table per chat, mesDes 0 for own messages, `wxid:\n` before others' group messages, and a `_dels` table. */
export function writeMac3Messages(root: string, messages: FakeMessage[] = SAMPLE_MESSAGES): string {
  const path = join(root, 'Message', 'msg_0.db');
  const db = fresh(path);
  const tables = new Set<string>();
  for (const m of messages) {
    const table = `Chat_${md5hex(m.chat)}`;
    if (!tables.has(table)) {
      for (const name of [table, `${table}_dels`]) {
        db.exec(`CREATE TABLE ${name} (mesLocalID INTEGER PRIMARY KEY AUTOINCREMENT, mesSvrID INTEGER DEFAULT 0, msgCreateTime INTEGER DEFAULT 0,
          msgContent TEXT, msgStatus INTEGER DEFAULT 0, msgImgStatus INTEGER DEFAULT 0, messageType INTEGER DEFAULT 0, mesDes INTEGER DEFAULT 0,
          msgSource TEXT, IntRes1 INTEGER DEFAULT 0, IntRes2 INTEGER DEFAULT 0, StrRes1 TEXT, StrRes2 TEXT, msgVoiceText TEXT, msgSeq INTEGER DEFAULT 0,
          CompressedContent BLOB, ConBlob BLOB)`);
      }
      // A deleted row, which is no message of the chat any more.
      db.prepare(`INSERT INTO ${table}_dels (mesSvrID, msgCreateTime, msgContent, messageType, mesDes) VALUES (1, ?, '已删除', 1, 1)`).run(m.at);
      tables.add(table);
    }
    const [type] = CODES[m.kind];
    const self = m.from === OWNER;
    let content = fakeContent(m);
    if (m.chat.endsWith('@chatroom') && !self && m.kind !== 'system') content = `${m.from}:\n${content}`;
    db.prepare(`INSERT INTO ${table} (mesSvrID, msgCreateTime, msgContent, messageType, mesDes, msgStatus) VALUES (?, ?, ?, ?, ?, ?)`).run(
      BigInt(m.svrid ?? 0), m.at, content, type, self ? 0 : 1, self ? 2 : 4,
    );
  }
  db.close();
  return path;
}
