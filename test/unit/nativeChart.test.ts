import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sizeLabel, toNativeChart } from '../../webviews/src/nativeChart/messages';
import { check } from '../../webviews/src/shared/validate';

// The busbw chart page's guard on what its host sends, and its size labels.
describe('native run chart messages', () => {
  const series = { jobId: 'local-3', label: 'allreduce-bench (cpu/mpich, 2 ranks)', sizes: [8, 16], busbw: [0.1, 0.2], wrong: 0, done: false };

  it('accepts a series and an error', () => {
    assert.deepEqual(check(toNativeChart, { type: 'series', series }), { ok: true, value: { type: 'series', series } });
    assert.deepEqual(check(toNativeChart, { type: 'error', message: 'no file' }), { ok: true, value: { type: 'error', message: 'no file' } });
  });

  it('refuses a series with a bad field, naming it', () => {
    const r = check(toNativeChart, { type: 'series', series: { ...series, busbw: [0.1, 'x'] } });
    if (r.ok) assert.fail('a string in busbw was accepted');
    assert.match(r.error, /busbw\[1\]/);
    assert.equal(check(toNativeChart, { type: 'rows' }).ok, false);
  });

  it('labels sizes in powers of 1024', () => {
    assert.deepEqual([8, 1024, 4 << 20, 1536, 8 * 2 ** 30].map(sizeLabel), ['8 B', '1 KiB', '4 MiB', '1.5 KiB', '8 GiB']);
  });
});
