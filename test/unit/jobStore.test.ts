import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../protocol';
import { defaultStateDir, JobStore } from '../../core/jobs/store';
import { backendOfId, mergeStatus } from '../../core/jobs/service';
import { tempDirs } from '../helpers/tempDirs';

const tempDir = tempDirs('mlops-store-');

const job = (id: string): JobRecord => ({ id, backend: 'local', name: 'n', state: 'RUNNING', submittedAt: '2026-01-01T00:00:00.000Z', launch: { kind: 'process', program: 'p' } });

describe('job store', () => {
  it('finds its folder from MLOPS_STATE_DIR, then XDG_STATE_HOME, then the home folder', () => {
    assert.equal(defaultStateDir({ MLOPS_STATE_DIR: '/s' }), '/s');
    assert.equal(defaultStateDir({ XDG_STATE_HOME: '/x' }), '/x/mlops-workbench');
    assert.match(defaultStateDir({}), /\.local\/state\/mlops-workbench$/);
  });

  it('numbers local jobs, updates and removes them', async () => {
    const store = new JobStore(tempDir());
    assert.deepEqual(store.list(), []);
    const a = await store.addLocal(job);
    const b = await store.addLocal(job);
    assert.deepEqual([a.id, b.id], ['local-1', 'local-2']);
    await store.update('local-1', (j) => ({ ...j, state: 'COMPLETED' }));
    assert.equal(new JobStore(store.dir).get('local-1')?.state, 'COMPLETED');
    assert.equal(await store.update('local-9', (j) => j), undefined);
    await store.remove('local-1');
    assert.deepEqual(store.list().map((j) => j.id), ['local-2']);
    // Ids are not reused after a removal.
    assert.equal((await store.addLocal(job)).id, 'local-3');
  });

  it('gives distinct ids to jobs added at once by several processes', async () => {
    const dir = tempDir();
    const script = `
      const { JobStore } = require(${JSON.stringify(join(__dirname, '..', '..', 'core', 'jobs', 'store.ts'))});
      const store = new JobStore(${JSON.stringify(dir)});
      (async () => { for (let i = 0; i < 15; i++) await store.addLocal((id) => ({ id, backend: 'local', name: 'x', state: 'RUNNING', submittedAt: '', launch: { kind: 'process', program: 'p' } })); })();`;
    const runs = [1, 2, 3].map(
      () =>
        new Promise<number | null>((resolve) => {
          spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: 'inherit' }).on('close', resolve);
        }),
    );
    assert.deepEqual(await Promise.all(runs), [0, 0, 0]);
    const ids = new JobStore(dir).list().map((j) => j.id);
    assert.equal(ids.length, 45);
    assert.equal(new Set(ids).size, 45);
  });

  it('says which file is damaged and what to do, instead of losing it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'jobs.json'), '{"version": 1, "jobs": [');
    const store = new JobStore(dir);
    assert.throws(() => store.list(), /job store .*jobs\.json is damaged .*Move it aside/);
    await assert.rejects(store.addLocal(job), /damaged/);
  });
});

describe('job ids and status merges', () => {
  it('tells the backend from the id', () => {
    assert.equal(backendOfId('local-12'), 'local');
    assert.equal(backendOfId('4711'), 'slurm');
    assert.equal(backendOfId('4711_3'), 'slurm');
    assert.equal(backendOfId('team-a/PyTorchJob/mnist'), 'kubernetes');
    assert.equal(backendOfId('mnist'), undefined);
  });

  it('keeps CANCELLED once the cluster forgets the job, and takes news otherwise', () => {
    const cancelled: JobRecord = { ...job('1'), backend: 'slurm', state: 'CANCELLED' };
    assert.equal(mergeStatus(cancelled, { state: 'UNKNOWN', reason: 'gone' }), cancelled);
    const running: JobRecord = { ...job('2'), backend: 'slurm' };
    assert.deepEqual(mergeStatus(running, { state: 'COMPLETED', exitCode: 0, parts: [] }), { ...running, state: 'COMPLETED', exitCode: 0 });
    assert.equal(mergeStatus(running, { state: 'UNKNOWN', reason: 'no accounting' }).state, 'RUNNING');
  });
});
