// `mlops job` as users run it: the built dist/cli.js in a child process, with real MPI.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CliJobStatus } from '../../protocol';
import { mpiSkipReason } from '../helpers/mpi';
import { tempDirs } from '../helpers/tempDirs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'mpi');
const stateDir = tempDirs('mlops-cli-jobs-');

function mlops(state: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, MLOPS_STATE_DIR: state, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `mlops job run ...` and resolves once its output has `count` lines matching `pattern`. */
function startRun(state: string, args: string[]): { ready: (pattern: RegExp, count: number) => Promise<void>; exited: Promise<{ code: number | null; stderr: string }>; pid: number } {
  const child = spawn(process.execPath, [CLI, 'job', 'run', ...args], { env: { ...process.env, MLOPS_STATE_DIR: state } });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    for (const w of [...waiters]) w();
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  return {
    pid: child.pid!,
    ready: (pattern, count) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (out.split('\n').filter((l) => pattern.test(l)).length >= count) resolve();
        };
        waiters.push(check);
        check();
      }),
    exited: new Promise((resolve) => child.on('close', (code) => { resolve({ code, stderr: err }); })),
  };
}

describe('mlops job (local, real MPI)', { skip: mpiSkipReason('mpich') ?? mpiSkipReason('openmpi') }, () => {
  it('runs a 2-rank job, prints each rank, and shares the job with status, logs and list', () => {
    const state = stateDir();
    const run = mlops(state, ['job', 'run', '--np', '2', '--mpi', 'mpich', '--', process.execPath, join(FIXTURES, 'args.js'), 'a b', '$(id)']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /local-1 started \(2 ranks\)/);
    assert.match(run.stdout, /^\[0\] \{"rank":0,"argv":\["a b","\$\(id\)"\]/m);
    assert.match(run.stdout, /^\[1\] \{"rank":1,/m);
    assert.match(run.stderr, /local-1\tCOMPLETED/);

    const status = mlops(state, ['job', 'status', 'local-1', '--format', 'json']);
    assert.equal(status.status, 0, status.stderr);
    const s = JSON.parse(status.stdout) as CliJobStatus;
    assert.equal(s.state, 'COMPLETED');
    assert.equal(s.backend, 'local');
    assert.equal(s.ranks, 2);
    assert.equal(s.exitCode, 0);
    assert.equal(s.parts?.length, 2);
    assert.ok(typeof s.elapsedSeconds === 'number');

    const logs = mlops(state, ['job', 'logs', 'local-1', '--rank', '1']);
    assert.match(logs.stdout, /^\{"rank":1,/);
    assert.doesNotMatch(logs.stdout, /"rank":0/);
    const list = JSON.parse(mlops(state, ['job', 'list', '--format', 'json']).stdout) as CliJobStatus[];
    assert.deepEqual(list.map((j) => [j.id, j.state]), [['local-1', 'COMPLETED']]);
  });

  it('exits with the job status, and prints JSON on request', () => {
    const state = stateDir();
    const failed = mlops(state, ['job', 'run', '--np', '2', '--mpi', 'openmpi', '--env', 'MLOPS_FAIL_RANK=1', '--format', 'json', '--', process.execPath, join(FIXTURES, 'args.js')]);
    assert.notEqual(failed.status, 0);
    const s = JSON.parse(failed.stdout) as CliJobStatus;
    assert.equal(s.state, 'FAILED');
    assert.equal(failed.status, s.exitCode);
  });

  it('cancels a job run by another process: no rank is left', async () => {
    const state = stateDir();
    const job = startRun(state, ['--np', '2', '--', process.execPath, join(FIXTURES, 'stubborn.js')]);
    await job.ready(/^\[\d\] ready \d+ \d+$/, 2);
    // A follower in a third process: it prints what the ranks wrote and ends when the job does.
    const follower = spawn(process.execPath, [CLI, 'job', 'logs', 'local-1', '--follow'], { env: { ...process.env, MLOPS_STATE_DIR: state } });
    let followed = '';
    const sawReady = new Promise<void>((resolve) => {
      follower.stdout.on('data', (b: Buffer) => {
        followed += b.toString();
        if ((followed.match(/ready/g) ?? []).length === 2) resolve();
      });
    });
    const followerExit = new Promise<number | null>((resolve) => follower.on('close', resolve));
    await sawReady;
    const cancel = mlops(state, ['job', 'cancel', 'local-1', '--format', 'json']);
    assert.equal(cancel.status, 0, cancel.stderr);
    assert.equal((JSON.parse(cancel.stdout) as CliJobStatus).state, 'CANCELLED');
    const end = await job.exited;
    assert.equal(end.code, 1);
    assert.match(end.stderr, /local-1\tCANCELLED/);
    assert.equal(await followerExit, 0);
    assert.match(followed, /^\[0\] ready/m);
    const s = JSON.parse(mlops(state, ['job', 'status', 'local-1', '--format', 'json']).stdout) as CliJobStatus;
    assert.equal(s.state, 'CANCELLED');
  });

  it('Ctrl-C on mlops job run cancels the job', async () => {
    const state = stateDir();
    const job = startRun(state, ['--np', '2', '--', process.execPath, join(FIXTURES, 'stubborn.js')]);
    await job.ready(/ready/, 2);
    process.kill(job.pid, 'SIGINT');
    const end = await job.exited;
    assert.match(end.stderr, /cancelling local-1/);
    assert.equal((JSON.parse(mlops(state, ['job', 'status', 'local-1', '--format', 'json']).stdout) as CliJobStatus).state, 'CANCELLED');
  });
});

describe('mlops job: mistakes get clear messages', () => {
  it('usage errors exit 2 and say what to do', () => {
    const state = stateDir();
    const noProgram = mlops(state, ['job', 'run', '--np', '2']);
    assert.equal(noProgram.status, 2);
    assert.match(noProgram.stderr, /give the program after --/);
    assert.equal(mlops(state, ['job', 'run', '--np', 'two', '--', 'x']).status, 2);
    assert.match(mlops(state, ['job', 'submit', 'x.yaml']).stderr, /needs --backend slurm or --backend kubernetes/);
    assert.match(mlops(state, ['job', 'frobnicate']).stderr, /unknown job command/);
    assert.match(mlops(state, ['job', '--help']).stdout, /mlops job run --np N/);
  });

  it('an unknown id or a missing tool is an error that names the fix', () => {
    const state = stateDir();
    const unknown = mlops(state, ['job', 'status', 'my-job']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No job 'my-job' in the job store/);
    const noPython = mlops(state, ['job', 'run', '--launcher', 'torchrun', '--nproc-per-node', '2', '--python', 'python-without-torch-mlops', '--', 'train.py']);
    assert.equal(noPython.status, 1);
    assert.match(noPython.stderr, /python-without-torch-mlops was not found on PATH/);
  });

  it('does not submit a Kubernetes manifest with errors unless forced', () => {
    const state = stateDir();
    const broken = join(ROOT, 'examples', 'broken', 'pytorchjob-mistakes.yaml');
    // An empty PATH: had it tried kubectl, the message would be about kubectl.
    const r = mlops(state, ['job', 'submit', '--backend', 'kubernetes', broken], { PATH: stateDir() });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /has \d+ errors, so it was not submitted/);
    assert.match(r.stderr, /pytorchjob-mistakes\.yaml:\d+:\d+ error MLW\d{4}/);
    const forced = mlops(state, ['job', 'submit', '--backend', 'kubernetes', '--force', broken], { PATH: stateDir() });
    assert.match(forced.stderr, /kubectl was not found on PATH/);
  });
});
