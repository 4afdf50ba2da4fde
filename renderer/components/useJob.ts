// Follows one long backend job: a fresh jobId per run, its progress events, and cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobKind, JobProgressOf } from '../../shared/contract';
import { api } from '../api/client';

export interface JobState<K extends JobKind> {
  jobId?: string;
  progress?: JobProgressOf<K>;
  running: boolean;
  /** Cancel was asked and the job has not stopped yet. */
  cancelling?: boolean;
}

export function useJob<K extends JobKind>(kind: K) {
  const [state, setState] = useState<JobState<K>>({ running: false });
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'job.progress' && event.job === kind && event.jobId === current.current) {
          setState((s) => ({ ...s, progress: event as JobProgressOf<K> }));
        }
      }),
    [kind],
  );

  /** Runs `work` with a new jobId; progress for that id shows until it settles. */
  const run = useCallback(async <T,>(work: (jobId: string) => Promise<T>): Promise<T> => {
    const jobId = `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    current.current = jobId;
    setState({ jobId, running: true });
    try {
      return await work(jobId);
    } finally {
      current.current = undefined;
      setState({ running: false });
    }
  }, []);

  const cancel = useCallback(async () => {
    if (!state.jobId) return;
    setState((s) => ({ ...s, cancelling: true }));
    await api.call('jobs.cancel', { jobId: state.jobId });
  }, [state.jobId]);

  return { ...state, run, cancel };
}
