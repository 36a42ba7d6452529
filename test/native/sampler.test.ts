// gpu-sampler: plain C with NVML loaded at run time. Without NVML (this machine), one
// GpuSamplerError JSON line and a message on stderr, exit 3. With NVML (a GPU node), GpuSample
// lines with every field of protocol/gpu.ts.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import type { GpuSample, GpuSamplerError } from '../../protocol';
import { nativeBuild, skipOrFail } from '../helpers/native';

const SAMPLE_KEYS: readonly (keyof GpuSample)[] = ['ts', 'host', 'index', 'uuid', 'name', 'utilPct', 'memUtilPct', 'memUsedMiB', 'memTotalMiB', 'tempC', 'powerW', 'powerLimitW', 'smClockMHz', 'memClockMHz', 'pcieTxKiBps', 'pcieRxKiBps', 'nvlinkTxKiBps', 'nvlinkRxKiBps', 'xid', 'processes'];
const hasNvml = ['/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1', '/usr/lib64/libnvidia-ml.so.1'].some((p) => existsSync(p));

function sampler(path: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(path, args, { encoding: 'utf8', timeout: 30_000 });
}

/** The first stderr line as a GpuSamplerError. */
function errorLine(stderr: string): GpuSamplerError {
  const first: unknown = JSON.parse(stderr.split('\n')[0] ?? '');
  assert.ok(typeof first === 'object' && first !== null && 'error' in first && 'message' in first, stderr);
  const { error, message } = first;
  assert.ok(error === 'nvml-missing' || error === 'nvml-init' || error === 'no-gpu' || error === 'usage');
  assert.equal(typeof message, 'string');
  return { error, message: String(message) };
}

describe('gpu-sampler', () => {
  let path: string;
  before(async () => {
    const report = await nativeBuild('cpu');
    if (report.sampler === null) assert.fail(skipOrFail('gpu-sampler', report.skipped.map((s) => s.reason).join('; ') || report.failed.map((f) => f.message).join('\n')) ?? 'not built');
    path = report.sampler;
  });

  it('without NVML: one GpuSamplerError line, a message that says what to do, exit 3', { skip: hasNvml ? 'NVML is here' : false }, () => {
    const r = sampler(path, ['--count', '1']);
    assert.equal(r.status, 3);
    assert.equal(r.stdout, '');
    const e = errorLine(r.stderr);
    assert.equal(e.error, 'nvml-missing');
    assert.match(e.message, /cannot load NVML \(libnvidia-ml\.so\.1: .*\): install the NVIDIA driver/);
    assert.match(r.stderr.split('\n')[1] ?? '', /^gpu-sampler: cannot load NVML/);
  });

  it('a library that is not NVML: says which function is missing, exit 3', () => {
    const r = sampler(path, ['--nvml', 'libm.so.6', '--count', '1']);
    assert.equal(r.status, 3);
    assert.match(errorLine(r.stderr).message, /the NVML library has no nvmlInit_v2/);
  });

  it('bad options: a usage error, exit 2', () => {
    for (const args of [['--interval-ms', '5'], ['--count', 'x'], ['--bogus', '1'], ['--count']]) {
      const r = sampler(path, args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(errorLine(r.stderr).error, 'usage');
    }
  });

  it('with NVML: GpuSample lines with every field', { skip: hasNvml ? false : 'no NVML here (native/gpu-check.sh records real samples on a GPU node)' }, () => {
    const r = sampler(path, ['--interval-ms', '100', '--count', '3']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 3);
    for (const line of lines) {
      const s: unknown = JSON.parse(line);
      assert.ok(typeof s === 'object' && s !== null);
      assert.deepEqual(Object.keys(s), SAMPLE_KEYS);
    }
  });
});
