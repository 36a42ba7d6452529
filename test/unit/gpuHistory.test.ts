// The GPU dashboard's pure parts on the host: the per-GPU history (how much it keeps, the time
// window it answers, its order), the CSV export, and the status bar summary. The samples are the
// recorded H200 row (test/fixtures/gpu/SOURCES.md) as our nvidia-smi query prints it, parsed by
// the real parser, then moved in time and index.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GpuSample } from '../../protocol';
import { SampleHistory, gpuKey, samplesToCsv, statusSummary } from '../../client/src/gpu/history';
import { samplesOf } from '../../core/gpu/nvidiaSmi';

const H200 = '0, GPU-00000000-0000-0000-0000-000000000000, NVIDIA H200, 100, 7, 32362, 143771, 52, 627.40, 700.00, 1980, 3201';
const [RECORDED] = samplesOf([H200], 'node-a', 0);

function sample(ts: number, index = 0, host = 'node-a', change: Partial<GpuSample> = {}): GpuSample {
  assert.ok(RECORDED, 'the recorded row parses');
  return { ...RECORDED, ts, index, host, ...change };
}

describe('GPU sample history', () => {
  it('keeps at most maxPerGpu samples of each GPU, the latest ones', () => {
    const h = new SampleHistory(3_600_000, 100);
    for (let t = 0; t < 1000; t++) h.add([sample(t, 0), sample(t, 1)]);
    const kept = h.since(0);
    for (const index of [0, 1]) {
      const mine = kept.filter((s) => s.index === index);
      assert.ok(mine.length >= 100 && mine.length <= 125, `GPU ${index} keeps ${mine.length}`);
      assert.equal(mine.at(-1)?.ts, 999);
    }
  });

  it('drops what is older than keepMs', () => {
    const h = new SampleHistory(1000, 10_000);
    for (let t = 0; t <= 5000; t += 10) h.add([sample(t)]);
    const oldest = h.since(0)[0];
    assert.ok(oldest !== undefined && oldest.ts >= 5000 - 1250, `oldest kept: ${oldest?.ts}`);
  });

  it('answers a window for one GPU or all, oldest first, and caps each GPU', () => {
    const h = new SampleHistory(60_000, 1000);
    for (let t = 0; t < 10; t++) h.add([sample(t * 100, 1, 'node-b'), sample(t * 100, 0, 'node-a'), sample(t * 100, 1, 'node-a')]);
    const all = h.since(500);
    assert.equal(all.length, 15);
    assert.deepEqual(all.slice(0, 3).map(gpuKey), ['node-a/0', 'node-a/1', 'node-b/1']);
    assert.ok(all.every((s, i) => i === 0 || (all[i - 1]?.ts ?? 0) <= s.ts));
    assert.deepEqual(h.since(0, 'node-a', 1).map((s) => s.ts), [0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    assert.deepEqual(h.since(0, 'node-b', 1, 2).map((s) => s.ts), [800, 900]);
    assert.deepEqual(h.since(0, 'node-c', null), []);
    assert.deepEqual(h.latest().map((s) => `${gpuKey(s)}@${s.ts}`), ['node-a/0@900', 'node-a/1@900', 'node-b/1@900']);
    h.clear();
    assert.deepEqual(h.latest(), []);
  });
});

describe('GPU CSV export', () => {
  it('writes a header and one row per sample, nulls as empty fields, and quotes what needs it', () => {
    const csv = samplesToCsv([
      sample(Date.UTC(2026, 6, 3, 22, 11, 9, 763)),
      sample(Date.UTC(2026, 6, 3, 22, 11, 10), 1, 'node-a', { name: 'GPU "x", y', tempC: null, processes: [{ pid: 10309, name: './gpu_burn', usedMiB: 28234 }] }),
    ]);
    const lines = csv.split('\r\n');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '');
    assert.equal(lines[0], 'timestamp,host,index,uuid,name,util_pct,mem_util_pct,mem_used_mib,mem_total_mib,temp_c,power_w,power_limit_w,sm_clock_mhz,mem_clock_mhz,pcie_tx_kibps,pcie_rx_kibps,nvlink_tx_kibps,nvlink_rx_kibps,xid,processes');
    assert.match(lines[1] ?? '', /^2026-07-03T22:11:09\.763Z,node-a,0,GPU-00000000-0000-0000-0000-000000000000,NVIDIA H200,100,7,32362,143771,52,627\.4,700,1980,3201,/);
    assert.match(lines[2] ?? '', /,"GPU ""x"", y",100,7,32362,143771,,627\.4,.*,10309:\.\/gpu_burn:28234$/);
  });
});

describe('GPU status bar summary', () => {
  it('says how many GPUs, their mean utilization and the hottest temperature', () => {
    assert.equal(statusSummary([sample(0, 0), sample(0, 1, 'node-a', { utilPct: 50, tempC: 61 })]), 'GPU 2x 75% 61°C');
  });

  it('leaves out what no GPU reports, and says when there is no GPU', () => {
    assert.equal(statusSummary([sample(0, 0, 'node-a', { utilPct: null, tempC: null })]), 'GPU 1x –');
    assert.equal(statusSummary([]), 'GPU –');
  });
});
