// The reading thread of a message import (parse-thread.ts): the same archive whether files are
// read on it or on the archive's thread, a file whose reading thread dies is named with what was
// kept, and a cancelled import stops it and leaves whole batches.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { writeMemoTraceChats } from '../../../bench/gen-messages';
import { writeTelegramExport } from '../../../bench/gen-telegram';
import { writeWhatsAppText, writeWhatsAppZip } from '../../../bench/gen-whatsapp';
import { closeArchive, countMessages, importMessages, type MessageImportSummary } from '../../../electron/messages';
import { useReaderThreadFile } from '../../../electron/messages/parse-thread';
import { WORKER_BATCH_ROWS } from '../../../electron/messages/parse-protocol';
import { archive } from '../../../electron/messages/store';
import { corpusPath, hasCorpus } from '../../corpus';
import { bundleNodeScript } from '../node-script';
import { archiveDigest } from './archive-dump';
import { cleanup, tempDir } from './helpers';

let work: string;
let readerFile: string;
let inputs: string[];
const QUERIES = ['火锅', '我们', '今天 吃饭', 'hel', '138', 'ok', '周末火锅群', 'ana', 'a', '火'];

beforeAll(async () => {
  work = tempDir('relink-reader-thread-');
  readerFile = bundleNodeScript('electron/messages/parse-worker.ts', join(work, 'messages-reader.mjs'));
  const memotrace = join(work, 'in', 'memotrace');
  mkdirSync(memotrace, { recursive: true });
  // Several reading-thread batches in one file (WhatsApp, Telegram), many small files (MemoTrace).
  await writeMemoTraceChats(memotrace, 24_000, 12);
  await writeWhatsAppText(join(work, 'in', 'WhatsApp Chat with Ana.txt'), 45_000);
  await writeTelegramExport(join(work, 'in', 'result.json'), 30_000);
  // Read on the archive's thread in both runs: a zip.
  await writeWhatsAppZip(join(work, 'in', 'WhatsApp Chat with Bo.zip'), 3_000);
  // Read whole, so on the archive's thread in both runs: a MemoTrace HTML export.
  const rows = Array.from({ length: 300 }, (_, i) => `{ type:1, text:'火锅 html ${i}', is_send:${i % 2}, timestamp:${1_700_000_000 + i * 60}, is_chatroom:0, displayname:'${i % 2 ? '我' : '阿强'}' }`);
  mkdirSync(join(work, 'in', '阿强(wxid_aq)'));
  writeFileSync(join(work, 'in', '阿强(wxid_aq)', '阿强.html'), `<html><script>const chatMessages = [\n${rows.join(',\n')}\n];</script></html>`);
  // A file that stops being readable part-way: its messages before that are kept.
  const telegram = readFileSync(join(work, 'in', 'result.json'), 'utf8');
  writeFileSync(join(work, 'in', 'cut.json'), telegram.slice(0, Math.floor(telegram.length * 0.6)));
  inputs = [join(work, 'in'), ...(hasCorpus ? [corpusPath('chats')] : [])];
}, 120_000);
afterEach(() => useReaderThreadFile(undefined));
afterAll(cleanup);

/** What an import reported, as plain data. */
const reported = (summary: MessageImportSummary): unknown => JSON.parse(JSON.stringify(summary));

it('a mixed import (and its re-import, all duplicates) gives the same archive and report on the reading thread as on the main thread', async () => {
  const runs = [];
  for (const reader of [null, readerFile]) {
    useReaderThreadFile(reader);
    const caseDir = join(work, reader ? 'threaded' : 'main-thread');
    const first = await importMessages(caseDir, inputs);
    const again = await importMessages(caseDir, inputs);
    runs.push({ first: reported(first), again: reported(again), digest: archiveDigest(caseDir, QUERIES) });
    closeArchive(caseDir);
  }
  const [plain, threaded] = runs;
  expect(threaded!.first).toEqual(plain!.first);
  expect(threaded!.again).toEqual(plain!.again);
  expect(threaded!.digest).toEqual(plain!.digest);
  // The import did what the comparison assumes: many messages, a cut file named, all duplicates the second time.
  const first = plain!.first as MessageImportSummary;
  expect(first.messages).toBeGreaterThan(100_000);
  const cut = first.files.find((f) => f.file.endsWith('cut.json'))!;
  expect(cut.errorCode).toBe('chat-reading-stopped');
  expect(cut.messages).toBeGreaterThan(0);
  expect(first.files.find((f) => f.file.endsWith('.html'))).toMatchObject({ format: 'memotrace-html', messages: 300 });
  expect((plain!.again as MessageImportSummary).messages).toBe(0);
}, 600_000);

it('a reading thread that dies names the file and keeps what it read; the next file is read by a new one', async () => {
  // A reader that posts one good batch of the file, then dies.
  const dying = join(work, 'dying-reader.mjs');
  writeFileSync(
    dying,
    `import { parentPort, Worker } from 'node:worker_threads';
     const real = new Worker(${JSON.stringify(readerFile)});
     parentPort.on('message', (m) => real.postMessage(m));
     let batches = 0;
     real.on('message', (m) => { if (m.type === 'batch' && ++batches === 2) process.exit(3); parentPort.postMessage(m); });`,
  );
  useReaderThreadFile(dying);
  const caseDir = join(work, 'dying');
  const text = join(work, 'in', 'WhatsApp Chat with Ana.txt');
  const summary = await importMessages(caseDir, [text, join(work, 'in', 'result.json')]);
  const [whatsapp, telegram] = summary.files;
  expect(whatsapp!.errorCode).toBe('chat-reading-stopped');
  expect(whatsapp!.error).toMatch(/reading thread stopped/);
  expect(whatsapp!.messages).toBe(WORKER_BATCH_ROWS);
  // The second file's reader dies as well, after its first batch: it is named the same way.
  expect(telegram!.errorCode).toBe('chat-reading-stopped');
  expect(telegram!.messages).toBe(WORKER_BATCH_ROWS);
  closeArchive(caseDir);
}, 120_000);

it('cancelling an import on the reading thread stops it between batches and keeps whole batches, indexed', async () => {
  useReaderThreadFile(readerFile);
  const caseDir = join(work, 'cancelled');
  const controller = new AbortController();
  const summary = await importMessages(caseDir, [join(work, 'in', 'WhatsApp Chat with Ana.txt'), join(work, 'in', 'result.json')], {
    signal: controller.signal,
    onProgress: (p) => {
      if (p.messages >= 4 * WORKER_BATCH_ROWS) controller.abort();
    },
  });
  expect(summary.aborted).toBe(true);
  expect(summary.files).toHaveLength(1);
  expect(summary.messages).toBe(4 * WORKER_BATCH_ROWS);
  const db = archive(caseDir);
  expect((db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).toBe(4 * WORKER_BATCH_ROWS);
  db.exec("INSERT INTO message_fts (message_fts) VALUES ('integrity-check')");
  expect(countMessages(caseDir, '火锅')).toBeGreaterThan(0);
  closeArchive(caseDir);
  // The archive takes the rest afterwards, with a new reading thread.
  const rest = await importMessages(caseDir, [join(work, 'in', 'WhatsApp Chat with Ana.txt')]);
  expect(rest.duplicates).toBe(4 * WORKER_BATCH_ROWS);
  expect(rest.messages).toBeGreaterThan(4 * WORKER_BATCH_ROWS);
  closeArchive(caseDir);
}, 120_000);
