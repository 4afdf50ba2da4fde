// "WeChat 3.x database: 1,412 friends, 38 groups, 6 message files": what an account folder of
// decrypted databases holds, for the contact preview and the chat import alike. Friends and groups
// are counted by the contact reader itself, so the numbers are the ones an import gives.
import { relative, sep } from 'node:path';
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
 * The folder as the user named it: `shown` is the file's shown name ("上传/wxid_me/Msg/MicroMsg.db"),
 * and the part below the account folder is cut off it.
 */
export function shownFolder(path: string, root: string, shown: string): string {
  const below = relative(root, path).split(sep).join('/');
  const name = shown.split(sep).join('/');
  return below && name.endsWith(`/${below}`) ? name.slice(0, -below.length - 1) : (root.split(sep).pop() ?? root);
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
  return recognition(shownFolder(path, root, shown), version, counted, messageFilesIn(root, version).length);
}
