// The one module that starts processes (lint enforces it). Arguments are passed as a list, never
// through a shell: spaces, quotes, `;` and `$()` arrive literally. A cancelled run kills the whole
// process tree (the child leads its own process group), then SIGKILL after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { killTree as killProcessTree } from './procTree';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Cancels the run: the process group gets SIGTERM, then SIGKILL after `graceMs`. */
  readonly signal?: AbortSignal;
  readonly graceMs?: number;
  /** Stops collecting output beyond this many bytes per stream (the process still runs to its end). */
  readonly maxOutputBytes?: number;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A tool that is not installed: the message says what to install. */
export class ToolMissingError extends Error {
  constructor(readonly tool: string, hint: string) {
    super(`${tool} was not found on PATH. ${hint}`);
    this.name = 'ToolMissingError';
  }
}

const INSTALL_HINTS: Readonly<Record<string, string>> = {
  kubectl: 'Install kubectl (https://kubernetes.io/docs/tasks/tools/) and check `kubectl config current-context`.',
  sbatch: 'Install the Slurm client tools (Debian: apt-get install slurm-client) or run on the cluster login node.',
  mpiexec: 'Install an MPI (Debian: apt-get install mpich or openmpi-bin).',
  squeue: 'Install the Slurm client tools (Debian: apt-get install slurm-client) or run on the cluster login node.',
  scontrol: 'Install the Slurm client tools (Debian: apt-get install slurm-client) or run on the cluster login node.',
  scancel: 'Install the Slurm client tools (Debian: apt-get install slurm-client) or run on the cluster login node.',
  sacct: 'Install the Slurm client tools (Debian: apt-get install slurm-client); sacct also needs slurmdbd accounting.',
};

function missing(command: string, e: NodeJS.ErrnoException): Error {
  return e.code === 'ENOENT' ? new ToolMissingError(command, INSTALL_HINTS[command] ?? `Install ${command} or put it on PATH.`) : e;
}

function spawnDetached(command: string, args: readonly string[], options: RunOptions, stdin: 'ignore' | 'pipe'): ChildProcess {
  return spawn(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    shell: false,
    // Its own session and process group: cancelling kills the whole tree, and a signal meant for
    // the editor or the terminal does not reach the job.
    detached: process.platform !== 'win32',
    stdio: [stdin, 'pipe', 'pipe'],
  });
}

/** Runs a program to its end and collects its output. Rejects only when it cannot start. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const max = options.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawnDetached(command, args, options, 'ignore');
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout?.on('data', (b: Buffer) => {
      if ((outBytes += b.length) <= max) out.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      if ((errBytes += b.length) <= max) err.push(b);
    });
    const cancel = (): void => {
      if (child.pid !== undefined) void killProcessTree(child.pid, options.graceMs ?? 3000);
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', cancel);
      reject(missing(command, e));
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', cancel);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** A process that runs on while its output is read as it comes. */
export interface Started {
  readonly pid: number;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles when the process has exited and its output streams have closed. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** Kills the whole process tree (SIGTERM, then SIGKILL after the grace period); resolves when it is gone. */
  cancel(): Promise<void>;
}

/**
 * Starts a program whose output is streamed (jobs, `kubectl logs -f`). Resolves once it runs;
 * rejects with ToolMissingError when the program is not installed. `options.signal` cancels it.
 */
export function start(command: string, args: readonly string[], options: RunOptions = {}): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawnDetached(command, args, options, 'ignore');
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
      child.on('close', (code, signal) => {
        done({ code, signal });
      });
    });
    child.once('error', (e: NodeJS.ErrnoException) => {
      reject(missing(command, e));
    });
    child.once('spawn', () => {
      const { pid, stdout, stderr } = child;
      if (pid === undefined || stdout === null || stderr === null) return;
      const cancel = (): Promise<void> => killProcessTree(pid, options.graceMs ?? 3000);
      options.signal?.addEventListener('abort', () => void cancel(), { once: true });
      resolve({ pid, stdout, stderr, exited, cancel });
    });
  });
}
