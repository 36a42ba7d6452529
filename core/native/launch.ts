// Launch specs for the native workloads (pure, unit-tested): a local `mlops.mpi` job or a Slurm
// job of the existing backends, so that a run shows in the Jobs view like any other; and the
// follower that streams a running job's output through the parser.
import { join } from 'node:path';
import type { JobRecord, MpiLaunch, NativeBuildKind, NativeProgram, NativeResult, NativeVariant, SlurmLaunch } from '../../protocol';
import { logFileName } from '../jobs/rankLogs';
import { followFile } from '../jobs/tail';
import { NativeOutputReader } from './parse';

/** What the user picked: a program of a built variant, the ranks, the backend. */
export interface NativeRunChoice {
  readonly program: NativeProgram;
  readonly variant: NativeVariant;
  readonly ranks: number;
  readonly args: readonly string[];
  readonly backend: 'local' | 'slurm';
  /** Slurm: GPUs per node to ask for (CUDA set); one per rank by default, at most 8. */
  readonly gpusPerNode?: number;
}

/** Small, quick arguments for a first run of each program (a CPU run takes about a second). */
export function defaultArgs(program: NativeProgram, build: NativeBuildKind): string[] {
  const gpu = build === 'cuda';
  switch (program) {
    case 'allreduce-bench':
      return gpu ? ['-b', '8', '-e', '1G', '-f', '2', '-n', '20', '-w', '5'] : ['-b', '8', '-e', '16M', '-f', '2', '-n', '10', '-w', '2'];
    case 'softmax':
      return gpu ? ['-n', '256M', '-i', '20'] : ['-n', '4M', '-i', '5'];
    case 'jacobi':
    case 'overlap':
      return gpu ? ['-x', '16384', '-y', '16384', '-n', '1000', '-r', '200', '-c', '0'] : ['-x', '512', '-y', '512', '-n', '500', '-r', '100'];
    case 'gpu-sampler':
      return ['--interval-ms', '1000', '--count', '60'];
  }
}

/** The MPI plugin srun needs for each flavour (srun reads SLURM_MPI_TYPE as --mpi). */
const SRUN_MPI: Readonly<Record<NativeVariant['mpi'], string>> = { mpich: 'pmi2', openmpi: 'pmix' };

/** The launch spec of a choice: `mpiexec -n N` with the variant's MPI, or a generated Slurm script under srun. */
export function nativeLaunch(choice: NativeRunChoice): MpiLaunch | SlurmLaunch {
  if (!Number.isInteger(choice.ranks) || choice.ranks < 1) throw new Error(`ranks must be a whole number of at least 1, not ${choice.ranks}`);
  if (!choice.variant.programs.includes(choice.program)) throw new Error(`${choice.program} was not built in ${choice.variant.dir}: run "MLOps: Build Native Workloads" first`);
  const program = join(choice.variant.dir, choice.program);
  const name = `${choice.program} (${choice.variant.build}/${choice.variant.mpi}, ${choice.ranks} ${choice.ranks === 1 ? 'rank' : 'ranks'})`;
  if (choice.backend === 'local') {
    return { kind: 'mpi', np: choice.ranks, program, args: choice.args, mpi: choice.variant.mpi, name };
  }
  const gpus = choice.variant.build === 'cuda' ? Math.min(choice.gpusPerNode ?? choice.ranks, 8) : 0;
  return {
    kind: 'slurm',
    name,
    command: [program, ...choice.args],
    ntasks: choice.ranks,
    env: { SLURM_MPI_TYPE: SRUN_MPI[choice.variant.mpi] },
    ...(gpus > 0 ? { gres: `gpu:${gpus}`, nodes: Math.ceil(choice.ranks / gpus) } : {}),
  };
}

/** The file that holds rank 0's output: a local job's rank-0.log, a Slurm job's output file. */
export function resultFile(job: JobRecord): string | undefined {
  if (job.backend === 'local') return job.logDir === undefined ? undefined : join(job.logDir, logFileName(0));
  if (job.backend === 'slurm') return job.outputFile;
  return undefined;
}

export interface FollowResultsOptions {
  /** Called with what each chunk of new output said, and the reader (its allreduce() has every size so far). */
  readonly onResults: (results: readonly NativeResult[], reader: NativeOutputReader) => void;
  /** Resolves true once the job has ended. */
  readonly done: () => boolean | Promise<boolean>;
  readonly signal?: AbortSignal;
  readonly intervalMs?: number;
}

/** Follows a job's output file until the job ends, parsing it as it grows. */
export async function followNativeResults(file: string, o: FollowResultsOptions): Promise<NativeOutputReader> {
  const reader = new NativeOutputReader();
  await followFile(file, {
    onText: (text) => {
      const results = reader.push(text);
      if (results.length > 0) o.onResults(results, reader);
    },
    done: o.done,
    signal: o.signal,
    ...(o.intervalMs === undefined ? {} : { intervalMs: o.intervalMs }),
  });
  const rest = reader.end();
  if (rest.length > 0) o.onResults(rest, reader);
  return reader;
}
