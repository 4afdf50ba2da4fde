// Voice messages of a decrypted WeChat account are audio kept in databases beside the messages,
// not files: 3.x `Msg/Multi/MediaMSG0..n.db` has `Media(Key, Reserved0 = MsgSvrID, Buf = SILK)`,
// 4.x `db_storage/message/media_N.db` has `VoiceInfo(chat_name_id, create_time, local_id, svr_id,
// voice_data)` (a PyWxDump merge may carry the Media table itself). The databases are told by their
// tables, never their names; each is read once into a key → row map when the first voice asks.
// wechatDataBackup writes the voices out instead, as `FileStorage/Voice/<MsgSvrID>.mp3` beside Msg/.
// Android keeps each voice as a file on the phone's storage, beside image2/: see androidVoicePath.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { tableNames } from '../../../import/wechat-db/identify';
import type { WechatVersion } from '../../../import/wechat-db/layout';

/** How a voice row is found: by the server's message id, else (4.x) by the chat's local id and time. */
export interface VoiceKey {
  svrId?: string;
  localId?: number;
  /** Seconds. */
  createTime?: number;
  /** Android: the message's `imgPath`, which names its file under voice2/. */
  imgPath?: string;
}

/**
 * Where Android WeChat keeps a voice message: `voice2/<h[0:2]>/<h[2:4]>/msg_<imgPath>.amr`, h the
 * md5 (hex) of the message's `imgPath`, in the folder that also holds image2/ (on the phone's
 * storage, `tencent/MicroMsg/<account md5>/`). The rule as ppwwyyxx/wechat-dump reads it
 * (wechat/res.py, `_get_voice_filename`); SILK inside despite the name (older clients: AMR), told by
 * voiceExtension. Only an imgPath of letters and digits is taken, so it names nothing outside voice2/.
 */
export function androidVoicePath(imgPath: string): string | undefined {
  if (!/^[0-9A-Za-z_]{1,128}$/.test(imgPath)) return undefined;
  const h = createHash('md5').update(imgPath).digest('hex');
  return `voice2/${h.slice(0, 2)}/${h.slice(2, 4)}/msg_${imgPath}.amr`;
}

/**
 * WeChat caps a voice at 60 s, a few hundred KB (SILK, AMR or wechatDataBackup's mp3); a file named as
 * a voice but far larger is none a client made, and is not read into memory (it counts as missing).
 */
export const MAX_VOICE_BYTES = 4 * 1024 * 1024;

interface VoiceTable {
  db: DatabaseSync;
  read: (rowid: number) => Uint8Array | undefined;
}

const SILK = Buffer.from('#!SILK_V3', 'latin1');
const AMR = Buffer.from('#!AMR', 'latin1');
const ID3 = Buffer.from('ID3', 'latin1');

/** The kind of audio, for the stored file's extension: WeChat's SILK (with or without its 0x02 lead byte), else AMR from old clients. */
export function voiceExtension(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (head.subarray(0, AMR.length).equals(AMR)) return 'amr';
  // An MP3 (wechatDataBackup's converted voices): an ID3 tag, or straight away a frame's sync bits.
  if (head.subarray(0, ID3.length).equals(ID3) || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)) return 'mp3';
  return head.indexOf(SILK) === 0 || head.indexOf(SILK) === 1 ? 'silk' : 'bin';
}

const listDbs = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => /\.db$/i.test(f)).map((f) => join(dir, f));
  } catch {
    return [];
  }
};

export class WechatVoices {
  private readonly tables: VoiceTable[] = [];
  private index?: Map<string, [number, number]>;

  /** A folder of voices written out as files (wechatDataBackup's FileStorage/Voice), if the account has one. */
  private readonly voiceFolder?: string;
  /** Android: the folder holding voice2/, when the user gave it with EnMicroMsg.db. */
  private readonly androidRoot?: string;

  private constructor(paths: string[], folders: { voiceFolder?: string; androidRoot?: string } = {}) {
    this.voiceFolder = folders.voiceFolder;
    this.androidRoot = folders.androidRoot;
    for (const path of paths) {
      let db: DatabaseSync | undefined;
      try {
        db = new DatabaseSync(path, { readOnly: true });
        const tables = tableNames(db);
        if (tables.has('VoiceInfo')) {
          const stmt = db.prepare('SELECT voice_data AS data FROM VoiceInfo WHERE rowid = ?');
          this.tables.push({ db, read: (rowid) => blobOf((stmt.get(rowid) as { data?: unknown } | undefined)?.data) });
        } else if (tables.has('Media')) {
          const stmt = db.prepare('SELECT Buf AS data FROM Media WHERE rowid = ?');
          this.tables.push({ db, read: (rowid) => blobOf((stmt.get(rowid) as { data?: unknown } | undefined)?.data) });
        } else db.close();
      } catch {
        db?.close(); // unreadable (still encrypted, damaged): its voices are marked missing
      }
    }
  }

  /** The voice databases of an account folder (and, for a merge, the merged file itself). */
  static near(root: string | undefined, version: WechatVersion, messageFiles: string[]): WechatVoices {
    if (!root) return new WechatVoices([]);
    if (version === 'android') return new WechatVoices([], isFolder(join(root, 'voice2')) ? { androidRoot: root } : {});
    const folder = join(root, 'FileStorage', 'Voice');
    const voiceFolder = version === 'pc3' && isFolder(folder) ? folder : undefined;
    const paths =
      version === 'pc3'
        ? [...listDbs(join(root, 'Msg', 'Multi')), ...listDbs(join(root, 'Msg'))]
        : version === 'pc4'
          ? listDbs(join(root, 'db_storage', 'message'))
          : version === 'pywxdump'
            ? messageFiles
            : [];
    return new WechatVoices(paths, { voiceFolder });
  }

  /** True when the account has a database or folder of voices at all (else a voice message is not "missing", just not given). */
  get present(): boolean {
    return this.tables.length > 0 || this.voiceFolder !== undefined || this.androidRoot !== undefined;
  }

  private build(): Map<string, [number, number]> {
    const index = new Map<string, [number, number]>();
    this.tables.forEach(({ db }, i) => {
      const tables = tableNames(db);
      const sql = tables.has('VoiceInfo')
        ? 'SELECT rowid AS id, CAST(svr_id AS TEXT) AS svr, local_id AS local, create_time AS at FROM VoiceInfo'
        : 'SELECT rowid AS id, CAST(Reserved0 AS TEXT) AS svr, NULL AS local, NULL AS at FROM Media';
      for (const row of db.prepare(sql).iterate() as Iterable<{ id: number; svr: string | null; local: number | null; at: number | null }>) {
        if (row.svr && row.svr !== '0') index.set(`s:${row.svr}`, [i, row.id]);
        if (row.local !== null && row.at !== null) index.set(`l:${row.at}:${row.local}`, [i, row.id]);
      }
    });
    return index;
  }

  /** The audio of a voice message, or undefined when no voice database holds it. */
  get(key: VoiceKey): Uint8Array | undefined {
    return this.fromDatabases(key) ?? this.fromFolder(key) ?? this.fromAndroid(key);
  }

  private fromDatabases(key: VoiceKey): Uint8Array | undefined {
    if (this.tables.length === 0) return undefined;
    this.index ??= this.build();
    const hit = (key.svrId && key.svrId !== '0' ? this.index.get(`s:${key.svrId}`) : undefined) ?? (key.localId !== undefined && key.createTime !== undefined ? this.index.get(`l:${key.createTime}:${key.localId}`) : undefined);
    return hit ? this.tables[hit[0]]!.read(hit[1]) : undefined;
  }

  /** `<MsgSvrID>.mp3` in the voice folder; the id is digits only, so it names nothing outside it. */
  private fromFolder(key: VoiceKey): Uint8Array | undefined {
    if (!this.voiceFolder || !key.svrId || !/^[1-9]\d{0,19}$/.test(key.svrId)) return undefined;
    return readIfThere(join(this.voiceFolder, `${key.svrId}.mp3`));
  }

  private fromAndroid(key: VoiceKey): Uint8Array | undefined {
    const rel = this.androidRoot && key.imgPath ? androidVoicePath(key.imgPath) : undefined;
    return rel ? readIfThere(join(this.androidRoot!, rel)) : undefined;
  }

  close(): void {
    for (const t of this.tables) t.db.close();
    this.tables.length = 0;
  }
}

function readIfThere(file: string): Uint8Array | undefined {
  try {
    return existsSync(file) && statSync(file).size <= MAX_VOICE_BYTES ? blobOf(readFileSync(file)) : undefined;
  } catch {
    return undefined; // unreadable: marked missing like a voice the databases lack
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const blobOf = (v: unknown): Uint8Array | undefined => (v instanceof Uint8Array && v.length > 0 ? v : undefined);
