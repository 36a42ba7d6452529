import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NativeVariant } from '../../protocol';
import { describeReport, planNativeBuild } from '../../core/native/build';
import { defaultArgs, nativeLaunch, resultFile } from '../../core/native/launch';
import { includeFlagsOf, type Toolchain } from '../../core/native/toolchain';

// The build plan and the launch specs of the native workloads, from made-up toolchains and choices.
const FULL: Toolchain = {
  make: '/usr/bin/make',
  cc: '/usr/bin/cc',
  mpis: [
    { flavor: 'mpich', mpicc: 'mpicc.mpich', mpiexec: 'mpiexec.mpich', includeFlags: ['-I/usr/include/mpich'] },
    { flavor: 'openmpi', mpicc: 'mpicc.openmpi', mpiexec: 'mpiexec.openmpi', includeFlags: ['-I/ompi/include', '-I/ompi/include/openmpi'] },
  ],
  mpiMissing: [],
  nvcc: { path: '/usr/local/cuda/bin/nvcc', cudaHome: '/usr/local/cuda' },
  nvccMissing: undefined,
  nccl: { include: '/n/include', lib: '/n/lib', origin: 'NCCL_HOME (/n)' },
  ncclMissing: undefined,
};
const OPTS = { srcDir: '/src/native', outDir: '/out' };

describe('native build plan', () => {
  it('builds the sampler, the CPU set once per MPI and the CUDA set with Open MPI', () => {
    const plan = planNativeBuild(FULL, OPTS);
    assert.deepEqual(plan.steps.map((s) => s.what), ['gpu-sampler', 'CPU set with mpich', 'CPU set with openmpi', 'CUDA set with openmpi (nvcc /usr/local/cuda/bin/nvcc, NCCL from NCCL_HOME (/n))']);
    assert.deepEqual(plan.steps[1]!.args, ['-C', '/src/native', '-j2', 'cpu', 'OUT=/out/cpu/mpich', 'MPICC=mpicc.mpich']);
    assert.deepEqual(plan.steps[3]!.args.slice(3), ['cuda', 'OUT=/out/cuda/openmpi', 'MPICC=mpicc.openmpi', 'NVCC=/usr/local/cuda/bin/nvcc', 'CUDA_HOME=/usr/local/cuda', 'NCCL_INC=/n/include', 'NCCL_LIB=/n/lib', 'MPI_CFLAGS=-I/ompi/include -I/ompi/include/openmpi']);
    assert.equal(plan.sampler, '/out/cpu/gpu-sampler');
    assert.deepEqual(plan.skipped, []);
  });

  it('says what it skips and why', () => {
    const plan = planNativeBuild({ ...FULL, mpis: FULL.mpis.slice(0, 1), mpiMissing: [{ flavor: 'openmpi', reason: 'no mpicc.openmpi' }], nvcc: undefined, nvccMissing: 'nvcc was not found' }, OPTS);
    assert.deepEqual(plan.steps.map((s) => s.what), ['gpu-sampler', 'CPU set with mpich']);
    assert.deepEqual(plan.skipped, [{ what: 'CPU set with openmpi', reason: 'no mpicc.openmpi' }, { what: 'CUDA set', reason: 'nvcc was not found' }]);
    const noNccl = planNativeBuild({ ...FULL, nccl: undefined, ncclMissing: 'NCCL_HOME=/x has no include/nccl.h and lib/libnccl.so.2' }, { ...OPTS, only: 'cuda' });
    assert.deepEqual(noNccl.steps, []);
    assert.deepEqual(noNccl.skipped, [{ what: 'CUDA set', reason: 'NCCL_HOME=/x has no include/nccl.h and lib/libnccl.so.2' }]);
    const noMake = planNativeBuild({ ...FULL, make: undefined }, OPTS);
    assert.equal(noMake.steps.length, 0);
    assert.match(noMake.skipped[0]!.reason, /make was not found.*build-essential/);
  });

  it('links the CUDA set with the MPI asked for, or says it is not here', () => {
    assert.match(planNativeBuild(FULL, { ...OPTS, cudaMpi: 'mpich', only: 'cuda' }).steps[0]!.what, /^CUDA set with mpich/);
    const none = planNativeBuild({ ...FULL, mpis: FULL.mpis.slice(1), mpiMissing: [{ flavor: 'mpich', reason: 'no mpicc.mpich' }] }, { ...OPTS, cudaMpi: 'mpich', only: 'cuda' });
    assert.deepEqual(none.skipped, [{ what: 'CUDA set', reason: 'mpich is not here (no mpicc.mpich)' }]);
  });

  it("reads the -I flags of MPICH's -show and Open MPI's --showme:compile", () => {
    assert.deepEqual(includeFlagsOf('gcc -Wl,-z,relro -I/usr/include/x86_64-linux-gnu/mpich -L/usr/lib/x86_64-linux-gnu -lmpich'), ['-I/usr/include/x86_64-linux-gnu/mpich']);
    assert.deepEqual(includeFlagsOf('-I/usr/lib/x86_64-linux-gnu/openmpi/include -I/usr/lib/x86_64-linux-gnu/openmpi/include/openmpi\n'), ['-I/usr/lib/x86_64-linux-gnu/openmpi/include', '-I/usr/lib/x86_64-linux-gnu/openmpi/include/openmpi']);
  });

  it('summarises a report in one line per variant, skip and failure', () => {
    const lines = describeReport({ variants: [{ build: 'cpu', mpi: 'mpich', dir: '/out/cpu/mpich', programs: ['softmax'] }], sampler: null, nccl: null, skipped: [{ what: 'CUDA set', reason: 'no nvcc' }], failed: [{ what: 'CPU set with openmpi', message: 'x' }] });
    assert.deepEqual(lines, ['cpu/mpich: softmax in /out/cpu/mpich', 'skipped CUDA set: no nvcc', 'failed CPU set with openmpi']);
  });
});

describe('native launch specs', () => {
  const cpu: NativeVariant = { build: 'cpu', mpi: 'openmpi', dir: '/out/cpu/openmpi', programs: ['allreduce-bench', 'softmax', 'jacobi', 'overlap'] };
  const cuda: NativeVariant = { ...cpu, build: 'cuda', dir: '/out/cuda/openmpi' };

  it('runs locally as an mlops.mpi job with the variant MPI', () => {
    assert.deepEqual(nativeLaunch({ program: 'jacobi', variant: cpu, ranks: 2, args: ['-n', '10'], backend: 'local' }), {
      kind: 'mpi', np: 2, program: '/out/cpu/openmpi/jacobi', args: ['-n', '10'], mpi: 'openmpi', name: 'jacobi (cpu/openmpi, 2 ranks)',
    });
  });

  it('runs on Slurm under srun with the MPI plugin, and asks for GPUs for the CUDA set', () => {
    assert.deepEqual(nativeLaunch({ program: 'allreduce-bench', variant: cuda, ranks: 16, args: ['-b', '8'], backend: 'slurm', gpusPerNode: 8 }), {
      kind: 'slurm', name: 'allreduce-bench (cuda/openmpi, 16 ranks)', command: ['/out/cuda/openmpi/allreduce-bench', '-b', '8'], ntasks: 16, env: { SLURM_MPI_TYPE: 'pmix' }, gres: 'gpu:8', nodes: 2,
    });
    const onCpu = nativeLaunch({ program: 'softmax', variant: { ...cpu, mpi: 'mpich' }, ranks: 1, args: [], backend: 'slurm' });
    assert.deepEqual(onCpu, { kind: 'slurm', name: 'softmax (cpu/mpich, 1 rank)', command: ['/out/cpu/openmpi/softmax'], ntasks: 1, env: { SLURM_MPI_TYPE: 'pmi2' } });
  });

  it('refuses what cannot run, saying what to do', () => {
    assert.throws(() => nativeLaunch({ program: 'softmax', variant: cpu, ranks: 0, args: [], backend: 'local' }), /ranks must be a whole number of at least 1, not 0/);
    assert.throws(() => nativeLaunch({ program: 'softmax', variant: { ...cpu, programs: [] }, ranks: 2, args: [], backend: 'local' }), /softmax was not built in \/out\/cpu\/openmpi: run "MLOps: Build Native Workloads" first/);
  });

  it('has quick defaults on the CPU and GPU-sized ones for the CUDA set', () => {
    assert.deepEqual(defaultArgs('allreduce-bench', 'cpu'), ['-b', '8', '-e', '16M', '-f', '2', '-n', '10', '-w', '2']);
    assert.ok(defaultArgs('jacobi', 'cuda').includes('16384'));
  });

  it("finds rank 0's output of a local job and a Slurm job's output file", () => {
    const base = { name: 'x', state: 'RUNNING', submittedAt: '', launch: { kind: 'process', program: 'x' } } as const;
    assert.equal(resultFile({ ...base, id: 'local-1', backend: 'local', logDir: '/logs/local-1' }), '/logs/local-1/rank-0.log');
    assert.equal(resultFile({ ...base, id: '42', backend: 'slurm', outputFile: '/home/u/slurm-42.out' }), '/home/u/slurm-42.out');
    assert.equal(resultFile({ ...base, id: 'ns/Job/x', backend: 'kubernetes' }), undefined);
  });
});
