import type { CliJobStatus, JobPart, JobRecord } from '../../../../protocol';

/** A job as `status --format json` prints it. */
export function toCliStatus(job: JobRecord, parts: readonly JobPart[], now = Date.now()): CliJobStatus {
  const started = job.startedAt === undefined ? undefined : Date.parse(job.startedAt);
  const ended = job.endedAt === undefined ? now : Date.parse(job.endedAt);
  const status: Record<string, unknown> = {
    id: job.id,
    backend: job.backend,
    name: job.name,
    state: job.state,
    reason: job.reason,
    exitCode: job.exitCode,
    submittedAt: job.submittedAt,
    startedAt: job.startedAt,
    endedAt: job.endedAt,
    elapsedSeconds: started === undefined || Number.isNaN(started) ? undefined : Math.max(0, Math.round((ended - started) / 100) / 10),
    ranks: job.ranks,
    parts: parts.length === 0 ? undefined : parts,
    logDir: job.logDir,
    outputFile: job.outputFile,
    file: job.file,
  };
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined)) as unknown as CliJobStatus;
}

/** `1h02m`, `3m05s`, `4.2s`. */
export function formatElapsed(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const s = Math.floor(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line per job: id, state, elapsed, ranks, name, reason. */
export function formatStatusLine(s: CliJobStatus): string {
  const reason = s.reason === undefined ? '' : `  (${s.reason})`;
  return `${s.id}\t${s.state}\t${formatElapsed(s.elapsedSeconds)}\t${s.ranks === undefined ? '-' : `${s.ranks} ranks`}\t${s.name}${reason}`;
}

export function formatParts(parts: readonly JobPart[]): string[] {
  return parts.map((p) => `  ${p.name}${p.role === undefined ? '' : ` [${p.role}]`}\t${p.phase}${p.restarts ? `\t${p.restarts} restarts` : ''}${p.node === undefined ? '' : `\t${p.node}`}`);
}
