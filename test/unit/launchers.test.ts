import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mpiCommand, mpiFlavorOf, mpiVersionOf, pickMpi, processCommand, splitPrefixed, torchrunCommand, type MpiInstall } from '../../core/jobs/launchers';

// `--version` texts captured on Debian 12 (mpich 4.0.2, openmpi-bin 4.1.4), first lines.
const MPICH_VERSION = 'HYDRA build details:\n    Version:                                 4.0.2\n    Release Date:                            Thu Apr  7 12:34:45 CDT 2022\n';
const OPENMPI_VERSION = 'mpiexec.openmpi (OpenRTE) 4.1.4\n\nReport bugs to http://www.open-mpi.org/community/help/\n';

const MPICH: MpiInstall = { flavor: 'mpich', command: 'mpiexec.mpich', version: '4.0.2' };
const OPENMPI: MpiInstall = { flavor: 'openmpi', command: 'mpiexec.openmpi', version: '4.1.4' };
const PLAIN_OPENMPI: MpiInstall = { flavor: 'openmpi', command: 'mpiexec', version: '4.1.4' };
const USER = { cpus: 2, isRoot: false };

describe('MPI launch command lines', () => {
  it('tells MPICH from Open MPI by their --version text', () => {
    assert.equal(mpiFlavorOf(MPICH_VERSION), 'mpich');
    assert.equal(mpiFlavorOf(OPENMPI_VERSION), 'openmpi');
    assert.equal(mpiFlavorOf('mpirun (Open MPI) 5.0.3'), 'openmpi');
    assert.equal(mpiFlavorOf('something else'), undefined);
    assert.equal(mpiVersionOf(MPICH_VERSION), '4.0.2');
    assert.equal(mpiVersionOf(OPENMPI_VERSION), '4.1.4');
  });

  it('picks what plain mpiexec resolves to by default, a named flavour on request', () => {
    const installed = [MPICH, OPENMPI, PLAIN_OPENMPI];
    assert.equal(pickMpi(undefined, installed), PLAIN_OPENMPI);
    assert.equal(pickMpi('default', installed), PLAIN_OPENMPI);
    assert.equal(pickMpi('mpich', installed), MPICH);
    assert.equal(pickMpi('openmpi', installed), OPENMPI);
    assert.equal(pickMpi('openmpi', [PLAIN_OPENMPI]), PLAIN_OPENMPI);
    assert.throws(() => pickMpi('mpich', [PLAIN_OPENMPI]), /MPICH is not installed.*apt-get install mpich/);
    assert.throws(() => pickMpi(undefined, []), /No MPI was found/);
  });

  it('MPICH: per-rank files, hostfile, environment', () => {
    const line = mpiCommand({ kind: 'mpi', np: 4, program: './a b', args: ['--x', 'y z'], hostfile: 'hosts', env: { NCCL_DEBUG: 'INFO' }, mpiArgs: ['-bind-to', 'core'] }, MPICH, USER, '/w', '/logs/local-1');
    assert.equal(line.command, 'mpiexec.mpich');
    assert.deepEqual(line.args, [
      '-outfile-pattern', '/logs/local-1/mpi/rank-%r.out', '-errfile-pattern', '/logs/local-1/mpi/rank-%r.err',
      '-f', '/w/hosts', '-genv', 'NCCL_DEBUG', 'INFO', '-bind-to', 'core', '-n', '4', './a b', '--x', 'y z',
    ]);
    assert.equal(line.cwd, '/w');
    assert.equal(line.ranks, 4);
    assert.deepEqual(line.output, { kind: 'mpich', dir: '/logs/local-1/mpi' });
  });

  it('Open MPI: --allow-run-as-root as root, --oversubscribe beyond the cores, -x per context', () => {
    const root = { cpus: 2, isRoot: true };
    const line = mpiCommand({ kind: 'mpi', np: 3, program: 'prog', env: { A: '1' }, rankEnv: [{ R: '0' }, {}, { R: '2' }] }, OPENMPI, root, '/w', '/l');
    assert.deepEqual(line.args, [
      '--output-filename', '/l/mpi:nocopy', '--allow-run-as-root', '--oversubscribe', '-x', 'A=1',
      '-n', '1', '-x', 'A=1', '-x', 'R=0', 'prog', ':', '-n', '1', '-x', 'A=1', 'prog', ':', '-n', '1', '-x', 'A=1', '-x', 'R=2', 'prog',
    ]);
    const user = mpiCommand({ kind: 'mpi', np: 2, program: 'prog', hostfile: '/etc/hosts.mpi' }, OPENMPI, USER, '/w', '/l');
    assert.deepEqual(user.args, ['--output-filename', '/l/mpi:nocopy', '--hostfile', '/etc/hosts.mpi', '-n', '2', 'prog']);
  });

  it('refuses a rank count that is not a whole number', () => {
    assert.throws(() => mpiCommand({ kind: 'mpi', np: 0, program: 'p' }, MPICH, USER, '/w', '/l'), /at least 1 \(got 0\)/);
    assert.throws(() => mpiCommand({ kind: 'mpi', np: 1.5, program: 'p' }, MPICH, USER, '/w', '/l'), /whole number/);
  });
});

describe('torchrun command lines', () => {
  it('runs standalone on one node, with underscore options every torch version takes', () => {
    const line = torchrunCommand({ kind: 'torchrun', nprocPerNode: 2, script: 'train.py', args: ['--lr', '0.1'] }, '/w');
    assert.equal(line.command, 'python3');
    assert.deepEqual(line.args, ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node', '2', '--tee', '3', '/w/train.py', '--lr', '0.1']);
    assert.deepEqual(line.output, { kind: 'prefixed' });
  });

  it('uses the rendezvous on several nodes and asks for one when it is missing', () => {
    const line = torchrunCommand({ kind: 'torchrun', nprocPerNode: 8, nnodes: '2', nodeRank: 1, rdzvEndpoint: 'head:29400', rdzvId: 'job7', script: '/abs/t.py', python: '/venv/bin/python' }, '/w');
    assert.equal(line.command, '/venv/bin/python');
    assert.deepEqual(line.args, ['-m', 'torch.distributed.run', '--nnodes', '2', '--node_rank', '1', '--rdzv_backend', 'c10d', '--rdzv_endpoint', 'head:29400', '--rdzv_id', 'job7', '--nproc_per_node', '8', '--tee', '3', '/abs/t.py']);
    assert.throws(() => torchrunCommand({ kind: 'torchrun', nprocPerNode: 8, nnodes: '2', script: 't.py' }, '/w'), /needs rdzvEndpoint/);
  });

  it('splits torchrun --tee lines by local rank', () => {
    assert.deepEqual(splitPrefixed('[default1]:loss 0.5'), { rank: 1, text: 'loss 0.5' });
    assert.deepEqual(splitPrefixed('[trainer12]:x'), { rank: 12, text: 'x' });
    assert.equal(splitPrefixed('INFO:torch.distributed:starting'), undefined);
  });

  it('a plain process is one rank in its folder', () => {
    assert.deepEqual(processCommand({ kind: 'process', program: 'python3', args: ['x.py'], cwd: 'sub', env: { A: 'b' } }, '/w'), {
      command: 'python3', args: ['x.py'], cwd: '/w/sub', env: { A: 'b' }, ranks: 1, output: { kind: 'single' },
    });
  });
});
