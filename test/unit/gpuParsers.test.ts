// The GPU parsers against real recorded output (test/fixtures/gpu/SOURCES.md says whose).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseExposition, parseExpositionLine, samplesFromSeries } from '../../core/gpu/dcgm';
import { ProcessTable, samplesOf } from '../../core/gpu/nvidiaSmi';
import { csvNumber, csvText, GPU_QUERY_FIELDS, headerFields, parseAppLine, parseGpuLine, queryArgs, splitCells } from '../../core/gpu/nvidiaSmiCsv';
import { parseNvidiaSmiXml, parseXml } from '../../core/gpu/nvidiaSmiXml';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'gpu', name), 'utf8');
const lines = (name: string): string[] => fixture(name).split('\n').filter((l) => l.trim() !== '');

describe('nvidia-smi CSV', () => {
  it('reads the recorded H200 row under load by its header, with units', () => {
    const [header = '', row = ''] = lines('h200-load-query-gpu.csv');
    const s = parseGpuLine(row, headerFields(header), 'gpu-node-1', 1000);
    assert.deepEqual(s, {
      ts: 1000, host: 'gpu-node-1', index: 0, uuid: 'GPU-00000000-0000-0000-0000-000000000000', name: 'NVIDIA H200',
      utilPct: 100, memUtilPct: 7, memUsedMiB: 32362, memTotalMiB: 143771, tempC: 52, powerW: 627.4, powerLimitW: 700,
      smClockMHz: 1980, memClockMHz: 3201, pcieTxKiBps: null, pcieRxKiBps: null, nvlinkTxKiBps: null, nvlinkRxKiBps: null,
      xid: null, processes: null,
    });
  });

  it('reads [N/A] and [Requested functionality has been deprecated] as null, never 0', () => {
    const [header = '', row = ''] = lines('h200-load-query-gpu.csv');
    const fields = headerFields(header);
    const cells = splitCells(row, fields.length, fields.indexOf('name'));
    const cell = (f: string): string | undefined => cells[fields.indexOf(f)];
    assert.equal(cell('fan.speed'), '[N/A]');
    assert.equal(csvNumber(cell('fan.speed')), null);
    assert.equal(csvNumber(cell('power.management')), null);
    assert.equal(csvText(cell('power.management')), null);
    assert.equal(csvNumber(cell('clocks_event_reasons_counters.sw_power_cap')), 0, '"0 us" is a number with a unit');
    assert.equal(csvText(cell('platform.chassis_serial_number')), null, 'an empty cell');
  });

  it('reads the recorded processes of the H200 and keeps them while nvidia-smi lists them', () => {
    const [header = '', ...rows] = lines('h200-load-compute-apps.csv');
    const apps = rows.map((r) => parseAppLine(r, headerFields(header)));
    assert.deepEqual(apps.map((a) => [a?.process.pid, a?.process.name, a?.process.usedMiB]), [
      [10291, '/root/tools/memhog', 2566], [10293, '/root/tools/memhog', 1542], [10309, './gpu_burn', 28234],
    ]);
    const table = new ProcessTable(100, 0);
    assert.equal(table.of('GPU-00000000-0000-0000-0000-000000000000', 10), null, 'before the process query answers, processes are unknown');
    assert.deepEqual(new ProcessTable(100, 0).of('GPU-1', 101), [], 'a query that stays silent for a lapse means no processes');
    const projected = rows.map((r) => {
      const c = splitCells(r, 8, 6);
      return [c[4], c[5], c[6], c[7]].join(', ');
    });
    table.add(projected, 0);
    assert.equal(table.of('GPU-00000000-0000-0000-0000-000000000000', 50)?.length, 3);
    assert.deepEqual(table.of('GPU-00000000-0000-0000-0000-000000000000', 151), [], 'an entry not seen for longer than the lapse is gone');
  });

  it('asks nvidia-smi for one long-running query, without header or units', () => {
    assert.deepEqual(queryArgs('--query-gpu', ['index', 'name'], 250), ['--query-gpu=index,name', '--format=csv,noheader,nounits', '-lms', '250']);
  });

  it('keeps the commas of a GPU name in its cell, and leaves out lines of another shape', () => {
    const line = '3, GPU-1, Some, Odd, Name, 5, 6, 7, 8, 9, 10.5, 300, 1000, 2000';
    const [s] = samplesOf([line, 'No devices were found'], 'h', 0);
    assert.equal(s?.name, 'Some, Odd, Name');
    assert.equal(s.index, 3);
    assert.equal(s.memClockMHz, 2000);
    assert.equal(samplesOf(['No devices were found'], 'h', 0).length, 0);
    assert.equal(GPU_QUERY_FIELDS.length, 12);
  });
});

describe('nvidia-smi -q -x', () => {
  it('reads the recorded Tesla P100 report', () => {
    const [s, ...rest] = parseNvidiaSmiXml(fixture('tesla-p100.xml'), 'h', 5);
    assert.equal(rest.length, 0);
    assert.deepEqual(s, {
      ts: 5, host: 'h', index: 0, uuid: 'GPU-d3da8716-eaab-75db-efc1-60e88e1cd55e', name: 'Tesla P100-PCIE-16GB',
      utilPct: 0, memUtilPct: 0, memUsedMiB: 0, memTotalMiB: 16384, tempC: 38, powerW: 26.16, powerLimitW: 250,
      smClockMHz: 405, memClockMHz: 715, pcieTxKiBps: 0, pcieRxKiBps: 0, nvlinkTxKiBps: null, nvlinkRxKiBps: null,
      xid: null, processes: [],
    });
  });

  it('reads the recorded RTX 2080 processes: memory N/A is null, an empty name is empty', () => {
    const [s] = parseNvidiaSmiXml(fixture('rtx-2080-win.xml'), 'h', 0);
    assert.equal(s?.pcieTxKiBps, 13000);
    assert.equal(s.pcieRxKiBps, 91000);
    assert.equal(s.memUsedMiB, 862);
    assert.deepEqual(s.processes?.map((p) => [p.pid, p.usedMiB]), [[25436, null], [25520, null], [25696, null], [30212, null]]);
    assert.equal(s.processes[1]!.name, '');
    assert.equal(s.processes[3]!.name, 'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\105.0.1343.42\\msedgewebview2.exe');
  });

  it('says what is wrong with XML that is not a report', () => {
    assert.throws(() => parseNvidiaSmiXml('<a><b></a>', 'h', 0), /closes <b>/);
    assert.throws(() => parseNvidiaSmiXml('<other/>', 'h', 0), /no <nvidia_smi_log>/);
    assert.throws(() => parseXml('<a>'), /never closed/);
    assert.equal(parseXml('<a x="1 &amp; 2">&lt;t&gt;</a>').children[0]?.attrs['x'], '1 & 2');
  });
});

describe('DCGM exporter text', () => {
  it('reads the recorded Tesla T4 /metrics as one GPU', () => {
    const samples = samplesFromSeries(parseExposition(fixture('dcgm-t4.txt')), 42);
    assert.deepEqual(samples, [{
      ts: 42, host: '424773df46e0', index: 0, uuid: 'GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e', name: 'Tesla T4',
      utilPct: 0, memUtilPct: 0, memUsedMiB: 0, memTotalMiB: 15109, tempC: 25, powerW: 8.969, powerLimitW: null,
      smClockMHz: 300, memClockMHz: 405, pcieTxKiBps: null, pcieRxKiBps: null, nvlinkTxKiBps: null, nvlinkRxKiBps: null,
      xid: null, processes: null,
    }]);
  });

  it('names the pod of a MIG slice, and reads the lower-case hostname label', () => {
    const samples = samplesFromSeries(parseExposition(fixture('dcgm-pods-excerpt.txt')), 0);
    assert.deepEqual(samples.map((s) => [s.host, s.index, s.name, s.pod]), [
      ['dcgm-exporter-wwwjh', 1, 'NVIDIA RTX 2000 Ada Generation', undefined],
      ['dcgm-exporter-wwwjh', 2, 'NVIDIA A30', { namespace: 'default', name: 'triton-server-f7cb5d77-95xcf', container: 'triton-server' }],
    ]);
    assert.equal(samples[1]?.memUsedMiB, null, 'only FB_FREE was recorded: used stays unknown');
  });

  it('reads the recorded 4 x V100 node per GPU, the power limit from POWER_MGMT_LIMIT', () => {
    const samples = samplesFromSeries(parseExposition(fixture('dcgm-v100x4-excerpt.txt')), 0);
    assert.deepEqual(samples.map((s) => [s.host, s.index, s.powerLimitW, s.utilPct]), [['r6i3n0', 0, null, 0], ['r6i3n0', 2, 300, null], ['r6i3n0', 3, 300, null]]);
  });

  it('reads escaped label values, timestamps and NaN, and skips malformed lines', () => {
    assert.deepEqual(parseExpositionLine('DCGM_FI_DEV_GPU_TEMP{gpu="0",modelName="A \\"quoted\\" name"} 61 1700000000000'), {
      name: 'DCGM_FI_DEV_GPU_TEMP', labels: { gpu: '0', modelName: 'A "quoted" name' }, value: 61, ts: 1700000000000,
    });
    assert.ok(Number.isNaN(parseExpositionLine('x NaN')?.value));
    assert.equal(parseExpositionLine('x{gpu="0" 1'), undefined);
    assert.equal(parseExpositionLine('x{gpu="0"} notanumber'), undefined);
    const [s] = samplesFromSeries([
      { name: 'DCGM_FI_PROF_PCIE_TX_BYTES', labels: { gpu: '0', Hostname: 'n' }, value: 2048 },
      { name: 'DCGM_FI_DEV_XID_ERRORS', labels: { gpu: '0', Hostname: 'n' }, value: 79 },
    ], 0);
    assert.equal(s?.pcieTxKiBps, 2, 'DCGM bytes/s are KiB/s in a sample');
    assert.equal(s.xid, 79);
  });
});
