import type { CliJobStatus, JobPart, JobRecord } from '../../../../protocol';
import { elapsedSeconds, formatElapsed } from '../../../../core/jobs/elapsed';

/** A job as `status --format json` prints it. */
export function toCliStatus(job: JobRecord, parts: readonly JobPart[], now = Date.now()): CliJobStatus {
  const elapsed = elapsedSeconds(job, now);
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
    elapsedSeconds: elapsed === undefined ? undefined : Math.round(elapsed * 10) / 10,
    ranks: job.ranks,
    parts: parts.length === 0 ? undefined : parts,
    logDir: job.logDir,
    outputFile: job.outputFile,
    file: job.file,
  };
  return Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined)) as unknown as CliJobStatus;
}


/** One line per job: id, state, elapsed, ranks, name, reason. */
export function formatStatusLine(s: CliJobStatus): string {
  const reason = s.reason === undefined ? '' : `  (${s.reason})`;
  return `${s.id}\t${s.state}\t${s.elapsedSeconds === undefined ? '-' : formatElapsed(s.elapsedSeconds)}\t${s.ranks === undefined ? '-' : `${s.ranks} ranks`}\t${s.name}${reason}`;
}

export function formatParts(parts: readonly JobPart[]): string[] {
  return parts.map((p) => `  ${p.name}${p.role === undefined ? '' : ` [${p.role}]`}\t${p.phase}${p.restarts ? `\t${p.restarts} restarts` : ''}${p.node === undefined ? '' : `\t${p.node}`}`);
}
