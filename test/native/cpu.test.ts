// The CPU builds of native/ under `mpiexec -n 2` (and 3) with MPICH and with Open MPI, and their
// numerical checks: allreduce #wrong = 0 for every type and operation, softmax sums to 1 and
// equals the serial one, Jacobi (and overlap) equal the serial solve within 1e-6.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { MpiFlavor, NativeVariant } from '../../protocol';
import { parseNativeOutput } from '../../core/native/parse';
import { mpiSkipReason } from '../helpers/mpi';
import { mpirun, nativeBuild, skipOrFail, variantOf } from '../helpers/native';

/** Runs and parses; fails with the program's own words when it exits non-zero. */
function runParsed(variant: NativeVariant, np: number, program: string, args: readonly string[]): ReturnType<typeof parseNativeOutput> & { stdout: string } {
  const r = mpirun(variant, np, program, args);
  assert.equal(r.status, 0, `${program} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return { ...parseNativeOutput(r.stdout), stdout: r.stdout };
}

for (const flavor of ['mpich', 'openmpi'] as const satisfies readonly MpiFlavor[]) {
  describe(`native CPU build with ${flavor}`, { skip: mpiSkipReason(flavor) }, () => {
    let variant: NativeVariant;
    before(async () => {
      const v = variantOf(await nativeBuild('cpu'), 'cpu', flavor);
      if (typeof v === 'string') assert.fail(skipOrFail(`native CPU build with ${flavor}`, v) ?? v);
      variant = v;
    });

    it('allreduce-bench: every size of the sweep, every type and operation, nothing wrong', () => {
      for (const [type, op] of [['float', 'sum'], ['int8', 'prod'], ['int32', 'max'], ['double', 'min'], ['uint64', 'sum']] as const) {
        const { allreduce, stdout } = runParsed(variant, 2, 'allreduce-bench', ['-b', '8', '-e', '256K', '-f', '4', '-n', '3', '-w', '1', '-d', type, '-o', op]);
        assert.deepEqual(allreduce.map((r) => r.size), [8, 32, 128, 512, 2048, 8192, 32768, 131072], `${type} ${op}`);
        for (const row of allreduce) {
          assert.equal(row.type, type);
          assert.equal(row.redop, op);
          assert.equal(row.ranks, 2);
          assert.equal(row.oop.wrong, 0, `${type} ${op} ${row.size} out of place`);
          assert.equal(row.ip.wrong, 0, `${type} ${op} ${row.size} in place`);
          // busbw = algbw * 2(n-1)/n: equal for two ranks.
          assert.ok(Math.abs(row.oop.busbw - row.oop.algbw) < 1e-9);
        }
        assert.match(stdout, /^# Out of bounds values : 0 OK$/m);
      }
    });

    it('allreduce-bench with 3 ranks: busbw is 4/3 of algbw, nothing wrong', () => {
      const { allreduce } = runParsed(variant, 3, 'allreduce-bench', ['-b', '1M', '-e', '4M', '-f', '2', '-n', '3', '-w', '1']);
      assert.equal(allreduce.length, 3);
      for (const row of allreduce) {
        assert.equal(row.ranks, 3);
        assert.equal(row.oop.wrong, 0);
        assert.ok(Math.abs(row.oop.busbw - (row.oop.algbw * 4) / 3) < 1e-3 * row.oop.busbw + 1e-4, `${row.oop.busbw} vs ${row.oop.algbw}`);
      }
    });

    it('softmax: sums to 1 and equals the serial softmax', () => {
      for (const np of [2, 3]) {
        const { results } = runParsed(variant, np, 'softmax', ['-n', '300001', '-i', '2']);
        const s = results.find((r) => r.bench === 'softmax');
        assert.ok(s?.bench === 'softmax');
        assert.equal(s.ranks, np);
        assert.equal(s.n, 300001);
        assert.ok(s.checked && s.ok);
        assert.ok(Math.abs((s.sum ?? 0) - 1) < 1e-9, `sum ${s.sum}`);
        assert.ok((s.maxAbsErr ?? 1) < 1e-12, `max error ${s.maxAbsErr}`);
      }
    });

    it('jacobi: equals the serial solve within 1e-6, the residual falls', () => {
      for (const np of [2, 3]) {
        const { results } = runParsed(variant, np, 'jacobi', ['-x', '96', '-y', '77', '-n', '300', '-r', '50']);
        const residuals = results.flatMap((r) => (r.bench === 'jacobi-residual' ? [r.residual] : []));
        assert.equal(residuals.length, 6);
        for (let i = 1; i < residuals.length; i++) assert.ok(residuals[i]! < residuals[i - 1]!, `residuals ${residuals.join(', ')}`);
        const j = results.find((r) => r.bench === 'jacobi');
        assert.ok(j?.bench === 'jacobi');
        assert.equal(j.ranks, np);
        assert.ok(j.checked && j.ok);
        assert.ok((j.maxAbsDiff ?? 1) <= 1e-6, `max diff ${j.maxAbsDiff}`);
        assert.ok(j.effGBps > 0 && j.copyGBps > 0);
      }
    });

    it('overlap: both schedules equal the serial solve and report their times', () => {
      const { results } = runParsed(variant, 2, 'overlap', ['-x', '128', '-y', '64', '-n', '200']);
      const o = results.find((r) => r.bench === 'overlap');
      assert.ok(o?.bench === 'overlap');
      assert.ok(o.checked && o.ok);
      assert.ok((o.maxAbsDiff ?? 1) <= 1e-6);
      assert.ok(o.timeNoOverlapMs > 0 && o.timeOverlapMs > 0);
    });

    it('bad input: a clear message and exit code 2, never a hang', () => {
      const bad = mpirun(variant, 2, 'allreduce-bench', ['-d', 'half']);
      assert.notEqual(bad.status, 0);
      assert.match(bad.stderr, /allreduce-bench: bad value for -d: half/);
      const tooMany = mpirun(variant, 3, 'jacobi', ['-y', '4']);
      assert.notEqual(tooMany.status, 0);
      assert.match(tooMany.stderr, /2 interior rows cannot be split over 3 domains; use a larger -y/);
      const gpus = mpirun(variant, 1, 'softmax', ['-g', '2']);
      assert.notEqual(gpus.status, 0);
      assert.match(gpus.stderr, /the CPU build drives one domain per process/);
    });
  });
}
