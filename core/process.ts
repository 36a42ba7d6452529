// The one module that starts processes (lint enforces it). Arguments are passed as a list, never
// through a shell: spaces, quotes, `;` and `$()` arrive literally. A cancelled run kills the whole
// process tree (the child leads its own process group), then SIGKILL after a grace period.
import { spawn } from 'node:child_process';

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
};

function killTree(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Runs a program to its end and collects its output. Rejects only when it cannot start. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const max = options.maxOutputBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: false,
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (b: Buffer) => {
      if ((outBytes += b.length) <= max) out.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      if ((errBytes += b.length) <= max) err.push(b);
    });
    let killer: NodeJS.Timeout | undefined;
    const cancel = (): void => {
      if (child.pid === undefined) return;
      killTree(child.pid, 'SIGTERM');
      const pid = child.pid;
      killer = setTimeout(() => {
        killTree(pid, 'SIGKILL');
      }, options.graceMs ?? 3000);
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', cancel);
      reject(e.code === 'ENOENT' ? new ToolMissingError(command, INSTALL_HINTS[command] ?? `Install ${command} or put it on PATH.`) : e);
    });
    child.on('close', (code, signal) => {
      if (killer !== undefined) clearTimeout(killer);
      options.signal?.removeEventListener('abort', cancel);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
