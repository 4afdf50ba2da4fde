// Where decrypted WeChat databases sit and what belongs together: the account folder above a
// database (3.x `WeChat Files/<wxid>/Msg/…`, 4.x `<wxid>_xxxx/db_storage/…`), the account's own
// wxid from that folder's name, the contact database beside message files, and the message files
// of an account. Tools that keep the relative folders (PyWxDump's de_*.db, chatlog, wechat-dump-rs)
// keep these layouts too; files are told by their tables, never their names.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { identifyWechatDatabase, tableNames, type WechatDbKind } from './identify';

export type WechatVersion = 'pc3' | 'pc4' | 'android' | 'pywxdump' | 'mac3';

export const versionOf = (kind: WechatDbKind): WechatVersion | undefined =>
  kind === 'pc3-contacts' || kind === 'pc3-messages'
    ? 'pc3'
    : kind === 'pc4-contacts' || kind === 'pc4-messages'
      ? 'pc4'
      : kind === 'android'
        ? 'android'
        : kind === 'pywxdump-merged'
          ? 'pywxdump'
          : kind === 'mac3-messages' || kind === 'mac3-contacts'
            ? 'mac3'
            : undefined;

export const holdsMessages = (kind: WechatDbKind): boolean =>
  kind === 'pc3-messages' || kind === 'pc4-messages' || kind === 'mac3-messages' || kind === 'android' || kind === 'pywxdump-merged';
export const holdsContacts = (kind: WechatDbKind): boolean =>
  kind === 'pc3-contacts' || kind === 'pc4-contacts' || kind === 'mac3-contacts' || kind === 'android' || kind === 'pywxdump-merged';

/** The kind of a SQLite file, or undefined when it cannot be read as one (damaged, still encrypted). */
export function wechatDbKind(path: string): WechatDbKind | undefined {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    return identifyWechatDatabase(tableNames(db));
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

/**
 * The account folder a database lives in: `WeChat Files/<wxid>` above 3.x's `Msg/`, `<wxid>_xxxx`
 * above 4.x's `db_storage/`, macOS's `<md5 of the account>` above `Message/` and `Contact/`; a
 * merged or Android file stands alone in its folder. Tools that keep
 * the relative folders (PyWxDump's de_*.db, chatlog, wechat-dump-rs) keep these too.
 */
export function accountRoot(path: string, kind: WechatDbKind): string {
  const parts = path.split(sep);
  const above = (name: string): string | undefined => {
    for (let i = parts.length - 2; i >= 0; i--) if (parts[i]!.toLowerCase() === name) return parts.slice(0, i).join(sep) || sep;
    return undefined;
  };
  const version = versionOf(kind);
  if (version === 'pc3') return above('msg') ?? dirname(path);
  if (version === 'pc4') return above('db_storage') ?? dirname(dirname(path));
  if (version === 'mac3') return above(kind === 'mac3-contacts' ? 'contact' : 'message') ?? dirname(dirname(path));
  return dirname(path);
}

/** The account's own wxid from its folder's name (4.x adds `_` and four hex digits), if it names one. */
export function ownerFromFolder(root: string, version: WechatVersion): string | undefined {
  const name = basename(root);
  if (!/^wxid_[0-9a-z]+/i.test(name) && !(version === 'pywxdump' && /^[a-z][\w-]{5,19}$/i.test(name))) return undefined;
  return version === 'pc4' ? name.replace(/_[0-9a-f]{4}$/i, '') : name;
}

/** Where the contact database sits beside the message files, when it was not among the files given. */
export function contactDbNear(root: string, version: WechatVersion): string | undefined {
  const candidates =
    version === 'pc3'
      ? [join(root, 'Msg', 'MicroMsg.db'), join(root, 'Msg', 'de_MicroMsg.db'), join(root, 'MicroMsg.db'), join(root, 'de_MicroMsg.db')]
      : version === 'pc4'
        ? [join(root, 'db_storage', 'contact', 'contact.db'), join(root, 'contact', 'contact.db')]
        : version === 'mac3'
          ? [join(root, 'Contact', 'wccontact_new2.db'), join(root, 'Contact', 'de_wccontact_new2.db')]
          : [];
  return candidates.find((c) => existsSync(c));
}

/** macOS 3.x: the group database (`Group/group_new.db`) with the groups' names and members' names. */
export function macGroupDbNear(root: string): string | undefined {
  return [join(root, 'Group', 'group_new.db'), join(root, 'Group', 'de_group_new.db')].find((c) => existsSync(c));
}

/** The message databases of an account folder where WeChat (and the tools copying its tree) put them. */
export function messageFilesIn(root: string, version: WechatVersion): string[] {
  const list = (dir: string, re: RegExp): string[] => {
    try {
      return readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f));
    } catch {
      return [];
    }
  };
  const found =
    version === 'pc3'
      ? [...list(join(root, 'Msg', 'Multi'), /^(de_)?MSG\d*\.db$/i), ...list(join(root, 'Msg'), /^(de_)?MSG\d*\.db$/i)]
      : version === 'pc4'
        ? list(join(root, 'db_storage', 'message'), /^(de_)?message_\d+\.db$/i)
        : version === 'mac3'
          ? list(join(root, 'Message'), /^(de_)?msg_\d+\.db$/i)
          : [];
  return found.filter((f) => {
    const kind = wechatDbKind(f);
    return kind !== undefined && holdsMessages(kind);
  });
}
