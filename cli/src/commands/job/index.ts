import { parseArgs } from 'node:util';
import type { JobBackend, KubernetesLaunch, SlurmLaunch } from '../../../../protocol';
import { createJobService } from '../../../../core/jobs/create';
import { ManifestErrors, UnknownJob, type JobService } from '../../../../core/jobs/service';
import { StoreError } from '../../../../core/jobs/store';
import { ToolMissingError } from '../../../../core/process';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../../io';
import { formatParts, formatStatusLine, toCliStatus } from './format';
import { RUN_USAGE, jobRun } from './run';
import { manifestErrors } from './validate';

export const JOB_USAGE = `Usage: mlops job COMMAND

  run    --np N [--mpi mpich|openmpi] -- PROGRAM [ARGS...]      run an MPI job here
  run    --launcher torchrun --nproc-per-node N -- SCRIPT [ARGS]  run torchrun here
  submit --backend slurm|kubernetes [--force] [--context C] [--namespace NS] FILE
                                                                 submit; prints the job id
  status ID                                                      state in Slurm's words
  logs   ID [--follow] [--rank R | --pod POD]                    the job's output
  cancel ID                                                      cancel (kills the whole tree)
  list                                                           every job of the store

Each takes --format json, and status|logs|cancel take --backend (the id says it otherwise:
local-3, 12345, namespace/Kind/name). The job store is shared with the VS Code extension:
$MLOPS_STATE_DIR, else $XDG_STATE_HOME/mlops-workbench, else ~/.local/state/mlops-workbench.

${RUN_USAGE}`;

const BACKENDS = ['local', 'slurm', 'kubernetes'] as const;

function backendOption(value: string | undefined): JobBackend | undefined {
  if (value === undefined) return undefined;
  if (!(BACKENDS as readonly string[]).includes(value)) throw new UsageError(`unknown --backend '${value}': use one of ${BACKENDS.join(', ')}`);
  return value as JobBackend;
}

function formatOption(value: string | undefined): boolean {
  if (value !== undefined && value !== 'text' && value !== 'json') throw new UsageError(`unknown --format '${value}': use text or json`);
  return value === 'json';
}

const COMMON = { backend: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function oneId(positionals: readonly string[], command: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError(`mlops job ${command} takes one job id, such as: mlops job ${command} local-1`);
  return positionals[0];
}

async function submit(args: readonly string[], io: CliIo, jobs: JobService): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: { ...COMMON, force: { type: 'boolean' }, context: { type: 'string' }, namespace: { type: 'string', short: 'n' } }, allowPositionals: true, strict: true });
  const json = formatOption(values.format);
  const backend = backendOption(values.backend);
  if (backend !== 'slurm' && backend !== 'kubernetes') throw new UsageError('mlops job submit needs --backend slurm or --backend kubernetes');
  const file = oneId(positionals, 'submit');
  const spec: SlurmLaunch | KubernetesLaunch =
    backend === 'slurm'
      ? { kind: 'slurm', script: file }
      : { kind: 'kubernetes', manifest: file, ...(values.force === true ? { force: true } : {}), ...(values.context === undefined ? {} : { context: values.context }), ...(values.namespace === undefined ? {} : { namespace: values.namespace }) };
  const job = await jobs.submit(spec, process.cwd());
  io.out(json ? `${JSON.stringify({ id: job.id, backend: job.backend, name: job.name }, null, 2)}\n` : `${job.id}\n`);
  return EXIT_OK;
}

async function status(args: readonly string[], io: CliIo, jobs: JobService): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: COMMON, allowPositionals: true, strict: true });
  const { job, parts } = await jobs.refresh(oneId(positionals, 'status'), backendOption(values.backend));
  const s = toCliStatus(job, parts);
  io.out(formatOption(values.format) ? `${JSON.stringify(s, null, 2)}\n` : `${[formatStatusLine(s), ...formatParts(parts)].join('\n')}\n`);
  return EXIT_OK;
}

async function logs(args: readonly string[], io: CliIo, jobs: JobService): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: { ...COMMON, follow: { type: 'boolean', short: 'f' }, rank: { type: 'string' }, pod: { type: 'string' } }, allowPositionals: true, strict: true });
  const id = oneId(positionals, 'logs');
  const part = values.rank ?? values.pod;
  const controller = new AbortController();
  const stop = (): void => {
    controller.abort();
  };
  process.once('SIGINT', stop);
  try {
    let text = '';
    const json = formatOption(values.format);
    await jobs.logs(id, { follow: values.follow === true, signal: controller.signal, ...(part === undefined ? {} : { part }), onText: (t) => {
      if (json) text += t;
      else io.out(t);
    } }, backendOption(values.backend));
    if (json) io.out(`${JSON.stringify({ id, text })}\n`);
  } finally {
    process.removeListener('SIGINT', stop);
  }
  return EXIT_OK;
}

async function cancel(args: readonly string[], io: CliIo, jobs: JobService): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: COMMON, allowPositionals: true, strict: true });
  const job = await jobs.cancel(oneId(positionals, 'cancel'), backendOption(values.backend));
  const s = toCliStatus(job, []);
  io.out(formatOption(values.format) ? `${JSON.stringify(s, null, 2)}\n` : `${formatStatusLine(s)}\n`);
  return EXIT_OK;
}

async function list(args: readonly string[], io: CliIo, jobs: JobService): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: COMMON, allowPositionals: false, strict: true });
  const all = (await jobs.list()).map((j) => toCliStatus(j, []));
  io.out(formatOption(values.format) ? `${JSON.stringify(all, null, 2)}\n` : all.map((s) => `${formatStatusLine(s)}\n`).join(''));
  return EXIT_OK;
}

type Sub = (args: readonly string[], io: CliIo, jobs: JobService) => Promise<number>;
const SUBCOMMANDS: Readonly<Record<string, Sub>> = { run: jobRun, submit, status, logs, cancel, list };

/** `mlops job ...`: returns the exit status. */
export async function runJob(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.out(`${JOB_USAGE}\n`);
    return EXIT_OK;
  }
  const command = SUBCOMMANDS[sub];
  if (command === undefined) throw new UsageError(`unknown job command '${sub}': use run, submit, status, logs, cancel or list`);
  const jobs = createJobService({ validate: manifestErrors, kubectl: process.env['MLOPS_KUBECTL'] });
  try {
    return await command(rest, io, jobs);
  } catch (e) {
    // What the user can act on: the message says what to do. Anything else is a bug (bin.ts).
    if (e instanceof ToolMissingError || e instanceof ManifestErrors || e instanceof UnknownJob || e instanceof StoreError || isUserFacing(e)) {
      io.err(`mlops job ${sub}: ${(e as Error).message}\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
}

/** Errors the backends raise about the user's input or the cluster's answer (not our bugs). */
function isUserFacing(e: unknown): boolean {
  return e instanceof Error && e.constructor === Error;
}
