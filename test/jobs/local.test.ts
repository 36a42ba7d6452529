// Local jobs with the real launchers: MPICH's and Open MPI's mpiexec, two ranks each.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { MpiFlavor } from '../../protocol';
import { cancelLocal, detectMpis, launchLocal, type LocalDeps } from '../../core/jobs/local';
import type { OutputLine } from '../../core/jobs/rankLogs';
import { JobStore } from '../../core/jobs/store';
import { processTable, procInfo } from '../../core/procTree';
import { run, start } from '../../core/process';
import { buildRing, mpiSkipReason } from '../helpers/mpi';
import { tempDirs } from '../helpers/tempDirs';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mpi');
const tempDir = tempDirs('mlops-jobs-');

function deps(): LocalDeps {
  return { store: new JobStore(tempDir('mlops-jobs-')), run, start };
}

/** Resolves when `count` output lines match `pattern`; the lines seen so far are in `seen`. */
function waitForLines(pattern: RegExp, count: number): { onLine: (l: OutputLine) => void; ready: Promise<OutputLine[]>; seen: OutputLine[] } {
  const seen: OutputLine[] = [];
  let resolve: (lines: OutputLine[]) => void = () => undefined;
  const ready = new Promise<OutputLine[]>((r) => (resolve = r));
  return {
    seen,
    ready,
    onLine: (line) => {
      seen.push(line);
      const hits = seen.filter((l) => pattern.test(l.text));
      if (hits.length === count) resolve(hits);
    },
  };
}

for (const flavor of ['mpich', 'openmpi'] as const satisfies readonly MpiFlavor[]) {
  describe(`local jobs with ${flavor}`, { skip: mpiSkipReason(flavor) }, () => {
    it('runs a real 2-rank MPI program and keeps the output per rank', async () => {
      const d = deps();
      const lines = waitForLines(/token/, 2);
      const job = await launchLocal({ kind: 'mpi', np: 2, mpi: flavor, program: buildRing(flavor) }, { cwd: tmpdir(), onLine: lines.onLine }, d);
      assert.match(job.record.id, /^local-\d+$/);
      assert.equal(d.store.get(job.record.id)?.state, 'RUNNING');
      const final = await job.done;
      assert.equal(final.state, 'COMPLETED');
      assert.equal(final.exitCode, 0);
      assert.equal(final.ranks, 2);
      const logDir = final.logDir!;
      assert.match(readFileSync(join(logDir, 'rank-0.log'), 'utf8'), /rank 0 of 2: token 43/);
      assert.match(readFileSync(join(logDir, 'rank-1.log'), 'utf8'), /rank 1 of 2: token 43/);
      assert.match(readFileSync(join(logDir, 'rank-1.log'), 'utf8'), /rank 1 done/);
      const combined = readFileSync(join(logDir, 'output.log'), 'utf8');
      assert.match(combined, /^\[0\] rank 0 of 2: token 43$/m);
      assert.match(combined, /^\[1\] rank 1 of 2: token 43$/m);
      const tokens = await lines.ready;
      assert.deepEqual(tokens.map((l) => l.rank).sort(), [0, 1]);
    });

    it('passes arguments, paths with spaces and per-rank environments literally', async () => {
      const dir = join(tempDir('mlops-args-'), 'a folder; $(id)');
      mkdirSync(dir);
      const program = join(dir, "print 'args'.js");
      copyFileSync(join(FIXTURES, 'args.js'), program);
      const tricky = ['a b', "it's", '"q"', 'x;echo no', '$(id)', '`id`', '*', ''];
      const d = deps();
      const job = await launchLocal(
        { kind: 'mpi', np: 2, mpi: flavor, program: process.execPath, args: [program, ...tricky], cwd: dir, env: { MLOPS_ALL: 'every rank' }, rankEnv: [{ MLOPS_RANK_TAG: 'zero' }, { MLOPS_RANK_TAG: 'one two' }] },
        { cwd: tmpdir() },
        d,
      );
      const final = await job.done;
      assert.equal(final.state, 'COMPLETED', readFileSync(join(final.logDir!, 'output.log'), 'utf8'));
      for (const [rank, tag] of [[0, 'zero'], [1, 'one two']] as const) {
        const printed = JSON.parse(readFileSync(join(final.logDir!, `rank-${rank}.log`), 'utf8')) as { rank: number; argv: string[]; cwd: string; tag: string; all: string };
        assert.deepEqual(printed, { rank, argv: tricky, cwd: dir, tag, all: 'every rank' });
      }
    });

    it('reports a failing rank as FAILED with its exit code', async () => {
      const d = deps();
      const job = await launchLocal({ kind: 'mpi', np: 2, mpi: flavor, program: process.execPath, args: [join(FIXTURES, 'args.js')], env: { MLOPS_FAIL_RANK: '1' } }, { cwd: tmpdir() }, d);
      const final = await job.done;
      assert.equal(final.state, 'FAILED');
      assert.ok(final.exitCode !== undefined && final.exitCode !== 0, `exit code ${String(final.exitCode)}`);
      assert.match(final.reason ?? '', /exit code/);
    });

    it('cancel kills the whole tree, ranks that ignore SIGTERM and their children included', async () => {
      const d = deps();
      const lines = waitForLines(/^ready \d+ \d+$/, 2);
      const job = await launchLocal({ kind: 'mpi', np: 2, mpi: flavor, program: process.execPath, args: [join(FIXTURES, 'stubborn.js')] }, { cwd: tmpdir(), onLine: lines.onLine }, d);
      const ready = await lines.ready;
      const pids = ready.flatMap((l) => l.text.split(' ').slice(1).map(Number));
      assert.equal(pids.length, 4);
      for (const pid of pids) assert.ok(procInfo(pid) !== undefined, `process ${pid} runs before the cancel`);
      // Another store object on the same folder: what `mlops job cancel` in another process does.
      const other = new JobStore(d.store.dir);
      const cancelled = await cancelLocal(other, other.get(job.record.id)!, 300);
      assert.equal(cancelled.state, 'CANCELLED');
      const final = await job.done;
      assert.equal(final.state, 'CANCELLED');
      const launcher = final.local!.pid;
      const left = processTable().filter((p) => (pids.includes(p.pid) || p.sid === launcher) && !isZombie(p.pid));
      assert.deepEqual(left, [], 'no process of the job is left');
    });
  });
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

describe('MPI detection', () => {
  it('finds both MPIs and what plain mpiexec is', { skip: mpiSkipReason('mpich') ?? mpiSkipReason('openmpi') }, async () => {
    const found = await detectMpis({ run });
    assert.deepEqual(new Set(found.filter((m) => m.command !== 'mpiexec').map((m) => `${m.command}=${m.flavor}`)), new Set(['mpiexec.mpich=mpich', 'mpiexec.openmpi=openmpi']));
    const plain = found.find((m) => m.command === 'mpiexec');
    assert.ok(plain !== undefined && ['mpich', 'openmpi'].includes(plain.flavor));
    assert.ok(found.every((m) => /^\d+\.\d+/.test(m.version)), JSON.stringify(found));
  });

  it('names what to install when no MPI is on PATH, and records no job', async () => {
    const d = { ...deps(), env: { ...process.env, PATH: tempDir('mlops-empty-path-') } };
    await assert.rejects(launchLocal({ kind: 'mpi', np: 2, program: 'true' }, { cwd: tmpdir() }, d), /No MPI was found.*apt-get install mpich or openmpi-bin/s);
    await assert.rejects(launchLocal({ kind: 'mpi', np: 2, mpi: 'mpich', program: 'true' }, { cwd: tmpdir() }, d), /No MPI was found/);
    assert.deepEqual(d.store.list(), []);
  });

  it('a plain process that is not installed fails with a message naming it', async () => {
    const d = deps();
    await assert.rejects(launchLocal({ kind: 'process', program: 'no-such-program-mlops' }, { cwd: tmpdir() }, d), /no-such-program-mlops was not found on PATH/);
    assert.equal(d.store.list()[0]?.state, 'FAILED');
  });
});
