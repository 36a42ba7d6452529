// The Slurm backend: sbatch submits (an existing script, or one generated from the launch
// configuration), squeue and scontrol tell the state (sacct too, where accounting is kept), the
// job's output file is read as it grows, scancel cancels. Job ids are Slurm's.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { JobRecord, JobState, SlurmLaunch } from '../../protocol';
import { ToolMissingError, type RunOptions, type RunResult } from '../process';
import { isFinal, type LogOptions, type Runner, type SlurmBackend, type StatusUpdate, type Submitted } from './backend';
import {
  accountingDisabled, compact, controlView, firstError, invalidJobId, parseSacct, parseSbatchId, parseScontrol, parseSqueue,
  SQUEUE_FORMAT, type AccountingRow, type ControlView, type QueueRow,
} from './slurmParse';
import { followFile, readFrom } from './tail';
import { expandOutput, generateScript, planSubmission, safeJobName } from './slurmScript';

export interface SlurmBackendOptions {
  readonly run: Runner;
  /** The environment of every Slurm tool (tests point SLURM_CONF at their own Slurm); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** How often a followed job's state is asked for, at most. */
const POLL_MS = 1000;

/** A status, and whether Slurm has clearly forgotten the job (no point in asking again). */
interface Probe {
  readonly update: StatusUpdate;
  readonly gone: boolean;
}

function currentUser(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env['USER'] ?? '';
  }
}

/** What a tool said, for a reason: its first complaint, or that it said nothing. */
function said(r: RunResult): string {
  const output = `${r.stderr}\n${r.stdout}`;
  return hinted(firstError(output) ?? `exit code ${String(r.code)}`, output);
}

/** The message, with what to do when the output shows that no Slurm cluster is reachable. */
function hinted(message: string, output: string): string {
  return NO_CLUSTER.test(output) ? `${message.replace(/\.?$/, '.')} ${NO_CLUSTER_HINT}` : message;
}

/** What the Slurm tools say on a machine that has no Slurm configuration or cannot reach the controller. */
const NO_CLUSTER = /fetch_config|resolve_ctls_from_dns_srv|Unable to process configuration file|Unable to contact slurm controller/;
const NO_CLUSTER_HINT =
  'This machine cannot reach a Slurm controller: run on the cluster\'s login node (with VS Code, through Remote-SSH), or point SLURM_CONF at the cluster\'s slurm.conf.';

/** squeue's state with scontrol's details; times, exit codes and ends only once they are real. */
function merge(row: QueueRow | undefined, view: ControlView | undefined): StatusUpdate {
  const state = row?.state ?? view?.state ?? 'UNKNOWN';
  const reason = isFinal(state) ? finalReason(view) : (row?.reason ?? view?.reason);
  return { state, ...compact({ reason }), ...(view === undefined ? {} : details(view, state)) };
}

function details(view: ControlView, state: JobState): Omit<StatusUpdate, 'state'> {
  const final = isFinal(state);
  return compact({
    exitCode: final ? view.exit?.exitCode : undefined,
    // scontrol shows the expected start of a pending job and the time-limit end of a running one.
    startedAt: state === 'PENDING' ? undefined : view.startedAt,
    endedAt: final ? view.endedAt : undefined,
    ranks: view.ranks,
    outputFile: view.outputFile,
  });
}

/** `exit code N` or `signal S`, with Slurm's own reason when it adds something (`TimeLimit`). */
function finalReason(view: ControlView | undefined): string | undefined {
  const extra = view?.reason === 'NonZeroExitCode' ? undefined : view?.reason;
  const exit = view?.exit?.reason;
  if (exit === undefined) return extra;
  return extra === undefined ? exit : `${exit} (${extra})`;
}

function fromAccounting(row: AccountingRow): StatusUpdate {
  return {
    state: row.state,
    ...compact({ reason: row.exit?.reason, exitCode: row.exit?.exitCode, startedAt: row.startedAt, endedAt: row.endedAt }),
  };
}

export function createSlurmBackend(options: SlurmBackendOptions): SlurmBackend {
  const baseEnv = (): NodeJS.ProcessEnv => options.env ?? process.env;
  const tool = (command: string, args: readonly string[], extra: RunOptions = {}): Promise<RunResult> =>
    options.run(command, args, { env: baseEnv(), ...extra });

  /** sacct's row, or why there is none (no accounting here is a normal answer, not a failure). */
  async function accounting(id: string, signal?: AbortSignal): Promise<{ row?: AccountingRow; why: string }> {
    let r: RunResult;
    try {
      r = await tool('sacct', ['-j', id, '-n', '-P', '-X', '-o', 'JobID,State,ExitCode,Start,End'], signal === undefined ? {} : { signal });
    } catch (e) {
      if (e instanceof ToolMissingError) return { why: 'sacct is not installed' };
      throw e;
    }
    if (accountingDisabled(`${r.stdout}\n${r.stderr}`)) return { why: 'accounting storage is disabled' };
    if (r.code !== 0) return { why: said(r) };
    const row = parseSacct(r.stdout, id);
    return row === undefined ? { why: 'no record' } : { row, why: '' };
  }

  async function probe(id: string, signal?: AbortSignal): Promise<Probe> {
    const opts = signal === undefined ? {} : { signal };
    const q = await tool('squeue', ['-h', '-t', 'all', '-j', id, '-o', SQUEUE_FORMAT], opts);
    const row = q.code === 0 ? parseSqueue(q.stdout) : undefined;
    const c = await tool('scontrol', ['show', 'job', '-o', id], opts);
    const fields = c.code === 0 ? parseScontrol(c.stdout) : undefined;
    if (row !== undefined || fields !== undefined) {
      return { update: merge(row, fields === undefined ? undefined : controlView(fields)), gone: false };
    }
    const acct = await accounting(id, signal);
    if (acct.row !== undefined) return { update: fromAccounting(acct.row), gone: false };
    const queueWhy = q.code === 0 ? 'not in the queue' : said(q);
    const reason = `Slurm does not know job ${id} (squeue: ${queueWhy}; scontrol: ${said(c)}; sacct: ${acct.why})`;
    const gone = (q.code === 0 || invalidJobId(q.stderr)) && invalidJobId(`${c.stderr}${c.stdout}`);
    return { update: { state: 'UNKNOWN', reason }, gone };
  }

  /** The script sbatch gets: the spec's own, or one written into `workDir`. */
  async function scriptOf(spec: SlurmLaunch, cwd: string, workDir: string): Promise<{ path: string; text: string; generated: boolean }> {
    if (spec.script !== undefined) {
      const path = resolve(cwd, spec.script);
      try {
        return { path, text: await readFile(path, 'utf8'), generated: false };
      } catch (e) {
        throw new Error(`cannot read the batch script ${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const text = generateScript(spec);
    await mkdir(workDir, { recursive: true });
    const stem = safeJobName(spec.name ?? 'job').replace(/[^\w.-]/g, '_');
    const path = join(workDir, `${stem}-${Date.now()}-${randomBytes(3).toString('hex')}.sbatch`);
    await writeFile(path, text, { mode: 0o644 });
    return { path, text, generated: true };
  }

  async function submit(spec: SlurmLaunch, where: { readonly cwd: string; readonly workDir: string; readonly signal?: AbortSignal }): Promise<Submitted> {
    const script = await scriptOf(spec, where.cwd, where.workDir);
    const plan = planSubmission(spec, script.path, script.text, { cwd: where.cwd, generated: script.generated });
    const r = await tool('sbatch', plan.args, {
      cwd: where.cwd,
      env: { ...baseEnv(), ...plan.env },
      ...(where.signal === undefined ? {} : { signal: where.signal }),
    });
    const id = r.code === 0 ? parseSbatchId(r.stdout) : undefined;
    if (id === undefined) throw new Error(`sbatch failed: ${said(r)}`);
    const outputFile = expandOutput(plan.outputPattern, { id, name: plan.name, user: currentUser(baseEnv()) });
    return {
      id,
      name: plan.name,
      file: script.path,
      ...(plan.ranks === undefined ? {} : { ranks: plan.ranks }),
      ...(outputFile === undefined ? {} : { outputFile }),
    };
  }

  async function logs(job: JobRecord, o: LogOptions): Promise<void> {
    const file = job.outputFile ?? (await probe(job.id, o.signal)).update.outputFile;
    if (file === undefined) throw new Error(`Slurm does not say where job ${job.id} writes its output`);
    if (!o.follow) {
      const bytes = await readFrom(file, 0);
      if (bytes.length > 0) o.onText(bytes.toString('utf8'));
      return;
    }
    let asked = 0;
    let finished = false;
    // A file that does not exist yet is normal while the job waits: followFile reads nothing then.
    await followFile(file, {
      onText: o.onText,
      ...(o.signal === undefined ? {} : { signal: o.signal }),
      done: async () => {
        if (finished || Date.now() - asked < POLL_MS) return finished;
        asked = Date.now();
        const p = await probe(job.id, o.signal);
        finished = isFinal(p.update.state) || p.gone;
        return finished;
      },
    });
  }

  async function cancel(job: JobRecord): Promise<void> {
    // Without --verbose scancel says nothing of a job it does not know, and exits 0.
    const r = await tool('scancel', ['--verbose', job.id]);
    const errors = r.stderr.split('\n')
      .filter((l) => /error:/.test(l) && !/already completing or completed/.test(l))
      .map((l) => l.replace(/^scancel: error: /, '').trim());
    if (r.code !== 0 || errors.length > 0) throw new Error(`scancel ${job.id}: ${errors[0] === undefined ? said(r) : hinted(errors[0], `${r.stderr}\n${r.stdout}`)}`);
  }

  return {
    submit,
    status: async (job, signal) => (await probe(job.id, signal)).update,
    logs,
    cancel,
  };
}
