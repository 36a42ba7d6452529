// A native workload launched as a local mlops.mpi job through core/jobs (what "MLOps: Run Native
// Workload" does), its results streamed from rank 0's log while it runs.
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { before, describe, it } from 'node:test';
import type { AllreduceRow, NativeVariant } from '../../protocol';
import { launchLocal } from '../../core/jobs/local';
import { JobStore } from '../../core/jobs/store';
import { defaultArgs, followNativeResults, nativeLaunch, resultFile } from '../../core/native/launch';
import { run, start } from '../../core/process';
import { mpiSkipReason } from '../helpers/mpi';
import { nativeBuild, skipOrFail, variantOf } from '../helpers/native';
import { tempDirs } from '../helpers/tempDirs';

const tempDir = tempDirs('mlops-native-jobs-');

describe('native workloads as local jobs', { skip: mpiSkipReason('mpich') }, () => {
  let variant: NativeVariant;
  before(async () => {
    const v = variantOf(await nativeBuild('cpu'), 'cpu', 'mpich');
    if (typeof v === 'string') assert.fail(skipOrFail('native CPU build with mpich', v) ?? v);
    variant = v;
  });

  it('runs allreduce-bench as an mlops.mpi job and streams every size from its log', async () => {
    const spec = nativeLaunch({ program: 'allreduce-bench', variant, ranks: 2, args: defaultArgs('allreduce-bench', 'cpu'), backend: 'local' });
    if (spec.kind !== 'mpi') assert.fail(`a local launch is an mlops.mpi job, not ${spec.kind}`);
    const job = await launchLocal(spec, { cwd: tmpdir() }, { store: new JobStore(tempDir()), run, start });
    let ended = false;
    void job.done.then(() => (ended = true));
    const file = resultFile(job.record);
    assert.ok(file !== undefined);
    const batches: number[] = [];
    let rows: AllreduceRow[] = [];
    await followNativeResults(file, {
      intervalMs: 50,
      done: () => ended,
      onResults: (results, reader) => {
        batches.push(results.length);
        rows = reader.allreduce();
      },
    });
    const final = await job.done;
    assert.equal(final.state, 'COMPLETED', final.reason);
    assert.equal(final.name, 'allreduce-bench (cpu/mpich, 2 ranks)');
    // 8 B .. 16 MiB by factors of 2: 22 sizes, each read from its table row and its JSON line.
    assert.equal(rows.length, 22);
    assert.equal(rows[0]!.size, 8);
    assert.equal(rows.at(-1)!.size, 16 << 20);
    assert.ok(rows.every((r) => r.ranks === 2 && r.oop.wrong === 0 && r.ip.wrong === 0));
    assert.ok(batches.reduce((a, b) => a + b, 0) >= 44);
  });
});
