// The one job service of the extension and the CLI: launches on every backend, keeps the records
// in the shared store, and answers status, logs and cancel whichever process launched the job.
import { join } from 'node:path';
import type { JobPart, JobRecord, KubernetesLaunch, LaunchSpec, SlurmLaunch } from '../../protocol';
import { isFinal, type KubernetesBackend, type SlurmBackend, type StatusUpdate } from './backend';
import { cancelLocal, launchLocal, orphaned, type LocalDeps, type LocalJob, type LocalLaunch } from './local';
import { logFileName } from './rankLogs';
import { readFrom, followFile } from './tail';

export interface JobServiceDeps extends LocalDeps {
  readonly slurm: SlurmBackend;
  readonly kubernetes: KubernetesBackend;
  /**
   * The errors our validation finds in a manifest (empty when none): a Kubernetes manifest with
   * errors is not submitted unless the launch says `force`.
   */
  readonly validate: (file: string) => Promise<readonly string[]>;
}

/** A manifest with errors, not submitted: the message lists them and says how to insist. */
export class ManifestErrors extends Error {
  override readonly name = 'ManifestErrors';
  constructor(
    readonly file: string,
    readonly errors: readonly string[],
  ) {
    const shown = errors.slice(0, 10).map((e) => `  ${e}`);
    if (errors.length > shown.length) shown.push(`  ... and ${errors.length - shown.length} more`);
    super(`${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}, so it was not submitted:\n${shown.join('\n')}\nFix them, or submit anyway (--force, or "Submit Anyway").`);
  }
}

/** A job id that is in no store and says no backend. */
export class UnknownJob extends Error {
  override readonly name = 'UnknownJob';
}

export type ClusterLaunch = SlurmLaunch | KubernetesLaunch;

/** Which backend an id names: `local-<n>`, a Slurm number (`123`, `123_4` array task), or `<namespace>/<kind>/<name>`. */
export function backendOfId(id: string): JobRecord['backend'] | undefined {
  if (/^local-\d+$/.test(id)) return 'local';
  if (/^\d+(_\d+)?$/.test(id)) return 'slurm';
  if (/^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(id)) return 'kubernetes';
  return undefined;
}

export interface JobDetails {
  readonly job: JobRecord;
  readonly parts: readonly JobPart[];
}

export class JobService {
  constructor(readonly deps: JobServiceDeps) {}

  get store(): LocalDeps['store'] {
    return this.deps.store;
  }

  /** Every job, newest first; local jobs whose supervisor died are marked FAILED on the way. */
  async list(): Promise<JobRecord[]> {
    const jobs = this.store.list();
    for (const job of jobs) {
      const fixed = orphaned(job);
      if (fixed !== undefined) await this.store.put(fixed);
    }
    return this.store.list().sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  }

  /** The stored job, or (for a cluster id this store never saw) a record to query the cluster with. */
  find(id: string, backend?: JobRecord['backend']): JobRecord {
    const stored = this.store.get(id);
    if (stored !== undefined) return stored;
    const kind = backend ?? backendOfId(id);
    if (kind === 'slurm') return { id, backend: 'slurm', name: id, state: 'UNKNOWN', submittedAt: new Date(0).toISOString(), launch: { kind: 'slurm' } };
    if (kind === 'kubernetes') {
      const [namespace, k, name] = id.split('/') as [string, string, string];
      return { id, backend: 'kubernetes', name, state: 'UNKNOWN', submittedAt: new Date(0).toISOString(), launch: { kind: 'kubernetes', manifest: '' }, kube: { apiVersion: '', kind: k, name, namespace } };
    }
    throw new UnknownJob(`No job '${id}' in the job store (${this.store.file}). Job ids look like local-3, 12345 (Slurm) or namespace/Kind/name (Kubernetes).`);
  }

  launch(spec: LocalLaunch, options: { readonly cwd: string; readonly onLine?: Parameters<typeof launchLocal>[1]['onLine'] }): Promise<LocalJob>;
  launch(spec: ClusterLaunch, options: { readonly cwd: string }): Promise<JobRecord>;
  async launch(spec: LaunchSpec, options: { readonly cwd: string; readonly onLine?: Parameters<typeof launchLocal>[1]['onLine'] }): Promise<LocalJob | JobRecord> {
    if (spec.kind === 'slurm' || spec.kind === 'kubernetes') return this.submit(spec, options.cwd);
    return launchLocal(spec, options, this.deps);
  }

  /** Submits to Slurm or Kubernetes and records the job. */
  async submit(spec: ClusterLaunch, cwd: string): Promise<JobRecord> {
    const workDir = this.store.jobDir(`submit-${Date.now()}`);
    let submitted;
    if (spec.kind === 'kubernetes') {
      if (spec.force !== true) {
        const errors = await this.deps.validate(spec.manifest);
        if (errors.length > 0) throw new ManifestErrors(spec.manifest, errors);
      }
      submitted = await this.deps.kubernetes.submit(spec, { cwd, workDir });
    } else {
      submitted = await this.deps.slurm.submit(spec, { cwd, workDir });
    }
    const record: JobRecord = {
      ...submitted,
      backend: spec.kind,
      state: 'PENDING',
      submittedAt: new Date().toISOString(),
      launch: spec,
      cwd,
    };
    return this.store.put(record);
  }

  /** The job as it is now: cluster jobs are asked for (unless they have ended), and the store updated. */
  async refresh(id: string, backend?: JobRecord['backend']): Promise<JobDetails> {
    const job = this.find(id, backend);
    if (job.backend === 'local') {
      const now = orphaned(job) ?? job;
      if (now !== job) await this.store.put(now);
      const parts = Array.from({ length: now.ranks ?? 0 }, (_, rank): JobPart => ({ name: `rank ${rank}`, rank, phase: now.state }));
      return { job: now, parts };
    }
    if (isFinal(job.state)) return { job, parts: [] };
    const update: StatusUpdate = await (job.backend === 'slurm' ? this.deps.slurm : this.deps.kubernetes).status(job);
    // A job we deleted is gone from the cluster: it stays CANCELLED.
    const merged = mergeStatus(job, update);
    if (this.store.get(id) !== undefined) await this.store.update(id, () => merged);
    return { job: merged, parts: update.parts ?? [] };
  }

  /** Prints a job's output: what there is, or (`follow`) until it ends. */
  async logs(id: string, options: { readonly follow: boolean; readonly part?: string; readonly signal?: AbortSignal; readonly onText: (text: string) => void }, backend?: JobRecord['backend']): Promise<void> {
    const job = this.find(id, backend);
    if (job.backend === 'slurm') return this.deps.slurm.logs(job, options);
    if (job.backend === 'kubernetes') return this.deps.kubernetes.logs(job, options);
    const file = localLogFile(job, options.part);
    if (!options.follow) {
      options.onText((await readFrom(file, 0)).toString('utf8'));
      return;
    }
    await followFile(file, {
      onText: options.onText,
      signal: options.signal,
      intervalMs: 100,
      done: () => {
        const now = this.store.get(id) ?? job;
        return isFinal((orphaned(now) ?? now).state);
      },
    });
  }

  /** Cancels a job on its backend; the record says CANCELLED. */
  async cancel(id: string, backend?: JobRecord['backend']): Promise<JobRecord> {
    const job = this.find(id, backend);
    if (job.backend === 'local') return cancelLocal(this.store, job);
    await (job.backend === 'slurm' ? this.deps.slurm : this.deps.kubernetes).cancel(job);
    const cancelled: JobRecord = { ...job, state: 'CANCELLED', reason: 'cancelled by the user', endedAt: new Date().toISOString() };
    if (this.store.get(id) !== undefined) await this.store.put(cancelled);
    return cancelled;
  }

  async remove(id: string): Promise<void> {
    await this.store.remove(id);
  }
}

function localLogFile(job: JobRecord, part: string | undefined): string {
  if (job.logDir === undefined) throw new UnknownJob(`Job ${job.id} has no logs.`);
  if (part === undefined) return join(job.logDir, logFileName());
  const rank = /^(?:rank[- ]?)?(\d+)$/.exec(part)?.[1];
  if (rank === undefined) throw new UnknownJob(`'${part}' is not a rank of ${job.id}: give a number from 0 to ${(job.ranks ?? 1) - 1}.`);
  return join(job.logDir, logFileName(Number(rank)));
}

/** The stored job with what a status query learnt; a job we cancelled stays CANCELLED once the cluster forgets it. */
export function mergeStatus(job: JobRecord, update: StatusUpdate): JobRecord {
  if (job.state === 'CANCELLED' && (update.state === 'UNKNOWN' || !isFinal(update.state))) return job;
  if (update.state === 'UNKNOWN' && job.state !== 'UNKNOWN' && job.state !== 'PENDING') return update.reason === undefined ? job : { ...job, reason: update.reason };
  const next: Record<string, unknown> = { ...job, ...update };
  delete next['parts'];
  return next as unknown as JobRecord;
}
