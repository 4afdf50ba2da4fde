// "WeChat 3.x database: 1,412 friends, 38 groups, 6 message files": what an account folder of
// decrypted databases holds, for the contact preview and the chat import alike. Friends and groups
// are counted by the contact reader itself, so the numbers are the ones an import gives.
import type { WechatDbRecognition } from '../../../shared/types';
import { ImportRun } from '../run';
import { readWechatDatabase } from './index';
import { accountRoot, messageFilesIn, versionOf, wechatDbKind, type WechatVersion } from './layout';

/** Friends and groups of a contact database, as the contact import reads them. */
export function countContacts(path: string): { friends: number; groups: number } {
  const run = new ImportRun(path, path, () => undefined);
  readWechatDatabase(run);
  return { friends: run.records, groups: run.groups.length };
}

/**
 * The folder as the user knows it, from a database's shown name (a staged upload's relative name or
 * a path): up to 3.x's `Msg` or 4.x's `db_storage`, so "wxid_me/Msg/Multi/MSG0.db" is shown as
 * "wxid_me/Msg" and a dropped "db_storage" as itself; a Mac account as its folder above `Message`
 * and `Contact`; a merged or Android file as its own name.
 */
export function shownFolder(shown: string, version: WechatVersion): string {
  const parts = shown.split(/(?=[\\/])/);
  if (version === 'mac3') {
    // The account folder (an md5) above `Message/` and `Contact/`.
    const at = parts.findIndex((p, i) => i > 0 && i < parts.length - 1 && /^(message|contact)$/i.test(p.replace(/^[\\/]/, '')));
    if (at > 0) return parts.slice(0, at).join('');
    return parts.length > 1 ? parts.slice(0, -1).join('') : shown;
  }
  const marker = version === 'pc3' ? 'msg' : version === 'pc4' ? 'db_storage' : undefined;
  if (marker) {
    const at = parts.findIndex((p, i) => i < parts.length - 1 && p.replace(/^[\\/]/, '').toLowerCase() === marker);
    if (at >= 0) return parts.slice(0, at + 1).join('');
    if (parts.length > 1) return parts.slice(0, -1).join('');
  }
  return shown;
}

type Counts = { friends: number; groups: number };

export function recognition(folder: string, version: WechatVersion, contacts: string | Counts | undefined, messageFiles: number): WechatDbRecognition {
  return { folder, version, ...(typeof contacts === 'string' ? countContacts(contacts) : (contacts ?? {})), messageFiles };
}

/** For the contact preview: a contact database (its friends and groups as the preview counted them) and the message files of its account folder. */
export function recognizeContactDatabase(path: string, shown: string, counted: Counts): WechatDbRecognition | undefined {
  const kind = wechatDbKind(path);
  const version = kind && versionOf(kind);
  if (!kind || !version) return undefined;
  if (version === 'pywxdump' || version === 'android') return recognition(shown, version, counted, 1);
  const root = accountRoot(path, kind);
  return recognition(shownFolder(shown, version), version, counted, messageFilesIn(root, version).length);
}

/**
 * Browser uploads arrive as loose files, so a contact database's folder on disk has no message
 * files beside it: the previews of one drop count them instead (the message databases under the
 * same shown folder).
 */
export function countMessageFilesOfDrop(previews: { file: string; issues: { code?: string }[]; wechatDatabase?: WechatDbRecognition }[]): void {
  for (const p of previews) {
    const r = p.wechatDatabase;
    if (!r || (r.version !== 'pc3' && r.version !== 'pc4' && r.version !== 'mac3')) continue;
    const inDrop = previews.filter((q) => q.file.startsWith(`${r.folder}/`) && q.issues.some((i) => i.code === 'wechat-db-messages-only')).length;
    r.messageFiles = Math.max(r.messageFiles, inDrop);
  }
}
