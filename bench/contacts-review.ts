// Merge review at 10k contacts (issue 12): how long until the first proposal can be shown, and how
// long each decision takes (merge or keep apart, saved durably, then the next pair ranked), through
// the same backend the app calls. Targets: first proposal < 1 s, each decision < 100 ms.
// Baseline, same invocation: what a decision must at least do on disk — write a file the size of
// the contact book to a temp file, fsync, rename (the atomic save every decision needs).
import { closeSync, fsyncSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend } from '../electron/api/backend';
import type { Results } from '../shared/contract';
import { addressBook } from './gen-namesakes';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'relink-bench-review-'));
  const backend = new Backend({ dataDir: join(dir, 'data'), mode: 'browser', version: 'bench', systemLocale: 'zh-CN' });
  const call = async <M extends keyof Results>(method: M, args: unknown) => (await backend.call(method, args, { mayReadPath: () => true })) as Results[M];
  try {
    const { id: caseId } = await call('cases.create', { name: 'bench' });
    const file = join(dir, 'book.vcf');
    writeFileSync(file, addressBook(10_000));
    const imported = await call('contacts.import', { caseId, files: [{ file: { kind: 'path', path: file } }] });
    // Like opening the review right after an import: the merge is fresh, nothing ranked yet.
    await backend.close();
    const fresh = new Backend({ dataDir: join(dir, 'data'), mode: 'browser', version: 'bench', systemLocale: 'zh-CN' });
    const call2 = async <M extends keyof Results>(method: M, args: unknown) => (await fresh.call(method, args, { mayReadPath: () => true })) as Results[M];
    let t = performance.now();
    const first = await call2('contacts.review', { caseId });
    const firstMs = performance.now() - t;

    const decisions: number[] = [];
    const cpu: number[] = [];
    let item = first.item;
    for (let i = 0; i < 30 && item; i++) {
      const used = process.cpuUsage();
      t = performance.now();
      // As the page asks: the decision answers with the review's next page (one call per key).
      item = (await call2('contacts.decide', { caseId, proposalId: item.proposal.id, accept: i % 2 === 0, reviewAt: 0 })).review!.item;
      decisions.push(performance.now() - t);
      const { user, system } = process.cpuUsage(used);
      cpu.push((user + system) / 1000);
    }
    await fresh.close();

    const book = join(dir, 'data', 'bench', 'contacts.json');
    const size = statSync(book).size;
    const bytes = Buffer.alloc(size, 0x20);
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) {
      t = performance.now();
      const tmp = join(dir, 'baseline.tmp');
      const fd = openSync(tmp, 'w');
      writeSync(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, join(dir, 'baseline.json'));
      baseline.push(performance.now() - t);
    }

    console.log(`10k cards → ${imported.persons} persons, ${first.total} proposals (${first.kinds.map((k) => `${k.kind} ${k.count}`).join(', ')})`);
    console.log(`first proposal: ${firstMs.toFixed(0)} ms (target < 1000 ms) ${firstMs < 1000 ? 'PASS' : 'SHORT'}`);
    const m = median(decisions);
    console.log(`decision (save + next pair ranked): median ${m.toFixed(1)} ms, p95 ${p95(decisions).toFixed(1)} ms (target < 100 ms) ${m < 100 ? 'PASS' : 'SHORT'}; CPU time median ${median(cpu).toFixed(1)} ms (what a shared machine's load changes least)`);
    console.log(`baseline (atomic durable write of the ${(size / 1e6).toFixed(1)} MB book): median ${median(baseline).toFixed(1)} ms; decision / baseline ${(m / median(baseline)).toFixed(1)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
