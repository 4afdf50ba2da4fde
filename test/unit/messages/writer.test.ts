import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeArchive, getMessages, listChats, searchMessages } from '../../../electron/messages';
import type { ParsedMessage } from '../../../electron/messages/model';
import { archive } from '../../../electron/messages/store';
import { ArchiveWriter } from '../../../electron/messages/writer';
import { cleanup, tempDir } from './helpers';

let caseDir = '';
afterEach(() => {
  if (caseDir) closeArchive(caseDir);
  cleanup();
});

const chat = { key: 'wechat:wxid_a', name: 'A', platform: 'wechat' as const };
const at = Date.UTC(2023, 4, 1, 12, 0, 0);
const message = (text: string, offsetSec: number): ParsedMessage => ({
  chat,
  at: at + offsetSec * 1000,
  localTime: 'x',
  sender: { name: 'A', handles: ['wxid_a'], isSelf: false },
  kind: 'text',
  text,
});

describe('ArchiveWriter batches', () => {
  it('counts each file across batch boundaries and keeps ids unique after seconds are forgotten', () => {
    caseDir = join(tempDir(), 'case');
    // Batches of 3 and only one remembered second: later messages in an already written second
    // must find the stored ids (or the bitset of written seconds) and take the next number.
    const writer = new ArchiveWriter(archive(caseDir), { batch: 3, rememberedSeconds: 1 });
    const first = writer.startFile('one.csv');
    for (const [i, text] of ['火锅一', '火锅二', '火锅三', '火锅四', '火锅五'].entries()) writer.add(message(text, i % 2));
    const second = writer.startFile('two.csv');
    writer.add(message('火锅一', 0)); // same chat, sender, second and text as a message of one.csv
    for (const [i, text] of ['火锅六', '火锅七', '火锅八'].entries()) writer.add(message(text, i % 2));
    writer.commit();
    expect([first.added, first.duplicates, second.added, second.duplicates]).toEqual([5, 0, 3, 1]);
    const chatId = listChats(caseDir)[0]!.id;
    const page = getMessages(caseDir, chatId, { limit: 100 });
    expect(page.total).toBe(8);
    expect(new Set(page.messages.map((m) => m.id)).size).toBe(8);
    // Time order: the five messages of second 0 come before those of second 1.
    expect(page.messages.map((m) => Date.parse(m.at) - at)).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000]);
    expect(searchMessages(caseDir, '火锅', { limit: Infinity })).toHaveLength(8);
  });

  it('a batch left uncommitted by a failed import is dropped, and the next import writes it', () => {
    caseDir = join(tempDir(), 'case');
    const db = archive(caseDir);
    const failed = new ArchiveWriter(db, { batch: 100, rememberedSeconds: 100 });
    failed.startFile('one.csv');
    failed.add(message('没提交', 0));
    // The import died here, before its commit.
    const next = new ArchiveWriter(db);
    const tally = next.startFile('one.csv');
    next.add(message('没提交', 0));
    next.commit();
    expect([tally.added, tally.duplicates]).toEqual([1, 0]);
    expect(searchMessages(caseDir, '提交')).toHaveLength(1);
  });

  it('the first writer of a connection left in a transaction still indexes what it writes', () => {
    caseDir = join(tempDir(), 'case');
    const db = archive(caseDir);
    db.exec('BEGIN'); // left open by whatever failed before; the writer rolls it back
    const writer = new ArchiveWriter(db);
    writer.startFile('one.csv');
    writer.add(message('火锅店见', 0));
    writer.commit();
    expect(searchMessages(caseDir, '锅店')).toHaveLength(1);
  });
});
