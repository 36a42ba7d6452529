/**
 * Jobs: what the job store holds (shared by the extension and the CLI through one file), what a
 * launch asks for (tasks.json entries, the CLI's options), and what `mlops job status --format json`
 * prints.
 */

/** Where a job runs. */
export type JobBackend = 'local' | 'slurm' | 'kubernetes';

/**
 * A job's state in Slurm's words, for every backend (local exit statuses and Kubernetes
 * conditions are mapped onto them).
 */
export type JobState =
  | 'PENDING'
  | 'CONFIGURING'
  | 'RUNNING'
  | 'COMPLETING'
  | 'SUSPENDED'
  | 'COMPLETED'
  | 'FAILED'
  | 'CANCELLED'
  | 'TIMEOUT'
  | 'OUT_OF_MEMORY'
  | 'NODE_FAIL'
  | 'PREEMPTED'
  | 'BOOT_FAIL'
  | 'DEADLINE'
  | 'UNKNOWN';

/** An MPI flavour: `default` is the one that plain `mpiexec` resolves to. */
export type MpiFlavor = 'mpich' | 'openmpi';

/** `mlops.mpi`: `mpiexec -n N PROGRAM ARGS...` on this machine (or the hosts of a hostfile). */
export interface MpiLaunch {
  readonly kind: 'mpi';
  readonly np: number;
  readonly program: string;
  readonly args?: readonly string[];
  /** Which MPI; by default the one `mpiexec` resolves to. */
  readonly mpi?: MpiFlavor | 'default';
  readonly hostfile?: string;
  /** Environment of every rank. */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment of one rank each: entry i goes to rank i. */
  readonly rankEnv?: readonly Readonly<Record<string, string>>[];
  readonly cwd?: string;
  /** Extra mpiexec options, before the program. */
  readonly mpiArgs?: readonly string[];
  readonly name?: string;
}

/** `mlops.torchrun`: `torchrun --nproc-per-node N SCRIPT ARGS...` (run as `python3 -m torch.distributed.run`). */
export interface TorchrunLaunch {
  readonly kind: 'torchrun';
  readonly nprocPerNode: number;
  readonly script: string;
  readonly args?: readonly string[];
  /** `N` or `MIN:MAX`; 1 (standalone) by default. */
  readonly nnodes?: string;
  readonly nodeRank?: number;
  readonly rdzvBackend?: string;
  readonly rdzvEndpoint?: string;
  readonly rdzvId?: string;
  /** The Python that has torch; `python3` by default. */
  readonly python?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly name?: string;
}

/** A plain process: one rank. */
export interface ProcessLaunch {
  readonly kind: 'process';
  readonly program: string;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly name?: string;
}

/** `mlops.slurm`: an existing batch script, or one generated from these fields. */
export interface SlurmLaunch {
  readonly kind: 'slurm';
  /** An existing batch script; when set, the fields below become sbatch options that override its #SBATCH lines. */
  readonly script?: string;
  /** The command a generated script runs (under srun when ntasks > 1). */
  readonly command?: readonly string[];
  readonly name?: string;
  readonly nodes?: number;
  readonly ntasks?: number;
  readonly ntasksPerNode?: number;
  readonly cpusPerTask?: number;
  /** `gpu:4`, `gpu:a100:2`... */
  readonly gres?: string;
  /** `HH:MM:SS`, `D-HH:MM:SS` or minutes. */
  readonly time?: string;
  readonly partition?: string;
  readonly account?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Extra sbatch options, passed as given. */
  readonly sbatchArgs?: readonly string[];
}

/** `mlops.kubernetes`: `kubectl apply` of a manifest. */
export interface KubernetesLaunch {
  readonly kind: 'kubernetes';
  readonly manifest: string;
  readonly context?: string;
  readonly namespace?: string;
  /** Submit even when the language server finds errors in the manifest. */
  readonly force?: boolean;
  readonly name?: string;
}

export type LaunchSpec = MpiLaunch | TorchrunLaunch | ProcessLaunch | SlurmLaunch | KubernetesLaunch;

/** The Kubernetes object a job is. */
export interface KubeObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly context?: string;
}

/** A local job's launcher process, so another process (the CLI, a reloaded window) can cancel it. */
export interface LocalProcessRef {
  /** The launcher (mpiexec, torchrun...), which leads its own session. */
  readonly pid: number;
  /** Its start time in clock ticks since boot (/proc/PID/stat field 22), so a reused pid is not mistaken for it. */
  readonly startTicks: number;
  /** The process that supervises it and writes its logs (the extension host or `mlops job run`). */
  readonly supervisorPid: number;
}

/** One job in the store. */
export interface JobRecord {
  /** `local-<n>`, the Slurm job id, or `<namespace>/<kind>/<name>`. */
  readonly id: string;
  readonly backend: JobBackend;
  readonly name: string;
  readonly state: JobState;
  /** Why it is in that state, in words (exit code, Slurm reason, Kubernetes condition message). */
  readonly reason?: string;
  /** ISO 8601 times. */
  readonly submittedAt: string;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly exitCode?: number;
  /** Ranks (local), tasks (Slurm) or replicas (Kubernetes). */
  readonly ranks?: number;
  /** What was launched: relaunching runs it again, from the same folder. */
  readonly launch: LaunchSpec;
  /** The folder the launch's relative paths start from (the workspace folder, or the CLI's working directory). */
  readonly cwd?: string;
  /** Local: the folder with `output.log` and one `rank-<r>.log` per rank. */
  readonly logDir?: string;
  /** Slurm: the job's output file. */
  readonly outputFile?: string;
  readonly local?: LocalProcessRef;
  readonly kube?: KubeObjectRef;
  /** The batch script or manifest, to open it. */
  readonly file?: string;
}

/** A pod (Kubernetes) or a rank (local) of a job, as `status` reports it. */
export interface JobPart {
  readonly name: string;
  /** Replica type and index, or the rank. */
  readonly role?: string;
  readonly rank?: number;
  readonly phase: string;
  readonly restarts?: number;
  readonly node?: string;
}

/** `mlops job status --format json`; `mlops job list --format json` prints an array of these. */
export interface CliJobStatus {
  readonly id: string;
  readonly backend: JobBackend;
  readonly name: string;
  /** Slurm's words for every backend. */
  readonly state: JobState;
  readonly reason?: string;
  readonly exitCode?: number;
  readonly submittedAt: string;
  readonly startedAt?: string;
  readonly endedAt?: string;
  readonly elapsedSeconds?: number;
  readonly ranks?: number;
  readonly parts?: readonly JobPart[];
  readonly logDir?: string;
  readonly outputFile?: string;
  readonly file?: string;
}

/** `mlops job submit --format json`. */
export interface CliJobSubmitted {
  readonly id: string;
  readonly backend: JobBackend;
  readonly name: string;
}
