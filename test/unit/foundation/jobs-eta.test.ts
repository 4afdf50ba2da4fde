// Every long job's events carry its kind, its counters, the time elapsed and one estimate of the
// time left (electron/api/eta.ts), and cancel reaches the job's signal.
import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/contract';
import { EtaEstimator } from '../../../electron/api/eta';
import { JobRegistry } from '../../../electron/api/jobs';
import { importFraction } from '../../../electron/api/handlers/photos';
import type { PhotoImportProgress } from '../../../shared/types';

describe('time left', () => {
  it('says nothing until the fraction moved over a second, then the time at the pace seen', () => {
    const eta = new EtaEstimator();
    expect(eta.update(0, 0)).toBeUndefined();
    expect(eta.update(0.01, 500)).toBeUndefined();
    // 10% in 2 s: 90% more takes 18 s
    expect(eta.update(0.1, 2000)).toBe(18);
    expect(eta.update(0.5, 10_000)).toBe(10);
    expect(eta.update(1, 20_000)).toBe(0);
  });

  it('follows a change of pace within its window, not the average since the start', () => {
    const eta = new EtaEstimator();
    let t = 0;
    let f = 0;
    // 60 s at 0.5%/s, then 0.1%/s (videos after small pictures)
    for (; t <= 60_000; t += 500) eta.update((f = (t / 1000) * 0.005), t);
    let last: number | undefined;
    for (let s = 0; s < 40; s++) {
      t += 500;
      f += 0.0005;
      last = eta.update(f, t);
    }
    // left (1 - 0.32) at 0.1%/s = 680 s; the average since the start would say ~205 s
    expect(last).toBeGreaterThan(0.95 * ((1 - f) / 0.001));
    expect(last).toBeLessThan(1.05 * ((1 - f) / 0.001));
  });

  it('starts over when the fraction goes back (a new stage of the job)', () => {
    const eta = new EtaEstimator();
    eta.update(0, 0);
    expect(eta.update(0.9, 9000)).toBe(1);
    expect(eta.update(0.1, 9500)).toBeUndefined();
    expect(eta.update(0.2, 10_500)).toBe(8);
  });
});

describe('jobs', () => {
  it('emits typed progress with the kind, elapsed and time left, and cancels', () => {
    const events: ApiEvent[] = [];
    let now = 1_000;
    const jobs = new JobRegistry((e) => events.push(e), () => now);
    const job = jobs.start('contacts.import', 'job-1');
    job.progress({ files: 1, fileIndex: 0, records: 0, bytesRead: 0, totalBytes: 100 }, 0);
    now += 2000;
    job.progress({ files: 1, fileIndex: 0, records: 50, bytesRead: 25, totalBytes: 100 }, 0.25);
    expect(events.at(-1)).toMatchObject({ type: 'job.progress', jobId: 'job-1', job: 'contacts.import', fraction: 0.25, etaSeconds: 6, elapsedSeconds: 2 });
    expect(events[0]).not.toHaveProperty('etaSeconds');
    expect(jobs.cancel('job-1')).toBe(true);
    expect(job.signal.aborted).toBe(true);
    job.finish();
    expect(jobs.cancel('job-1')).toBe(false);
  });
});

describe('how far a photo import is', () => {
  const p = (over: Partial<PhotoImportProgress>): PhotoImportProgress => ({
    phase: 'importing',
    filesTotal: 100,
    filesScanned: 0,
    bytesTotal: 1000,
    bytesDone: 0,
    picturesDecoded: 0,
    newPictures: 0,
    duplicates: 0,
    bytesPerSecond: 0,
    ...over,
  });

  it('counts the slower of reading and thumbnails, so the time left covers both', () => {
    // half read, 40 thumbnails queued so far (80 to come in all), 10 made: thumbnails lag
    expect(importFraction(p({ bytesDone: 500, thumbnailsTotal: 40, thumbnailsDone: 10 }))).toBeCloseTo(10 / 80);
    // thumbnails keep up: reading decides
    expect(importFraction(p({ bytesDone: 500, thumbnailsTotal: 40, thumbnailsDone: 40 }))).toBeCloseTo(0.5);
    expect(importFraction(p({ phase: 'thumbnails', bytesDone: 1000, thumbnailsTotal: 80, thumbnailsDone: 60 }))).toBeCloseTo(0.75);
    expect(importFraction(p({ bytesDone: 300 }))).toBeCloseTo(0.3);
    expect(importFraction(p({ phase: 'done', bytesDone: 1000 }))).toBe(1);
  });
});
