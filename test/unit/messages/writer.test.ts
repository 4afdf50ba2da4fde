import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeArchive, getMessages, listChats, searchMessages } from '../../../electron/messages';
import type { ParsedMessage } from '../../../electron/messages/model';
import { archive, closeArchiveDb } from '../../../electron/messages/store';
import { ArchiveWriter } from '../../../electron/messages/writer';
import { BatchMover } from '../../../electron/messages/batch-move';
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
  it('counts each file across batch boundaries and keeps ids unique after seconds are forgotten', async () => {
    caseDir = join(tempDir(), 'case');
    // Batches of 3 and only one remembered second: later messages in an already written second
    // must find the stored ids (or the bitset of written seconds) and take the next number.
    const writer = new ArchiveWriter(archive(caseDir), { batch: 3, rememberedSeconds: 1 });
    const first = writer.startFile('one.csv');
    for (const [i, text] of ['火锅一', '火锅二', '火锅三', '火锅四', '火锅五'].entries()) await writer.add(message(text, i % 2));
    const second = writer.startFile('two.csv');
    await writer.add(message('火锅一', 0)); // same chat, sender, second and text as a message of one.csv
    for (const [i, text] of ['火锅六', '火锅七', '火锅八'].entries()) await writer.add(message(text, i % 2));
    await writer.commit();
    await writer.close();
    expect([first.added, first.duplicates, second.added, second.duplicates]).toEqual([5, 0, 3, 1]);
    const chatId = listChats(caseDir)[0]!.id;
    const page = getMessages(caseDir, chatId, { limit: 100 });
    expect(page.total).toBe(8);
    expect(new Set(page.messages.map((m) => m.id)).size).toBe(8);
    // Time order: the five messages of second 0 come before those of second 1.
    expect(page.messages.map((m) => Date.parse(m.at) - at)).toEqual([0, 0, 0, 0, 0, 1000, 1000, 1000]);
    expect(searchMessages(caseDir, '火锅', { limit: Infinity })).toHaveLength(8);
  });

  it('a batch left uncommitted by a failed import is dropped, and the next import writes it', async () => {
    caseDir = join(tempDir(), 'case');
    const db = archive(caseDir);
    const failed = new ArchiveWriter(db, { batch: 100, rememberedSeconds: 100 });
    failed.startFile('one.csv');
    failed.add(message('没提交', 0));
    // The import died here, before its commit.
    const next = new ArchiveWriter(db);
    const tally = next.startFile('one.csv');
    await next.add(message('没提交', 0));
    await next.commit();
    await next.close();
    expect([tally.added, tally.duplicates]).toEqual([1, 0]);
    expect(searchMessages(caseDir, '提交')).toHaveLength(1);
  });

  it('the first writer of a connection left in a transaction still indexes what it writes', async () => {
    caseDir = join(tempDir(), 'case');
    const db = archive(caseDir);
    db.exec('BEGIN'); // left open by whatever failed before; the writer rolls it back
    const writer = new ArchiveWriter(db);
    writer.startFile('one.csv');
    await writer.add(message('火锅店见', 0));
    await writer.commit();
    await writer.close();
    expect(searchMessages(caseDir, '锅店')).toHaveLength(1);
  });
});

describe('ArchiveWriter on two threads', () => {
  const messages = (n: number): ParsedMessage[] =>
    Array.from({ length: n }, (_, i) => ({
      chat: { key: `wechat:wxid_${i % 5}`, name: `联系人${i % 5}`, platform: 'wechat' as const },
      // Scattered over time (as an export set is), some in the same second, a few repeated lines.
      at: at + ((i * 7919) % 5000) * 1000,
      localTime: 'x',
      sender: { name: `联系人${i % 5}`, handles: [`wxid_${i % 5}`], isSelf: i % 3 === 0 },
      kind: 'text',
      text: i % 11 === 0 ? '好的' : `第${i}条 火锅 msg${i}`,
    }));
  const dump = (dir: string) => {
    const db = archive(dir);
    return {
      messages: db.prepare('SELECT m.id, c.key AS chat, p.key AS sender, m.text, CAST(m.dedupe AS TEXT) AS dedupe FROM messages m JOIN chats c ON c.id = m.chat_id JOIN people p ON p.id = m.sender_id ORDER BY m.id').all(),
      people: db.prepare('SELECT key, name, handles, role FROM people ORDER BY key').all(),
      links: db.prepare('SELECT c.key AS chat, p.key AS person FROM chat_people l JOIN chats c ON c.id = l.chat_id JOIN people p ON p.id = l.person_id ORDER BY 1, 2').all(),
      found: ['火锅', '好的', 'msg1', '第7'].map((q) => searchMessages(dir, q, { limit: Infinity }).length),
    };
  };
  const stageFiles = (dir: string) => readdirSync(join(dir, 'messages')).filter((f) => f.startsWith('.import-stage-'));

  it('batches moved on the mover thread give the archive one batch moved here gives, and leave no stage file', async () => {
    const all = messages(300);
    const results = [];
    for (const batch of [1000, 7]) {
      const dir = join(tempDir(), 'case');
      const writer = new ArchiveWriter(archive(dir), { batch, rememberedSeconds: 20 });
      const tally = writer.startFile('one.csv');
      for (const m of all) await writer.add(m);
      await writer.commit();
      await writer.close();
      expect(stageFiles(dir)).toEqual([]);
      results.push({ tally: [tally.added, tally.duplicates, tally.pending], ...dump(dir) });
      closeArchive(dir);
    }
    expect(results[0]!.tally).toEqual([300, 0, 0]);
    expect(results[0]!.found[0]).toBeGreaterThan(0);
    expect(results[1]).toEqual(results[0]);
  });

  it('a batch the mover cannot write fails the next call, keeps nothing of it, and the next import writes it', async () => {
    caseDir = join(tempDir(), 'case');
    const db = archive(caseDir);
    const writer = new ArchiveWriter(db, { batch: 2, rememberedSeconds: 100 });
    const tally = writer.startFile('one.csv');
    await writer.add(message('一', 0));
    // Another writer took the chat's key meanwhile: the mover's insert of the chat breaks its unique key.
    db.prepare("INSERT INTO chats (id, key, name, platform) VALUES (99, 'wechat:wxid_a', 'A', 'wechat')").run();
    await writer.add(message('二', 1)); // the stage is full: handed to the mover
    await expect(writer.commit()).rejects.toThrow(/UNIQUE/);
    expect([tally.added, tally.pending]).toEqual([0, 0]);
    expect((db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(0);
    // The writer starts again from what the archive holds: the chat is the one stored.
    const again = writer.startFile('one.csv');
    await writer.add(message('一', 0));
    await writer.add(message('二', 1));
    await writer.commit();
    await writer.close();
    expect([again.added, again.duplicates]).toEqual([2, 0]);
    expect(listChats(caseDir).map((c) => Number(c.id))).toEqual([99]);
    expect(searchMessages(caseDir, '二')).toHaveLength(1);
  });

  it('a second written by a committed batch and then forgotten is looked up in the archive as it is now, not as it was', async () => {
    caseDir = join(tempDir(), 'case');
    const writer = new ArchiveWriter(archive(caseDir), { batch: 2, rememberedSeconds: 1 });
    const tally = writer.startFile('one.csv');
    await writer.add(message('早', 0));
    await writer.add(message('晚', 100)); // batch 1 full: moved on the mover
    await writer.settled(); // committed; its two seconds are forgotten (only one is remembered)
    await writer.add(message('又早', 0)); // second 0 again: its next number must come from the archive
    await writer.commit();
    await writer.close();
    expect([tally.added, tally.duplicates]).toEqual([3, 0]);
    const ids = getMessages(caseDir, listChats(caseDir)[0]!.id, { limit: 10 }).messages.map((m) => Number(m.id));
    expect(new Set(ids).size).toBe(3);
  });

  it('refuses to stage into a batch still being written when add()\'s promise was not awaited', async () => {
    caseDir = join(tempDir(), 'case');
    const writer = new ArchiveWriter(archive(caseDir), { batch: 2, rememberedSeconds: 100 });
    writer.startFile('one.csv');
    for (let i = 0; i < 3; i++) expect(writer.add(message(`第${i}`, i))).toBeUndefined();
    const wait = writer.add(message('第3', 3)); // both stages full: the first is still moving
    expect(wait).toBeInstanceOf(Promise);
    expect(() => writer.add(message('第4', 4))).toThrow(/still being written/);
    await wait;
    await writer.add(message('第4', 4));
    await writer.commit();
    await writer.close();
    expect(searchMessages(caseDir, '第', { limit: Infinity })).toHaveLength(5);
  });

  it('a mover thread that cannot start fails its batch plainly, and closing it does not hang', async () => {
    const mover = new BatchMover(join(tempDir(), 'no', 'such', 'folder', 'archive.sqlite'), []);
    await expect(mover.move(join(tempDir(), 'stage.sqlite'), 1, false)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the thread has ended by itself by now
    await mover.close();
  });

  it('removes the stage files of an import whose process died, not those of a live one', async () => {
    caseDir = join(tempDir(), 'case');
    const db = archive(caseDir);
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout.trim());
    const folder = join(caseDir, 'messages');
    writeFileSync(join(folder, `.import-stage-${deadPid}-1-a.sqlite`), 'x');
    writeFileSync(join(folder, `.import-stage-${process.ppid}-1-a.sqlite`), 'x');
    const writer = new ArchiveWriter(db);
    expect(stageFiles(caseDir).filter((f) => !f.startsWith(`.import-stage-${process.pid}-`))).toEqual([`.import-stage-${process.ppid}-1-a.sqlite`]);
    await writer.close();
  });

  it('removes them when the case\'s archive is opened again, with no import (a crash leaves them until then)', () => {
    caseDir = join(tempDir(), 'case');
    archive(caseDir);
    closeArchiveDb(caseDir);
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const folder = join(caseDir, 'messages');
    writeFileSync(join(folder, `.import-stage-${Number(dead.stdout.trim())}-3-b.sqlite`), 'x');
    writeFileSync(join(folder, `.import-stage-${process.ppid}-1-a.sqlite`), 'x');
    archive(caseDir);
    expect(stageFiles(caseDir)).toEqual([`.import-stage-${process.ppid}-1-a.sqlite`]);
  });
});
