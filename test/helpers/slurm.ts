// A real one-node Slurm for the job tests, brought up by scripts/slurm-local.sh in a temporary
// folder: SLURM_CONF points the tools at it and /etc/slurm is never touched.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { run } from '../../core/process';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'slurm-local.sh');

export interface LocalSlurm {
  /** process.env with SLURM_CONF set: the environment for every Slurm tool. */
  readonly env: NodeJS.ProcessEnv;
  /** The folder of its config, state and logs. */
  readonly dir: string;
  /** Cancels its jobs, stops the daemons and removes the folder. */
  stop(): Promise<void>;
}

function onPath(tool: string): boolean {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((d) => d !== '' && existsSync(join(d, tool)));
}

/**
 * Why the Slurm tests cannot run here, or undefined when they can. In CI a missing dependency is
 * a failure, so there it throws; elsewhere the reason is printed where nobody can miss it.
 */
export function slurmSkipReason(): string | undefined {
  const missing = ['slurmctld', 'slurmd', 'munged', 'sbatch'].filter((t) => !onPath(t));
  let message: string | undefined;
  if (missing.length > 0) {
    message = `${missing.join(', ')} not found: install Slurm and munge (Debian: apt-get install slurm-wlm munge)`;
  } else if (process.getuid?.() !== 0) {
    message = 'not root: the local Slurm of scripts/slurm-local.sh needs root (run the tests as root, e.g. in a container)';
  }
  if (message === undefined) return undefined;
  message += '; the Slurm job tests are SKIPPED';
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') throw new Error(`${message}. CI must provide them (.ci/run).`);
  process.stderr.write(`\n*** ${message} ***\n\n`);
  return message;
}

/** Starts a one-node Slurm; undefined (after a loud note) where it cannot run outside CI. */
export async function startSlurm(): Promise<LocalSlurm | undefined> {
  if (slurmSkipReason() !== undefined) return undefined;
  const dir = await mkdtemp(join(tmpdir(), 'mlops-slurm-'));
  const up = await run('bash', [SCRIPT, 'up', dir]);
  if (up.code !== 0) {
    await run('bash', [SCRIPT, 'down', dir]);
    throw new Error(`scripts/slurm-local.sh up failed (exit ${String(up.code)}):\n${up.stdout}${up.stderr}`);
  }
  const env = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
  return {
    env,
    dir,
    stop: async () => {
      const down = await run('bash', [SCRIPT, 'down', dir]);
      if (down.code !== 0) throw new Error(`scripts/slurm-local.sh down failed:\n${down.stdout}${down.stderr}`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
