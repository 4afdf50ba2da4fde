// Messages out of decrypted WeChat message databases, one row at a time (node:sqlite's iterate():
// a 2M-row MSG table is never held in memory), as the neutral ParsedMessage every format gives:
// - PC 3.x MSG0..n.db (and PyWxDump's merge): StrTalker is the chat, IsSender marks own messages,
//   a group member's wxid is in BytesExtra, app messages' XML is an LZ4 block in CompressContent;
// - PC 4.x message_N.db: one Msg_<md5(chat)> table per chat, the sender a Name2Id row, group
//   messages prefixed `wxid:\n`, most non-text content a zstd frame, local_type = sub << 32 | type;
// - Android EnMicroMsg.db: createTime in milliseconds, group messages prefixed `wxid:\n`, voices as
//   files under voice2/ named by imgPath.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { ParsedChat, ParsedMessage, ParsedSender, ParseEvent } from '../../model';
import { appMessageType, isGroupId, typedWeChatMessage, unescapeXml } from '../wechat';
import type { WechatDirectory } from './directory';
import { bytesExtraItems, bytesExtraSender, contentText, lz4Text, packedPictureMd5 } from './decode';
import { voiceExtension, type VoiceKey, type WechatVoices } from './voices';

/** A reader's event; a message may bring bytes for the content store (a voice), stored before it is archived. */
export type DbEvent = ParseEvent & { blob?: { bytes: Uint8Array; ext: string } };

type Row = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(v ?? 0) || 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const blob = (v: unknown): Uint8Array | undefined => (v instanceof Uint8Array && v.length > 0 ? v : undefined);

/** What every version's row comes down to before it becomes a message. */
interface RowMessage {
  chat: string;
  at: number;
  type: number;
  subType: number;
  content: string;
  /** The sender's wxid, when the row names it (groups; 4.x always). */
  sender?: string;
  isSelf: boolean;
  sourceId?: string;
  mediaPath?: string;
  mediaMissing?: boolean;
  keepMedia?: boolean;
  /** Audio of a voice message, from the account's voice database. */
  voice?: Uint8Array;
  /** Row number in its table, for skip reports. */
  record: number;
  table: string;
}

/** Turns rows into messages with the directory's names; chats and senders are made once each. */
export class MessageMaker {
  private readonly chats = new Map<string, ParsedChat>();
  private readonly senders = new Map<string, ParsedSender>();
  private self?: ParsedSender;

  constructor(
    private readonly directory: WechatDirectory,
    public owner: string | undefined,
  ) {}

  chat(id: string): ParsedChat {
    let chat = this.chats.get(id);
    if (!chat) {
      chat = { key: `wechat:${id}`, name: this.directory.chatName(id), platform: 'wechat', kind: isGroupId(id) ? 'group' : 'private' };
      this.chats.set(id, chat);
    }
    return chat;
  }

  private selfSender(): ParsedSender {
    if (!this.self) {
      const owner = this.owner;
      this.self = { name: owner ? this.directory.senderName('', owner) : '', handles: owner ? [owner] : [], isSelf: true };
      if (this.self.name === owner) this.self.name = '';
    }
    return this.self;
  }

  private sender(chat: string, wxid: string): ParsedSender {
    const key = `${chat}\u0001${wxid}`;
    let sender = this.senders.get(key);
    if (!sender) {
      const alias = this.directory.alias(wxid);
      sender = { name: this.directory.senderName(chat, wxid), handles: alias && alias !== wxid ? [wxid, alias] : [wxid], isSelf: false };
      // Bounded: a big group's members are kept, but not every member of every group forever.
      if (this.senders.size > 100_000) this.senders.clear();
      this.senders.set(key, sender);
    }
    return sender;
  }

  /** Knows the owner from now on (4.x learns it from a one-to-one chat's messages not from the friend). */
  learnOwner(wxid: string): void {
    if (this.owner) return;
    this.owner = wxid;
    this.self = undefined;
  }

  make(r: RowMessage): DbEvent {
    if (!r.chat) return { type: 'skip', line: r.record, reason: `${r.table} row ${r.record}: no chat`, code: 'chat-no-chat-name' };
    if (!Number.isFinite(r.at) || r.at <= 0) {
      return { type: 'skip', line: r.record, reason: `${r.table} row ${r.record}: no usable time`, code: 'chat-no-time' };
    }
    const subType = r.type === 49 && r.subType === 0 ? (appMessageType(r.content) ?? 0) : r.subType;
    const typed = typedWeChatMessage(r.type, subType, r.content);
    const chat = this.chat(r.chat);
    const wxid = r.sender ?? (chat.kind === 'private' ? r.chat : undefined);
    const sender: ParsedSender = r.isSelf ? this.selfSender() : wxid ? this.sender(r.chat, wxid) : { name: '', handles: [], isSelf: false };
    const message: ParsedMessage = {
      chat,
      at: r.at,
      localTime: new Date(r.at).toISOString(),
      sender,
      kind: typed.kind,
      text: typed.text,
      line: r.record,
    };
    if (typed.replyTo) message.replyTo = typed.replyTo;
    if (r.sourceId && r.sourceId !== '0') message.sourceId = r.sourceId;
    if (r.mediaPath) message.mediaPath = r.mediaPath;
    if (r.mediaMissing) message.mediaMissing = true;
    if (r.keepMedia) message.keepMedia = true;
    return r.voice ? { type: 'message', message, blob: { bytes: r.voice, ext: voiceExtension(r.voice) } } : { type: 'message', message };
  }
}

/**
 * A group message's `wxid:\n` prefix (4.x, Android; harmless in 3.x). Without the newline (one
 * source splits on the first colon) only a wxid the directory knows is taken, so "http://…" is not.
 */
function splitPrefix(content: string, chat: string, directory: WechatDirectory): { sender?: string; content: string } {
  const m = /^([A-Za-z][\w@.-]{2,63}):\r?\n/.exec(content);
  if (m) return { sender: m[1], content: content.slice(m[0].length) };
  const loose = /^([A-Za-z][\w@.-]{2,63}):/.exec(content);
  if (loose && directory.knows(chat, loose[1]!)) return { sender: loose[1], content: content.slice(loose[0].length) };
  return { content };
}

/** The columns of a table present in this file (a merge keeps fewer than WeChat wrote). */
function columnsOf(db: DatabaseSync, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
}

/**
 * `column AS name` for each wanted column this table has, else `NULL AS name`; a column may be read
 * through an expression (`[column, expression]`).
 */
function select(columns: Set<string>, wanted: Record<string, string | [string, string]>): string {
  return Object.entries(wanted)
    .map(([as, w]) => {
      const [column, expr] = typeof w === 'string' ? [w, w] : w;
      return columns.has(column) ? `${expr} AS ${as}` : `NULL AS ${as}`;
    })
    .join(', ');
}

type MediaLink = { mediaPath?: string; mediaMissing?: boolean; keepMedia?: boolean };

/** A media path below the account folder, linked when the file is there and marked missing when not. */
function linkIfThere(root: string | undefined, rel: string, keep: boolean): MediaLink {
  if (!root) return { mediaMissing: true };
  return existsSync(join(root, rel)) ? { mediaPath: rel, ...(keep ? { keepMedia: true } : {}) } : { mediaMissing: true };
}

/** A file name an app message gives (its title), usable as one path component; undefined for anything that could name another folder. */
const fileName = (title: string): string | undefined => (title && !/[\\/\0]/.test(title) && title !== '.' && title !== '..' ? title : undefined);

/**
 * The media file of a 3.x message, below the account folder: BytesExtra item 4 (a picture, video or
 * file; a picture falls back to its thumbnail, item 3), else a file's `FileStorage/File/<yyyy-mm>/<title>`.
 * Pictures go to the photo archive; videos and files are kept as they are.
 */
function pc3Media(kind: 'image' | 'video' | 'file', items: { type: number; value: string }[], root: string | undefined, at: number, title: string): MediaLink {
  const raw = (items.find((i) => i.type === 4) ?? (kind === 'image' ? items.find((i) => i.type === 3) : undefined))?.value;
  // Paths begin with the owner's wxid folder ("wxid_x\FileStorage\MsgAttach\…"): drop that component.
  const rel = raw?.replace(/\\/g, '/').split('/').slice(1).join('/');
  if (rel) return linkIfThere(root, rel, kind !== 'image');
  const name = kind === 'file' ? fileName(title) : undefined;
  if (name) return linkIfThere(root, `FileStorage/File/${yearMonth(at)}/${name}`, true);
  return raw !== undefined ? { mediaMissing: true } : {};
}

/** A voice message's audio from the account's voice databases; marked missing when they exist but lack it. */
function voiceOf(voices: WechatVoices, key: VoiceKey): { voice?: Uint8Array; mediaMissing?: boolean } {
  if (!voices.present) return {};
  const voice = voices.get(key);
  return voice ? { voice } : { mediaMissing: true };
}

/** PC 3.x MSG table (MSG0..n.db, or a PyWxDump merge). */
export function* readPc3Messages(db: DatabaseSync, maker: MessageMaker, directory: WechatDirectory, root: string | undefined, voices: WechatVoices): Generator<DbEvent> {
  const columns = columnsOf(db, 'MSG');
  const sql = `SELECT ${select(columns, {
    type: 'Type',
    sub: 'SubType',
    isSender: 'IsSender',
    time: 'CreateTime',
    talker: 'StrTalker',
    content: 'StrContent',
    display: 'DisplayContent',
    // Only the rows that use them bring their blobs into JavaScript (most rows are text).
    compressed: ['CompressContent', 'CASE WHEN Type = 49 THEN CompressContent END'],
    extra: ['BytesExtra', "CASE WHEN Type IN (3, 43, 49) OR StrTalker LIKE '%@chatroom' THEN BytesExtra END"],
    svr: ['MsgSvrID', 'CAST(MsgSvrID AS TEXT)'],
  })} FROM MSG`;
  let record = 0;
  for (const row of db.prepare(sql).iterate() as Iterable<Row>) {
    record++;
    const chat = str(row.talker);
    const type = num(row.type);
    const items = bytesExtraItems(blob(row.extra));
    const isSelf = num(row.isSender) === 1;
    let content = str(row.content);
    const compressed = blob(row.compressed);
    if (type === 49 && compressed) content = lz4Text(compressed) ?? content;
    if (type === 50 && !content) content = str(row.display);
    let sender = isGroupId(chat) && !isSelf ? bytesExtraSender(items) : undefined;
    if (isGroupId(chat) && !isSelf && !sender) ({ sender, content } = splitPrefix(content, chat, directory));
    const at = num(row.time) * 1000;
    const media = mediaKind(type, num(row.sub), content);
    yield maker.make({
      chat,
      at,
      type,
      subType: num(row.sub),
      content,
      sender,
      isSelf,
      sourceId: str(row.svr),
      ...(media ? pc3Media(media, items, root, at, appTitle(content)) : {}),
      ...(type === 34 ? voiceOf(voices, { svrId: str(row.svr) }) : {}),
      record,
      table: 'MSG',
    });
  }
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** Which messages bring a file: pictures, videos and files (app messages of sub type 6, told by the XML when SubType is 0). */
function mediaKind(type: number, subType: number, content: string): 'image' | 'video' | 'file' | undefined {
  if (type === 3) return 'image';
  if (type === 43) return 'video';
  if (type === 49 && (subType || appMessageType(content)) === 6) return 'file';
  return undefined;
}

/** An app message's title (a file's name). */
const appTitle = (xml: string): string => unescapeXml(/<title>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/title>/.exec(xml)?.[1]?.trim() ?? '');

/** Local year-month of a time, as 4.x names its attachment folders. */
const yearMonth = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/**
 * A 4.x video or file: `msg/video/<yyyy-mm>/<md5>.mp4` (the md5 from packed_info_data, else the
 * XML's md5 attribute), `msg/file/<yyyy-mm>/<title>`.
 */
function pc4Media(kind: 'video' | 'file', root: string | undefined, at: number, packed: Uint8Array | undefined, content: string): MediaLink {
  if (kind === 'video') {
    const file = packedPictureMd5(packed) ?? /<videomsg\b[^>]*\smd5="([0-9a-f]{32})"/i.exec(content)?.[1]?.toLowerCase();
    return file ? linkIfThere(root, `msg/video/${yearMonth(at)}/${file}.mp4`, true) : {};
  }
  const name = fileName(appTitle(content));
  return name ? linkIfThere(root, `msg/file/${yearMonth(at)}/${name}`, true) : {};
}

/** A 4.x picture: msg/attach/<md5(chat)>/<yyyy-mm>/Img/<md5>.dat (or its _h / _t variants). */
function pc4Picture(root: string | undefined, chat: string, at: number, packed: Uint8Array | undefined): MediaLink {
  const file = packedPictureMd5(packed);
  if (!file) return {};
  if (!root) return { mediaMissing: true };
  const folder = `msg/attach/${md5(chat)}/${yearMonth(at)}/Img`;
  for (const suffix of ['', '_h', '_W', '_t']) {
    const rel = `${folder}/${file}${suffix}.dat`;
    if (existsSync(join(root, rel))) return { mediaPath: rel };
  }
  return { mediaMissing: true };
}

function mediaOf4(type: number, subType: number, content: string, root: string | undefined, chat: string, at: number, packed: Uint8Array | undefined): MediaLink {
  const kind = mediaKind(type, subType, content);
  if (kind === 'image') return pc4Picture(root, chat, at, packed);
  return kind ? pc4Media(kind, root, at, packed, content) : {};
}

/** PC 4.x message_N.db: every Msg_<md5> table whose chat Name2Id names. */
export function* readPc4Messages(db: DatabaseSync, maker: MessageMaker, directory: WechatDirectory, root: string | undefined, voices: WechatVoices): Generator<DbEvent> {
  const names = new Map<number, string>();
  const byHash = new Map<string, string>();
  for (const row of db.prepare('SELECT rowid AS id, user_name AS name FROM Name2Id').iterate() as Iterable<Row>) {
    const name = str(row.name);
    names.set(num(row.id), name);
    byHash.set(md5(name), name);
  }
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'Msg\\_%' ESCAPE '\\'").all() as { name: string }[]).map((t) => t.name);
  for (const table of tables) {
    const hash = /^Msg_([0-9a-f]{32})$/i.exec(table)?.[1]?.toLowerCase();
    const chat = hash ? byHash.get(hash) : undefined;
    if (!chat) {
      yield { type: 'skip', reason: `${table}: no chat in Name2Id has this hash; its messages were left out`, code: 'wechat-db-chat-unknown', params: { table } };
      continue;
    }
    const columns = columnsOf(db, table);
    const sql = `SELECT ${select(columns, {
      localType: 'local_type',
      senderId: 'real_sender_id',
      time: 'create_time',
      content: 'message_content',
      compressed: 'compress_content',
      packed: 'packed_info_data',
      local: 'local_id',
      svr: ['server_id', 'CAST(server_id AS TEXT)'],
    })} FROM "${table}" ORDER BY local_id`;
    let record = 0;
    for (const row of db.prepare(sql).iterate() as Iterable<Row>) {
      record++;
      const localType = num(row.localType);
      const type = localType % 2 ** 32;
      let content = contentText(row.content);
      if (!content && row.compressed) content = contentText(row.compressed);
      let sender = names.get(num(row.senderId)) || undefined;
      if (isGroupId(chat)) {
        const split = splitPrefix(content, chat, directory);
        content = split.content;
        sender ??= split.sender;
      } else if (sender && sender !== chat) {
        maker.learnOwner(sender);
      }
      const at = num(row.time) * 1000;
      yield maker.make({
        chat,
        at,
        type,
        subType: Math.floor(localType / 2 ** 32),
        content,
        sender,
        isSelf: sender !== undefined && sender === maker.owner,
        sourceId: str(row.svr),
        ...mediaOf4(type, Math.floor(localType / 2 ** 32), content, root, chat, at, blob(row.packed)),
        ...(type === 34 ? voiceOf(voices, { svrId: str(row.svr), localId: num(row.local), createTime: num(row.time) }) : {}),
        record,
        table,
      });
    }
  }
}

/**
 * WeChat for Mac 3.x msg_N.db: one `Chat_<md5(chat)>` table per chat (`…_dels` tables hold deleted
 * rows and are passed over), found by hashing the contact and group databases' ids; mesDes 0 is an
 * own message, times in seconds, group messages of others prefixed `wxid:\n`.
 */
export function* readMac3Messages(db: DatabaseSync, maker: MessageMaker, directory: WechatDirectory): Generator<DbEvent> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'Chat\\_%' ESCAPE '\\'").all() as { name: string }[]).map((t) => t.name);
  for (const table of tables) {
    const hash = /^Chat_([0-9a-f]{32})$/i.exec(table)?.[1];
    if (!hash) continue;
    const chat = directory.chatByHash(hash);
    if (!chat) {
      yield { type: 'skip', reason: `${table}: no contact or group has this hash; its messages were left out`, code: 'wechat-db-chat-unknown', params: { table } };
      continue;
    }
    const columns = columnsOf(db, table);
    const order = columns.has('mesLocalID') ? 'ORDER BY mesLocalID' : '';
    const sql = `SELECT ${select(columns, { type: 'messageType', des: 'mesDes', time: 'msgCreateTime', content: 'msgContent', svr: ['mesSvrID', 'CAST(mesSvrID AS TEXT)'] })} FROM "${table}" ${order}`;
    let record = 0;
    for (const row of db.prepare(sql).iterate() as Iterable<Row>) {
      record++;
      const isSelf = num(row.des) === 0;
      let content = contentText(row.content);
      let sender: string | undefined;
      if (isGroupId(chat) && !isSelf) ({ sender, content } = splitPrefix(content, chat, directory));
      yield maker.make({ chat, at: num(row.time) * 1000, type: num(row.type), subType: 0, content, sender, isSelf, sourceId: str(row.svr), record, table });
    }
  }
}

/** Android keeps pictures beside EnMicroMsg.db: `image2/<ab>/<cd>/<name>`, the folders named by the first four characters of the md5 in the name. */
const image2 = (md5: string, name: string): string => `image2/${md5.slice(0, 2)}/${md5.slice(2, 4)}/${name}`;

/**
 * The full picture of each Android picture message, by the message's local id and its server id:
 * `ImgInfo2.bigImgPath` (a file name under image2/; "SERVERID://…" when it was never downloaded).
 */
function androidBigPictures(db: DatabaseSync): (msgId: number, svrId: string) => string | undefined {
  const byLocal = new Map<number, string>();
  const bySvr = new Map<string, string>();
  try {
    for (const row of db.prepare('SELECT msglocalid AS local, CAST(msgSvrId AS TEXT) AS svr, bigImgPath AS big FROM ImgInfo2 ORDER BY id').iterate() as Iterable<Row>) {
      const big = str(row.big);
      if (!big || big.includes('://') || /[\\/]/.test(big)) continue;
      if (row.local !== null) byLocal.set(num(row.local), big);
      if (row.svr && row.svr !== '0') bySvr.set(str(row.svr), big);
    }
  } catch {
    // No ImgInfo2 table: only thumbnails.
  }
  return (msgId, svrId) => byLocal.get(msgId) ?? bySvr.get(svrId);
}

/** An Android picture: the full one ImgInfo2 names, else the thumbnail `imgPath` names (`THUMBNAIL_DIRPATH://th_<md5>`). */
function androidPicture(root: string | undefined, big: string | undefined, imgPath: string): MediaLink {
  const thumb = /^THUMBNAIL_DIRPATH:\/\/(th_[0-9a-f]{32})$/i.exec(imgPath.trim())?.[1];
  const candidates = [big && image2(big, big), thumb && image2(thumb.slice(3), thumb)].filter((c): c is string => !!c);
  if (candidates.length === 0) return {};
  if (!root) return { mediaMissing: true };
  const found = candidates.find((rel) => existsSync(join(root, rel)));
  return found ? { mediaPath: found } : { mediaMissing: true };
}

/**
 * An Android voice message's content is no XML but `<user>:<length in ms>:<0|1>\n` (WeChat's
 * VoiceContent; a group's may carry one more field in front): said as the XML the other versions
 * keep, so its length is shown the same way (`3″`).
 */
function androidVoiceContent(content: string): string {
  const ms = /(?:^|:)(\d{1,9}):[01]\s*$/.exec(content)?.[1];
  return ms ? `<msg><voicemsg voicelength="${ms}" /></msg>` : content;
}

/** Android EnMicroMsg.db `message`: the type's low 16 bits are the PC type, the sub type is in the XML; pictures under image2/ and voices under voice2/ beside it. */
export function* readAndroidMessages(db: DatabaseSync, maker: MessageMaker, directory: WechatDirectory, root: string | undefined, voices: WechatVoices): Generator<DbEvent> {
  const columns = columnsOf(db, 'message');
  const sql = `SELECT ${select(columns, { id: 'msgId', type: 'type', isSend: 'isSend', time: 'createTime', talker: 'talker', content: 'content', imgPath: 'imgPath', svr: ['msgSvrId', 'CAST(msgSvrId AS TEXT)'] })} FROM message ORDER BY msgId`;
  let bigPicture: ReturnType<typeof androidBigPictures> | undefined;
  let record = 0;
  for (const row of db.prepare(sql).iterate() as Iterable<Row>) {
    record++;
    const chat = str(row.talker);
    const isSelf = num(row.isSend) === 1;
    const type = num(row.type) & 0xffff;
    let content = str(row.content);
    let sender: string | undefined;
    if (isGroupId(chat) && !isSelf) ({ sender, content } = splitPrefix(content, chat, directory));
    let picture: MediaLink = {};
    if (type === 3) {
      bigPicture ??= androidBigPictures(db);
      picture = androidPicture(root, bigPicture(num(row.id), str(row.svr)), str(row.imgPath));
    }
    const voice = type === 34 ? voiceOf(voices, { imgPath: str(row.imgPath).trim() }) : {};
    if (type === 34) content = androidVoiceContent(content);
    yield maker.make({ chat, at: num(row.time), type, subType: 0, content, sender, isSelf, sourceId: str(row.svr), ...picture, ...voice, record, table: 'message' });
  }
}
