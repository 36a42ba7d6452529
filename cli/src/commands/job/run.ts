import { parseArgs } from 'node:util';
import type { LaunchSpec, MpiFlavor } from '../../../../protocol';
import type { OutputLine } from '../../../../core/jobs/rankLogs';
import type { JobService } from '../../../../core/jobs/service';
import { EXIT_OK, UsageError, type CliIo } from '../../io';
import { toCliStatus, formatStatusLine } from './format';

export const RUN_USAGE = `Usage:
  mlops job run --np N [--mpi mpich|openmpi] [--hostfile FILE] [--env K=V]... [--name NAME] -- PROGRAM [ARGS...]
  mlops job run --launcher torchrun --nproc-per-node N [--nnodes N --rdzv-endpoint HOST:PORT] -- SCRIPT [ARGS...]
  mlops job run --launcher process -- PROGRAM [ARGS...]

Runs a job on this machine, prints each rank's output as '[rank] line', and exits with the job's
exit status. Ctrl-C cancels it (the whole process tree). --format json prints the final status as
JSON on standard output, and the job's output on standard error.`;

const LAUNCHERS = ['mpi', 'torchrun', 'process'] as const;

function positive(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${option} takes a whole number of at least 1, not '${value}'`);
  return n;
}

function envPairs(values: readonly string[] | undefined): Record<string, string> | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const env: Record<string, string> = {};
  for (const pair of values) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new UsageError(`--env takes NAME=VALUE, not '${pair}'`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** The launch that the options of `mlops job run` describe. */
export function runSpec(args: readonly string[]): { spec: LaunchSpec; json: boolean } {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      launcher: { type: 'string' },
      np: { type: 'string', short: 'n' },
      mpi: { type: 'string' },
      hostfile: { type: 'string' },
      env: { type: 'string', multiple: true },
      name: { type: 'string' },
      'nproc-per-node': { type: 'string' },
      nnodes: { type: 'string' },
      'rdzv-endpoint': { type: 'string' },
      'rdzv-id': { type: 'string' },
      python: { type: 'string' },
      format: { type: 'string', default: 'text' },
    },
    allowPositionals: true,
    strict: true,
  });
  const launcher = values.launcher ?? (values['nproc-per-node'] === undefined ? 'mpi' : 'torchrun');
  if (!(LAUNCHERS as readonly string[]).includes(launcher)) throw new UsageError(`unknown --launcher '${launcher}': use one of ${LAUNCHERS.join(', ')}`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown --format '${values.format}': use text or json`);
  const [program, ...rest] = positionals;
  if (program === undefined) throw new UsageError('give the program after --, such as: mlops job run --np 2 -- ./allreduce');
  const common = { args: rest, ...(values.name === undefined ? {} : { name: values.name }), ...optional('env', envPairs(values.env)) };
  const json = values.format === 'json';
  if (launcher === 'torchrun') {
    const nproc = positive(values['nproc-per-node'], '--nproc-per-node');
    if (nproc === undefined) throw new UsageError('torchrun needs --nproc-per-node N');
    return {
      json,
      spec: { kind: 'torchrun', nprocPerNode: nproc, script: program, ...common, ...optional('nnodes', values.nnodes), ...optional('rdzvEndpoint', values['rdzv-endpoint']), ...optional('rdzvId', values['rdzv-id']), ...optional('python', values.python) },
    };
  }
  if (launcher === 'process') return { json, spec: { kind: 'process', program, ...common } };
  const np = positive(values.np, '--np');
  if (np === undefined) throw new UsageError('an MPI job needs --np N (the number of ranks)');
  const mpi = values.mpi;
  if (mpi !== undefined && mpi !== 'mpich' && mpi !== 'openmpi') throw new UsageError(`unknown --mpi '${mpi}': use mpich or openmpi`);
  return { json, spec: { kind: 'mpi', np, program, ...common, ...optional<'mpi', MpiFlavor>('mpi', mpi), ...optional('hostfile', values.hostfile) } };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `mlops job run`: runs the job in the foreground; the exit status is the job's. */
export async function jobRun(args: readonly string[], io: CliIo, jobs: JobService): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${RUN_USAGE}\n`);
    return EXIT_OK;
  }
  const { spec, json } = runSpec(args);
  if (spec.kind === 'slurm' || spec.kind === 'kubernetes') throw new UsageError('use mlops job submit for Slurm and Kubernetes');
  const print = json ? io.err : io.out;
  const onLine = (line: OutputLine): void => {
    print(`${line.rank === undefined ? '' : `[${line.rank}] `}${line.text}\n`);
  };
  const job = await jobs.launch(spec, { cwd: process.cwd(), onLine });
  io.err(`mlops: ${job.record.id} started (${job.record.ranks ?? 1} rank${job.record.ranks === 1 ? '' : 's'}); logs in ${job.record.logDir ?? '-'}\n`);
  const interrupt = (): void => {
    io.err(`mlops: cancelling ${job.record.id}\n`);
    void jobs.cancel(job.record.id);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const final = await job.done;
  process.removeListener('SIGINT', interrupt);
  process.removeListener('SIGTERM', interrupt);
  const status = toCliStatus(final, []);
  if (json) io.out(`${JSON.stringify(status, null, 2)}\n`);
  else io.err(`mlops: ${formatStatusLine(status)}\n`);
  if (final.state === 'COMPLETED') return EXIT_OK;
  return final.exitCode !== undefined && final.exitCode > 0 ? final.exitCode : 1;
}
