// The CUDA builds of native/: compiled and linked with nvcc, NCCL and MPI wherever nvcc and the
// headers exist (compile only: no GPU here). The test says which programs were compiled.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { NativeBuildReport, NativeVariant } from '../../protocol';
import { onPath } from '../../core/native/toolchain';
import { mpirun, nativeBuild, skipOrFail, variantOf } from '../helpers/native';

const nvccMissing = onPath('nvcc', process.env) === undefined && onPath('/usr/local/cuda/bin/nvcc', process.env) === undefined ? 'nvcc is not installed (the CUDA toolkit)' : undefined;

/** The shared libraries an executable names (readelf -d). */
function needed(file: string): string[] {
  const r = spawnSync('readelf', ['-d', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return [...r.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!);
}

describe('native CUDA build (nvcc, NCCL, MPI)', { skip: skipOrFail('native CUDA build', nvccMissing) }, () => {
  let report: NativeBuildReport;
  let variant: NativeVariant;
  before(async () => {
    report = await nativeBuild('cuda');
    const v = variantOf(report, 'cuda');
    if (typeof v === 'string') assert.fail(v);
    variant = v;
  });

  it('compiles and links every program against the CUDA runtime, NCCL and the MPI', () => {
    assert.deepEqual([...variant.programs], ['allreduce-bench', 'softmax', 'jacobi', 'overlap']);
    console.log(`compiled with nvcc (${variant.mpi}, NCCL from ${report.nccl?.origin ?? '?'}): ${variant.programs.map((p) => join(variant.dir, p)).join(', ')}`);
    for (const p of variant.programs) {
      const libs = needed(join(variant.dir, p));
      assert.ok(libs.some((l) => l.startsWith('libcudart.so')), `${p}: ${libs.join(' ')}`);
      assert.ok(libs.includes('libnccl.so.2'), `${p}: ${libs.join(' ')}`);
      assert.ok(libs.some((l) => (variant.mpi === 'openmpi' ? l.startsWith('libmpi.so') : l.startsWith('libmpich.so'))), `${p}: ${libs.join(' ')}`);
    }
  });

  it('holds device code for Hopper (sm_90) and Ampere (sm_80)', () => {
    const object = readFileSync(join(variant.dir, 'obj', 'dev', 'dev_cuda.o'));
    assert.ok(object.includes('sm_90'), 'no sm_90 code in dev_cuda.o');
    assert.ok(object.includes('sm_80'), 'no sm_80 code in dev_cuda.o');
  });

  it('says plainly that it needs a GPU when there is none, and exits 1', { skip: existsSync('/dev/nvidia0') ? 'a GPU is here: gpu-check.sh runs the CUDA set' : false }, () => {
    const r = mpirun(variant, 1, 'softmax', ['-n', '1K']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /softmax \(rank 0\): no usable CUDA device: .*is the NVIDIA driver loaded\?/);
  });
});
