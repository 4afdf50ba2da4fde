// A contact file parsed on its thread (parse-thread.ts) gives what the same parse gives in-process:
// the same contacts in the same order and the same summary, for every contact file of the corpus;
// progress, cancelling and a thread that fails behave as the caller expects.
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawContact } from '../../../shared/types';
import { importContactFile, type ContactFileSummary } from '../../../electron/import';
import { importContactFileOnThread, type ThreadUse } from '../../../electron/import/parse-thread';
import { corpusPath, filesUnder, hasCorpus } from '../../corpus';
import { generateVcardFile } from '../../../bench/gen-vcards';
import { cleanupTmp, lines, tmp, writeFixture } from './helpers';
import { writeAndroid, writePc3, writePc4, writePywxdumpMerged } from './wechat-db/generate';

afterAll(cleanupTmp);

/** Every file on the thread, in small batches, the thread waiting for each one to be read. */
const ALWAYS: Partial<ThreadUse> = { minBytes: 0, batching: { records: 3, chars: 2000, maxUnread: 1 } };

async function parsed(path: string, onThread: boolean, use = ALWAYS, signal?: AbortSignal): Promise<{ contacts: RawContact[]; summary: ContactFileSummary }> {
  const contacts: RawContact[] = [];
  const opts = { region: 'CN', signal, onContact: (c: RawContact) => contacts.push(c) };
  const summary = onThread ? await importContactFileOnThread(path, opts, use) : await importContactFile(path, opts);
  return { contacts, summary };
}

/** What the book would store: the thread's contacts travel as JSON, so compare them as JSON does. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

async function inTurns<T>(items: T[], parallel: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) await each(items[next++]!);
  }));
}

describe.skipIf(!hasCorpus)('contact files parsed on a thread', () => {
  it('gives the in-process contacts and summary for every contact file of the corpus', async () => {
    // Contact exports, and chat exports (which a contact import reports as such).
    const files = [...filesUnder(corpusPath('vcard')), ...filesUnder(corpusPath('csv')), ...filesUnder(corpusPath('chats'))].filter((f) => !f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(100);
    const differences: string[] = [];
    await inTurns(files, 4, async (path) => {
      const here = await parsed(path, false);
      const there = await parsed(path, true);
      const name = relative(corpusPath(), path);
      if (JSON.stringify(there.contacts) !== JSON.stringify(asJson(here.contacts))) differences.push(`${name}: contacts`);
      if (JSON.stringify(there.summary) !== JSON.stringify(asJson(here.summary))) differences.push(`${name}: summary`);
    });
    expect(differences).toEqual([]);
  }, 120_000);
});

describe('WeChat databases parsed on a thread', () => {
  it('gives the in-process contacts and summary for each layout (node:sqlite on the thread)', async () => {
    const root = join(tmp, 'wechat-dbs');
    const files = [
      writePc3(join(root, 'pc3')).micromsg,
      writePc4(join(root, 'pc4')).contact,
      writeAndroid(join(root, 'EnMicroMsg.db')),
      writePywxdumpMerged(join(root, 'merge_all.db')),
    ];
    for (const path of files) {
      const here = await parsed(path, false);
      const there = await parsed(path, true);
      expect(here.contacts.length, path).toBeGreaterThan(0);
      expect(JSON.stringify(there.contacts)).toBe(JSON.stringify(asJson(here.contacts)));
      expect(JSON.stringify(there.summary)).toBe(JSON.stringify(asJson(here.summary)));
    }
  });
});

describe('the parse thread', () => {
  it('reports progress to the end of the file and reads a large generated file whole', async () => {
    const path = writeFixture('big.vcf', '');
    const bytes = generateVcardFile(path, 3000, '2.1-qp');
    const seen: number[] = [];
    const contacts: RawContact[] = [];
    const summary = await importContactFileOnThread(path, { onContact: (c) => contacts.push(c), onProgress: (read) => seen.push(read) }, { minBytes: 0 });
    expect(summary.records).toBe(3000);
    expect(contacts).toHaveLength(3000);
    expect(contacts[2999]!.source.record).toMatch(/^card 3000 \(line \d+\)$/);
    expect(seen.at(-1)).toBe(bytes);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('parses a file below the size it starts a thread for in-process (its contacts come as objects, not as text)', async () => {
    const path = writeFixture('small.vcf', lines('BEGIN:VCARD', 'VERSION:3.0', 'FN:王伟', 'TEL:13800138000', 'END:VCARD'));
    const texts: (string | undefined)[] = [];
    const onContact = (c: RawContact, json?: string) => texts.push(c.name === '王伟' ? json : 'wrong contact');
    const summary = await importContactFileOnThread(path, { onContact }, {});
    expect(summary.records).toBe(1);
    expect(texts).toEqual([undefined]);
    // The same file on the thread: its contact arrives with its JSON text.
    await importContactFileOnThread(path, { onContact }, { minBytes: 0 });
    expect(texts[1]).toMatch(/^\{"source":/);
  });

  it('stops when cancelled: rejects with an AbortError and gives no contact after', async () => {
    const path = writeFixture('cancel.vcf', '');
    generateVcardFile(path, 20_000, '3.0');
    const controller = new AbortController();
    const contacts: RawContact[] = [];
    const run = importContactFileOnThread(
      path,
      {
        signal: controller.signal,
        onContact: (c) => {
          contacts.push(c);
          if (contacts.length === 1) controller.abort();
        },
      },
      { minBytes: 0, batching: { records: 10, chars: 1 << 20, maxUnread: 2 } },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const atCancel = contacts.length;
    expect(atCancel).toBeLessThan(20_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(contacts.length).toBe(atCancel);
  });

  it('rejects at once when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const path = writeFixture('never.vcf', lines('BEGIN:VCARD', 'FN:A', 'END:VCARD'));
    await expect(importContactFileOnThread(path, { signal: controller.signal, onContact: () => undefined }, { minBytes: 0 })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps what a failing thread gave and says in the summary that the file could not be read', async () => {
    const path = writeFixture('fails.vcf', '');
    generateVcardFile(path, 2000, '3.0');
    const { contacts, summary } = await parsed(path, true, { minBytes: 0, heapMb: 8 });
    expect(summary.records).toBe(contacts.length);
    expect(summary.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'file-unreadable', message: expect.stringMatching(/^Could not read the file: /) })]);
  });

  it('stores one batch per turn of the event loop, so a cancel or a progress event never waits for the whole file', async () => {
    const path = writeFixture('turns.vcf', '');
    generateVcardFile(path, 2000, '3.0');
    // The receiver is the slower side (as when the window's process is busy): batches wait for it.
    let turn = 0;
    let counting = true;
    const count = () => {
      turn++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const perTurn = new Map<number, number>();
    const slowly = () => {
      perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
      for (const until = performance.now() + 0.1; performance.now() < until; );
    };
    await importContactFileOnThread(path, { onContact: slowly }, { minBytes: 0, batching: { records: 50, chars: 1 << 20, maxUnread: 8 } });
    counting = false;
    expect([...perTurn.values()].reduce((a, b) => a + b)).toBe(2000);
    expect(Math.max(...perTurn.values())).toBe(50);
  });
});
