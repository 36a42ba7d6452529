// What a cluster backend (Slurm, Kubernetes) does. Backends are stateless: the job service
// (core/jobs/service.ts) keeps the records in the job store and calls these.
import type { JobPart, JobRecord, JobState, KubeObjectRef, KubernetesLaunch, SlurmLaunch } from '../../protocol';
import type { RunOptions, RunResult } from '../process';

/** Runs a tool to its end: core/process `run` in production, the same with a stand-in tool on PATH in tests. */
export type Runner = (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

/** What a submission returns; the service turns it into a JobRecord. */
export interface Submitted {
  readonly id: string;
  readonly name: string;
  readonly ranks?: number;
  readonly file?: string;
  readonly outputFile?: string;
  readonly kube?: KubeObjectRef;
}

/** What a status query learns. Fields left out keep their stored values. */
export interface StatusUpdate {
  readonly state: JobState;
  readonly reason?: string;
  readonly exitCode?: number;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly ranks?: number;
  readonly outputFile?: string;
  readonly parts?: readonly JobPart[];
}

export interface LogOptions {
  /** Keep streaming until the job ends (or `signal` aborts); otherwise print what there is and return. */
  readonly follow: boolean;
  /** Kubernetes: one pod (or rank) only. */
  readonly part?: string;
  readonly signal?: AbortSignal;
  readonly onText: (text: string) => void;
}

export interface ClusterBackend<L> {
  /**
   * `cwd`: the folder relative paths of the spec start from (the workspace folder, or the CLI's
   * working directory). `workDir`: a folder of the job store where the backend may write what it
   * generates (a batch script).
   */
  submit(spec: L, options: { readonly cwd: string; readonly workDir: string; readonly signal?: AbortSignal }): Promise<Submitted>;
  status(job: JobRecord, signal?: AbortSignal): Promise<StatusUpdate>;
  logs(job: JobRecord, options: LogOptions): Promise<void>;
  cancel(job: JobRecord): Promise<void>;
}

export type SlurmBackend = ClusterBackend<SlurmLaunch>;
export type KubernetesBackend = ClusterBackend<KubernetesLaunch>;

/** The states after which a job does not change any more. */
export const FINAL_STATES: ReadonlySet<JobState> = new Set<JobState>([
  'COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE',
]);

export function isFinal(state: JobState): boolean {
  return FINAL_STATES.has(state);
}
