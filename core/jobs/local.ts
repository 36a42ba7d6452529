// Local jobs: mpiexec, torchrun or a plain process on this machine, supervised by the process that
// launched it (the extension host or `mlops job run`), which keeps the output per rank and records
// the exit in the job store. Any process may cancel it: the store holds the launcher's pid and
// start time, and cancel kills the launcher's whole tree.
import { cpus } from 'node:os';
import { basename } from 'node:path';
import type { JobRecord, MpiLaunch, ProcessLaunch, TorchrunLaunch } from '../../protocol';
import { isSameProcess, killTree, procInfo } from '../procTree';
import type { RunResult, Started, RunOptions } from '../process';
import { isFinal } from './backend';
import { mpiCommand, mpiFlavorOf, mpiVersionOf, pickMpi, processCommand, torchrunCommand, type CommandLine, type HostFacts, type MpiInstall } from './launchers';
import { RankLogs, type OutputLine } from './rankLogs';
import type { JobStore } from './store';

export type LocalLaunch = MpiLaunch | TorchrunLaunch | ProcessLaunch;

export interface LocalDeps {
  readonly store: JobStore;
  readonly run: (command: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;
  readonly start: (command: string, args: readonly string[], options?: RunOptions) => Promise<Started>;
  /** The environment jobs start from (process.env by default). */
  readonly env?: NodeJS.ProcessEnv;
  readonly facts?: HostFacts;
}

export interface LocalJob {
  readonly record: JobRecord;
  /** Settles with the final record when the job has ended and its output is read. */
  readonly done: Promise<JobRecord>;
}

const LAUNCHERS = ['mpiexec', 'mpiexec.mpich', 'mpiexec.openmpi'] as const;

/** The MPIs installed here: `mpiexec` (whichever it is) and the flavour-named launchers. */
export async function detectMpis(deps: Pick<LocalDeps, 'run' | 'env'>): Promise<MpiInstall[]> {
  const found = await Promise.all(
    LAUNCHERS.map(async (command): Promise<MpiInstall | undefined> => {
      try {
        const r = await deps.run(command, ['--version'], { env: deps.env ?? process.env });
        const text = `${r.stdout}\n${r.stderr}`;
        const flavor = mpiFlavorOf(text);
        return flavor === undefined ? undefined : { flavor, command, version: mpiVersionOf(text) };
      } catch {
        return undefined;
      }
    }),
  );
  return found.filter((m): m is MpiInstall => m !== undefined);
}

function hostFacts(): HostFacts {
  return { cpus: cpus().length, isRoot: process.getuid?.() === 0 };
}

function nameOf(spec: LocalLaunch): string {
  if (spec.name !== undefined && spec.name !== '') return spec.name;
  return basename(spec.kind === 'torchrun' ? spec.script : spec.program);
}

/** Checks the spec and finds its MPI; the command line then only needs the job's log folder. */
async function prepare(spec: LocalLaunch, cwd: string, deps: LocalDeps): Promise<(logDir: string) => CommandLine> {
  switch (spec.kind) {
    case 'mpi': {
      const mpi = pickMpi(spec.mpi, await detectMpis(deps));
      const facts = deps.facts ?? hostFacts();
      mpiCommand(spec, mpi, facts, cwd, '');
      return (logDir) => mpiCommand(spec, mpi, facts, cwd, logDir);
    }
    case 'torchrun': {
      const line = torchrunCommand(spec, cwd);
      return () => line;
    }
    case 'process': {
      const line = processCommand(spec, cwd);
      return () => line;
    }
  }
}

/** The state a local job ends in, from how its launcher exited. */
export function endState(code: number | null, signal: NodeJS.Signals | null): Pick<JobRecord, 'state' | 'reason' | 'exitCode'> {
  if (code === 0) return { state: 'COMPLETED', exitCode: 0 };
  if (code !== null) return { state: 'FAILED', exitCode: code, reason: `exit code ${code}` };
  return { state: 'FAILED', reason: `killed by ${signal ?? 'a signal'}` };
}

/**
 * Launches a local job and supervises it: the record is in the store (RUNNING) when this resolves.
 * Errors in the spec, or a missing MPI, reject before any job is recorded.
 */
export async function launchLocal(
  spec: LocalLaunch,
  options: { readonly cwd: string; readonly onLine?: ((line: OutputLine) => void) | undefined },
  deps: LocalDeps,
): Promise<LocalJob> {
  const commandFor = await prepare(spec, options.cwd, deps);
  const now = new Date().toISOString();
  const record0 = await deps.store.addLocal((id) => ({ id, backend: 'local', name: nameOf(spec), state: 'RUNNING', submittedAt: now, startedAt: now, launch: spec, cwd: options.cwd, logDir: deps.store.jobDir(id) }));
  const logDir = deps.store.jobDir(record0.id);
  const line = commandFor(logDir);
  const logs = new RankLogs(logDir, line.output, options.onLine ?? (() => undefined));
  let started: Started;
  try {
    started = await deps.start(line.command, line.args, { cwd: line.cwd, env: { ...(deps.env ?? process.env), ...line.env } });
  } catch (e) {
    await deps.store.update(record0.id, (j) => ({ ...j, state: 'FAILED', reason: (e as Error).message, endedAt: new Date().toISOString() }));
    throw e;
  }
  const startTicks = procInfo(started.pid)?.startTicks ?? 0;
  const record =
    (await deps.store.update(record0.id, (j) => ({ ...j, ranks: line.ranks, local: { pid: started.pid, startTicks, supervisorPid: process.pid } }))) ?? record0;
  started.stdout.on('data', (b: Buffer) => {
    logs.launcherBytes('stdout', b);
  });
  started.stderr.on('data', (b: Buffer) => {
    logs.launcherBytes('stderr', b);
  });
  const timer = setInterval(() => void logs.poll(), 100);
  const done = started.exited.then(async ({ code, signal }) => {
    clearInterval(timer);
    await logs.finish();
    const end = endState(code, signal);
    const final = await deps.store.update(record.id, (j) =>
      // A job cancelled meanwhile (here or by another process) stays CANCELLED.
      j.state === 'CANCELLED' ? { ...j, endedAt: j.endedAt ?? new Date().toISOString() } : { ...j, ...end, endedAt: new Date().toISOString() },
    );
    return final ?? { ...record, ...end };
  });
  return { record, done };
}

/**
 * Cancels a local job from any process: marks it CANCELLED, then kills the launcher's tree (ranks
 * that ignore SIGTERM get SIGKILL after `graceMs`). A job that has already ended is left as it is.
 */
export async function cancelLocal(store: JobStore, job: JobRecord, graceMs = 3000): Promise<JobRecord> {
  if (isFinal(job.state)) return job;
  const cancelled = (await store.update(job.id, (j) => (isFinal(j.state) ? j : { ...j, state: 'CANCELLED', reason: 'cancelled by the user', endedAt: new Date().toISOString() }))) ?? job;
  const ref = job.local;
  if (ref !== undefined && isSameProcess(ref.pid, ref.startTicks)) await killTree(ref.pid, graceMs);
  return cancelled;
}

/**
 * A local job still marked as running whose supervisor is gone (a window closed mid-run) cannot
 * record its end: returns it marked FAILED, or undefined when it is fine.
 */
export function orphaned(job: JobRecord): JobRecord | undefined {
  if (job.backend !== 'local' || isFinal(job.state) || job.local === undefined) return undefined;
  if (procInfo(job.local.supervisorPid) !== undefined || isSameProcess(job.local.pid, job.local.startTicks)) return undefined;
  return { ...job, state: 'FAILED', reason: `its supervisor (pid ${job.local.supervisorPid}) ended before it did`, endedAt: new Date().toISOString() };
}
