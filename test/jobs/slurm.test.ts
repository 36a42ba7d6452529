// The Slurm backend against a real one-node Slurm (scripts/slurm-local.sh, config in a temporary
// folder through SLURM_CONF), with core/process `run` as the runner: the production code path.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isFinal, type SlurmBackend, type StatusUpdate, type Submitted } from '../../core/jobs/backend';
import { createSlurmBackend } from '../../core/jobs/slurm';
import { run, ToolMissingError } from '../../core/process';
import type { JobRecord, JobState, SlurmLaunch } from '../../protocol';
import { slurmSkipReason, startSlurm, type LocalSlurm } from '../helpers/slurm';

/** What the job service would store after a submission. */
function recordOf(s: Submitted, launch: SlurmLaunch): JobRecord {
  return {
    id: s.id, backend: 'slurm', name: s.name, state: 'PENDING', submittedAt: new Date().toISOString(), launch,
    ...(s.outputFile === undefined ? {} : { outputFile: s.outputFile }),
    ...(s.file === undefined ? {} : { file: s.file }),
  };
}

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the status until `until` holds; fails with the last status after `timeoutMs`. */
async function waitFor(backend: SlurmBackend, job: JobRecord, until: (s: StatusUpdate) => boolean, timeoutMs = 60_000): Promise<StatusUpdate> {
  const deadline = Date.now() + timeoutMs;
  let last: StatusUpdate | undefined;
  while (Date.now() < deadline) {
    last = await backend.status(job);
    if (until(last)) return last;
    await tick(200);
  }
  assert.fail(`job ${job.id} did not get there within ${timeoutMs} ms; last status: ${JSON.stringify(last)}`);
}

const inState = (state: JobState) => (s: StatusUpdate): boolean => s.state === state;

async function logText(backend: SlurmBackend, job: JobRecord, follow: boolean): Promise<string> {
  let text = '';
  await backend.logs(job, { follow, onText: (t) => (text += t) });
  return text;
}

describe('Slurm backend without the Slurm tools', () => {
  it('names what to install when sbatch or squeue is not on PATH', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'mlops-nopath-'));
    try {
      const backend = createSlurmBackend({ run, env: { ...process.env, PATH: empty } });
      await assert.rejects(
        backend.submit({ kind: 'slurm', command: ['true'] }, { cwd: empty, workDir: join(empty, 'store') }),
        (e) => e instanceof ToolMissingError && e.tool === 'sbatch' && /slurm-client/.test(e.message),
      );
      const job = recordOf({ id: '1', name: 'x' }, { kind: 'slurm', command: ['true'] });
      await assert.rejects(backend.status(job), (e) => e instanceof ToolMissingError && e.tool === 'squeue');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

describe('Slurm backend on a machine with no reachable Slurm', { skip: slurmSkipReason() ?? false }, () => {
  it('says to run on the login node or to set SLURM_CONF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlops-noslurm-'));
    try {
      // A configuration that names no controller: sbatch gives up at once, as on a laptop.
      await writeFile(join(dir, 'slurm.conf'), 'ClusterName=none\n');
      const backend = createSlurmBackend({ run, env: { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') } });
      await assert.rejects(
        backend.submit({ kind: 'slurm', command: ['true'] }, { cwd: dir, workDir: join(dir, 'store') }),
        /sbatch failed: No SlurmctldHost defined\. This machine cannot reach a Slurm controller: run on the cluster's login node .*SLURM_CONF/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Slurm backend against a one-node Slurm', { skip: slurmSkipReason() ?? false, timeout: 300_000 }, () => {
  let slurm: LocalSlurm | undefined;
  let backend: SlurmBackend;
  let work: string;
  let store: string;

  before(async () => {
    slurm = await startSlurm();
    if (slurm === undefined) throw new Error('no local Slurm (see the note above)');
    backend = createSlurmBackend({ run, env: slurm.env });
    work = await mkdtemp(join(tmpdir(), 'mlops-slurm-work-'));
    store = join(work, 'store');
  });

  after(async () => {
    await slurm?.stop();
    await rm(work, { recursive: true, force: true });
  });

  const submit = async (launch: SlurmLaunch): Promise<{ submitted: Submitted; job: JobRecord }> => {
    const submitted = await backend.submit(launch, { cwd: work, workDir: store });
    return { submitted, job: recordOf(submitted, launch) };
  };

  it('submits a generated script whose arguments arrive literally, follows it to COMPLETED and reads its output', async () => {
    const tricky = ['a b', '$(id)', 'x;y', `it's`, '"dq"', '`id`', '*', ''];
    const launch: SlurmLaunch = {
      kind: 'slurm', name: 'tricky', env: { GREETING: `hello, 'world' $HOME` },
      command: ['bash', '-c', 'printf "[%s]\\n" "$@" "$GREETING"', 'argv0', ...tricky],
    };
    const { submitted, job } = await submit(launch);
    assert.match(submitted.id, /^\d+$/);
    assert.equal(submitted.name, 'tricky');
    assert.equal(submitted.outputFile, join(work, `slurm-${submitted.id}.out`));
    assert.ok(submitted.file?.startsWith(store) === true, `the script is written into the job store: ${String(submitted.file)}`);

    const done = await waitFor(backend, job, (s) => isFinal(s.state));
    assert.equal(done.state, 'COMPLETED', JSON.stringify(done));
    assert.equal(done.exitCode, 0);
    assert.equal(done.reason, 'exit code 0');
    assert.equal(done.outputFile, submitted.outputFile);
    assert.ok(done.startedAt !== undefined && done.endedAt !== undefined && done.startedAt <= done.endedAt);

    const expected = [...tricky, `hello, 'world' $HOME`].map((a) => `[${a}]\n`).join('');
    assert.equal(await readFile(submitted.outputFile, 'utf8'), expected);
    assert.equal(await logText(backend, job, false), expected);
    assert.equal(await logText(backend, job, true), expected);
  });

  it('follows the output of a job from before it starts until it ends', async () => {
    const { job } = await submit({ kind: 'slurm', command: ['bash', '-c', 'for i in 1 2 3; do echo "line $i"; sleep 0.3; done'] });
    assert.equal(await logText(backend, job, true), 'line 1\nline 2\nline 3\n');
    assert.equal((await backend.status(job)).state, 'COMPLETED');
  });

  it('runs a job of two tasks under srun', async () => {
    const { submitted, job } = await submit({
      kind: 'slurm', ntasks: 2, sbatchArgs: ['--overcommit'], command: ['bash', '-c', 'echo "task $SLURM_PROCID of $SLURM_NTASKS"'],
    });
    assert.equal(submitted.ranks, 2);
    const done = await waitFor(backend, job, (s) => isFinal(s.state));
    assert.equal(done.state, 'COMPLETED', JSON.stringify(done));
    assert.equal(done.ranks, 2);
    const lines = (await logText(backend, job, false)).trim().split('\n').sort();
    assert.deepEqual(lines, ['task 0 of 2', 'task 1 of 2']);
  });

  it('submits an existing batch script, its #SBATCH lines under the launch\'s options', async () => {
    const folder = join(work, 'existing');
    await mkdir(folder);
    await writeFile(join(folder, 'job.sh'), [
      '#!/bin/bash',
      '#SBATCH --job-name=from-script',
      '#SBATCH --output=custom-%x-%j.log',
      '#SBATCH --ntasks=1',
      'echo "cwd=$(pwd)"',
      'echo "FOO=$FOO"',
      'echo "job=$SLURM_JOB_NAME partition=$SLURM_JOB_PARTITION"',
      '',
    ].join('\n'));
    const launch: SlurmLaunch = { kind: 'slurm', script: 'existing/job.sh', cwd: 'existing', partition: 'debug', time: '5', env: { FOO: 'a,b c' } };
    const { submitted, job } = await submit(launch);
    assert.equal(submitted.name, 'from-script');
    assert.equal(submitted.file, join(folder, 'job.sh'));
    assert.equal(submitted.ranks, 1);
    assert.equal(submitted.outputFile, join(folder, `custom-from-script-${submitted.id}.log`));
    const done = await waitFor(backend, job, (s) => isFinal(s.state));
    assert.equal(done.state, 'COMPLETED', JSON.stringify(done));
    assert.equal(done.outputFile, submitted.outputFile);
    assert.equal(await logText(backend, job, false), `cwd=${folder}\nFOO=a,b c\njob=from-script partition=debug\n`);

    // A launch name overrides the script's.
    const renamed = await submit({ ...launch, name: 'renamed' });
    assert.equal(renamed.submitted.name, 'renamed');
    assert.equal(renamed.submitted.outputFile, join(folder, `custom-renamed-${renamed.submitted.id}.log`));
    await waitFor(backend, renamed.job, inState('COMPLETED'));
    await stat(renamed.submitted.outputFile);
  });

  it('reports a failing job as FAILED with its exit code', async () => {
    const { job } = await submit({ kind: 'slurm', command: ['bash', '-c', 'echo bad >&2; exit 3'] });
    const done = await waitFor(backend, job, (s) => isFinal(s.state));
    assert.equal(done.state, 'FAILED');
    assert.equal(done.exitCode, 3);
    assert.equal(done.reason, 'exit code 3');
    assert.equal(await logText(backend, job, false), 'bad\n');
  });

  it('cancels a running job with scancel, which ends a follow of its output', async () => {
    const { job } = await submit({ kind: 'slurm', name: 'sleeper', command: ['bash', '-c', 'echo started; exec sleep 600'] });
    const running = await waitFor(backend, job, inState('RUNNING'));
    assert.ok(running.startedAt !== undefined);
    assert.equal(running.endedAt, undefined);
    let text = '';
    const following = backend.logs(job, { follow: true, onText: (t) => (text += t) });
    for (const deadline = Date.now() + 30_000; !text.includes('started') && Date.now() < deadline;) await tick(100);
    assert.equal(text, 'started\n');
    await backend.cancel(job);
    const done = await waitFor(backend, job, inState('CANCELLED'));
    assert.ok(done.endedAt !== undefined);
    assert.match(done.reason ?? '', /^(signal 15|exit code 143)$/);
    await following;
    // slurmstepd adds its own line to the output file.
    assert.match(text, /^started\n.*CANCELLED AT/s);
    // Cancelling a job that has ended changes nothing and is no error.
    await backend.cancel(job);
  });

  it('says why a job id is unknown: not in the queue, and no accounting to ask', async () => {
    const job = recordOf({ id: '999999', name: 'ghost' }, { kind: 'slurm', command: ['true'] });
    const status = await backend.status(job);
    assert.equal(status.state, 'UNKNOWN');
    assert.match(status.reason ?? '', /Slurm does not know job 999999.*Invalid job id.*accounting storage is disabled/);
    await assert.rejects(backend.cancel(job), /scancel 999999: .*Invalid job id specified/);
  });

  it('refuses a submission that Slurm rejects, with sbatch\'s message', async () => {
    await assert.rejects(submit({ kind: 'slurm', partition: 'no-such-partition', command: ['true'] }), /sbatch failed: .*[Ii]nvalid partition/);
  });
});
