// Long jobs (imports, verification) run inside an API call; the renderer names them with a jobId
// so it can follow their progress events and cancel them.
import type { ApiEvent } from '../../shared/contract';

export interface Job {
  signal: AbortSignal;
  progress(counters: Record<string, number>, fraction?: number, message?: string): void;
}

export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (event: ApiEvent) => void) {}

  start(jobId: string | undefined): Job & { finish(): void } {
    const controller = new AbortController();
    const id = jobId ?? `job-${Math.random().toString(36).slice(2)}`;
    this.running.set(id, controller);
    let lastEmit = 0;
    return {
      signal: controller.signal,
      progress: (counters, fraction, message) => {
        // Progress can fire per record; ten events a second is plenty for a progress bar.
        const now = Date.now();
        if (now - lastEmit < 100 && fraction !== 1) return;
        lastEmit = now;
        this.emit({ type: 'job.progress', jobId: id, counters, fraction, message });
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
