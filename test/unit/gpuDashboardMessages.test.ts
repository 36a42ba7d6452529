// The GPU dashboard's messages, checked on arrival: what the host accepts from the page (a
// malformed one is refused with what is wrong), what the page accepts from the host, and the
// state the page restores after a reload.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GpuSample } from '../../protocol';
import { validateFromDashboard } from '../../client/src/gpu/messages';
import { samplesOf } from '../../core/gpu/nvidiaSmi';
import { check } from '../../webviews/src/shared/validate';
import { dashboardState, toDashboard } from '../../webviews/src/gpu/messages';

const H200 = '0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA H200, 100, 7, 32362, 143771, 52, 627.40, 700.00, 1980, 3201';
const [RECORDED] = samplesOf([H200], 'node-a', 1_700_000_000_000);

function refused(raw: unknown): string {
  const r = validateFromDashboard(raw);
  assert.ok(!r.ok, `refused: ${JSON.stringify(raw)}`);
  return r.error;
}

describe('GPU dashboard: page to host', () => {
  it('accepts each well-formed message as it was sent', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'invalid', error: 'bad samples' },
      { type: 'pickSource', kind: null },
      { type: 'pickSource', kind: 'slurm' },
      { type: 'exportCsv', windowMs: 300_000, host: null, index: null },
      { type: 'exportCsv', windowMs: 60_000, host: 'node-a', index: 3 },
      { type: 'action', action: 'pickPrometheus' },
    ]) assert.deepEqual(validateFromDashboard(m), { ok: true, value: m });
  });

  it('refuses a malformed message and says what is wrong', () => {
    assert.match(refused({ type: 'exportCsv', windowMs: -1, host: null, index: null }), /windowMs/);
    assert.match(refused({ type: 'exportCsv', windowMs: '300000', host: null, index: null }), /windowMs/);
    assert.match(refused({ type: 'exportCsv', windowMs: 1000, host: 4, index: null }), /host/);
    assert.match(refused({ type: 'exportCsv', windowMs: 1000, host: null, index: 1.5 }), /index/);
    assert.match(refused({ type: 'pickSource', kind: 'kubernetes' }), /kind/);
    assert.match(refused({ type: 'action', action: 'rm -rf' }), /action/);
    assert.match(refused({ type: 'invalid' }), /error/);
    refused({ type: 'deleteEverything' });
    refused({ kind: 'ready' });
    refused(null);
    refused('ready');
  });
});

describe('GPU dashboard: host to page', () => {
  it('accepts what the host sends: samples of the recorded row, a source, the empty state', () => {
    assert.ok(RECORDED);
    const samples: GpuSample[] = [RECORDED, { ...RECORDED, index: 1, processes: [{ pid: 10309, name: './gpu_burn', usedMiB: 28234 }] }];
    for (const m of [
      { type: 'samples', samples, replace: true },
      { type: 'source', source: { label: 'Looking for GPUs on this machine…', kind: null, state: 'starting', message: null } },
      { type: 'empty', reason: 'No GPU found on this machine: nvidia-smi is not on PATH.', actions: ['pickPrometheus', 'pickSlurmJob', 'retry', 'openSettings'] },
      { type: 'source', source: { label: 'Prometheus http://p:9090', kind: 'prometheus', state: 'error', message: 'connection refused' } },
    ]) assert.deepEqual(check(toDashboard, m), { ok: true, value: m });
  });

  it('refuses malformed samples, naming the field', () => {
    assert.ok(RECORDED);
    const bad = (change: Record<string, unknown>): string => {
      const r = check(toDashboard, { type: 'samples', samples: [{ ...RECORDED, ...change }], replace: false });
      assert.ok(!r.ok);
      return r.error;
    };
    assert.match(bad({ utilPct: '100' }), /utilPct/);
    assert.match(bad({ host: undefined }), /host/);
    assert.match(bad({ processes: [{ pid: 'x', name: 'p', usedMiB: null }] }), /pid/);
    assert.ok(!check(toDashboard, { type: 'empty', reason: 'none', actions: ['format'] }).ok);
    assert.ok(!check(toDashboard, { type: 'source', source: { label: 'x', kind: 'nvidia-smi', state: 'happy', message: null } }).ok);
    assert.ok(!check(toDashboard, { type: 'samples', samples: [], replace: 'yes' }).ok);
  });

  it('restores a saved state only when it is whole', () => {
    const state = { windowMs: 60_000, paused: true, host: 'node-a', index: 0 };
    assert.deepEqual(check(dashboardState, state), { ok: true, value: state });
    assert.ok(!check(dashboardState, { windowMs: 60_000, paused: 'no', host: null, index: null }).ok);
    assert.ok(!check(dashboardState, undefined).ok);
  });
});
