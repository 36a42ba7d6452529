// How long a job has run: the Jobs view and `mlops job status` show it the same way.
import type { JobRecord } from '../../protocol';

/** Seconds since the job started (until it ended), or undefined before it starts. */
export function elapsedSeconds(job: JobRecord, now = Date.now()): number | undefined {
  const started = job.startedAt === undefined ? Number.NaN : Date.parse(job.startedAt);
  if (Number.isNaN(started)) return undefined;
  const ended = job.endedAt === undefined ? now : Date.parse(job.endedAt);
  return Math.max(0, ((Number.isNaN(ended) ? now : ended) - started) / 1000);
}

/** `4.2s`, `3m05s`, `1h02m`. */
export function formatElapsed(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const s = Math.floor(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
