// Chats from decrypted WeChat databases: the importer hands over every SQLite file it was given
// (or found in a folder); they are grouped by account folder, each account's contact database
// gives the names, and each message database becomes one streamed source of messages.
import { DatabaseSync } from 'node:sqlite';
import type { WechatDbRecognition } from '../../../../shared/types';
import { accountRoot, contactDbNear, holdsContacts, holdsMessages, macGroupDbNear, ownerFromFolder, versionOf, type WechatVersion } from '../../../import/wechat-db/layout';
import type { WechatDbKind } from '../../../import/wechat-db/identify';
import { recognition, shownFolder } from '../../../import/wechat-db/recognize';
import type { ParseEvent } from '../../model';
import { WechatDirectory } from './directory';
import { BlobBatch } from './blobs';
import { MessageMaker, readAndroidMessages, readMac3Messages, readPc3Messages, readPc4Messages, type DbEvent } from './messages';
import { WechatVoices } from './voices';

export interface WechatDbFile {
  path: string;
  kind: WechatDbKind;
  /** The name the user knows it by (a staged upload's relative name). */
  shown: string;
}

export interface WechatDbSource {
  file: WechatDbFile;
  /** The account folder: pictures' paths are relative to it. */
  baseDir: string;
  /** The messages; media the database holds as bytes (voice) is put in this case's content store first. */
  events(caseDir: string): AsyncIterable<ParseEvent>;
}

export interface WechatDbAccount {
  recognition: WechatDbRecognition;
  sources: WechatDbSource[];
  /** Closes the contact and voice databases once every source was read. */
  close(): void;
}

/** Groups the files by account folder; files holding neither contacts nor messages are left out. */
export function wechatDbAccounts(files: WechatDbFile[]): WechatDbAccount[] {
  const groups = new Map<string, { version: WechatVersion; files: WechatDbFile[] }>();
  for (const file of files) {
    const version = versionOf(file.kind);
    if (!version || (!holdsMessages(file.kind) && !holdsContacts(file.kind))) continue;
    const root = accountRoot(file.path, file.kind);
    const key = `${version}\u0000${root}`;
    const group = groups.get(key) ?? { version, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, { version, files: members }]) => account(key.split('\u0000')[1]!, version, members));
}

function account(root: string, version: WechatVersion, files: WechatDbFile[]): WechatDbAccount {
  const messageFiles = files.filter((f) => holdsMessages(f.kind));
  // Android and merged files carry their contacts in the same file.
  const contactFile = files.find((f) => holdsContacts(f.kind) && !holdsMessages(f.kind))?.path ?? (version === 'android' || version === 'pywxdump' ? messageFiles[0]?.path : contactDbNear(root, version));
  const directory = WechatDirectory.open(contactFile);
  if (version === 'mac3') directory.addMacGroups(macGroupDbNear(root));
  const maker = new MessageMaker(directory, ownerFromFolder(root, version) ?? directory.owner);
  const voices = WechatVoices.near(root, version, messageFiles.map((f) => f.path));
  const folder = shownFolder(files[0]!.shown, version);
  return {
    recognition: recognition(folder, version, contactFile, messageFiles.length),
    sources: messageFiles.map((file) => ({ file, baseDir: root, events: (caseDir) => withBreaths(readFile(file, maker, directory, root, voices), caseDir) })),
    close: () => {
      directory.close();
      voices.close();
    },
  };
}

/** Rows between two returns to the event loop. */
const ROWS_PER_BREATH = 2000;

/**
 * SQLite reads are synchronous: without a return to the event loop now and then, a whole database
 * would be read in one task, so a cancel request would wait for its end, and V8 could not run the
 * garbage-collection steps it posts as tasks (the 2M-message import grew to 500–700 MB of garbage).
 */
async function* withBreaths(events: Iterable<DbEvent>, caseDir: string): AsyncGenerator<ParseEvent> {
  const blobs = new BlobBatch(caseDir);
  let n = 0;
  try {
    for (const { blob, ...event } of events) {
      if (blob && event.type === 'message') {
        await blobs.add(event.message, blob.bytes, blob.ext);
        if (blobs.full) for (const message of await blobs.flush()) yield { type: 'message', message };
      } else {
        yield event;
      }
      if (++n % ROWS_PER_BREATH === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const message of await blobs.flush()) yield { type: 'message', message };
  } finally {
    await blobs.discard();
  }
}

function* readFile(file: WechatDbFile, maker: MessageMaker, directory: WechatDirectory, root: string, voices: WechatVoices): Generator<DbEvent> {
  const db = new DatabaseSync(file.path, { readOnly: true });
  try {
    if (file.kind === 'pc4-messages') yield* readPc4Messages(db, maker, directory, root, voices);
    else if (file.kind === 'android') yield* readAndroidMessages(db, maker, directory, root, voices);
    else if (file.kind === 'mac3-messages') yield* readMac3Messages(db, maker, directory);
    else yield* readPc3Messages(db, maker, directory, root, voices);
  } finally {
    db.close();
  }
}
