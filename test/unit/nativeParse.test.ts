import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NativeOutputReader, parseNativeLine, parseNativeOutput, stripRankPrefix } from '../../core/native/parse';

// The output parser on real recorded nccl-tests output (test/fixtures/native/SOURCES.md says
// where each file comes from) and on the JSON lines of our own workloads.
const FIXTURES = join(__dirname, '..', 'fixtures', 'native');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe('nccl-tests output (recorded)', () => {
  it('reads every row of a 16-rank H100 sweep, 8 B to 8 GiB, with the ranks from the header', () => {
    const { allreduce } = parseNativeOutput(fixture('nccl-tests-h100-2x8.txt'));
    assert.equal(allreduce.length, 31);
    assert.deepEqual(allreduce.map((r) => r.size).slice(0, 3), [8, 16, 32]);
    const last = allreduce.at(-1)!;
    assert.deepEqual(last, {
      bench: 'allreduce', size: 8589934592, count: 2147483648, type: 'float', redop: 'sum', root: -1, ranks: 16,
      oop: { timeUs: 47535, algbw: 180.71, busbw: 338.82, wrong: 0 },
      ip: { timeUs: 47743, algbw: 179.92, busbw: 337.35, wrong: 0 },
    });
    // busbw = algbw * 2(n-1)/n, n = 16, within the table's rounding.
    for (const r of allreduce.filter((row) => row.oop.algbw > 1)) assert.ok(Math.abs(r.oop.busbw - (r.oop.algbw * 2 * 15) / 16) < 0.02, `${r.size}`);
  });

  it('skips kubectl and ssh lines around an A100 run and reads its 31 rows', () => {
    const { allreduce, results } = parseNativeOutput(fixture('nccl-tests-a100-2x8.txt'));
    assert.equal(allreduce.length, 31);
    assert.equal(results.length, 0);
    const row = allreduce.find((r) => r.size === 2097152)!;
    assert.deepEqual(row.oop, { timeUs: 99.19, algbw: 21.14, busbw: 39.64, wrong: 0 });
    assert.equal(row.ip.timeUs, 100.1);
    assert.ok(allreduce.every((r) => r.ranks === 16 && r.oop.wrong === 0 && r.ip.wrong === 0));
  });

  it('reads the old layout without redop and root, its error column 0e+00 as nothing wrong', () => {
    const { allreduce } = parseNativeOutput(fixture('nccl-tests-2gpu-old-format.txt'));
    assert.equal(allreduce.length, 12);
    assert.deepEqual(allreduce[0], {
      bench: 'allreduce', size: 65536, count: 8192, type: 'float', redop: 'sum', root: -1, ranks: null,
      oop: { timeUs: 16.57, algbw: 1.98, busbw: 1.98, wrong: 0 },
      ip: { timeUs: 13.83, algbw: 2.37, busbw: 2.37, wrong: 0 },
    });
  });

  it("reads the same rows behind Open MPI's --tag-output and srun's --label prefixes", () => {
    const text = fixture('nccl-tests-h100-2x8.txt');
    const tagged = text.split('\n').map((l) => `[1,0]<stdout>:${l}`).join('\n');
    const labelled = text.split('\n').map((l) => `0: ${l}`).join('\n');
    const plain = parseNativeOutput(text).allreduce;
    assert.deepEqual(parseNativeOutput(tagged).allreduce, plain);
    assert.deepEqual(parseNativeOutput(labelled).allreduce, plain);
    assert.equal(stripRankPrefix('[12,3]<stderr>:x'), 'x');
  });

  it('gives the same rows when the output arrives in chunks that split lines and characters', () => {
    const bytes = Buffer.from(fixture('nccl-tests-a100-2x8.txt'));
    const reader = new NativeOutputReader();
    let seen = 0;
    for (let i = 0; i < bytes.length; i += 97) seen += reader.push(bytes.subarray(i, i + 97)).length;
    seen += reader.end().length;
    assert.equal(seen, 31);
    assert.deepEqual(reader.allreduce(), parseNativeOutput(bytes.toString('utf8')).allreduce);
  });

  it('reads a #wrong count and N/A', () => {
    const row = parseNativeLine('        1024           256     float     sum      -1    41.97    0.02    0.05      3    40.56    0.03    0.05    N/A');
    assert.ok(row?.bench === 'allreduce');
    assert.equal(row.oop.wrong, 3);
    assert.equal(row.ip.wrong, null);
  });

  it('ignores lines that only look like rows', () => {
    for (const line of ['# Avg bus bandwidth    : 70.742', 'NCCL version 2.16.5+cuda11.8', '    1 2 3', 'size count type', '8 2 float sum -1 1.0 x 0.0 0 1.0 0.0 0.0 0', '{"bench":"allreduce","size":"8"}', '{"bench":']) {
      assert.equal(parseNativeLine(line), undefined, line);
    }
  });
});

describe('our JSON lines', () => {
  it('reads an allreduce line and lets it replace the table row of the same size', () => {
    const reader = new NativeOutputReader();
    reader.push('           8             2     float     sum      -1     2.23    0.00    0.00       0    19.93    0.00    0.00       0\n');
    reader.push('{"bench":"allreduce","build":"cpu","size":8,"count":2,"type":"float","redop":"sum","root":-1,"ranks":2,"oop":{"timeUs":2.226,"algbw":0.0036,"busbw":0.0036,"wrong":0},"ip":{"timeUs":19.931,"algbw":0.0004,"busbw":0.0004,"wrong":-1}}\n');
    const rows = reader.allreduce();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.ranks, 2);
    assert.equal(rows[0]!.oop.timeUs, 2.226);
    assert.equal(rows[0]!.ip.wrong, null);
  });

  it('reads softmax, jacobi, its residuals and overlap, nulls included', () => {
    const { results } = parseNativeOutput([
      '{"bench":"jacobi-residual","iter":50,"residual":0.104521}',
      '{"bench":"jacobi","build":"cuda","mode":"single-process","nx":64,"ny":64,"iters":200,"ranks":2,"timeMs":1.6,"residual":0.03,"effGBps":7.3,"effGBpsPerDomain":3.6,"copyGBps":232,"fractionOfCopy":0.015,"maxAbsDiff":null,"checked":false,"ok":true}',
      '{"bench":"softmax","build":"cpu","n":100000,"ranks":2,"timeMs":0.42,"GBps":7.6,"copyGBps":149.4,"fractionOfCopy":0.05,"sum":1,"maxAbsErr":1.1e-18,"checked":true,"ok":true}',
      '{"bench":"overlap","build":"cpu","nx":64,"ny":64,"iters":200,"ranks":2,"timeNoOverlapMs":0.29,"timeOverlapMs":0.27,"speedup":1.08,"maxAbsDiff":0,"checked":true,"ok":true}',
      '{"bench":"jacobi","build":"gpu"}',
    ].join('\n'));
    assert.deepEqual(results.map((r) => r.bench), ['jacobi-residual', 'jacobi', 'softmax', 'overlap']);
    const jacobi = results[1]!;
    assert.ok(jacobi.bench === 'jacobi');
    assert.equal(jacobi.maxAbsDiff, null);
    assert.equal(jacobi.mode, 'single-process');
  });
});
