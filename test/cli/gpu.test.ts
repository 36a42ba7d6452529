// `mlops gpu watch` as users run it: the built dist/cli.js in a child process, with the stand-in
// nvidia-smi of test/fixtures/gpu/bin replaying a real H200 recording, and the real gpu-sampler.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { toGpuSample } from '../../core/gpu/sampleShape';
import { tempDirs } from '../helpers/tempDirs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const STAND_IN = join(ROOT, 'test', 'fixtures', 'gpu', 'bin');
const SAMPLER = join(ROOT, 'native', 'build', 'cpu', 'gpu-sampler');
const emptyDir = tempDirs('mlops-cli-gpu-');

/** A PATH with node and nothing GPU-related, plus `extra` first. */
function path(...extra: string[]): string {
  return [...extra, dirname(process.execPath), emptyDir()].join(delimiter);
}

function mlops(args: string[], env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  // No sampler unless a test names one: MLOPS_GPU_SAMPLER at a path that does not exist.
  const r = spawnSync(process.execPath, [CLI, 'gpu', ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, MLOPS_GPU_SAMPLER: join(emptyDir(), 'none'), ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonl(stdout: string): ReturnType<typeof toGpuSample>[] {
  return stdout.split('\n').filter((l) => l !== '').map((l) => toGpuSample(JSON.parse(l)));
}

describe('mlops gpu watch', () => {
  it('with no GPU and no source says what it tried and what to try, and exits 1', () => {
    const r = mlops(['watch', '--count', '1'], { PATH: path() });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /No GPU found on this machine: .*gpu-sampler.*; nvidia-smi is not on PATH/);
    assert.match(r.stderr, /--source prometheus=http:\/\/HOST:9090/);
    assert.match(r.stderr, /--source slurm=JOBID/);
  });

  it('replays the recorded H200 through one long-running nvidia-smi, as JSON lines', () => {
    const r = mlops(['watch', '--source', 'nvidia-smi', '--interval', '100', '--count', '8', '--format', 'jsonl'], { PATH: path(STAND_IN) });
    assert.equal(r.status, 0, r.stderr);
    const samples = jsonl(r.stdout);
    assert.equal(samples.length, 8);
    for (const s of samples) {
      assert.ok(typeof s !== 'string', s as string);
      assert.deepEqual([s.index, s.name, s.utilPct, s.memUsedMiB, s.memTotalMiB, s.tempC, s.powerW, s.powerLimitW, s.smClockMHz, s.memClockMHz],
        [0, 'NVIDIA H200', 100, 32362, 143771, 52, 627.4, 700, 1980, 3201]);
    }
    const last = samples[7];
    assert.ok(typeof last !== 'string' && last !== undefined);
    assert.deepEqual(last.processes?.map((p) => p.pid), [10291, 10293, 10309], 'the processes query, started beside the GPU query, has answered by the eighth update');
  });

  it('finds nvidia-smi by itself and prints a table, 8 GPUs per update', () => {
    const r = mlops(['watch', '--interval', '50', '--count', '2'], { PATH: path(STAND_IN), FAKE_SMI_GPUS: '8' });
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\n');
    assert.match(rows[0] ?? '', /^TIME\s+HOST\s+GPU\s+NAME\s+UTIL%/);
    assert.equal(rows.length, 1 + 16);
    assert.match(rows[8] ?? '', /\s7\s+NVIDIA H200\s+100\s+7\s+32362\/143771\s+52\s+627\/700\s+1980\s+3201/);
  });

  it('says what nvidia-smi said when it fails, with what to do', () => {
    const said = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";
    const r = mlops(['watch', '--source', 'nvidia-smi', '--count', '1'], { PATH: path(STAND_IN), FAKE_SMI_FAIL: said });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /nvidia-smi: NVIDIA-SMI has failed because it couldn't communicate/);
    const missing = mlops(['watch', '--source', 'nvidia-smi', '--count', '1'], { PATH: path() });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nvidia-smi was not found on PATH\. nvidia-smi comes with the NVIDIA driver/);
  });

  it('reports the real gpu-sampler\'s NVML-missing error in words', { skip: existsSync(SAMPLER) ? false : `${SAMPLER} is not built (npm run native:build)` }, () => {
    const r = mlops(['watch', '--source', 'nvml', '--count', '1'], { PATH: path(), MLOPS_GPU_SAMPLER: SAMPLER, LD_LIBRARY_PATH: emptyDir() });
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, /gpu-sampler \(NVML\): NVML \(libnvidia-ml\.so\.1, part of the NVIDIA driver\) is not installed here/);
  });

  it('rejects bad options with exit code 2 and the spellings', () => {
    for (const [args, message] of [
      [['watch', '--source', 'gpu'], /unknown GPU source 'gpu': use nvidia-smi, nvml, prometheus=URL/],
      [['watch', '--source', 'slurm=abc'], /slurm=abc is not a Slurm job id/],
      [['watch', '--interval', '0'], /--interval takes a whole number above 0/],
      [['watch', '--format', 'csv'], /unknown --format 'csv'/],
      [['show'], /unknown gpu command 'show'/],
    ] as const) {
      const r = mlops([...args], { PATH: path() });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});
