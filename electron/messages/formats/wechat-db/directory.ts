// The names a decrypted WeChat contact database gives to chats and senders: remarks, nicknames,
// WeChat IDs (aliases), group members' display names, and (Android) the account's own wxid.
import { createHash } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { identifyWechatDatabase, tableNames, type WechatDbKind } from '../../../import/wechat-db/identify';
import { roomMembers } from './decode';

interface Named {
  remark?: string;
  nickname?: string;
  alias?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * Names from the contact table (every row: friends, groups and strangers alike, since group
 * members who are not friends still wrote messages) and, per group, its members' display names,
 * read when the group's first message needs them.
 */
export class WechatDirectory {
  private readonly people = new Map<string, Named>();
  private readonly rooms = new Map<string, Map<string, string>>();
  private roomQuery?: (room: string) => Map<string, string>;
  /** macOS: group members' names, not per group (its GroupMember table has one row per person). */
  private readonly memberNames = new Map<string, string>();
  private hashes?: Map<string, string>;
  owner?: string;

  constructor(
    private readonly db: DatabaseSync | undefined,
    private readonly kind: WechatDbKind | undefined,
  ) {
    if (db && kind) this.load(db, kind);
  }

  static open(path: string | undefined): WechatDirectory {
    if (!path) return new WechatDirectory(undefined, undefined);
    try {
      const db = new DatabaseSync(path, { readOnly: true });
      return new WechatDirectory(db, identifyWechatDatabase(tableNames(db)));
    } catch {
      return new WechatDirectory(undefined, undefined);
    }
  }

  close(): void {
    this.db?.close();
  }

  private load(db: DatabaseSync, kind: WechatDbKind): void {
    const tables = tableNames(db);
    const sql =
      kind === 'pc4-contacts'
        ? 'SELECT username AS id, remark, nick_name AS nickname, alias FROM contact'
        : kind === 'android'
          ? 'SELECT username AS id, conRemark AS remark, nickname, alias FROM rcontact'
          : kind === 'mac3-contacts'
            ? 'SELECT m_nsUsrName AS id, m_nsRemark AS remark, nickname, m_nsAliasName AS alias FROM WCContact'
            : tables.has('Contact')
            ? 'SELECT UserName AS id, Remark AS remark, NickName AS nickname, Alias AS alias FROM Contact'
            : undefined;
    if (sql) {
      for (const row of db.prepare(sql).iterate() as Iterable<Record<string, unknown>>) {
        const id = text(row.id);
        if (!id) continue;
        this.people.set(id, { remark: text(row.remark), nickname: text(row.nickname), alias: text(row.alias) });
      }
    }
    if (kind === 'android' && tables.has('userinfo')) {
      const row = db.prepare('SELECT value FROM userinfo WHERE id = 2').get() as { value?: unknown } | undefined;
      this.owner = text(row?.value);
    }
    this.roomQuery = this.roomReader(db, kind, tables);
  }

  private roomReader(db: DatabaseSync, kind: WechatDbKind, tables: Set<string>): ((room: string) => Map<string, string>) | undefined {
    let stmt: StatementSync;
    if (kind === 'pc4-contacts' && tables.has('chat_room')) {
      stmt = db.prepare('SELECT ext_buffer AS data FROM chat_room WHERE username = ?');
      return (room) => roomMembers((stmt.get(room) as { data?: Uint8Array } | undefined)?.data);
    }
    if (kind === 'android' && tables.has('chatroom')) {
      stmt = db.prepare('SELECT memberlist, displayname FROM chatroom WHERE chatroomname = ?');
      return (room) => {
        const row = stmt.get(room) as { memberlist?: string; displayname?: string } | undefined;
        const ids = (row?.memberlist ?? '').split(';');
        const names = (row?.displayname ?? '').split('、');
        return new Map(ids.map((id, i) => [id, names[i]?.trim() ?? ''] as [string, string]).filter(([id]) => id));
      };
    }
    if (tables.has('ChatRoom')) {
      stmt = db.prepare('SELECT RoomData AS data, UserNameList AS ids, DisplayNameList AS names FROM ChatRoom WHERE ChatRoomName = ?');
      return (room) => {
        const row = stmt.get(room) as { data?: Uint8Array; ids?: string; names?: string } | undefined;
        const members = roomMembers(row?.data);
        if (members.size === 0 && row?.ids) {
          // Older rows carry only the two lists, split on the characters "^G".
          const names = (row.names ?? '').split('^G');
          row.ids.split('^G').forEach((id, i) => id && members.set(id, names[i]?.trim() ?? ''));
        }
        return members;
      };
    }
    return undefined;
  }

  /**
   * macOS 3.x `Group/group_new.db`: groups' names from `GroupContact` and members' names from
   * `GroupMember` (both keyed by m_nsUsrName). Unreadable or absent: chats keep their ids.
   */
  addMacGroups(path: string | undefined): void {
    if (!path) return;
    let db: DatabaseSync | undefined;
    try {
      db = new DatabaseSync(path, { readOnly: true });
      const tables = tableNames(db);
      if (tables.has('GroupContact')) {
        for (const row of db.prepare('SELECT m_nsUsrName AS id, m_nsRemark AS remark, nickname FROM GroupContact').iterate() as Iterable<Record<string, unknown>>) {
          const id = text(row.id);
          if (id) this.people.set(id, { remark: text(row.remark), nickname: text(row.nickname) });
        }
      }
      if (tables.has('GroupMember')) {
        for (const row of db.prepare('SELECT m_nsUsrName AS id, nickname FROM GroupMember').iterate() as Iterable<Record<string, unknown>>) {
          const id = text(row.id);
          const name = text(row.nickname);
          if (id && name) this.memberNames.set(id, name);
        }
      }
      this.hashes = undefined;
    } catch {
      // A group database that cannot be read: groups keep their ids as names.
    } finally {
      db?.close();
    }
  }

  /** The chat whose id hashes to this md5 (macOS `Chat_<md5>` tables name chats only so). */
  chatByHash(md5: string): string | undefined {
    if (!this.hashes) {
      this.hashes = new Map();
      for (const id of this.people.keys()) this.hashes.set(createHash('md5').update(id).digest('hex'), id);
    }
    return this.hashes.get(md5.toLowerCase());
  }

  private members(room: string): Map<string, string> {
    let members = this.rooms.get(room);
    if (!members) {
      members = this.roomQuery?.(room) ?? new Map();
      this.rooms.set(room, members);
    }
    return members;
  }

  /** The chat's name: the remark the user gave, the nickname (a group's own name), else its id. */
  chatName(id: string): string {
    const p = this.people.get(id);
    return p?.remark ?? p?.nickname ?? id;
  }

  /** A sender's name in a chat: the remark, the display name they chose in that group, their nickname. */
  senderName(chat: string, wxid: string): string {
    const p = this.people.get(wxid);
    const inGroup = chat.endsWith('@chatroom') ? (this.members(chat).get(wxid) ?? this.memberNames.get(wxid)) : undefined;
    return p?.remark ?? (inGroup || undefined) ?? p?.nickname ?? wxid;
  }

  /** The WeChat ID (alias) beside the wxid, when the contact table has it. */
  alias(wxid: string): string | undefined {
    return this.people.get(wxid)?.alias;
  }

  /** True when the id is a known contact or a member of the group (to read a `wxid:` prefix without its newline). */
  knows(chat: string, wxid: string): boolean {
    return this.people.has(wxid) || this.memberNames.has(wxid) || (chat.endsWith('@chatroom') && this.members(chat).has(wxid));
  }
}
