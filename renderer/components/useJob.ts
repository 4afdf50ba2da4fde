// Follows one long backend job: a fresh jobId per run, its progress events, and cancel.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgressEvent } from '../../shared/contract';
import { api } from '../api/client';

export interface JobState {
  jobId?: string;
  progress?: JobProgressEvent;
  running: boolean;
}

export function useJob() {
  const [state, setState] = useState<JobState>({ running: false });
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (event.type === 'job.progress' && event.jobId === current.current) {
          setState((s) => ({ ...s, progress: event }));
        }
      }),
    [],
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
    if (state.jobId) await api.call('jobs.cancel', { jobId: state.jobId });
  }, [state.jobId]);

  return { ...state, run, cancel };
}
