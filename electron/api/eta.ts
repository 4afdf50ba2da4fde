// Time left of a long job, estimated the same way for every job (jobs.ts feeds it each progress
// event): from how far the job's fraction moved over the last WINDOW of time, so a job whose speed
// changes (small files, then videos; a disk that slows) soon shows the new pace, while a jitter of
// single events does not make the figure jump. Nothing is said until the fraction has moved over
// at least MIN_SPAN: an early guess from the first few records is usually far off.

const WINDOW_MS = 20_000;
const MIN_SPAN_MS = 1_000;
const GOING_BACK = 0.02;

export class EtaEstimator {
  private samples: { t: number; f: number }[] = [];

  /** Seconds left at `fraction` (0..1) reached at `now`; undefined while it cannot tell yet. */
  update(fraction: number, now: number): number | undefined {
    if (fraction >= 1) return 0;
    const last = this.samples.at(-1);
    // A fraction going back clearly means the job's own estimate of its work changed: start over.
    // (A photo import's expected thumbnails are re-estimated as it reads: small dips are noise.)
    if (last && fraction < last.f - GOING_BACK) this.samples = [];
    this.samples.push({ t: now, f: fraction });
    // Keep one sample at or before the window's start, so the span covers the whole window.
    while (this.samples.length > 2 && this.samples[1]!.t <= now - WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const span = now - first.t;
    const moved = fraction - first.f;
    if (span < MIN_SPAN_MS || moved <= 0) return undefined;
    return Math.round(((1 - fraction) * span) / moved / 1000);
  }
}
