// A cap on V8's young generation for the backend's process (Electron main, the browser-mode host
// and the command line call it first thing).
//
// Why: V8 doubles the young generation whenever more bytes survived its scavenges, since it last
// grew, than the young generation holds; on a machine with much memory it goes up to 64 MB per
// semi-space. A contact import keeps ~100 MB of small objects (prepared records, the merge), so
// after a 100k-card import the young generation was 134 MB, empty but resident: a third of the
// import's peak memory. Capped at 8 MB per semi-space the same import was as fast (bench
// contacts-import; 2 MB was slower: more objects copied, more promoted).
//
// The cap is `--max-semi-space-size`, a start-up flag that cannot be given to a packaged Electron
// main process; V8 reads `--semi-space-growth-factor` each time it grows the young generation,
// though, so setting it to 1 once the young generation reached the cap stops it growing further.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * The young generation (new space: both semi-spaces) stops growing once it holds this much. GC
 * notifications arrive after the collection, in a later task, and each collection before it may
 * have doubled it again: it ends between this and 4x this (measured: 16 MB after 100k cards).
 */
export const YOUNG_GENERATION_STOP_MB = 8;

let capped = false;

/** Stops the young generation growing once it reached `stopAtMb` (idempotent, see above). */
export function capYoungGeneration(stopAtMb = YOUNG_GENERATION_STOP_MB): void {
  if (capped) return;
  capped = true;
  if (youngGenerationMb() >= stopAtMb) return stopGrowing();
  const observer = new PerformanceObserver(() => {
    if (youngGenerationMb() < stopAtMb) return;
    stopGrowing();
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
}

function stopGrowing(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** What the young generation holds now (used or not), in MB. */
export function youngGenerationMb(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  return space ? space.space_size / 1024 / 1024 : 0;
}
