// The Slurm source against a real one-node Slurm (scripts/slurm-local.sh via test/helpers/slurm):
// `srun --jobid ID --overlap` runs the stand-in nvidia-smi (replaying the recorded H200) on the
// job's node, and each sample is attributed to that node.
import * as assert from 'node:assert/strict';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GpuSample } from '../../protocol';
import { createGpuSource, resolveDeps } from '../../core/gpu/source';
import { run, start } from '../../core/process';
import { slurmSkipReason, startSlurm, type LocalSlurm } from '../helpers/slurm';

const STAND_IN = join(__dirname, '..', 'fixtures', 'gpu', 'bin');

/** Polls squeue until the job runs (Slurm starts it within a second or two here). */
async function running(env: NodeJS.ProcessEnv, id: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await run('squeue', ['-h', '-j', id, '-o', '%T'], { env });
    if (r.stdout.trim() === 'RUNNING') return;
    if (Date.now() > deadline) assert.fail(`job ${id} is not RUNNING after 30 s: ${r.stdout}${r.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Slurm source on a real one-node Slurm', { skip: slurmSkipReason() }, () => {
  let slurm: LocalSlurm | undefined;
  let env: NodeJS.ProcessEnv = {};
  let jobId = '';
  let node = '';

  before(async () => {
    slurm = await startSlurm();
    if (slurm === undefined) return;
    env = { ...slurm.env, PATH: [STAND_IN, slurm.env['PATH'] ?? ''].join(delimiter) };
    const submitted = await run('sbatch', ['--parsable', '--job-name=gpu-watch', '--output=/dev/null', '--wrap', 'sleep 300'], { env });
    assert.equal(submitted.code, 0, submitted.stderr);
    jobId = submitted.stdout.trim().split(';')[0] ?? '';
    await running(env, jobId);
    node = (await run('squeue', ['-h', '-j', jobId, '-o', '%N'], { env })).stdout.trim();
  });

  after(async () => {
    if (jobId !== '') await run('scancel', [jobId], { env });
    await slurm?.stop();
  });

  it('samples the GPUs of the job\'s node through srun --overlap, named by the node', async () => {
    const source = createGpuSource({ kind: 'slurm', jobId }, resolveDeps({ run, start, env, intervalMs: 200 }));
    assert.equal(source.label, `Slurm job ${jobId}`);
    const batches: (readonly GpuSample[])[] = [];
    let enough: () => void = () => undefined;
    const three = new Promise<void>((resolve) => { enough = resolve; });
    await source.start({
      onSamples: (s) => {
        batches.push(s);
        if (batches.length === 3) enough();
      },
      onError: (e) => { assert.fail(e); },
    });
    await three;
    await source.stop();
    for (const batch of batches) {
      assert.deepEqual(batch.map((s) => [s.host, s.index, s.name, s.utilPct, s.powerW, s.memUsedMiB]), [[node, 0, 'NVIDIA H200', 100, 627.4, 32362]]);
    }
    // The job's own step is untouched: it still runs.
    assert.equal((await run('squeue', ['-h', '-j', jobId, '-o', '%T'], { env })).stdout.trim(), 'RUNNING');
  });

  it('says plainly when the job is unknown or not a job id', async () => {
    const deps = resolveDeps({ run, start, env, intervalMs: 200 });
    const noop = { onSamples: () => undefined, onError: () => undefined };
    await assert.rejects(createGpuSource({ kind: 'slurm', jobId: '999999' }, deps).start(noop), /Slurm has no job 999999/);
    await assert.rejects(createGpuSource({ kind: 'slurm', jobId: '1;rm' }, deps).start(noop), /is not a Slurm job id/);
  });
});
