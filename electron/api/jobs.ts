// Long jobs (imports, verification, exports, bundles) run inside an API call; the renderer names
// them with a jobId so it can follow their progress events and cancel them. Every job's events
// carry its kind, its typed counters, the time elapsed and the time left (one estimate for all: eta.ts).
import type { ApiEvent, JobCounters, JobKind } from '../../shared/contract';
import { EtaEstimator } from './eta';

export interface Job<K extends JobKind = JobKind> {
  signal: AbortSignal;
  progress(counters: JobCounters[K], fraction?: number, message?: string): void;
}

/** Least time between two progress events of one job: ten a second is plenty for a progress bar. */
const EMIT_INTERVAL_MS = 100;

export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly emit: (event: ApiEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start<K extends JobKind>(kind: K, jobId: string | undefined): Job<K> & { finish(): void } {
    const controller = new AbortController();
    const id = jobId ?? `job-${Math.random().toString(36).slice(2)}`;
    this.running.set(id, controller);
    const started = this.now();
    const eta = new EtaEstimator();
    let lastEmit = -Infinity;
    return {
      signal: controller.signal,
      progress: (counters, fraction, message) => {
        const now = this.now();
        if (now - lastEmit < EMIT_INTERVAL_MS && fraction !== 1) return;
        lastEmit = now;
        const etaSeconds = fraction === undefined ? undefined : eta.update(Math.max(0, Math.min(1, fraction)), now);
        this.emit({
          type: 'job.progress',
          jobId: id,
          job: kind,
          counters,
          fraction,
          ...(etaSeconds !== undefined ? { etaSeconds } : {}),
          elapsedSeconds: Math.round((now - started) / 1000),
          message,
        } as ApiEvent);
      },
      finish: () => this.running.delete(id),
    };
  }

  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
