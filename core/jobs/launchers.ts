// The command lines of local launches: mpiexec (MPICH's Hydra or Open MPI), torchrun, a plain
// process. Pure: what to run and where each rank's output lands, from the spec and the facts of
// this machine. Arguments are lists (core/process never passes them through a shell).
import { isAbsolute, join, resolve } from 'node:path';
import type { MpiFlavor, MpiLaunch, ProcessLaunch, TorchrunLaunch } from '../../protocol';

/** An MPI found on this machine. */
export interface MpiInstall {
  readonly flavor: MpiFlavor;
  /** The launcher to run: `mpiexec`, `mpiexec.mpich`, `mpiexec.openmpi`. */
  readonly command: string;
  readonly version: string;
}

/** Facts of the machine that change the command line. */
export interface HostFacts {
  readonly cpus: number;
  readonly isRoot: boolean;
}

/** Where a launch's ranks write, so the supervisor can follow each rank. */
export type RankOutput =
  /** MPICH writes `rank-<r>.out` and `rank-<r>.err` in `dir` (Hydra's -outfile-pattern). */
  | { readonly kind: 'mpich'; readonly dir: string }
  /** Open MPI writes `<dir>/<jobid>/rank.<r>/stdout|stderr` (--output-filename). */
  | { readonly kind: 'openmpi'; readonly dir: string }
  /** torchrun's --tee prefixes each worker line with `[<role><local rank>]:`. */
  | { readonly kind: 'prefixed' }
  /** One stream: a plain process. */
  | { readonly kind: 'single' };

export interface CommandLine {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly ranks: number;
  readonly output: RankOutput;
}

/** Which MPI `mpiexec --version` describes. */
export function mpiFlavorOf(versionText: string): MpiFlavor | undefined {
  if (/Open ?MPI|OpenRTE|PRRTE/i.test(versionText)) return 'openmpi';
  if (/HYDRA|MPICH|Intel\(R\) MPI/i.test(versionText)) return 'mpich';
  return undefined;
}

/** The version number in `mpiexec --version`'s text, or '' when it has none. */
export function mpiVersionOf(versionText: string): string {
  return /Version:\s*(\S+)/.exec(versionText)?.[1] ?? /\)\s*(\d+\.\d+(?:\.\d+)?)/.exec(versionText)?.[1] ?? '';
}

const INSTALL: Readonly<Record<MpiFlavor, string>> = {
  mpich: 'MPICH is not installed: install it (Debian: apt-get install mpich) or pick another MPI.',
  openmpi: 'Open MPI is not installed: install it (Debian: apt-get install openmpi-bin) or pick another MPI.',
};

/** The MPI a launch asks for, among those installed: `default` is what plain `mpiexec` resolves to. */
export function pickMpi(wanted: MpiFlavor | 'default' | undefined, installed: readonly MpiInstall[]): MpiInstall {
  const first = installed.find((m) => m.command === 'mpiexec') ?? installed[0];
  if (first === undefined) throw new Error('No MPI was found (mpiexec, mpiexec.mpich, mpiexec.openmpi). Install one (Debian: apt-get install mpich or openmpi-bin).');
  if (wanted === undefined || wanted === 'default') return first;
  // A flavour's own name first (mpiexec.mpich), then plain mpiexec when it is that flavour.
  const named = installed.filter((m) => m.flavor === wanted).sort((a, b) => Number(a.command === 'mpiexec') - Number(b.command === 'mpiexec'));
  if (named[0] === undefined) throw new Error(INSTALL[wanted]);
  return named[0];
}

function pathFrom(cwd: string, p: string): string {
  return isAbsolute(p) ? p : resolve(cwd, p);
}

function positiveInt(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a whole number of at least 1 (got ${String(n)}).`);
  return n;
}

/** Hydra's options: per-rank output files, hostfile, environment. */
function mpichOptions(spec: MpiLaunch, cwd: string, dir: string): string[] {
  const args = ['-outfile-pattern', join(dir, 'rank-%r.out'), '-errfile-pattern', join(dir, 'rank-%r.err')];
  if (spec.hostfile !== undefined) args.push('-f', pathFrom(cwd, spec.hostfile));
  for (const [k, v] of Object.entries(spec.env ?? {})) args.push('-genv', k, v);
  return args;
}

/** Open MPI's options: per-rank output files, root, oversubscription, hostfile, environment. */
function openmpiOptions(spec: MpiLaunch, np: number, facts: HostFacts, cwd: string, dir: string): string[] {
  const args = ['--output-filename', `${dir}:nocopy`];
  if (facts.isRoot) args.push('--allow-run-as-root');
  // Open MPI refuses more ranks than cores unless told to oversubscribe (a hostfile gives slots).
  if (np > facts.cpus && spec.hostfile === undefined) args.push('--oversubscribe');
  if (spec.hostfile !== undefined) args.push('--hostfile', pathFrom(cwd, spec.hostfile));
  for (const [k, v] of Object.entries(spec.env ?? {})) args.push('-x', `${k}=${v}`);
  return args;
}

/** `mpiexec -n N ... PROGRAM ARGS` for MPICH or Open MPI, with each rank's output in `logDir/mpi`. */
export function mpiCommand(spec: MpiLaunch, mpi: MpiInstall, facts: HostFacts, baseCwd: string, logDir: string): CommandLine {
  const np = positiveInt(spec.np, 'The number of ranks (np)');
  const cwd = spec.cwd === undefined ? baseCwd : pathFrom(baseCwd, spec.cwd);
  const dir = join(logDir, 'mpi');
  const program = [spec.program, ...(spec.args ?? [])];
  const args = mpi.flavor === 'mpich' ? mpichOptions(spec, cwd, dir) : openmpiOptions(spec, np, facts, cwd, dir);
  args.push(...(spec.mpiArgs ?? []));
  const rankEnv = spec.rankEnv ?? [];
  if (rankEnv.length === 0) {
    args.push('-n', String(np), ...program);
  } else {
    // Per-rank environments: one application context per rank (MPMD, `:`-separated).
    for (let r = 0; r < np; r++) {
      if (r > 0) args.push(':');
      args.push('-n', '1');
      // Open MPI applies -x given before the first context to that context only: repeat it in each.
      const env = { ...(mpi.flavor === 'openmpi' ? spec.env : {}), ...rankEnv[r] };
      for (const [k, v] of Object.entries(env)) args.push(...(mpi.flavor === 'mpich' ? ['-env', k, v] : ['-x', `${k}=${v}`]));
      args.push(...program);
    }
  }
  return { command: mpi.command, args, cwd, env: {}, ranks: np, output: { kind: mpi.flavor, dir } };
}

/**
 * torchrun as `python3 -m torch.distributed.run` (the same program as the `torchrun` script, found
 * wherever torch is). Options use underscores, which every torch version accepts (torch 2 also
 * takes dashes; 1.x only underscores).
 */
export function torchrunCommand(spec: TorchrunLaunch, baseCwd: string): CommandLine {
  const nproc = positiveInt(spec.nprocPerNode, 'nprocPerNode');
  const cwd = spec.cwd === undefined ? baseCwd : pathFrom(baseCwd, spec.cwd);
  const args = ['-m', 'torch.distributed.run'];
  const multiNode = spec.nnodes !== undefined && spec.nnodes !== '1';
  if (multiNode) {
    args.push('--nnodes', spec.nnodes);
    if (spec.nodeRank !== undefined) args.push('--node_rank', String(spec.nodeRank));
  }
  if (spec.rdzvEndpoint !== undefined) {
    args.push('--rdzv_backend', spec.rdzvBackend ?? 'c10d', '--rdzv_endpoint', spec.rdzvEndpoint);
    if (spec.rdzvId !== undefined) args.push('--rdzv_id', spec.rdzvId);
  } else if (!multiNode) {
    args.push('--standalone');
  } else {
    throw new Error('A torchrun launch on several nodes needs rdzvEndpoint (host:port of the rendezvous).');
  }
  args.push('--nproc_per_node', String(nproc), '--tee', '3', pathFrom(cwd, spec.script), ...(spec.args ?? []));
  return { command: spec.python ?? 'python3', args, cwd, env: { ...spec.env }, ranks: nproc, output: { kind: 'prefixed' } };
}

export function processCommand(spec: ProcessLaunch, baseCwd: string): CommandLine {
  const cwd = spec.cwd === undefined ? baseCwd : pathFrom(baseCwd, spec.cwd);
  return { command: spec.program, args: [...(spec.args ?? [])], cwd, env: { ...spec.env }, ranks: 1, output: { kind: 'single' } };
}

/** A worker line of torchrun --tee: `[default0]:text` → rank 0 (the local rank) and the text. */
export function splitPrefixed(line: string): { readonly rank: number; readonly text: string } | undefined {
  const m = /^\[[A-Za-z_]*?(\d+)\]:(.*)$/s.exec(line);
  return m === null ? undefined : { rank: Number(m[1]), text: m[2] ?? '' };
}
