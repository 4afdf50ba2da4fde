import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { startWithYoungGeneration, withSmallYoungGeneration, youngGenerationMb } from '../../../electron/runtime/young-generation';

/** Keeps ~`mb` MB of small objects alive, built in steps with the event loop turning between them (as an import does). */
const SURVIVORS = `
async function survivors(mb) {
  const kept = [];
  for (let step = 0; step < mb; step++) {
    for (let i = 0; i < 10_000; i++) kept.push({ name: 'contact ' + step + ':' + i, n: i });
    await new Promise((r) => setImmediate(r));
  }
  return kept.length;
}`;
const survivors = new Function(`${SURVIVORS}; return survivors;`)() as (mb: number) => Promise<number>;

describe('withSmallYoungGeneration', () => {
  it('stops the young generation growing while its work runs, and lets it grow again afterwards', async () => {
    const stopAt = Math.max(4, Math.ceil(youngGenerationMb()));
    expect(await withSmallYoungGeneration(() => survivors(150), stopAt)).toBe(1_500_000);
    // Collections before the notification may each have doubled it (see YOUNG_GENERATION_STOP_MB):
    // two or three of them on a quiet machine, one more when the machine is busy (CI beside other
    // work measured 52.75 MB for a stop at 8). Without it, the same objects take it to 128 MB.
    const during = youngGenerationMb();
    expect(during).toBeLessThanOrEqual(8 * stopAt + 1);
    await survivors(150);
    expect(youngGenerationMb()).toBeGreaterThan(during);
  });

  it('(control) the same objects grow the young generation far past that without it', () => {
    const script = `${SURVIVORS}
      const v8 = require('node:v8');
      survivors(150).then(() => console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576));`;
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(Number(out.stdout.trim())).toBeGreaterThan(8 * 8 + 1);
  });
});

/** A thread that reports its young generation's size (MB) as soon as it runs. */
const REPORTS_NEW_SPACE = `
  const { parentPort } = require('node:worker_threads');
  const v8 = require('node:v8');
  parentPort.postMessage(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576);`;

function newSpaceOf(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', (mb: number) => void worker.terminate().then(() => resolve(mb)));
    worker.once('error', reject);
  });
}

describe('startWithYoungGeneration', () => {
  it('starts the thread with semi-spaces of the size asked, and leaves threads started afterwards at their own start', async () => {
    const sized = await newSpaceOf(startWithYoungGeneration(32, () => new Worker(REPORTS_NEW_SPACE, { eval: true })));
    const plain = await newSpaceOf(new Worker(REPORTS_NEW_SPACE, { eval: true }));
    // (V8 reports a young generation's size as one semi-space's.)
    expect(sized).toBeGreaterThanOrEqual(32);
    expect(plain).toBeLessThan(16);
  });
});
