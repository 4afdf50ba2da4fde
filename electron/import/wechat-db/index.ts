// Contacts from a WeChat database someone already decrypted (PyWxDump, chatlog, wechat-dump-rs,
// WeChatMsg, wechatDataBackup left plain SQLite files). Relink reads them as they are and never
// decrypts anything itself: that is what got the other tools taken down.
import { DatabaseSync } from 'node:sqlite';
import type { ContactFormat } from '../../../shared/types';
import type { ImportRun } from '../run';
import { readAndroidContacts, readMac3Contacts, readPc3Contacts, readPc4Contacts } from './contacts';
import { identifyWechatDatabase, tableNames, type WechatDbKind } from './identify';

export { looksLikeEncryptedDatabase } from './identify';

const DESCRIPTION: Record<WechatDbKind, string> = {
  'pc3-contacts': 'WeChat 3.x contact database (MicroMsg.db)',
  'pc3-messages': 'WeChat 3.x message database (MSG*.db)',
  'pywxdump-merged': "PyWxDump's merged WeChat database",
  'pc4-contacts': 'WeChat 4.x contact database (contact.db)',
  'pc4-messages': 'WeChat 4.x message database (message_*.db)',
  'mac3-messages': 'WeChat for Mac message database (msg_*.db)',
  'mac3-contacts': 'WeChat for Mac contact database (wccontact_new2.db)',
  android: 'WeChat for Android database (EnMicroMsg.db)',
  'wechat-other': 'WeChat database of sessions, media or file links',
  unknown: 'SQLite database',
};

function open(run: ImportRun): DatabaseSync | undefined {
  try {
    return new DatabaseSync(run.path, { readOnly: true });
  } catch (error) {
    run.error(`The database cannot be opened: ${(error as Error).message}`, undefined, undefined, { code: 'file-unreadable' });
    return undefined;
  }
}

export function readWechatDatabase(run: ImportRun): ContactFormat | 'unknown' {
  const db = open(run);
  if (!db) return 'unknown';
  try {
    let kind: WechatDbKind;
    try {
      kind = identifyWechatDatabase(tableNames(db));
    } catch (error) {
      // "file is not a database" and friends: the header is SQLite's but the pages are not readable.
      run.error(`The database is damaged or still encrypted: ${(error as Error).message}`, undefined, undefined, { code: 'wechat-db-unreadable' });
      return 'unknown';
    }
    if (kind === 'unknown') {
      run.error('This SQLite database is not a WeChat database Relink knows', undefined, undefined, { code: 'file-binary', params: { kind: 'sqlite' } });
      return 'unknown';
    }
    if (kind === 'wechat-other') {
      run.warn(`${DESCRIPTION[kind]}: it holds no contacts`, undefined, undefined, { code: 'wechat-db-other' });
      return 'wechat-db';
    }
    if (kind === 'pc3-messages' || kind === 'pc4-messages' || kind === 'mac3-messages') {
      run.warn(`${DESCRIPTION[kind]}: it holds chats, not contacts`, undefined, undefined, { code: 'wechat-db-messages-only', params: { kind } });
      return 'wechat-db';
    }
    const tally =
      kind === 'pc4-contacts'
        ? readPc4Contacts(run, db)
        : kind === 'android'
          ? readAndroidContacts(run, db)
          : kind === 'mac3-contacts'
            ? readMac3Contacts(run, db)
            : readPc3Contacts(run, db);
    if (tally.officials) {
      run.warn(`Left out ${tally.officials} official account(s)`, undefined, undefined, { code: 'officials-left-out', params: { count: tally.officials } });
    }
    if (tally.strangers) {
      run.warn(`Left out ${tally.strangers} people who are group members but not friends`, undefined, undefined, {
        code: 'wechat-db-strangers-left-out',
        params: { count: tally.strangers },
      });
    }
    if (run.records === 0) run.error('No friend found in the database', undefined, undefined, { code: 'no-contact-found' });
    return 'wechat-db';
  } finally {
    db.close();
  }
}
