// Which MPIs the job tests can use. A missing MPI skips loudly on a developer's machine and fails
// in CI, where .ci/run installs both.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MpiFlavor } from '../../protocol';

const IN_CI = process.env['CI'] === 'true';

function has(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Why `flavor` cannot be tested here, or undefined when its launcher and compiler are installed. */
export function mpiSkipReason(flavor: MpiFlavor): string | undefined {
  if (has(`mpiexec.${flavor}`) && has(`mpicc.${flavor}`)) return undefined;
  const message = `${flavor} is not installed (apt-get install ${flavor === 'mpich' ? 'mpich libmpich-dev' : 'openmpi-bin libopenmpi-dev'})`;
  if (IN_CI) throw new Error(`${message}; CI must install it (.ci/run).`);
  console.warn(`SKIPPING ${flavor} job tests: ${message}`);
  return message;
}

/** Builds test/fixtures/mpi/ring.c with the flavour's mpicc; returns the program's path. */
export function buildRing(flavor: MpiFlavor): string {
  const out = join(mkdtempSync(join(tmpdir(), `mlops-ring-${flavor}-`)), 'ring');
  const r = spawnSync(`mpicc.${flavor}`, ['-O2', '-o', out, join(__dirname, '..', 'fixtures', 'mpi', 'ring.c')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mpicc.${flavor} failed: ${r.stderr}`);
  return out;
}
