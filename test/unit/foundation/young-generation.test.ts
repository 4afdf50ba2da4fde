import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { capYoungGeneration, youngGenerationMb } from '../../../electron/api/young-generation';

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

describe('capYoungGeneration', () => {
  it('stops the young generation growing while many objects survive', async () => {
    const stopAt = Math.max(4, Math.ceil(youngGenerationMb()));
    capYoungGeneration(stopAt);
    const survivors = new Function(`${SURVIVORS}; return survivors;`)() as (mb: number) => Promise<number>;
    expect(await survivors(150)).toBe(1_500_000);
    // Collections before the notification may each have doubled it (see YOUNG_GENERATION_STOP_MB).
    expect(youngGenerationMb()).toBeLessThanOrEqual(4 * stopAt + 1);
  });

  it('(control) the same objects grow the young generation far past that without it', () => {
    const script = `${SURVIVORS}
      const v8 = require('node:v8');
      survivors(150).then(() => console.log(v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576));`;
    const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(Number(out.stdout.trim())).toBeGreaterThan(4 * 4 + 1);
  });
});
